/**
 * `views.open`, `views.push`, `views.update` and `views.publish`, sent and answered at the cost of what
 * Followup uses of them. @slack/web-api copies every call's arguments and every answer key by key (two regexes
 * per key) to redact tokens from debug lines it builds even with debug logging off, then serialises the
 * copies. A view is the largest thing Followup sends, and Slack answers each of these calls with the whole view
 * again; for a 10 kB results view those copies were about a third of a Slack call's CPU time, and a sixth of
 * what the app allocated, on every search (bench slack). So:
 *   - the view goes out as the JSON text Slack reads (what web-api makes of an object, on the same form field);
 *   - the client's fetch (`slackFetch`, through `trimViewAnswer`) keeps of Slack's answer only the view's id
 *     and hash: all that Followup reads of it (`ViewAnswer`), so no caller can miss the rest.
 */
import type { HomeView, ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';

type ViewsClient = Pick<WebClient, 'apiCall'>;

/** What Followup reads of Slack's answer to a views call. */
export interface ViewAnswer {
  ok?: boolean;
  error?: string;
  view?: { id?: string; hash?: string };
}

const call = (client: ViewsClient, method: string, args: Record<string, unknown>, view: ModalView | HomeView) =>
  client.apiCall(method, { ...args, view: JSON.stringify(view) }) as Promise<ViewAnswer>;

export function openView(client: ViewsClient, { view, ...args }: { trigger_id: string; view: ModalView }) {
  return call(client, 'views.open', args, view);
}

export function pushView(client: ViewsClient, { view, ...args }: { trigger_id: string; view: ModalView }) {
  return call(client, 'views.push', args, view);
}

/** With `hash`, Slack refuses the update (`hash_conflict`) when the view changed since that hash was read. */
export function updateView(
  client: ViewsClient,
  { view, ...args }: { view_id: string; hash?: string; view: ModalView },
) {
  return call(client, 'views.update', args, view);
}

export function publishView(client: ViewsClient, { view, ...args }: { user_id: string; view: HomeView }) {
  return call(client, 'views.publish', args, view);
}

const VIEW_METHOD = /\/views\.(open|push|update|publish)$/;

/**
 * Slack's answer `text` to a call of `url`, the echoed view cut to its id and hash when it is a views call
 * answered with a JSON object holding a view; any other answer as it came.
 */
export function trimViewAnswer(url: string, contentType: string | null, text: string): string {
  if (!VIEW_METHOD.test(url) || !contentType?.includes('json')) return text;
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch {
    return text;
  }
  const view = (answer as { view?: unknown } | null)?.view;
  if (view === null || typeof view !== 'object') return text;
  const { id, hash } = view as { id?: unknown; hash?: unknown };
  return JSON.stringify({ ...(answer as object), view: { id, hash } });
}
