/**
 * The store could not be reached (the database is down, the network is cut, the pool could not connect in
 * time). Callers answer "try again" instead of failing the request as a bug: Slack gets an ephemeral line,
 * `/api/events` a 503, `/healthz` "not ok" with this message. The message is one line and never names the
 * password.
 */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
  constructor(
    /** The store's URL as shown (password redacted). */
    readonly storeUrl: string,
    /** What went wrong, in a few words: "connection refused", "connection timed out after 3 s". */
    readonly reason: string,
  ) {
    super(`Followup cannot reach its store (${storeUrl}): ${reason}`);
  }
}
