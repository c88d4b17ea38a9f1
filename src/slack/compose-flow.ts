/** Compose view: what may be sent on one channel of one contact, decided by the policy core. */
import type { ModalView } from '@slack/types';
import { channelKey, displayName } from '../contacts/model.js';
import { channelStatusAt, templatesFor } from '../followup/index.js';
import { MESSAGE_TAG_USES, type Template, type WindowStatus, ruleFor } from '../policy/index.js';
import { type SlackServices, canSend, isSandbox } from './services.js';
import type { ComposeMeta } from './view-state.js';
import { type ComposeModalState, buildComposeModalView, findTemplateByOptionValue } from './views/compose-modal.js';
import { buildMessageModalView } from './views/notice-modal.js';

import type { ComposeMode } from './views/compose-modal.js';
export type { ComposeMode };

export function modeFor(status: WindowStatus): ComposeMode {
  if (status.allowed.includes('text')) return 'text';
  if (status.allowed.includes('template')) return 'template';
  if (status.allowed.includes('tag')) return 'tag';
  return 'closed';
}

/** What the agent typed or picked so far, as read from the view (readComposeModalState). */
export type ComposeDraft = Partial<ComposeModalState>;

export async function loadComposeContext(meta: ComposeMeta, s: SlackServices) {
  const contact = await s.store.contacts.get(meta.contactId);
  const channel = contact?.channels.find((c) => channelKey(c) === meta.channelKey);
  if (!contact || !channel) return null;
  const now = s.clock();
  const rule = ruleFor(channel.type, s.settings.rules);
  const { status } = await channelStatusAt(channel, now, { store: s.store, rules: s.settings.rules });
  // Only a channel whose rule falls back to templates (WhatsApp) has any to offer.
  const offersTemplates = rule.afterWindow === 'template' || rule.neverInbound === 'template';
  const templates = offersTemplates ? await templatesFor(contact, channel.channelId, s.store) : [];
  return { contact, channel, rule, status, templates, now };
}

export function findTemplate(templates: Template[], optionValue: string | undefined): Template | undefined {
  return findTemplateByOptionValue(templates, optionValue);
}

export async function renderCompose(
  meta: ComposeMeta,
  s: SlackServices,
  userId: string,
  draft: ComposeDraft = {},
  notice?: string,
): Promise<ModalView> {
  const ctx = await loadComposeContext(meta, s);
  if (!ctx) return buildMessageModalView('Follow up', 'This contact or channel no longer exists.');
  const { contact, channel, rule, status, templates, now } = ctx;
  const allowedToSend = canSend(s, userId);
  const mode: ComposeMode = allowedToSend ? modeFor(status) : 'closed';
  const selectedTemplate = findTemplate(templates, draft.templateValue);
  return buildComposeModalView({
    contact,
    channel,
    status,
    mode,
    rule,
    templates,
    ...(selectedTemplate ? { selectedTemplate } : {}),
    variableValues: draft.variables ?? {},
    tags: rule.afterWindowTags.map((tag) => ({ tag, description: MESSAGE_TAG_USES[tag] ?? 'Message tag' })),
    ...(draft.tagValue ? { selectedTag: draft.tagValue } : {}),
    ...(draft.text !== undefined ? { draftText: draft.text } : {}),
    sandbox: isSandbox(s, channel),
    privateMetadata: JSON.stringify(meta),
    ...(notice
      ? { notice }
      : allowedToSend
        ? {}
        : { notice: `You are not allowed to send follow-ups (your team limits it). Ask an admin, or assign ${displayName(contact)} to someone who can.` }),
    now,
  });
}
