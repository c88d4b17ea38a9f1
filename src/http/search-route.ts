/**
 * `GET /api/search`: one contact search answered from this server's own index (issue 8). `followup search`
 * asks it when this server holds the store: reading and checking every stored record per call cannot answer
 * within a second at 100k contacts, the server's index answers in milliseconds. Guarded by the same bearer
 * token as `POST /api/events` (the answer shows customers' names, emails and phones).
 *
 * Status codes: 200 with `{ total, nextCursor, results: [{ contact, statuses }] }`; 400 with a one-line reason
 * for a query it cannot search; 401 for a missing or wrong token; 503 while INGEST_TOKEN is unset or the store
 * cannot be reached.
 */
import type { CustomRoute } from '@slack/bolt';
import { requireBearer, send } from './routes.js';

/** What the search gives for one request's parameters: the page as JSON, or why the query cannot be searched. */
export type SearchAnswer = { page: unknown } | { problem: string };

export interface SearchRouteDeps {
  ingestToken: string | undefined;
  search(params: URLSearchParams): Promise<SearchAnswer>;
  /** Whether a failure means the store cannot be reached (answered 503). */
  isStoreOutage?: (error: unknown) => boolean;
}

export function buildSearchRoute(deps: SearchRouteDeps): CustomRoute {
  return {
    path: '/api/search',
    method: ['GET'],
    handler: (req, res) => {
      void (async () => {
        if (!requireBearer(req, res, deps.ingestToken, { feature: 'Search', route: 'GET /api/search' })) return;
        try {
          const answer = await deps.search(new URL(req.url ?? '/', 'http://localhost').searchParams);
          if ('problem' in answer) send(res, 400, { ok: false, error: answer.problem });
          else send(res, 200, answer.page);
        } catch (err) {
          const outage = deps.isStoreOutage?.(err) ?? false;
          const reason = String((err as Error)?.message ?? err).split('\n')[0];
          const error = `${outage ? '' : 'Search failed: '}${reason}. Try again in a minute.`;
          send(res, outage ? 503 : 500, { ok: false, error });
        }
      })();
    },
  };
}
