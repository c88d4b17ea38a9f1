/** Compose view: what may be sent on one channel of one contact, decided by the policy core. */
import type { ModalView } from '@slack/types';
import { displayName } from '../../contacts/model.js';
import type { WindowStatus } from '../../policy/index.js';
import type { Translator } from '../i18n/index.js';
import { type SlackServices, canSend } from '../services.js';
import type { ViewStateValues } from '../shared/blocks.js';
import { escapeMrkdwn } from '../shared/mrkdwn.js';
import { buildMessageModalView } from '../shared/notice-modal.js';
import { type ComposeMode, buildComposeModalView, findTemplateByOptionValue, tagUse } from './compose-modal.js';
import { type ComposeMeta, type ComposeModalState, readComposeModalState } from './compose-state.js';

/** Modes in the order the policy's allowed kinds are preferred; none allowed is `closed`. */
const MODE_PREFERENCE = ['text', 'template', 'tag'] as const;

export function modeFor(status: WindowStatus): ComposeMode {
  return MODE_PREFERENCE.find((kind) => status.allowed.includes(kind)) ?? 'closed';
}

/** What the agent typed or picked so far, as read from the view (readComposeModalState). */
export type ComposeDraft = Partial<ComposeModalState>;

/** Everything the agent has typed or picked so far: re-rendering must never lose it. */
export function draftFromView(view: { state?: { values?: unknown } } | undefined): ComposeDraft {
  return readComposeModalState(view?.state?.values as ViewStateValues | undefined);
}

/**
 * The compose view for `userId`, in `t`'s language, keeping `draft`. `notice` is mrkdwn shown first as a
 * warning, already escaped where it holds customer data.
 */
export async function renderCompose(
  t: Translator,
  meta: ComposeMeta,
  s: SlackServices,
  userId: string,
  draft: ComposeDraft = {},
  notice?: string,
): Promise<ModalView> {
  const now = s.clock();
  const ctx = await s.followup.composeContext(meta.contactId, meta.channelKey, now);
  if (!ctx) return buildMessageModalView(t, t.t('compose.title'), t.t('compose.gone'));
  const { contact, channel, rule, status, templates, sandbox } = ctx;
  const allowedToSend = canSend(s, userId);
  const mode: ComposeMode = allowedToSend ? modeFor(status) : 'closed';
  const selectedTemplate = findTemplateByOptionValue(templates, draft.templateValue);
  const notAllowed = t.t('compose.notAllowedNotice', { name: escapeMrkdwn(displayName(contact)) });
  const shownNotice = notice || (allowedToSend ? undefined : notAllowed);
  return buildComposeModalView(t, {
    contact,
    channel,
    status,
    mode,
    rule,
    templates,
    ...(selectedTemplate ? { selectedTemplate } : {}),
    variableValues: draft.variables ?? {},
    tags: rule.afterWindowTags.map((tag) => ({ tag, description: tagUse(t, tag) })),
    ...(draft.tagValue ? { selectedTag: draft.tagValue } : {}),
    ...(draft.text !== undefined ? { draftText: draft.text } : {}),
    sandbox,
    privateMetadata: JSON.stringify(meta),
    ...(shownNotice ? { notice: shownNotice } : {}),
    now,
  });
}
