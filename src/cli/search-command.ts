/**
 * `followup search`: one query at the given time, answered by the running server that holds the store when
 * there is one (server-search.ts), else by a search index built from the store for this query.
 */
import { couldMatch, loadSearchIndex } from '../contacts/load-index.js';
import { displayName } from '../contacts/model.js';
import { type SearchQuery, describeQueryTextProblem, queryTextProblem, searchQuerySchema } from '../contacts/query.js';
import { type ContactWithStatus, type SearchPage, searchContacts } from '../followup/index.js';
import { type CommandContext, withStore } from './context.js';
import { channelSummary, table, terminalSafe, terminalSafeJson } from './format.js';
import { searchOnRunningServer } from './server-search.js';
import { SEARCH_CHOICES, type SearchChoice, UsageError, invalidChoice } from './usage.js';

export interface SearchOptions {
  inbox?: string | undefined;
  agent?: string | undefined;
  status?: string | undefined;
  channel?: string | undefined;
  window?: string | undefined;
  limit?: string | undefined;
  cursor?: string | undefined;
  json?: boolean | undefined;
}

function buildQuery(words: string[], o: SearchOptions): SearchQuery {
  // A wrong enum value is answered with the values it takes (zod would name the query field, not the flag).
  for (const option of Object.keys(SEARCH_CHOICES) as SearchChoice[]) {
    const given = o[option];
    const valid: readonly string[] = SEARCH_CHOICES[option];
    if (given !== undefined && !valid.includes(given)) throw invalidChoice(option, given);
  }
  const raw = {
    text: words.join(' '),
    ...(o.inbox !== undefined ? { inbox: o.inbox } : {}),
    ...(o.agent !== undefined ? { agentId: o.agent } : {}),
    ...(o.status !== undefined ? { status: o.status } : {}),
    ...(o.channel !== undefined ? { channel: o.channel } : {}),
    ...(o.window !== undefined ? { windowState: o.window } : {}),
    ...(o.limit !== undefined ? { limit: Number(o.limit) } : {}),
    ...(o.cursor !== undefined ? { cursor: o.cursor } : {}),
  };
  const parsed = searchQuerySchema.safeParse(raw);
  if (!parsed.success) {
    // Name the flag, not the query field.
    const flags: Record<string, string> = { agentId: 'agent', windowState: 'window', text: 'QUERY' };
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[0] ?? '');
    throw new UsageError(`--${flags[field] ?? field}: ${issue.message}`);
  }
  if (parsed.data.inbox === 'mine' && !parsed.data.agentId)
    throw new UsageError('--inbox mine needs --agent USER_ID (whose inbox).');
  return parsed.data;
}

/** The page from the running server's index when one holds the store and answers; else from the store. */
async function searchPage(query: SearchQuery, now: Date, ctx: CommandContext): Promise<SearchPage> {
  const asked = await searchOnRunningServer(ctx.storeUrl, query, now, ctx.io.env);
  if (asked.kind === 'answered') {
    const { pid, port } = asked.server;
    ctx.io.stderr.write(`store: ${asked.storeUrl} (answered by the running server: pid ${pid}, port ${port})\n`);
    return asked.page;
  }
  if (asked.reason) ctx.io.stderr.write(`followup: searched locally: ${terminalSafe(asked.reason)}\n`);
  // The window states are the server's: its policy overrides, read from the same config file.
  const rules = ctx.rules();
  return withStore(ctx, async (store) => {
    const index = await loadSearchIndex(store, { now, only: couldMatch(query), warm: false, rules });
    return searchContacts(query, now, { index, store, rules });
  });
}

function jsonContact({ contact, statuses }: ContactWithStatus) {
  return {
    id: contact.id,
    name: displayName(contact),
    email: contact.email,
    phone: contact.phone,
    status: contact.status,
    assignee: contact.assignee,
    lastActivityAt: contact.lastActivityAt,
    channels: statuses.map((s) => ({
      key: s.key,
      type: s.channel.type,
      address: s.channel.address ?? null,
      state: s.status.state,
      reason: s.status.reason,
      allowed: s.status.allowed,
      windowClosesAt: s.status.windowClosesAt?.toISOString() ?? null,
      changesAt: s.status.changesAt?.toISOString() ?? null,
      messagesLeft: s.status.messagesLeft,
    })),
  };
}

export async function searchCommand(words: string[], options: SearchOptions, ctx: CommandContext): Promise<number> {
  const query = buildQuery(words, options);
  // Text with nothing to search for would list everyone; too few digits would miss every phone.
  const problem = queryTextProblem(query.text ?? '');
  if (problem) {
    ctx.io.stderr.write(`followup: ${terminalSafe(describeQueryTextProblem(query.text ?? '', problem))}\n`);
    return 2;
  }
  const now = ctx.now();
  const page = await searchPage(query, now, ctx);

  if (options.json) {
    const out = { total: page.total, nextCursor: page.nextCursor, contacts: page.results.map(jsonContact) };
    ctx.io.stdout.write(`${terminalSafeJson(out)}\n`);
    return 0;
  }
  if (page.results.length === 0) {
    ctx.io.stdout.write(`No contacts match (0 of ${page.total}).\n`);
    return 0;
  }
  const rows = page.results.map(({ contact, statuses }) => [
    displayName(contact),
    contact.email,
    contact.phone,
    contact.status,
    contact.assignee ?? '—',
    statuses.map((s) => channelSummary(s, now)).join(', ') || '—',
  ]);
  ctx.io.stdout.write(`${table(['NAME', 'EMAIL', 'PHONE', 'STATUS', 'ASSIGNEE', 'CHANNELS'], rows)}\n`);
  ctx.io.stdout.write(
    `${page.results.length} of ${page.total}${page.nextCursor ? ` (next page: --cursor ${page.nextCursor})` : ''}\n`,
  );
  return 0;
}
