#!/usr/bin/env node
/**
 * `followup` (the package's bin): the CLI (cli/main.ts) wired to the real process — its streams, environment
 * and system clock — and to the server's reading of the config file, so windows follow the same policy.
 */
import { main } from './cli/main.js';

// The config module (YAML, every transport's options) costs a fifth of a second to load: only when there is a file.
const readPolicy = process.env.FOLLOWUP_CONFIG ? (await import('./config.js')).loadPolicyOverrides : undefined;

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  now: () => new Date(),
  ...(readPolicy ? { readPolicy } : {}),
});
