/** `followup status CONTACT_ID`: every channel's window at the given time, in plain words. */
import { displayName } from '../contacts/model.js';
import { NO_ADDRESS_BADGE, lacksAddress, windowStatusFor } from '../followup/index.js';
import { describeReason } from '../policy/index.js';
import { type CommandContext, withStore } from './context.js';
import { relativeTime, stateEndsAt, terminalSafe, terminalSafeJson } from './format.js';
import { UsageError } from './usage.js';

export async function statusCommand(
  positionals: string[],
  options: { json?: boolean | undefined },
  ctx: CommandContext,
): Promise<number> {
  const [contactId, ...extra] = positionals;
  if (!contactId) throw new UsageError('status needs a CONTACT_ID.');
  if (extra.length > 0) throw new UsageError(`status takes one CONTACT_ID; got also: ${extra.join(' ')}`);
  const now = ctx.now();

  const rules = ctx.rules();
  const found = await withStore(ctx, async (store) => {
    const contact = await store.contacts.get(contactId);
    return contact ? { contact, statuses: await windowStatusFor(contact, now, { store, rules }) } : undefined;
  });
  if (!found) {
    ctx.io.stderr.write(`followup: no contact with id "${terminalSafe(contactId)}".\n`);
    return 1;
  }
  const { contact, statuses } = found;

  if (options.json) {
    const channels = statuses.map(({ key, channel, status }) => ({
      key,
      type: channel.type,
      address: channel.address ?? null,
      lastInboundAt: channel.lastInboundAt,
      state: status.state,
      windowClosesAt: status.windowClosesAt?.toISOString() ?? null,
      changesAt: status.changesAt?.toISOString() ?? null,
      messagesLeft: status.messagesLeft,
      allowed: status.allowed,
      humanOnly: status.humanOnly,
      billable: status.billable,
      reason: status.reason,
      explanation: describeReason(status.reason),
    }));
    const out = {
      id: contact.id,
      name: displayName(contact),
      status: contact.status,
      assignee: contact.assignee,
      at: now.toISOString(),
      channels,
    };
    ctx.io.stdout.write(`${terminalSafeJson(out)}\n`);
    return 0;
  }

  // Names, ids, addresses and channel keys come from customers and bridges: each is made terminal-safe.
  const assigned = contact.assignee ? `assigned to ${terminalSafe(contact.assignee)}` : 'unassigned';
  const lines = [
    `${terminalSafe(displayName(contact))} (${terminalSafe(contact.id)}) · ${contact.status} · ${assigned}`,
    `at ${now.toISOString()}`,
  ];
  if (statuses.length === 0) lines.push('', 'No channels.');
  for (const { key, channel, status } of statuses) {
    const words = describeReason(status.reason);
    const ends = stateEndsAt(status);
    const address = channel.address ? ` (${terminalSafe(channel.address)})` : '';
    lines.push('', `${terminalSafe(key)}${address}: ${lacksAddress(status) ? NO_ADDRESS_BADGE : status.state}`);
    const lastInbound = channel.lastInboundAt;
    const lastInboundText = lastInbound ? `${lastInbound} (${relativeTime(new Date(lastInbound), now)})` : 'never';
    lines.push(`  last inbound:  ${lastInboundText}`);
    if (ends) {
      const label = status.state === 'closed' ? 'changes at:' : 'closes at: ';
      lines.push(`  ${label}    ${ends.toISOString()} (${relativeTime(ends, now)})`);
    }
    if (status.windowClosesAt && ends && status.windowClosesAt.getTime() !== ends.getTime()) {
      lines.push(
        `  window ends:   ${status.windowClosesAt.toISOString()} (${relativeTime(status.windowClosesAt, now)})`,
      );
    }
    if (status.messagesLeft !== null) lines.push(`  messages left: ${status.messagesLeft}`);
    const allowed = status.allowed.length ? status.allowed.join(', ') : 'nothing';
    const humanOnly = status.humanOnly ? ' (written by a person, HUMAN_AGENT tag)' : '';
    lines.push(`  may send now:  ${allowed}${humanOnly}${status.billable ? ' (billable)' : ''}`);
    lines.push(`  why:           ${terminalSafe(words.summary)}`); // an unknown reason code is shown as it came
    if (words.reopensWhen) lines.push(`                 ${words.reopensWhen}`);
  }
  ctx.io.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
