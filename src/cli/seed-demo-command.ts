/** `followup seed-demo`: fills the store with realistic demo contacts so a new install shows something. */
import { generateDemoEvents, isAgentAssignment } from '../demo/demo-events.js';
import { type IngestResult, applyEvents } from '../ingest/index.js';
import { type CommandContext, withStore } from './context.js';
import { terminalSafe } from './format.js';
import { UsageError } from './usage.js';

interface SeedTally {
  newContacts: number;
  presentContacts: number;
  /** Demo contacts given to the agents of `--agent` by this run. */
  assigned: number;
  events: Record<IngestResult['status'], number>;
}

function tallySeed(events: Array<Record<string, unknown>>, results: IngestResult[]): SeedTally {
  const tally: SeedTally = {
    newContacts: 0,
    presentContacts: 0,
    assigned: 0,
    events: { accepted: 0, duplicate: 0, rejected: 0 },
  };
  for (const r of results) {
    tally.events[r.status]++;
    const event = events[r.index]!;
    if (event.type === 'contact.upserted' && r.status !== 'rejected') {
      if (r.status === 'accepted') tally.newContacts++;
      else tally.presentContacts++;
    }
    if (isAgentAssignment(event) && r.status === 'accepted') tally.assigned++;
  }
  return tally;
}

/** What the run did, in words: a second run says plainly that nothing new happened. */
function seedReport(t: SeedTally, agents: string[], now: Date): string[] {
  const windows = `windows in every state as of ${now.toISOString()}`;
  const contacts =
    t.newContacts === 0 && t.presentContacts > 0
      ? `Demo data already present: ${t.presentContacts} contacts ${t.assigned ? '' : 'unchanged '}(0 new).`
      : t.presentContacts > 0
        ? `Demo data: ${t.newContacts} new contacts, ${windows}; ${t.presentContacts} were already present.`
        : `Demo data: ${t.newContacts} contacts over all ten channels, ${windows}.`;
  const among = agents.join(', ');
  const assignment =
    agents.length === 0
      ? 'Tip: pass --agent YOUR_SLACK_USER_ID to see demo contacts in your Mine inbox.'
      : t.assigned > 0
        ? `Assigned ${t.assigned} demo contacts among ${among}: their Mine inbox is populated.`
        : `Demo contacts already assigned among ${among}.`;
  const { accepted, duplicate, rejected } = t.events;
  return [contacts, `accepted ${accepted}, duplicate ${duplicate}, rejected ${rejected}`, assignment];
}

export async function seedDemoCommand(
  values: { count?: string | undefined; agent?: string[] | undefined },
  ctx: CommandContext,
): Promise<number> {
  const count = values.count === undefined ? 300 : Number(values.count);
  if (!Number.isInteger(count) || count < 1 || count > 100_000)
    throw new UsageError(`--count must be a whole number from 1 to 100000, not "${values.count}".`);
  const agents = values.agent ?? [];
  for (const a of agents)
    if (!/^[UW][A-Z0-9]{2,}$/.test(a))
      throw new UsageError(`--agent takes a Slack user id such as U024BE7LH, not "${a}".`);
  const now = ctx.now();
  const events = generateDemoEvents({ now, count, agents });
  return withStore(
    ctx,
    async (store) => {
      const results = await applyEvents(store, events);
      ctx.io.stdout.write(`${seedReport(tallySeed(events, results), agents, now).join('\n')}\n`);
      const rejected = results.filter((r) => r.status === 'rejected').slice(0, 5);
      for (const r of rejected)
        ctx.io.stderr.write(`  rejected #${r.index}: ${terminalSafe(r.reason ?? 'rejected')}\n`);
      return rejected.length ? 1 : 0;
    },
    { access: 'write', command: 'followup seed-demo' },
  );
}
