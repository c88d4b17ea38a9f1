/**
 * Composition root: config → store → search index → transports → use cases → Slack app + HTTP routes →
 * notifications. `startFollowup` is what `npm start` runs and what the end-to-end tests start in-process
 * (with their own clock and port 0).
 */
import type { Server } from 'node:http';
import { LogLevel, type Logger } from '@slack/bolt';
import { ConsoleLogger } from '@slack/logger';
import { WebClient } from '@slack/web-api';
import { type Config, ConfigError, loadConfig } from './config.js';
import { AddressBook } from './contacts/address-book.js';
import type { ContactIndex } from './contacts/index.js';
import type { Contact } from './contacts/model.js';
import { loadSearchIndex } from './contacts/load-index.js';
import {
  type FollowupDeps,
  OutboxWorker,
  createAgentPreferences,
  createFollowupUseCases,
  readStoredCounts,
} from './followup/index.js';
import { ingestPayload } from './ingest/index.js';
import { applyProviderEvents } from './ingest/provider-events.js';
import { healthReport } from './http/health.js';
import { FollowupMetrics } from './http/metrics.js';
import { buildWebhookRoutes } from './http/webhooks.js';
import { templateSchema } from './policy/index.js';
import type { InboundWebhook, ProviderDeps } from './transports/provider.js';
import { PROVIDERS } from './transports/registry.js';
import { LeaderDuties, type LeaderDuty, Notifier, ScheduleKeeper, WindowSchedule } from './notify/index.js';
import { buildRoutes } from './http/routes.js';
import { buildSearchRoute } from './http/search-route.js';
import { answerSearchRequest } from './followup/search-request.js';
import { type SlackApp, type SlackAppOptions, createSlackApp } from './slack/app.js';
import { SlackNoticeSink } from './slack/notifications/index.js';
import type { SlackServices } from './slack/services.js';
import {
  type OpenStoreOptions,
  type Store,
  StoreReachability,
  StoreUnavailableError,
  openStore,
} from './store/index.js';
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
  /** How often a follower tries to lead the fleet's workers, and the leader checks its hold (default 5 s). */
  leaderRetryMs?: number;
  /** A notice claim left in doubt by a crash is looked up in Slack once this old (ms, default 15 s). */
  notifyInDoubtMs?: number;
  /** Pause between two attempts to open a store that cannot be reached at start-up (default 3 s). */
  storeRetryMs?: number;
}

export interface RunningFollowup {
  port: number;
  config: Config;
  store: Store;
  index: ContactIndex;
  notifier: Notifier | null;
  outbox: OutboxWorker;
  /** Whether this replica runs the fleet's workers (notifier, outbox retries, template sync) now. */
  isLeader(): boolean;
  /** Resolves once the leadership changes seen so far are applied (workers started or stopped). */
  workersSettled(): Promise<void>;
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

/** A promise settled from outside (Promise.withResolvers needs Node 22); its rejection alone is not unhandled. */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

/**
 * The store, waited for when it cannot be reached at start-up (a database still starting, a network not up
 * yet): one log line per attempt, a few seconds apart, instead of exiting. Anything else stops start-up.
 */
async function openStoreWhenReachable(url: string, opts: OpenStoreOptions, retryMs: number): Promise<Store> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await openStore(url, opts);
    } catch (err) {
      if (!(err instanceof StoreUnavailableError)) throw err;
      console.warn(
        `${err.message}: check that the database runs and STORE_URL points at it; ` +
          `trying again in ${retryMs / 1000} s (attempt ${attempt})`,
      );
      await new Promise((resolve) => setTimeout(resolve, retryMs));
    }
  }
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
  const store = await openStoreWhenReachable(
    config.env.STORE_URL,
    { access: 'write', holder: { kind: 'server' }, log: console.warn },
    opts.storeRetryMs ?? 3_000,
  );
  let slackLink: SlackLink | null = null;
  let leaderDuties: LeaderDuties | null = null;
  // Awaited by the leader's start, which begins before they exist; a failed start-up rejects them.
  const contactsRead = deferred<void>();
  const notifierBuilt = deferred<Notifier>();
  try {
    for (const t of config.file.templates) await store.templates.upsert(t);

    // Bolt's own kind of logger, made here and handed to the Slack app: work begins before the app exists
    // (see the leader's duties) and logs the same way.
    const logLevel = opts.logLevel ?? LOG_LEVELS[config.env.LOG_LEVEL] ?? LogLevel.INFO;
    const logger = new ConsoleLogger();
    logger.setName('bolt-app');
    logger.setLevel(logLevel);
    const notificationError = (err: unknown, context: string) => logger.error(`Notifications: ${context}`, err);
    const schedule = config.notifyChannel
      ? new WindowSchedule({
          kv: store.namespace('schedule'),
          leadMinutes: config.leadMinutes,
          rules,
          watch: config.file.notifications.watch,
        })
      : null;
    // Only the leader arms the schedule; every replica tells the keeper what changed, for a takeover.
    const keeper = schedule
      ? new ScheduleKeeper({
          schedule,
          meta: store.namespace('schedule_meta'),
          contacts: store.contacts,
          withLock: (key, fn) => store.withLock(key, fn),
          clock,
          onError: notificationError,
        })
      : null;

    // Every replica keeps its search index and address book current from every write, its own and (on
    // PostgreSQL) other replicas': subscribe, let the change feed start, then load, so no write falls in
    // between. What is heard during the load is applied after it (it is at least as new as what was read).
    const addresses = new AddressBook();
    let liveIndex: ContactIndex | null = null;
    const heardDuringLoad = new Map<string, Contact | null>();
    /** One contact written (or, with null, deleted): the index and the address book follow it. */
    const follow = (into: ContactIndex, id: string, contact: Contact | null) => {
      if (contact) {
        into.upsert(contact);
        addresses.upsert(contact);
      } else {
        into.remove(id);
        addresses.remove(id);
      }
    };
    const heard = (id: string, contact: Contact | null) => {
      if (liveIndex) follow(liveIndex, id, contact);
      else heardDuringLoad.set(id, contact);
    };
    store.contacts.onChange((c) => {
      keeper?.seen(c);
      heard(c.id, c);
    });
    store.contacts.onDelete((id) => heard(id, null));
    await store.changesCaughtUp();
    await keeper?.start();
    const followupDeps: FollowupDeps = {
      store,
      transports,
      settings: { rules, closingLogic: config.file.closing.logic },
    };

    // The fleet's once-only work runs on the leader of 'workers' (always this process on SQLite): the
    // notifier, outbox retries and template sync start when it leads and stop when it no longer does. It
    // begins before the contacts load, so that a new leader reads the stored schedule while the index loads
    // (each takes seconds at a million contacts); the notifier posts once the Slack app exists.
    const workers = store.leadership('workers', opts.leaderRetryMs ? { retryMs: opts.leaderRetryMs } : {});
    const duties: LeaderDuty[] = [];
    if (schedule && keeper) {
      // Taking over loads the stored schedule and re-arms what changed since the last leader's mark; the
      // first leader of a store arms every contact once, later starts stay independent of their number.
      duties.push({
        name: 'the window notifications',
        start: async () => {
          await keeper.lead(contactsRead.promise);
          (await notifierBuilt.promise).start(opts.notifyIntervalMs ?? 30_000);
        },
        stop: async () => {
          await (await notifierBuilt.promise).stop();
          await keeper.follow();
        },
      });
    }

    // Follow-ups a provider did not take yet are retried from the store, also after a restart.
    const outbox = new OutboxWorker(followupDeps, clock, (err) => logger.error('Outbox retry failed', err));
    duties.push({
      name: 'the outbox retries',
      start: () => outbox.start(opts.outboxIntervalMs ?? 15_000),
      stop: () => outbox.stop(),
    });

    // Providers that own templates (WhatsApp) keep the store's list current.
    const syncTemplates = async () => {
      for (const source of templateSources) {
        try {
          for (const t of await source.sync()) {
            const parsed = templateSchema.safeParse(t);
            if (parsed.success) await store.templates.upsert(parsed.data);
          }
        } catch (err) {
          logger.warn(`Template sync from ${source.name} failed (kept the last list)`, (err as Error).message);
        }
      }
    };
    let templateTimer: NodeJS.Timeout | null = null;
    if (templateSources.length) {
      duties.push({
        name: 'the template sync',
        start: () => {
          templateTimer = setInterval(() => void syncTemplates(), 3_600_000);
          templateTimer.unref();
          void syncTemplates();
        },
        stop: () => {
          if (templateTimer) clearInterval(templateTimer);
          templateTimer = null;
        },
      });
    }
    const fleetWork = new LeaderDuties(workers, duties, {
      log: { info: (line) => logger.info(line), error: (line, err) => logger.error(line, err) },
    });
    leaderDuties = fleetWork;
    // startFollowup resolves after the leader's start, which runs meanwhile: /followup needs only the index.
    const leading = fleetWork.begin();
    // Awaited below; until then a failure must not count as unhandled (e.g. when the port cannot be opened).
    leading.catch(() => undefined);

    const index = await loadSearchIndex(store, {
      rules,
      now: clock(),
      each: (contact) => {
        addresses.load(contact);
        keeper?.loaded(contact);
      },
    });
    for (const [id, contact] of heardDuringLoad) follow(index, id, contact);
    liveIndex = index;
    contactsRead.resolve();

    const services: SlackServices = {
      followup: createFollowupUseCases({ ...followupDeps, index }),
      permissions: config.file.permissions,
      pageSize: config.file.search.pageSize,
      clock,
      preferences: createAgentPreferences(store),
      notificationLanguage: config.file.notifications.language,
    };

    // Operability: one store check and one metrics registry per running app (tests run several in a process).
    const reachability = new StoreReachability(store);
    const metrics = new FollowupMetrics({
      now: clock,
      indexSize: () => index.size,
      isLeader: () => workers.isLeader(),
      storeUp: async () => (await reachability.check()).ok,
      outbox: async () => {
        const queued = await store.outbox.list({ status: 'queued' }); // oldest first
        return { queued: queued.length, oldestQueuedAt: queued[0] ? new Date(queued[0].createdAt) : null };
      },
      oldestDueNotice: () => (workers.isLeader() ? (schedule?.oldestDueAt(clock()) ?? null) : null),
    });

    const routes = [
      ...buildRoutes({
        ingestToken: config.env.INGEST_TOKEN,
        ingest: async (body, contentType) => {
          const outcome = await ingestPayload(store, body, contentType, { now: clock, rules });
          metrics.countIngest('api_events', outcome.results);
          return outcome;
        },
        health: () =>
          healthReport({
            slack: () => slackLink?.reach() ?? 'unreachable',
            store: () => reachability.check(),
            isLeader: () => workers.isLeader(),
            contacts: () => index.size,
            storeUrl: store.url,
          }),
        isStoreOutage: (err) => reachability.isOutage(err),
        startTimer: metrics.startTimer,
      }),
      ...buildWebhookRoutes(webhooks, {
        apply: async (events, statuses) => {
          const results = await applyProviderEvents(store, addresses, events, statuses, clock(), rules);
          metrics.countIngest('webhook', results);
          for (const r of results)
            if (r.status === 'rejected') providerLogger.warn(`Webhook event ${r.id ?? r.index} rejected: ${r.reason}`);
        },
        logger: providerLogger,
        isStoreOutage: (err) => reachability.isOutage(err),
        startTimer: metrics.startTimer,
      }),
      // `followup search` beside this server asks its index rather than reading every stored contact.
      buildSearchRoute({
        ingestToken: config.env.INGEST_TOKEN,
        search: (params) => answerSearchRequest(params, clock(), { index, store, rules }),
        isStoreOutage: (err) => reachability.isOutage(err),
      }),
      metrics.route(),
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
        logger,
        logLevel,
        store: reachability,
        observeRequest: (surface, seconds) => metrics.observeRequest(surface, seconds),
        ...opts.slackReceiver,
      },
      services,
    );
    const { app } = slack;
    await app.init();
    slackLink = await connectToSlack(slack, config.env, logger, opts);

    let notifier: Notifier | null = null;
    if (schedule && keeper && config.notifyChannel) {
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
          language: services.notificationLanguage,
          agents: services,
          logger,
          ...(opts.notifyPaceMs !== undefined ? { paceMs: opts.notifyPaceMs } : {}),
        }),
        onError: notificationError,
        guardClaim: (claim) => keeper.fence(claim),
        ...(opts.notifyInDoubtMs !== undefined ? { inDoubtAfterMs: opts.notifyInDoubtMs } : {}),
      });
      notifierBuilt.resolve(notifier);
    } else {
      logger.info(
        'Window notifications are off: set NOTIFY_CHANNEL (or notifications.channel in the config file) ' +
          'to a channel id to turn them on.',
      );
    }
    const started = (await app.start(config.env.PORT)) as unknown;
    const address = (started as Server | undefined)?.address?.();
    const port = typeof address === 'object' && address ? address.port : config.env.PORT;
    store.updateLock({ port });
    logger.info(
      `Followup is listening on port ${port} ` +
        `(${config.env.SLACK_APP_TOKEN ? 'Socket Mode' : 'HTTP'}; store ${store.url})`,
    );
    await leading;

    const link = slackLink;
    const httpServer = started as Server | undefined;
    const deadlineMs = config.env.SHUTDOWN_DEADLINE_MS;
    let backgroundEnded: Promise<void> | null = null;
    const endBackground = () => (backgroundEnded ??= fleetWork.end().catch(() => undefined));
    const finishInFlight = async () => {
      // Stop taking requests first (Bolt closes the server once in-flight ones finish), then background work.
      const serverClosed = app.stop().catch(() => undefined);
      await endBackground();
      await keeper?.stop();
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
      outbox,
      isLeader: () => fleetWork.role() === 'leader',
      workersSettled: () => fleetWork.settled(),
      stop: () =>
        (stopping ??= (async () => {
          link.stop();
          keeper?.halt();
          const background = endBackground();
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
            logger.warn(`Shutdown: cut off the requests still open after SHUTDOWN_DEADLINE_MS=${deadlineMs}`);
            httpServer?.closeAllConnections?.();
          }
          // The workers never outlive the store: they stop promptly once halted, so this wait is short.
          await Promise.race([background, new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
          await store.close();
        })()),
    };
  } catch (err) {
    contactsRead.reject(err);
    notifierBuilt.reject(err);
    slackLink?.stop();
    await leaderDuties?.end().catch(() => undefined);
    await store.close().catch(() => undefined);
    throw err;
  }
}
