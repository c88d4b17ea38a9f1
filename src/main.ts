#!/usr/bin/env node
/**
 * `npm start`: runs Followup until SIGTERM/SIGINT, then finishes in-flight work within SHUTDOWN_DEADLINE_MS
 * and exits 0. `npm start` execs node, so a supervisor's SIGTERM to npm reaches this process.
 */
import { ConfigError } from './config.js';
import { type RunningFollowup, startFollowup } from './server.js';
import { StoreOpenError } from './store/index.js';

const START_USAGE = `Usage: npm start  (or node dist/main.js)
Runs Followup: POST /slack/events, POST /api/events, GET /healthz on PORT. Settings are environment variables:
  SLACK_BOT_TOKEN       required: Bot User OAuth Token (xoxb-…)
  SLACK_SIGNING_SECRET  required: the app's Signing Secret
  SLACK_APP_TOKEN       app-level token (xapp-…): Socket Mode instead of HTTP
  PORT                  HTTP port (3000)
  STORE_URL             sqlite://PATH, relative to the project folder (sqlite://data/followup.sqlite), memory://,
                        or postgres://USER[:PASSWORD]@HOST:PORT/DB[?schema=NAME] for several replicas
  SLACK_API_URL         Web API base (Slack's own)
  FOLLOWUP_CONFIG       config file, YAML or JSON (channels, templates, notifications…)
  INGEST_TOKEN          bearer token for POST /api/events, 16+ characters (unset: the endpoint answers 503)
  NOTIFY_CHANNEL        Slack channel id for window notifications (unset: none)
  NOTIFY_LEAD_MINUTES   minutes before a window closes to remind (60)
  SHUTDOWN_DEADLINE_MS  how long a stop waits for in-flight requests (10000)
  LOG_LEVEL             debug, info, warn or error (info)
SIGTERM or SIGINT stops it gracefully. More: README.md → "Settings".
`;

const TOKEN_HELP = 'see README.md → "Install in your Slack workspace"';
/** What Slack's refusal of the bot token means for the operator. */
const TOKEN_REFUSALS: Record<string, string> = {
  invalid_auth: 'copy the Bot User OAuth Token again from OAuth & Permissions',
  not_authed: 'copy the Bot User OAuth Token again from OAuth & Permissions',
  token_revoked: 'the token was revoked: reinstall the app and copy its new Bot User OAuth Token',
  account_inactive: 'the app was uninstalled or its workspace deactivated: reinstall it and copy the new token',
};

const firstLine = (value: unknown) => String((value as Error)?.message ?? value).split('\n')[0];

/** Why start-up failed, in one line naming the setting and what to do. */
function startFailure(err: unknown, env: NodeJS.ProcessEnv): string {
  if (err instanceof ConfigError || err instanceof StoreOpenError) return err.message;
  const slackError = (err as { data?: { error?: string } }).data?.error;
  if (slackError) {
    const todo = TOKEN_REFUSALS[slackError] ?? 'check the token and the app installation';
    return `SLACK_BOT_TOKEN was refused by Slack (${slackError}): ${todo}; ${TOKEN_HELP}`;
  }
  const { code } = err as NodeJS.ErrnoException;
  const port = env.PORT ?? 3000;
  if (code === 'EADDRINUSE') return `PORT ${port} is already in use: stop the other process or set PORT to a free port`;
  if (code === 'EACCES') return `PORT ${port} needs more privileges than this user has: set PORT to 1024 or above`;
  return `could not start: ${firstLine(err)} (LOG_LEVEL=debug prints the details)`;
}

function stopGracefully(running: RunningFollowup, signal: string): void {
  const deadlineMs = running.config.env.SHUTDOWN_DEADLINE_MS;
  console.log(`${signal}: finishing in-flight requests (at most ${deadlineMs} ms) and closing the store…`);
  // Work cut off at the deadline may still fail against the closed store: expected now, not a crash.
  process.on('unhandledRejection', (reason) => console.warn(`After shutdown: ${firstLine(reason)}`));
  // A backstop in case something ignores the deadline (the store is safe: SQLite survives a hard exit).
  setTimeout(() => {
    console.error(`followup: shutdown took longer than SHUTDOWN_DEADLINE_MS=${deadlineMs} plus 5 s: exiting`);
    process.exit(1);
  }, deadlineMs + 5_000).unref();
  running.stop().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(`followup: shutdown failed: ${firstLine(err)}`);
      process.exit(1);
    },
  );
}

if (process.argv.slice(2).some((arg) => arg === '--help' || arg === '-h')) {
  process.stdout.write(START_USAGE);
  process.exit(0);
}

let running: RunningFollowup | null = null;
let signals = 0;
const onSignal = (signal: string) => {
  if (++signals > 1) {
    console.error(`${signal} again: exiting now`);
    process.exit(1);
  }
  // Before start-up finished there is nothing in flight: exit (releasing the store's lock) right away.
  if (!running) {
    console.log(`${signal} during start-up: exiting`);
    process.exit(0);
  }
  stopGracefully(running, signal);
};
process.on('SIGTERM', () => onSignal('SIGTERM'));
process.on('SIGINT', () => onSignal('SIGINT'));

try {
  running = await startFollowup();
} catch (err) {
  console.error(`followup: ${startFailure(err, process.env)}`);
  if (process.env.LOG_LEVEL === 'debug') console.error(err);
  process.exit(1);
}
