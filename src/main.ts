#!/usr/bin/env node
/** `npm start`: runs Followup until SIGTERM/SIGINT, then shuts down without losing in-flight work. */
import { ConfigError } from './config.js';
import { startFollowup } from './server.js';

try {
  const running = await startFollowup();
  let signals = 0;
  const shutdown = (signal: string) => {
    if (++signals > 1) process.exit(1);
    console.log(`${signal}: finishing in-flight requests and closing the store…`);
    running.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error('Shutdown failed:', err);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(`followup: ${err.message}`);
    process.exit(1);
  }
  const data = (err as { data?: { error?: string } }).data;
  if (data?.error === 'invalid_auth' || data?.error === 'not_authed') {
    console.error('followup: SLACK_BOT_TOKEN was refused by Slack (invalid_auth): copy the Bot User OAuth Token again from OAuth & Permissions; see README.md → "Settings"');
    process.exit(1);
  }
  if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(`followup: PORT ${process.env.PORT ?? 3000} is already in use: stop the other process or set PORT to a free port`);
    process.exit(1);
  }
  console.error('followup: could not start:', err);
  process.exit(1);
}
