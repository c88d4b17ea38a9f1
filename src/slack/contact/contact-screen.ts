/** Contact view: a contact's details and every channel's window, rendered for one agent in their language. */
import type { ModalView } from '@slack/types';
import type { Translator } from '../i18n/index.js';
import { type SlackServices, canSend } from '../services.js';
import { buildMessageModalView } from '../shared/notice-modal.js';
import { buildContactModalView } from './contact-modal.js';
import { encodeContactMeta } from './contact-state.js';

export async function renderContact(
  t: Translator,
  contactId: string,
  s: SlackServices,
  userId: string,
): Promise<ModalView> {
  const now = s.clock();
  const detail = await s.followup.contactDetail(contactId, now);
  if (!detail) return buildMessageModalView(t, t.t('contact.notFoundTitle'), t.t('contact.notFound'));
  return buildContactModalView(t, {
    contact: detail.contact,
    channels: detail.channels,
    viewerId: userId,
    canSend: canSend(s, userId),
    privateMetadata: encodeContactMeta(contactId),
    now,
  });
}
