/** Contact view: a contact's details and every channel's window, rendered for one agent. */
import type { ModalView } from '@slack/types';
import { windowStatusFor } from '../followup/index.js';
import { type SlackServices, canSend, isSandbox } from './services.js';
import { buildContactModalView } from './views/contact-modal.js';
import { buildMessageModalView } from './views/notice-modal.js';

export async function renderContact(contactId: string, s: SlackServices, userId: string): Promise<ModalView> {
  const contact = await s.store.contacts.get(contactId);
  if (!contact) return buildMessageModalView('Contact not found', 'This contact no longer exists (it may have been merged or deleted).');
  const now = s.clock();
  const statuses = await windowStatusFor(contact, now, { store: s.store, rules: s.settings.rules });
  return buildContactModalView({
    contact,
    channels: statuses.map(({ channel, status }) => ({ channel, status, sandbox: isSandbox(s, channel) })),
    viewerId: userId,
    canSend: canSend(s, userId),
    privateMetadata: JSON.stringify({ k: 'contact', contactId }),
    now,
  });
}
