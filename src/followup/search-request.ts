/**
 * The contact search asked of a running server (`GET /api/search`, issue 8): `followup search` beside a server
 * asks its index instead of reading every stored contact per call. The parameters mirror the CLI's options;
 * the CLI writes them and the server reads them here, so the two cannot drift apart. The answer is the
 * server's SearchPage as JSON (dates as ISO strings).
 */
import { InvalidCursorError } from '../contacts/index.js';
import { isoTime } from '../contacts/model.js';
import { type SearchQuery, describeQueryTextProblem, queryTextProblem, searchQuerySchema } from '../contacts/query.js';
import { CHANNEL_TYPES, WINDOW_STATES } from '../policy/index.js';
import { type SearchPage, searchContacts } from './search.js';

/** Each parameter and the query field it fills; `at` (the instant windows are evaluated at) stands apart. */
const QUERY_FIELD_OF = {
  text: 'text',
  inbox: 'inbox',
  agent: 'agentId',
  status: 'status',
  channel: 'channel',
  window: 'windowState',
  limit: 'limit',
  cursor: 'cursor',
} as const satisfies Record<string, keyof SearchQuery>;

type QueryParameter = keyof typeof QUERY_FIELD_OF;

export const SEARCH_PARAMETERS: readonly string[] = [...Object.keys(QUERY_FIELD_OF), 'at'];

/**
 * The values each enum parameter takes (GET /api/search and `followup search` alike), named in the answer to a
 * wrong one (zod's union message says "Invalid input") and in the CLI's help.
 */
export const SEARCH_CHOICES = {
  inbox: ['all', 'mine'],
  status: ['closed', 'open', 'any'],
  channel: CHANNEL_TYPES,
  window: [...WINDOW_STATES, 'closing_soon'],
} as const satisfies Partial<Record<QueryParameter, readonly string[]>>;

const CHOICES: Partial<Record<QueryParameter, readonly string[]>> = SEARCH_CHOICES;

const PARAMETER_OF = Object.fromEntries(Object.entries(QUERY_FIELD_OF).map(([param, field]) => [field, param]));

const QUOTED_MAX = 40;
const quoted = (value: string) => JSON.stringify(value.length > QUOTED_MAX ? `${value.slice(0, QUOTED_MAX)}…` : value);

/** The query string that asks for `query` with windows evaluated at `at`. */
export function searchRequestParams(query: SearchQuery, at: Date): URLSearchParams {
  const params = new URLSearchParams();
  for (const [param, field] of Object.entries(QUERY_FIELD_OF)) {
    const value = query[field];
    if (value !== undefined && value !== '') params.set(param, String(value));
  }
  params.set('at', at.toISOString());
  return params;
}

export interface SearchRequest {
  query: SearchQuery;
  /** null: evaluate at the server's clock. */
  at: Date | null;
}

/** The request in `params`, or one line saying which parameter is wrong and what it takes. */
export function readSearchRequest(params: URLSearchParams): SearchRequest | { problem: string } {
  const raw: Record<string, string | number> = {};
  for (const param of new Set(params.keys())) {
    if (!SEARCH_PARAMETERS.includes(param))
      return { problem: `Unknown parameter ${quoted(param)}: use ${SEARCH_PARAMETERS.join(', ')}.` };
    const values = params.getAll(param);
    if (values.length > 1) return { problem: `Parameter "${param}" is given ${values.length} times: give it once.` };
    if (param === 'at') continue;
    const value = values[0]!;
    const choices = CHOICES[param as QueryParameter];
    if (choices && !choices.includes(value))
      return { problem: `${param} ${quoted(value)} is not one of: ${choices.join(', ')}.` };
    if (param === 'limit' && !/^\d+$/.test(value))
      return { problem: `limit ${quoted(value)} is not a whole number: give 1 to 100.` };
    raw[QUERY_FIELD_OF[param as QueryParameter]] = param === 'limit' ? Number(value) : value;
  }
  const atText = params.get('at');
  if (atText !== null && !isoTime.safeParse(atText).success)
    return { problem: `at ${quoted(atText)} is not an ISO 8601 instant: give e.g. 2026-11-20T12:00:00Z.` };

  const parsed = searchQuerySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { problem: `${PARAMETER_OF[String(issue.path[0])] ?? String(issue.path[0])}: ${issue.message}` };
  }
  if (parsed.data.inbox === 'mine' && !parsed.data.agentId)
    return { problem: 'inbox=mine needs agent=USER_ID (whose inbox).' };
  const text = parsed.data.text;
  const textProblem = queryTextProblem(text);
  if (textProblem) return { problem: describeQueryTextProblem(text, textProblem) };
  return { query: parsed.data, at: atText === null ? null : new Date(atText) };
}

export type SearchRequestDeps = Parameters<typeof searchContacts>[2];

/**
 * Answers the request in `params` from this process's index: the page, or a problem with the request (a wrong
 * parameter, a cursor this index did not give). `now` is the clock's, used when the request names no `at`.
 */
export async function answerSearchRequest(
  params: URLSearchParams,
  now: Date,
  deps: SearchRequestDeps,
): Promise<{ page: SearchPage } | { problem: string }> {
  const request = readSearchRequest(params);
  if ('problem' in request) return request;
  try {
    return { page: await searchContacts(request.query, request.at ?? now, deps) };
  } catch (error) {
    if (error instanceof InvalidCursorError) return { problem: error.message };
    throw error;
  }
}
