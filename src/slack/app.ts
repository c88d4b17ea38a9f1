/**
 * Bolt wiring: our receiver (receiver.ts: HTTP with every request checked before Bolt sees it, or Socket Mode
 * when an app-level token is set), the team guard, and every screen folder's register(). /api/events,
 * /healthz and the webhooks ride on the same server as custom routes.
 */
import { App, type CustomRoute, LogLevel, type Logger } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import { register as registerCompose } from './compose/index.js';
import { register as registerContact } from './contact/index.js';
import { register as registerHome } from './home/index.js';
import { register as registerNotifications } from './notifications/index.js';
import { FollowupReceiver } from './receiver.js';
import { register as registerSearch } from './search/index.js';
import type { SlackServices } from './services.js';

/** One folder per screen, each wiring its own listeners. */
const SCREENS = [registerSearch, registerContact, registerCompose, registerHome, registerNotifications];

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

/** Before auth.test succeeded nothing can be sent to Slack: a person is told so instead of getting silence. */
const NOT_CONNECTED =
  "Followup cannot reach Slack's Web API yet, so it cannot open or send anything: try again in a minute.";

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
    ...(opts.logger ? { logger: opts.logger } : { logLevel: opts.logLevel ?? LogLevel.INFO }),
    ...(opts.slackApiUrl ? { clientOptions: { slackApiUrl: opts.slackApiUrl } } : {}),
    deferInitialization: true,
  });

  let installedTeam = opts.teamId;
  app.use(async (args) => {
    const { context, next, logger } = args;
    const team = context.teamId ?? context.enterpriseId;
    const ack = (args as { ack?: (response?: unknown) => Promise<void> }).ack;
    if (!identity) {
      logger.warn(`Answered a Slack request before auth.test succeeded: ${NOT_CONNECTED}`);
      const isCommand = 'command' in args && args.command !== undefined;
      if (ack) await (isCommand ? ack({ response_type: 'ephemeral', text: NOT_CONNECTED }) : ack());
      return;
    }
    if (installedTeam && team && team !== installedTeam) {
      logger.warn(`Refused a request from workspace ${team}: this install serves ${installedTeam} only`);
      if (ack) await ack();
      return;
    }
    await next();
  });

  for (const register of SCREENS) register(app, s);
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
    client: new WebClient(opts.botToken, { logger, ...(opts.slackApiUrl ? { slackApiUrl: opts.slackApiUrl } : {}) }),
    connected: (auth) => {
      identity = auth;
      installedTeam ??= auth.teamId;
    },
    team: () => installedTeam,
  };
}
