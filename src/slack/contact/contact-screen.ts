/** Contact view: a contact's details and every channel's window, rendered for one agent. */
import type { ModalView } from '@slack/types';
import { type SlackServices, canSend } from '../services.js';
import { buildMessageModalView } from '../shared/notice-modal.js';
import { buildContactModalView } from './contact-modal.js';
import { encodeContactMeta } from './contact-state.js';

export async function renderContact(contactId: string, s: SlackServices, userId: string): Promise<ModalView> {
  const now = s.clock();
  const detail = await s.followup.contactDetail(contactId, now);
  if (!detail) {
    const gone = 'This contact no longer exists (it may have been merged or deleted).';
    return buildMessageModalView('Contact not found', gone);
  }
  return buildContactModalView({
    contact: detail.contact,
    channels: detail.channels,
    viewerId: userId,
    canSend: canSend(s, userId),
    privateMetadata: encodeContactMeta(contactId),
    now,
  });
}
