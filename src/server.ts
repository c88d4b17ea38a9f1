/**
 * Composition root: config → store → search index → transports → use cases → Slack app + HTTP routes →
 * notifications. `startFollowup` is what `npm start` runs and what the end-to-end tests start in-process
 * (with their own clock and port 0).
 */
import type { Server } from 'node:http';
import { LogLevel, type Logger } from '@slack/bolt';
import { WebClient, type WebAPICallResult } from '@slack/web-api';
import { type Config, ConfigError, loadConfig } from './config.js';
import { AddressBook } from './contacts/address-book.js';
import type { ContactIndex } from './contacts/index.js';
import { loadSearchIndex } from './contacts/load-index.js';
import { type FollowupDeps, OutboxWorker, createFollowupUseCases, readStoredCounts } from './followup/index.js';
import { ingestPayload } from './ingest/index.js';
import { applyProviderEvents } from './ingest/provider-events.js';
import { buildWebhookRoutes } from './http/webhooks.js';
import { templateSchema } from './policy/index.js';
import type { InboundWebhook, ProviderDeps } from './transports/provider.js';
import { PROVIDERS } from './transports/registry.js';
import { Notifier, WindowSchedule } from './notify/index.js';
import { buildRoutes } from './http/routes.js';
import { type SlackApp, type SlackAppOptions, createSlackApp } from './slack/app.js';
import { SlackNoticeSink } from './slack/notifications/index.js';
import type { SlackServices } from './slack/services.js';
import { type Store, openStore } from './store/index.js';
import { SandboxTransport } from './transports/sandbox/index.js';
import { TransportRegistry } from './transports/transport.js';

export interface FollowupOptions {
  env?: Record<string, string | undefined>;
  clock?: () => Date;
  /** Tick interval of the notification schedule (ms). */
  notifyIntervalMs?: number;
  /** Tests shorten the pause between two notification posts in one channel. */
  notifyPaceMs?: number;
  /** Tick interval of the outbox retry worker (ms). */
  outboxIntervalMs?: number;
  logLevel?: LogLevel;
  /** Tests shorten the receiver's waits: Bolt's unacknowledged-request timeout, Socket Mode's reconnect pause. */
  slackReceiver?: Pick<SlackAppOptions, 'unhandledRequestTimeoutMillis' | 'socketModePingTimeoutMillis'>;
  /** Pause before the first auth.test retry, doubled up to `slackRetryMaxMs` (defaults 1 s and 30 s). */
  slackRetryMs?: number;
  slackRetryMaxMs?: number;
}

export interface RunningFollowup {
  port: number;
  config: Config;
  store: Store;
  index: ContactIndex;
  notifier: Notifier | null;
  stop(): Promise<void>;
}

const LOG_LEVELS: Record<string, LogLevel> = {
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
};

/** Slack's Web API as /healthz reports it. */
type SlackReach = 'ok' | 'unreachable' | 'refused';

interface SlackLink {
  reach(): SlackReach;
  stop(): void;
}

/** One auth.test attempt gets this long (a black-holed address would otherwise hang start-up). */
const AUTH_TEST_TIMEOUT_MS = 5_000;

/** Why a call did not reach Slack, in a few words: `ECONNREFUSED`, `HTTP 404`, `invalid_auth`. */
function slackFailure(err: unknown): { reach: Exclude<SlackReach, 'ok'>; reason: string } {
  const e = err as {
    code?: string;
    message?: string;
    data?: { error?: string };
    statusCode?: number;
    original?: { message?: string; cause?: { code?: string } };
  };
  if (e.code === 'slack_webapi_platform_error') return { reach: 'refused', reason: e.data?.error ?? 'error' };
  const reason = e.statusCode
    ? `HTTP ${e.statusCode}`
    : (e.original?.cause?.code ?? e.original?.message ?? String(e.message));
  return { reach: 'unreachable', reason };
}

/**
 * auth.test until Slack answers. The first attempt runs before the port opens: a refused token stops
 * start-up as before. If Slack is not reachable, start-up goes on (/healthz says so, Slack requests are
 * answered that Slack is not reachable yet) and auth.test is retried with backoff, one log line per new reason.
 */
async function connectToSlack(
  slack: SlackApp,
  env: Config['env'],
  logger: Logger,
  opts: FollowupOptions,
): Promise<SlackLink> {
  const apiUrl = env.SLACK_API_URL ?? 'https://slack.com/api/';
  const probe = new WebClient(env.SLACK_BOT_TOKEN, {
    slackApiUrl: apiUrl,
    retryConfig: { retries: 0 },
    timeout: AUTH_TEST_TIMEOUT_MS,
    logLevel: LogLevel.ERROR,
  });
  const check = env.SLACK_API_URL
    ? `check SLACK_API_URL (${apiUrl}) and that this host can reach it`
    : 'check that this host can reach slack.com over HTTPS (proxy, firewall, DNS)';
  let reach: SlackReach = 'unreachable';
  let lastReason = '';
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let pause = opts.slackRetryMs ?? 1_000;

  /** null once Slack answered, else what went wrong. */
  const attempt = async (): Promise<unknown> => {
    try {
      const auth = await probe.auth.test();
      slack.connected({ teamId: auth.team_id, botId: auth.bot_id, botUserId: auth.user_id });
      if (lastReason) {
        logger.info(`Slack's Web API answers again at ${apiUrl} (team ${auth.team_id}): serving Slack requests`);
      }
      reach = 'ok';
      return null;
    } catch (err) {
      return err;
    }
  };
  const report = (err: unknown) => {
    const failure = slackFailure(err);
    reach = failure.reach;
    if (failure.reason === lastReason) return;
    lastReason = failure.reason;
    const what =
      failure.reach === 'refused'
        ? `refused SLACK_BOT_TOKEN (${failure.reason})`
        : `is not reachable (${failure.reason})`;
    const meanwhile = `retrying, /healthz says "slack": "${reach}" until then`;
    logger.error(`Slack's Web API at ${apiUrl}auth.test ${what}: ${check}; ${meanwhile}`);
  };
  const retry = () => {
    timer = setTimeout(async () => {
      const err = stopped ? null : await attempt();
      if (err === null || stopped) return;
      report(err);
      retry();
    }, pause);
    pause = Math.min(pause * 2, opts.slackRetryMaxMs ?? 30_000);
  };

  const first = await attempt();
  if (first !== null) {
    // A token Slack refuses does not start working by waiting: start-up stops (main.ts says what to do).
    if (slackFailure(first).reach === 'refused') throw first;
    report(first);
    retry();
  }
  return {
    reach: () => reach,
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

interface Channels {
  transports: TransportRegistry;
  webhooks: InboundWebhook[];
  templateSources: Array<{ name: string; sync: () => Promise<Array<Record<string, unknown>>> }>;
}

function channelsFor(config: Config, sandbox: SandboxTransport, deps: ProviderDeps): Channels {
  const transports = new TransportRegistry(sandbox);
  const webhooks: InboundWebhook[] = [];
  const templateSources: Channels['templateSources'] = [];
  config.file.channels.forEach((account, i) => {
    const where = `FOLLOWUP_CONFIG channels[${i}] (${account.type}${account.id ? `:${account.id}` : ''})`;
    if (account.transport === 'sandbox') {
      transports.register(account.type, account.id, sandbox);
      return;
    }
    // The config's transport enum is derived from the registry, so every name here has a provider.
    const provider = PROVIDERS[account.transport];
    if (!provider.serves.includes(account.type)) {
      throw new ConfigError(
        `${where}: transport "${account.transport}" serves ${provider.serves.join(', ')}, not ${account.type}`,
      );
    }
    let channel: ReturnType<typeof provider.factory>;
    try {
      channel = provider.factory(
        { type: account.type, id: account.id, name: account.name, options: account.options },
        deps,
      );
    } catch (err) {
      throw new ConfigError(`${where}: ${(err as Error).message}`);
    }
    transports.register(account.type, account.id, channel.transport);
    if (channel.webhook) webhooks.push(channel.webhook);
    if (channel.syncTemplates)
      templateSources.push({ name: `${account.type}:${account.id ?? 'default'}`, sync: channel.syncTemplates });
  });
  return { transports, webhooks, templateSources };
}

export async function startFollowup(opts: FollowupOptions = {}): Promise<RunningFollowup> {
  const config = loadConfig(opts.env ?? process.env);
  const clock = opts.clock ?? (() => new Date());
  const rules = config.file.policy;
  const providerLogger = { info: console.log, warn: console.warn, error: console.error };
  const { transports, webhooks, templateSources } = channelsFor(config, new SandboxTransport(), {
    fetch,
    now: clock,
    logger: providerLogger,
  });

  // One writer per SQLite file: a second server (or an import) refuses with one line naming this one.
  const store = await openStore(config.env.STORE_URL, {
    access: 'write',
    holder: { kind: 'server' },
    log: console.warn,
  });
  let slackLink: SlackLink | null = null;
  try {
    for (const t of config.file.templates) await store.templates.upsert(t);

    const addresses = new AddressBook();
    const index = await loadSearchIndex(store, { rules, now: clock(), each: (contact) => addresses.upsert(contact) });
    store.contacts.onChange((c) => {
      index.upsert(c);
      addresses.upsert(c);
    });
    store.contacts.onDelete((id) => {
      index.remove(id);
      addresses.remove(id);
    });

    const followupDeps: FollowupDeps = {
      store,
      transports,
      settings: { rules, closingLogic: config.file.closing.logic },
    };
    const services: SlackServices = {
      followup: createFollowupUseCases({ ...followupDeps, index }),
      permissions: config.file.permissions,
      pageSize: config.file.search.pageSize,
      clock,
    };

    const routes = [
      ...buildRoutes({
        ingestToken: config.env.INGEST_TOKEN,
        ingest: (body, contentType) => ingestPayload(store, body, contentType, { now: clock, rules }),
        health: async () => ({
          ok: slackLink?.reach() === 'ok',
          slack: slackLink?.reach() ?? 'unreachable',
          contacts: index.size,
          store: store.url.replace(/\/\/.*@/, '//***@'),
        }),
      }),
      ...buildWebhookRoutes(webhooks, {
        apply: async (events, statuses) => {
          const results = await applyProviderEvents(store, addresses, events, statuses, clock(), rules);
          for (const r of results)
            if (r.status === 'rejected') providerLogger.warn(`Webhook event ${r.id ?? r.index} rejected: ${r.reason}`);
        },
        logger: providerLogger,
      }),
    ];

    const slack = createSlackApp(
      {
        botToken: config.env.SLACK_BOT_TOKEN,
        signingSecret: config.env.SLACK_SIGNING_SECRET,
        ...(config.env.SLACK_APP_TOKEN ? { appToken: config.env.SLACK_APP_TOKEN } : {}),
        ...(config.env.SLACK_API_URL ? { slackApiUrl: config.env.SLACK_API_URL } : {}),
        ...(config.file.teamId ? { teamId: config.file.teamId } : {}),
        port: config.env.PORT,
        customRoutes: routes,
        logLevel: opts.logLevel ?? LOG_LEVELS[config.env.LOG_LEVEL] ?? LogLevel.INFO,
        ...opts.slackReceiver,
      },
      services,
    );
    const { app } = slack;
    await app.init();
    slackLink = await connectToSlack(slack, config.env, app.logger, opts);

    let notifier: Notifier | null = null;
    if (config.notifyChannel) {
      const schedule = new WindowSchedule({
        kv: store.namespace('schedule'),
        leadMinutes: config.leadMinutes,
        rules,
        watch: config.file.notifications.watch,
      });
      const restored = await schedule.load(clock());
      store.contacts.onChange(
        (c) =>
          void schedule.rearm(c, clock()).catch((err) => app.logger.error('Re-arming a window schedule failed', err)),
      );
      notifier = new Notifier({
        schedule,
        clock,
        rules,
        loadContact: (id) => store.contacts.get(id),
        loadContacts: (ids) => store.contacts.getMany(ids),
        windowInput: async (_contact, channel, at) => {
          const { chatbotInitiatedThisMonth } = await readStoredCounts(channel, at, store.counters);
          return { chatbotInitiatedThisMonth };
        },
        sink: new SlackNoticeSink({
          client: slack.client,
          channel: config.notifyChannel,
          loadContacts: (ids) => store.contacts.getMany(ids),
          dmAssignee: config.file.notifications.dmAssignee,
          logger: app.logger,
          ...(opts.notifyPaceMs !== undefined ? { paceMs: opts.notifyPaceMs } : {}),
        }),
        onError: (err, context) => app.logger.error(`Notifications: ${context}`, err),
      });
      // First start with notifications on: arm every contact once. Later starts restore the stored schedule,
      // which every store write keeps current, so start-up stays independent of the number of contacts.
      const meta = store.namespace('schedule_meta');
      if (restored.rows === 0 && !(await meta.get('armed'))) {
        for await (const contact of store.contacts.loadAll()) await schedule.rearm(contact, clock());
        await meta.set('armed', clock().toISOString());
      }
      notifier.start(opts.notifyIntervalMs ?? 30_000);
    } else {
      app.logger.info(
        'Window notifications are off: set NOTIFY_CHANNEL (or notifications.channel in the config file) to a channel id to turn them on.',
      );
    }

    // Follow-ups a provider did not take yet are retried from the store, also after a restart.
    const outbox = new OutboxWorker(followupDeps, clock, (err) => app.logger.error('Outbox retry failed', err));
    outbox.start(opts.outboxIntervalMs ?? 15_000);

    // Providers that own templates (WhatsApp) keep the store's list current.
    const syncTemplates = async () => {
      for (const source of templateSources) {
        try {
          for (const t of await source.sync()) {
            const parsed = templateSchema.safeParse(t);
            if (parsed.success) await store.templates.upsert(parsed.data);
          }
        } catch (err) {
          app.logger.warn(`Template sync from ${source.name} failed (kept the last list)`, (err as Error).message);
        }
      }
    };
    const templateTimer = templateSources.length ? setInterval(() => void syncTemplates(), 3_600_000) : null;
    templateTimer?.unref();
    void syncTemplates();

    const started = (await app.start(config.env.PORT)) as unknown;
    const address = (started as Server | undefined)?.address?.();
    const port = typeof address === 'object' && address ? address.port : config.env.PORT;
    store.updateLock({ port });
    app.logger.info(
      `Followup is listening on port ${port} (${config.env.SLACK_APP_TOKEN ? 'Socket Mode' : 'HTTP'}; store ${store.url})`,
    );

    const link = slackLink;
    const httpServer = started as Server | undefined;
    const deadlineMs = config.env.SHUTDOWN_DEADLINE_MS;
    const finishInFlight = async () => {
      // Stop taking requests first (Bolt closes the server once in-flight ones finish), then background work.
      const serverClosed = app.stop().catch(() => undefined);
      await notifier?.stop();
      await outbox.stop();
      await serverClosed;
      for (const t of transports.all()) await t.close?.();
    };
    let stopping: Promise<void> | null = null;
    return {
      port,
      config,
      store,
      index,
      notifier,
      stop: () =>
        (stopping ??= (async () => {
          link.stop();
          if (templateTimer) clearInterval(templateTimer);
          let deadline: NodeJS.Timeout | undefined;
          const finished = await Promise.race([
            finishInFlight().then(
              () => true,
              () => true,
            ),
            new Promise<false>((resolve) => (deadline = setTimeout(() => resolve(false), deadlineMs))),
          ]);
          clearTimeout(deadline);
          if (!finished) {
            // A slow upload or a hung provider call must not keep the process (and the store's lock) forever.
            // What those requests stored so far stays; they were not acknowledged, so the sender retries.
            app.logger.warn(`Shutdown: cut off the requests still open after SHUTDOWN_DEADLINE_MS=${deadlineMs}`);
            httpServer?.closeAllConnections?.();
          }
          await store.close();
        })()),
    };
  } catch (err) {
    slackLink?.stop();
    await store.close().catch(() => undefined);
    throw err;
  }
}
