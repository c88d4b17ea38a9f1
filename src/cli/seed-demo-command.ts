/** `followup seed-demo`: fills the store with realistic demo contacts so a new install shows something. */
import { generateDemoEvents } from '../demo/demo-events.js';
import { applyEvents } from '../ingest/index.js';
import { type CommandContext, withStore } from './context.js';
import { UsageError } from './usage.js';

export async function seedDemoCommand(values: { count?: string | undefined; agent?: string[] | undefined }, ctx: CommandContext): Promise<number> {
  const count = values.count === undefined ? 300 : Number(values.count);
  if (!Number.isInteger(count) || count < 1 || count > 100_000) throw new UsageError(`--count must be a whole number from 1 to 100000, not "${values.count}".`);
  const agents = values.agent ?? [];
  for (const a of agents) if (!/^[UW][A-Z0-9]{2,}$/.test(a)) throw new UsageError(`--agent takes a Slack user id such as U024BE7LH, not "${a}".`);
  const now = ctx.now();
  const events = generateDemoEvents({ now, count, agents });
  return withStore(ctx, async (store) => {
    const results = await applyEvents(store, events);
    const n = (s: string) => results.filter((r) => r.status === s).length;
    ctx.io.stdout.write(
      `Demo data: ${count} contacts over all ten channels, windows in every state as of ${now.toISOString()}.\n` +
        `accepted ${n('accepted')}, duplicate ${n('duplicate')}, rejected ${n('rejected')}\n` +
        (agents.length ? `Assigned among ${agents.join(', ')}: their Mine inbox is populated.\n` : 'Tip: pass --agent YOUR_SLACK_USER_ID to see demo contacts in your Mine inbox.\n'),
    );
    const rejected = results.filter((r) => r.status === 'rejected').slice(0, 5);
    for (const r of rejected) ctx.io.stderr.write(`  rejected #${r.index}: ${r.reason}\n`);
    return rejected.length ? 1 : 0;
  });
}
