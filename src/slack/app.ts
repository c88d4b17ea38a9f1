/**
 * Bolt wiring: one receiver (HTTP, or Socket Mode when an app-level token is set), the team guard, and
 * every listener folder's register(). Slack's signature check stays on; /api/events and /healthz ride on
 * the same server as custom routes.
 */
import { App, type CustomRoute, HTTPReceiver, LogLevel, type Logger, SocketModeReceiver } from '@slack/bolt';
import { register as registerContactActions } from './actions/contact-actions.js';
import { register as registerComposeActions } from './actions/compose-actions.js';
import { register as registerSearchActions } from './actions/search-actions.js';
import { register as registerCommands } from './commands/followup-command.js';
import { register as registerHome } from './events/app-home.js';
import type { SlackServices } from './services.js';
import { register as registerShortcuts } from './shortcuts/followup-shortcut.js';
import { register as registerSubmissions } from './submissions/compose-submission.js';

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
}

export interface SlackApp {
  app: App;
  /** Pins the served workspace once auth.test has told us ours (when the config does not). */
  setTeam(teamId: string): void;
  team(): string | undefined;
}

export function createSlackApp(opts: SlackAppOptions, s: SlackServices): SlackApp {
  const receiver = opts.appToken
    ? new SocketModeReceiver({ appToken: opts.appToken, customRoutes: opts.customRoutes, installerOptions: { port: opts.port } })
    : new HTTPReceiver({
        signingSecret: opts.signingSecret,
        customRoutes: opts.customRoutes,
        port: opts.port,
        ...(opts.unhandledRequestTimeoutMillis ? { unhandledRequestTimeoutMillis: opts.unhandledRequestTimeoutMillis } : {}),
      });
  const app = new App({
    token: opts.botToken,
    receiver,
    ...(opts.logger ? { logger: opts.logger } : { logLevel: opts.logLevel ?? LogLevel.INFO }),
    ...(opts.slackApiUrl ? { clientOptions: { slackApiUrl: opts.slackApiUrl } } : {}),
    deferInitialization: true,
  });

  let installedTeam = opts.teamId;
  app.use(async (args) => {
    const { context, next, logger } = args;
    const team = context.teamId ?? context.enterpriseId;
    if (installedTeam && team && team !== installedTeam) {
      logger.warn(`Refused a request from workspace ${team}: this install serves ${installedTeam} only`);
      const ack = (args as { ack?: (response?: unknown) => Promise<void> }).ack;
      if (ack) await ack();
      return;
    }
    await next();
  });

  registerCommands(app, s);
  registerShortcuts(app, s);
  registerSearchActions(app, s);
  registerContactActions(app, s);
  registerComposeActions(app, s);
  registerSubmissions(app, s);
  registerHome(app, s);

  app.error(async (err) => {
    app.logger.error('Unhandled error in a Slack listener', err);
  });

  return {
    app,
    setTeam: (teamId) => {
      installedTeam ??= teamId;
    },
    team: () => installedTeam,
  };
}
