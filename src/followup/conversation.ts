/** Closing and assigning conversations from Slack (and scripts), by the team's closing logic. */
import type { Contact } from '../contacts/model.js';
import { afterClose } from '../policy/index.js';
import type { FollowupDeps } from './ports.js';

export async function closeConversation(
  input: { contactId: string; by: string; now: Date },
  deps: Pick<FollowupDeps, 'store' | 'settings'>,
): Promise<Contact | undefined> {
  if (!(await deps.store.contacts.get(input.contactId))) return undefined;
  const stamp = input.now.toISOString();
  return deps.store.contacts.update(input.contactId, (c) => {
    const next = afterClose(
      { status: c.status, assignee: c.assignee, statusChangedAt: new Date(c.statusChangedAt) },
      deps.settings.closingLogic,
      input.now,
    );
    return {
      ...c,
      status: next.status,
      assignee: next.assignee,
      statusChangedAt: next.statusChangedAt.toISOString(),
      updatedAt: stamp,
    };
  });
}

export async function assignContact(
  input: { contactId: string; assignee: string | null; now: Date },
  deps: Pick<FollowupDeps, 'store'>,
): Promise<Contact | undefined> {
  if (!(await deps.store.contacts.get(input.contactId))) return undefined;
  return deps.store.contacts.update(input.contactId, (c) => ({
    ...c,
    assignee: input.assignee,
    updatedAt: input.now.toISOString(),
  }));
}
