/**
 * Bolt wiring: our receiver (receiver.ts: HTTP with every request checked before Bolt sees it, or Socket Mode
 * when an app-level token is set), the team guard, the store gate, and every screen folder's register().
 * /api/events, /healthz, /metrics and the webhooks ride on the same server as custom routes.
 */
import {
  type AllMiddlewareArgs,
  type AnyMiddlewareArgs,
  App,
  type CustomRoute,
  LogLevel,
  type Logger,
} from '@slack/bolt';
import type { ModalView } from '@slack/types';
import { WebClient } from '@slack/web-api';
import { register as registerCompose } from './compose/index.js';
import { register as registerContact } from './contact/index.js';
import { register as registerHome } from './home/index.js';
import { register as registerLanguage } from './language/index.js';
import { type Translator, english, lastKnownLanguage, translatorFor } from './i18n/index.js';
import { register as registerNotifications } from './notifications/index.js';
import { FollowupReceiver } from './receiver.js';
import { register as registerSearch } from './search/index.js';
import type { SlackServices } from './services.js';
import { buildMessageModalView } from './shared/notice-modal.js';
import { routedListeners } from './shared/listeners.js';
import { slackFetch } from './shared/slack-fetch.js';
import { openView, pushView, updateView } from './shared/views-api.js';

/** One folder per screen, each wiring its own listeners. */
const SCREENS = [
  registerSearch,
  registerContact,
  registerCompose,
  registerHome,
  registerLanguage,
  registerNotifications,
];

export interface SlackAppOptions {
  botToken: string;
  signingSecret: string;
  appToken?: string;
  slackApiUrl?: string;
  port: number;
  /** Only this workspace is served; requests from any other team are refused. */
  teamId?: string;
  customRoutes: CustomRoute[];
  logLevel?: LogLevel;
  logger?: Logger;
  /** Tests shorten Bolt's unacknowledged-request timeout; Slack's own deadline is 3 s. */
  unhandledRequestTimeoutMillis?: number;
  /** Tests shorten Socket Mode's pong timeout, which is also its pause before reconnecting (5 s). */
  socketModePingTimeoutMillis?: number;
  /** While the store cannot be reached, requests are answered STORE_DOWN instead of failing one by one. */
  store?: StoreGate;
  /** Told how long each request took, from reaching Bolt to its listeners done (the /metrics histogram). */
  observeRequest?: (surface: SlackSurface, seconds: number) => void;
}

/** The store as the Slack front door sees it (server.ts passes the store's StoreReachability). */
export interface StoreGate {
  /** Whether the store answers now (a very recent answer may be reused). */
  check(): Promise<{ ok: boolean }>;
  /** Whether `error` means the store cannot be reached (and remembers so for the next requests). */
  isOutage(error: unknown): boolean;
}

/**
 * What a person sees, whatever they did, while the store cannot be reached (in English here, for the logs; a
 * person gets it in their language).
 */
export const STORE_DOWN = english.t('app.storeDown');

export type SlackSurface =
  | 'slash_command'
  | 'shortcut'
  | 'block_action'
  | 'view_submission'
  | 'view_closed'
  | 'options'
  | 'event';

/** Bolt's `body.type` → the surface; a slash command has no type (it carries `command`). */
const SURFACE_BY_BODY_TYPE: Record<string, SlackSurface> = {
  event_callback: 'event',
  block_actions: 'block_action',
  interactive_message: 'block_action',
  view_submission: 'view_submission',
  view_closed: 'view_closed',
  shortcut: 'shortcut',
  message_action: 'shortcut',
  block_suggestion: 'options',
};

interface RequestBody {
  type?: unknown;
  command?: unknown;
  /** Who acted: `user_id` on a slash command, `user.id` on clicks, shortcuts and submissions. */
  user_id?: unknown;
  user?: { id?: unknown };
  trigger_id?: string;
  view?: { id?: string; hash?: string; type?: string; blocks?: Array<{ type?: string; block_id?: string }> };
}

function surfaceOf(body: RequestBody): SlackSurface | undefined {
  if (typeof body.command === 'string') return 'slash_command';
  return typeof body.type === 'string' ? SURFACE_BY_BODY_TYPE[body.type] : undefined;
}

type GateArgs = AnyMiddlewareArgs & AllMiddlewareArgs;

/**
 * The language of an answer given without the store (it is down) or before Slack is reachable: the one this
 * process last resolved for the person, read from memory so the answer is never late.
 */
function answerTranslator(body: RequestBody): Translator {
  const user = typeof body.user_id === 'string' ? body.user_id : body.user?.id;
  return translatorFor(typeof user === 'string' ? lastKnownLanguage(user) : english.language.code);
}

/** The message modal every modal-shaped answer shows. */
const storeDownModal = (t: Translator, message = t.t('app.storeDown')): ModalView =>
  buildMessageModalView(t, t.t('app.storeDownTitle'), `:warning: ${message}`);

/** A submission keeps the agent's draft: the message shows on the first input, else the modal shows it alone. */
function submissionAnswer(t: Translator, view: RequestBody['view'], message = t.t('app.storeDown')) {
  const input = view?.blocks?.find((b) => b.type === 'input' && b.block_id)?.block_id;
  return input
    ? { response_action: 'errors' as const, errors: { [input]: message } }
    : { response_action: 'update' as const, view: storeDownModal(t, message) };
}

/** What an answer needs from Bolt's arguments. */
interface Answering {
  /** Acknowledges once; a second ack (the listener answered before the store failed it) is dropped. */
  ack(response?: unknown): Promise<unknown>;
  body: RequestBody;
  client: GateArgs['client'];
  respond: ((message: unknown) => Promise<unknown>) | undefined;
  /** The person's language as last known (the store, which holds it, cannot be read). */
  t: Translator;
}

/**
 * A shortcut, or a click in a modal or the Home tab: a small modal, pushed over the one in use so that Back
 * returns to it. A full stack (3 modals) refuses the push: then the modal in use shows the message itself.
 */
async function showInModal({ ack, body, client, t }: Answering): Promise<void> {
  await ack();
  const { trigger_id: trigger, view } = body;
  if (!trigger) return;
  const modal = storeDownModal(t);
  if (view?.type !== 'modal' || !view.id) {
    await openView(client, { trigger_id: trigger, view: modal });
    return;
  }
  const id = view.id;
  await pushView(client, { trigger_id: trigger, view: modal }).catch(() =>
    updateView(client, { view_id: id, ...(view.hash ? { hash: view.hash } : {}), view: modal }),
  );
}

/** How each surface tells the person; events have no one to tell. */
const STORE_DOWN_ANSWERS: Record<SlackSurface, (a: Answering) => Promise<unknown>> = {
  slash_command: (a) => a.ack({ response_type: 'ephemeral', text: a.t.t('app.storeDown') }),
  view_submission: (a) => a.ack(submissionAnswer(a.t, a.body.view)),
  view_closed: (a) => a.ack(),
  options: (a) => a.ack({ options: [] }),
  event: (a) => a.ack(),
  shortcut: showInModal,
  // A button on a message (a notification's Follow up): an ephemeral reply beside it.
  block_action: async (a) => {
    if (a.body.view || !a.respond) return showInModal(a);
    await a.ack();
    return a.respond({ response_type: 'ephemeral', replace_original: false, text: a.t.t('app.storeDown') });
  },
};

async function answerStoreDown(surface: SlackSurface | undefined, args: GateArgs): Promise<void> {
  const { ack, respond } = args as { ack?: (r?: unknown) => Promise<void>; respond?: Answering['respond'] };
  const body = args.body as RequestBody;
  const answering: Answering = {
    ack: async (response) => ack?.(response).catch(() => undefined),
    body,
    client: args.client,
    respond,
    t: answerTranslator(body),
  };
  await (surface ? STORE_DOWN_ANSWERS[surface](answering) : answering.ack());
}

/** What auth.test says about the bot token. */
export interface SlackIdentity {
  teamId?: string | undefined;
  botId?: string | undefined;
  botUserId?: string | undefined;
}

export interface SlackApp {
  app: App;
  /** A Web API client with the bot token, for work outside a request (auth.test, notifications). */
  client: WebClient;
  /**
   * Slack answered auth.test: requests are served from now on, and the workspace is pinned to the token's
   * own (when the config does not name one).
   */
  connected(identity: SlackIdentity): void;
  team(): string | undefined;
}

/**
 * Before auth.test succeeded nothing can be sent to Slack, so only what rides on the ack can tell a person: a
 * slash command gets it as an ephemeral reply, a form submission on the form (the draft is kept). Clicks and
 * shortcuts can only be acknowledged: opening a modal needs the Web API. (English here, for the log line.)
 */
const NOT_CONNECTED = english.t('app.notConnected');

export function createSlackApp(opts: SlackAppOptions, s: SlackServices): SlackApp {
  const receiver = new FollowupReceiver({
    signingSecret: opts.signingSecret,
    customRoutes: opts.customRoutes,
    port: opts.port,
    ...(opts.unhandledRequestTimeoutMillis
      ? { unhandledRequestTimeoutMillis: opts.unhandledRequestTimeoutMillis }
      : {}),
    ...(opts.appToken
      ? {
          socketMode: {
            appToken: opts.appToken,
            ...(opts.slackApiUrl ? { slackApiUrl: opts.slackApiUrl } : {}),
            ...(opts.socketModePingTimeoutMillis ? { pingTimeoutMillis: opts.socketModePingTimeoutMillis } : {}),
          },
        }
      : {}),
  });
  let identity: SlackIdentity | null = null;
  const app = new App({
    // Our own authorize instead of `token`: Bolt's calls auth.test once at start-up and keeps a failure
    // forever, so a start without a reachable Slack could never serve a request afterwards.
    authorize: async () => ({
      botToken: opts.botToken,
      ...(identity?.botId ? { botId: identity.botId } : {}),
      ...(identity?.botUserId ? { botUserId: identity.botUserId } : {}),
    }),
    receiver,
    // Bolt sets its logger to `logLevel`, INFO when none is given: a logger passed in keeps its own level.
    ...(opts.logger ? { logger: opts.logger } : {}),
    logLevel: opts.logLevel ?? opts.logger?.getLevel() ?? LogLevel.INFO,
    clientOptions: { fetch: slackFetch(), ...(opts.slackApiUrl ? { slackApiUrl: opts.slackApiUrl } : {}) },
    deferInitialization: true,
    // No listener keeps state per conversation: Bolt's in-memory store would look each request up (and build
    // an Error for every miss) for nothing.
    convoStore: false,
  });

  let installedTeam = opts.teamId;
  app.use(async (args) => {
    const { context, next, logger } = args;
    const team = context.teamId ?? context.enterpriseId;
    const ack = (args as { ack?: (response?: unknown) => Promise<void> }).ack;
    const surface = surfaceOf(args.body as RequestBody);
    const started = performance.now();
    try {
      if (!identity) {
        logger.warn(`Answered a Slack request before auth.test succeeded: ${NOT_CONNECTED}`);
        const body = args.body as RequestBody;
        const t = answerTranslator(body);
        const answer =
          surface === 'slash_command'
            ? { response_type: 'ephemeral', text: t.t('app.notConnected') }
            : surface === 'view_submission'
              ? submissionAnswer(t, body.view, t.t('app.notConnected'))
              : undefined;
        if (ack) await ack(answer);
        return;
      }
      if (installedTeam && team && team !== installedTeam) {
        logger.warn(`Refused a request from workspace ${team}: this install serves ${installedTeam} only`);
        if (ack) await ack();
        return;
      }
      if (opts.store && !(await opts.store.check()).ok) {
        logger.debug(`Answered a Slack ${surface ?? 'request'} while the store cannot be reached: ${STORE_DOWN}`);
        await answerStoreDown(surface, args);
        return;
      }
      try {
        await next();
      } catch (err) {
        // Listeners answer their own failures; one that lets an outage through still gets the person told.
        if (!opts.store?.isOutage(err)) throw err;
        logger.warn(`A Slack ${surface ?? 'request'} failed: ${(err as Error).message}`);
        await answerStoreDown(surface, args).catch(() => undefined);
      }
    } finally {
      if (surface) opts.observeRequest?.(surface, (performance.now() - started) / 1000);
    }
  });

  const listeners = routedListeners(app);
  for (const register of SCREENS) register(listeners, s);
  app.event('app_uninstalled', async ({ logger }) => {
    logger.warn('Followup was uninstalled from the workspace; Slack requests will stop.');
  });
  app.event('tokens_revoked', async ({ logger }) => {
    logger.warn('Slack revoked Followup’s tokens; reinstall the app to resume.');
  });

  app.error(async (err) => {
    app.logger.error('Unhandled error in a Slack listener', err);
  });

  const logger = opts.logger ?? app.logger;
  return {
    app,
    client: new WebClient(opts.botToken, {
      logger,
      fetch: slackFetch(),
      ...(opts.slackApiUrl ? { slackApiUrl: opts.slackApiUrl } : {}),
    }),
    connected: (auth) => {
      identity = auth;
      installedTeam ??= auth.teamId;
    },
    team: () => installedTeam,
  };
}
