/**
 * `followup search` beside a running server (issue 8): reading, parsing and checking 100k stored records
 * alone takes about a second, so when a server holds the SQLite store (its lock file names pid and port) and
 * INGEST_TOKEN is set, the query goes to that server's `GET /api/search`, which answers from its index. Any
 * failure to get a valid answer means searching locally, with the reason.
 */
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { z } from 'zod';
import { contactChannelSchema, contactSchema, isoTime } from '../contacts/model.js';
import type { SearchQuery } from '../contacts/query.js';
import type { SearchPage } from '../followup/index.js';
import { searchRequestParams } from '../followup/search-request.js';
import { CHANNEL_TYPES, type SendKind, WINDOW_STATES } from '../policy/index.js';
import { formatZodError, sqliteFileOf } from '../store/index.js';
import { holderSchema, isAlive, lockPathFor } from '../store/lock.js';

export const SERVER_SEARCH_TIMEOUT_MS = 2_000;

const SEND_KINDS = ['text', 'template', 'tag'] as const satisfies readonly SendKind[];

const instant = isoTime.transform((iso) => new Date(iso));

/** The server's SearchPage as JSON, with its dates revived. */
const searchAnswerSchema = z.object({
  total: z.number().int().nonnegative(),
  nextCursor: z.string().nullable(),
  results: z.array(
    z.object({
      contact: contactSchema,
      statuses: z.array(
        z.object({
          key: z.string(),
          channel: contactChannelSchema,
          status: z.object({
            channel: z.enum(CHANNEL_TYPES),
            state: z.enum(WINDOW_STATES),
            windowClosesAt: instant.nullable(),
            messagesLeft: z.number().nullable(),
            allowed: z.array(z.enum(SEND_KINDS)),
            reason: z.string(),
            changesAt: instant.nullable(),
            humanOnly: z.boolean(),
            billable: z.boolean(),
          }),
        }),
      ),
    }),
  ),
});

export interface RunningServer {
  pid: number;
  port: number;
}

export type ServerSearch =
  | { kind: 'answered'; storeUrl: string; server: RunningServer; page: SearchPage }
  /** `reason`: why the running server could not be asked; null when no server holds the store. */
  | { kind: 'local'; reason: string | null };

/** The live server on this host that holds the SQLite store at `storeUrl`, from its lock file; else null. */
function serverHolding(storeUrl: string): { file: string; pid: number; port: number | undefined } | null {
  if (!storeUrl.startsWith('sqlite://')) return null;
  try {
    const file = sqliteFileOf(storeUrl);
    const holder = holderSchema.safeParse(JSON.parse(readFileSync(lockPathFor(file), 'utf8')));
    if (!holder.success) return null;
    const { kind, host, pid, port } = holder.data;
    // A lock from another host names a process this one cannot see nor reach on 127.0.0.1.
    if (kind !== 'server' || host !== hostname() || !isAlive(pid)) return null;
    return { file, pid, port };
  } catch {
    // No lock file (no server), or one half written: the store is read directly, as without a server.
    return null;
  }
}

/** Why a request to the server failed, after "searched locally: the running server on port N …". */
function failureOf(error: unknown, timeoutMs: number): string {
  if ((error as Error)?.name === 'TimeoutError') return `did not answer within ${timeoutMs / 1000} s`;
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return `could not be reached (${cause?.code ?? cause?.message ?? (error as Error)?.message ?? String(error)})`;
}

/** The error line of a JSON answer such as `{ ok: false, error }`, if it has one. */
function errorOf(body: string): string | null {
  try {
    const error = (JSON.parse(body) as { error?: unknown })?.error;
    return typeof error === 'string' ? error : null;
  } catch {
    return null;
  }
}

/** What a status other than 200 means, after "the running server on port N …". */
function refusalOf(status: number, body: string): string {
  if (status === 401) return 'refused INGEST_TOKEN (401): set the token the server was started with';
  const error = errorOf(body);
  return `answered ${status}${error ? `: ${error}` : ''}`;
}

/**
 * Asks the server holding the store at `storeUrl` for the page `query` gives at `at`. `local` with a reason
 * when a server holds it but could not give a valid answer; `local` without one when none holds it.
 */
export async function searchOnRunningServer(
  storeUrl: string,
  query: SearchQuery,
  at: Date,
  env: Record<string, string | undefined>,
  timeoutMs = SERVER_SEARCH_TIMEOUT_MS,
): Promise<ServerSearch> {
  const holder = serverHolding(storeUrl);
  if (!holder) return { kind: 'local', reason: null };
  const { file, pid, port } = holder;
  if (port === undefined)
    return { kind: 'local', reason: `the running server (pid ${pid}) has not opened its port yet` };
  const server = `the running server on port ${port}`;
  const token = env.INGEST_TOKEN?.trim();
  if (!token) return { kind: 'local', reason: `INGEST_TOKEN is not set, so ${server} could not be asked` };

  let status: number;
  let body: string;
  try {
    const res = await fetch(`http://127.0.0.1:${port}/api/search?${searchRequestParams(query, at)}`, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(timeoutMs),
    });
    status = res.status;
    body = await res.text();
  } catch (error) {
    return { kind: 'local', reason: `${server} ${failureOf(error, timeoutMs)}` };
  }
  if (status !== 200) return { kind: 'local', reason: `${server} ${refusalOf(status, body)}` };
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { kind: 'local', reason: `${server} answered with something that is not JSON` };
  }
  const answer = searchAnswerSchema.safeParse(json);
  if (!answer.success) {
    return {
      kind: 'local',
      reason: `${server} gave an answer this followup cannot read (${formatZodError(answer.error, '', 1)})`,
    };
  }
  return { kind: 'answered', storeUrl: `sqlite://${file}`, server: { pid, port }, page: answer.data };
}
