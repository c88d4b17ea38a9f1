/** The WhatsApp templates an agent may pick for a contact: APPROVED, in the contact's language. */
import type { Contact } from '../contacts/model.js';
import { type Template, sameLanguage } from '../policy/index.js';
import type { FollowupStore } from './ports.js';

export async function templatesFor(
  contact: Contact,
  channelId: string | undefined,
  store: Pick<FollowupStore, 'templates'>,
): Promise<Template[]> {
  const all = await store.templates.list({ status: 'APPROVED' });
  return all
    .filter((t) => t.status === 'APPROVED')
    .filter((t) => !contact.language || sameLanguage(t.language, contact.language))
    .filter((t) => !t.channelId || !channelId || t.channelId === channelId)
    .sort((a, b) => a.name.localeCompare(b.name));
}
