/**
 * `GET /metrics` in Prometheus' text format (prom-client). One registry per running app: tests start several
 * apps in one process, and prom-client's global default registry would mix their numbers. Process metrics
 * describe the process, not an app: they have one registry of their own per process (processRegistry).
 *
 *   followup_request_duration_seconds{surface,provider}   histogram: each Slack surface, /api/events, each
 *                                                          webhook provider (surface="webhook")
 *   followup_ingest_events_total{source,result}           events accepted / duplicate / rejected
 *   followup_outbox_queued                                 follow-ups waiting in the outbox (fleet-wide)
 *   followup_outbox_oldest_queued_age_seconds              age of the oldest of them (0 when none)
 *   followup_notifier_lag_seconds                          now − due time of the oldest due, unposted notice
 *                                                          (0 when none is due or the notifier runs elsewhere)
 *   followup_index_contacts                                contacts in this replica's search index
 *   followup_replica_leader                                1 on the replica that runs the fleet's workers
 *   followup_store_up                                      1 while the store answers
 * plus prom-client's process metrics (memory, CPU, event loop lag). Gauges are read when scraped; one that
 * cannot be read (the store is down) shows NaN rather than a stale number.
 */
import type { CustomRoute } from '@slack/bolt';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Where a request came in. Slack's are named after Bolt's listener kinds. */
export type RequestSurface =
  | 'slash_command'
  | 'shortcut'
  | 'block_action'
  | 'view_submission'
  | 'view_closed'
  | 'options'
  | 'event'
  | 'api_events'
  | 'webhook';

export type IngestSource = 'api_events' | 'webhook';

/** Starts timing one request; the returned function stops it (at most once). */
export type RequestTimer = (surface: RequestSurface, provider?: string) => () => void;

export interface MetricsSources {
  now(): Date;
  indexSize(): number;
  isLeader(): boolean;
  storeUp(): Promise<boolean>;
  /** Queued follow-ups: how many, and when the oldest was queued. */
  outbox(): Promise<{ queued: number; oldestQueuedAt: Date | null }>;
  /** Due time of the oldest due notice not posted yet; null when none is due or the notifier runs elsewhere. */
  oldestDueNotice(): Date | null;
}

/** Slack's 3-second deadline and the webhooks' (providers retry after 5–20 s) fall on bucket edges. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10, 20];

const secondsSince = (now: Date, then: Date) => Math.max(0, (now.getTime() - then.getTime()) / 1000);

let processMetrics: Registry | undefined;

/**
 * prom-client's process metrics (memory, CPU, event loop lag, GC), collected once per process: each collector
 * starts an event-loop monitor and a GC observer that are never stopped, so one per app would pile up.
 */
function processRegistry(): Registry {
  if (!processMetrics) {
    processMetrics = new Registry();
    collectDefaultMetrics({ register: processMetrics });
  }
  return processMetrics;
}

export class FollowupMetrics {
  readonly registry = new Registry();
  private readonly latency: Histogram<'surface' | 'provider'>;
  private readonly ingested: Counter<'source' | 'result'>;

  constructor(sources: MetricsSources) {
    const registers = [this.registry];
    this.latency = new Histogram({
      name: 'followup_request_duration_seconds',
      help: 'Time from a request reaching Followup to its handling done, by surface (and webhook provider).',
      labelNames: ['surface', 'provider'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.ingested = new Counter({
      name: 'followup_ingest_events_total',
      help: 'Ingest events by source and result (accepted, duplicate, rejected).',
      labelNames: ['source', 'result'],
      registers,
    });
    // Read from the store when scraped, so every replica reports the fleet's outbox.
    // Both outbox gauges start collecting in the same tick of a scrape: they share one read.
    let outbox: Promise<{ queued: number; oldestQueuedAt: Date | null } | null> | null = null;
    const readOutbox = () =>
      (outbox ??= sources
        .outbox()
        .catch(() => null)
        .finally(() => {
          outbox = null;
        }));
    new Gauge({
      name: 'followup_outbox_queued',
      help: 'Follow-ups queued in the outbox (waiting for a retry), fleet-wide.',
      registers,
      async collect() {
        this.set((await readOutbox())?.queued ?? Number.NaN);
      },
    });
    new Gauge({
      name: 'followup_outbox_oldest_queued_age_seconds',
      help: 'Age of the oldest follow-up queued in the outbox (0 when none is queued).',
      registers,
      async collect() {
        const read = await readOutbox();
        const oldest = read?.oldestQueuedAt;
        this.set(read === null ? Number.NaN : oldest ? secondsSince(sources.now(), oldest) : 0);
      },
    });
    new Gauge({
      name: 'followup_notifier_lag_seconds',
      help: 'Now minus the due time of the oldest due notice not posted yet (0 when none, or not the leader).',
      registers,
      collect() {
        const due = sources.oldestDueNotice();
        this.set(due ? secondsSince(sources.now(), due) : 0);
      },
    });
    new Gauge({
      name: 'followup_index_contacts',
      help: "Contacts in this replica's search index.",
      registers,
      collect() {
        this.set(sources.indexSize());
      },
    });
    new Gauge({
      name: 'followup_replica_leader',
      help: "1 on the replica that runs the fleet's workers (notifications, outbox retries, template sync).",
      registers,
      collect() {
        this.set(sources.isLeader() ? 1 : 0);
      },
    });
    new Gauge({
      name: 'followup_store_up',
      help: 'Whether the store answers (1) or not (0).',
      registers,
      async collect() {
        this.set((await sources.storeUp()) ? 1 : 0);
      },
    });
  }

  readonly startTimer: RequestTimer = (surface, provider) => {
    const stop = this.latency.startTimer(provider ? { surface, provider } : { surface });
    let stopped = false;
    return () => {
      if (stopped) return;
      stopped = true;
      stop();
    };
  };

  observeRequest(surface: RequestSurface, seconds: number): void {
    this.latency.observe({ surface }, seconds);
  }

  countIngest(source: IngestSource, results: ReadonlyArray<{ status: 'accepted' | 'duplicate' | 'rejected' }>): void {
    const counts = { accepted: 0, duplicate: 0, rejected: 0 };
    for (const r of results) counts[r.status]++;
    for (const [result, n] of Object.entries(counts)) if (n > 0) this.ingested.inc({ source, result }, n);
  }

  route(): CustomRoute {
    return {
      path: '/metrics',
      method: ['GET'],
      handler: (_req, res) => {
        Promise.all([this.registry.metrics(), processRegistry().metrics()]).then(
          ([ofApp, ofProcess]) => {
            res.writeHead(200, { 'content-type': this.registry.contentType });
            res.end(ofApp + ofProcess);
          },
          (error: Error) => {
            res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
            res.end(`Metrics could not be collected: ${error.message}\n`);
          },
        );
      },
    };
  }
}
