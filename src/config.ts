/**
 * Settings: environment (process contract in ARCHITECTURE.md) plus the optional config file
 * (FOLLOWUP_CONFIG, YAML or JSON). Every failure becomes one line naming the setting and the fix.
 */
import { readFileSync } from 'node:fs';
import { LineCounter, isMap, isNode, isScalar, isSeq, parseDocument } from 'yaml';
import { z } from 'zod';
import { stripByteOrderMark } from './ingest/byte-order-mark.js';
import { type RuleOverrides, channelTypeSchema, ruleOverridesSchema, templateSchema } from './policy/index.js';
import { TRANSPORT_NAMES } from './transports/registry.js';
import { DEFAULT_LANGUAGE, LANGUAGES, isLanguage } from './slack/i18n/catalog.js';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const SETTINGS_HELP = 'see README.md → "Settings"';

/** A Slack id whose first letter is one of `letters` ('CGD': "must be a Slack id starting with C, G or D"). */
const slackId = (letters: string) => {
  const first = [...letters];
  const named = first.length > 1 ? `${first.slice(0, -1).join(', ')} or ${first.at(-1)}` : letters;
  return z.string().regex(new RegExp(`^[${letters}][A-Z0-9]{2,}$`), `must be a Slack id starting with ${named}`);
};

export const envSchema = z.object({
  SLACK_BOT_TOKEN: z
    .string({ error: 'is missing' })
    .min(1, 'is empty')
    .startsWith('xoxb-', 'must be a bot token (xoxb-…)'),
  SLACK_SIGNING_SECRET: z.string({ error: 'is missing' }).min(1, 'is empty'),
  SLACK_APP_TOKEN: z.string().startsWith('xapp-', 'must be an app-level token (xapp-…)').optional(),
  SLACK_API_URL: z.url('must be a URL such as https://slack.com/api/').optional(),
  PORT: z.coerce.number({ error: 'must be a port number' }).int().min(0).max(65535).default(3000),
  STORE_URL: z.string().min(1).default('sqlite://data/followup.sqlite'),
  FOLLOWUP_CONFIG: z.string().min(1).optional(),
  INGEST_TOKEN: z.string().min(16, 'must be at least 16 characters (it guards POST /api/events)').optional(),
  NOTIFY_CHANNEL: slackId('CGD').optional(),
  NOTIFY_LEAD_MINUTES: z.coerce.number({ error: 'must be a number of minutes' }).int().min(1).max(10080).optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  /** How long a stop waits for in-flight requests before cutting them off (their work so far is stored). */
  SHUTDOWN_DEADLINE_MS: z.coerce
    .number({ error: 'must be a number of milliseconds' })
    .int()
    .min(0)
    .max(600_000)
    .default(10_000),
});
export type Env = z.infer<typeof envSchema>;

/** `sandbox` and every provider of the registry (src/transports/registry.ts). */
const TRANSPORTS = TRANSPORT_NAMES;

export const channelAccountSchema = z
  .object({
    type: channelTypeSchema,
    /** Channel account id as events carry it (`channelId`); omit for the default account of that type. */
    id: z.string().min(1).optional(),
    name: z.string().min(1).max(80).optional(),
    transport: z.enum(TRANSPORTS).default('sandbox'),
    /** Provider credentials and options, usually `${ENV}` references. */
    options: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();
export type ChannelAccount = z.infer<typeof channelAccountSchema>;

const leadSchema = z.union([
  z.number().int().min(1).max(10080),
  z.partialRecord(channelTypeSchema, z.number().int().min(1).max(10080)),
]);

const userList = z.union([z.literal('everyone'), z.array(slackId('UW')).min(1)]);

export const configFileSchema = z
  .object({
    /** Only this workspace (team id) is served; unset = the workspace of the bot token (auth.test). */
    teamId: slackId('TE').optional(),
    channels: z.array(channelAccountSchema).default([]),
    templates: z.array(templateSchema).default([]),
    policy: ruleOverridesSchema.default({}),
    notifications: z
      .object({
        channel: slackId('CGD').optional(),
        leadMinutes: leadSchema.default(60),
        dmAssignee: z.boolean().default(false),
        watch: z.enum(['default', 'all', 'open_only']).default('default'),
        /** Reminders, notices and digests are read by many people: one language for the channel. */
        language: z
          .string()
          .refine(isLanguage, { message: `one of ${LANGUAGES.map((l) => l.code).join(', ')}` })
          .default(DEFAULT_LANGUAGE),
      })
      .strict()
      .default({ leadMinutes: 60, dmAssignee: false, watch: 'default', language: DEFAULT_LANGUAGE }),
    closing: z
      .object({ logic: z.enum(['unassign', 'keep']).default('unassign') })
      .strict()
      .default({ logic: 'unassign' }),
    permissions: z
      .object({
        /** Who may use the *All* inbox (everyone, or a list of Slack user ids). */
        allInbox: userList.default('everyone'),
        /** Who may send follow-ups, assign and close. */
        send: userList.default('everyone'),
      })
      .strict()
      .default({ allInbox: 'everyone', send: 'everyone' }),
    search: z
      .object({ pageSize: z.number().int().min(1).max(20).default(10) })
      .strict()
      .default({ pageSize: 10 }),
  })
  .strict();
export type ConfigFile = z.infer<typeof configFileSchema>;

export interface Config {
  env: Env;
  file: ConfigFile;
  configPath: string | null;
  notifyChannel: string | null;
  leadMinutes: ConfigFile['notifications']['leadMinutes'];
}

/** A place in the config file as an operator reads it: `channels[0].options.token`. */
export type ConfigPath = ReadonlyArray<PropertyKey>;

export function formatPath(path: ConfigPath): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i ? '.' : ''}${String(key)}`)).join('');
}

function valueAt(input: unknown, path: ConfigPath): unknown {
  let value = input;
  for (const key of path) {
    value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  }
  return value;
}

/** Where each `${NAME}` reference was substituted: formatted path → the variable names it used. */
export type EnvReferences = Map<string, string[]>;

const ENV_REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
const GOT_MAX = 40;

/** The value a person typed, quoted and short; never one from the environment (it may be a secret). */
function got(value: unknown, references: string[] | undefined): string {
  if (references || value === undefined) return '';
  const shown = JSON.stringify(value) ?? String(value);
  return ` (got ${shown.length > GOT_MAX ? `${shown.slice(0, GOT_MAX - 1)}…` : shown})`;
}

/** One zod issue in words: enums list their values, numbers fed by `${NAME}` say why text does not fit. */
function describeIssue(issue: z.core.$ZodIssue, input: unknown, references: EnvReferences): string {
  const where = issue.path.length ? formatPath(issue.path) : 'the file';
  const value = valueAt(input, issue.path);
  const names = references.get(formatPath(issue.path));
  if (issue.code === 'invalid_value' && issue.values.length > 1) {
    return `${where} must be one of ${issue.values.map(String).join(', ')}${got(value, names)}`;
  }
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((key) => `"${key}"`).join(', ');
    return `${where} has unknown key${issue.keys.length > 1 ? 's' : ''} ${keys}; remove or rename it`;
  }
  if (issue.code === 'invalid_type' && issue.expected === 'number' && names) {
    return `${where} is \${${names[0]}}, which is text; write the number itself in the file`;
  }
  return `${where} ${issue.message}`;
}

function describeIssues(error: z.ZodError, input: unknown, references: EnvReferences): string {
  return error.issues.map((issue) => describeIssue(issue, input, references)).join('; ');
}

/**
 * `${NAME}` inside the config file's string values becomes the environment variable NAME (secrets stay out
 * of the file). It runs on the parsed values, never on the text, so a secret holding `#`, `*`, `:` or only
 * digits stays exactly that string; keys are left alone. Records where each reference was used so that
 * errors can name the variable instead of printing its value.
 */
export function substituteEnv(
  value: unknown,
  env: Record<string, string | undefined>,
  file: string,
  references: EnvReferences = new Map(),
  path: ConfigPath = [],
): unknown {
  if (typeof value === 'string') {
    const names: string[] = [];
    const substituted = value.replace(ENV_REFERENCE, (_, name: string) => {
      const fromEnv = env[name];
      if (fromEnv === undefined) {
        throw new ConfigError(
          `FOLLOWUP_CONFIG ${file}: ${formatPath(path)} refers to \${${name}}, but ${name} is not set in the ` +
            `environment; set it or remove the reference; ${SETTINGS_HELP}`,
        );
      }
      names.push(name);
      return fromEnv;
    });
    if (names.length) references.set(formatPath(path), names);
    return substituted;
  }
  if (Array.isArray(value)) return value.map((item, i) => substituteEnv(item, env, file, references, [...path, i]));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, substituteEnv(item, env, file, references, [...path, key])]),
    );
  }
  return value;
}

const within = (range: readonly number[] | null | undefined, offset: number) =>
  !!range && offset >= range[0]! && offset <= range[2]!;

/** The deepest key path whose node spans `offset`: where a YAML syntax error sits, in settings words. */
function pathAtOffset(node: unknown, offset: number, path: ConfigPath = []): ConfigPath {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isScalar(pair.key)) continue;
      const keyPath = [...path, String(pair.key.value)];
      if (within(pair.key.range, offset)) return keyPath;
      if (isNode(pair.value) && within(pair.value.range, offset)) return pathAtOffset(pair.value, offset, keyPath);
    }
  } else if (isSeq(node)) {
    const index = node.items.findIndex((item) => isNode(item) && within(item.range, offset));
    if (index >= 0) return pathAtOffset(node.items[index], offset, [...path, index]);
  }
  return path;
}

/**
 * YAML, or JSON (YAML 1.2's flow syntax, so one parser gives both formats line, column and path in errors).
 * A leading UTF-8 byte-order mark (Windows editors add one) is not content.
 */
function parseConfigText(text: string, file: string): unknown {
  const format = file.endsWith('.json') ? 'JSON' : 'YAML';
  const lines = new LineCounter();
  const doc = parseDocument(stripByteOrderMark(text), { lineCounter: lines, prettyErrors: false });
  const error = doc.errors[0];
  if (error) {
    const { line, col } = lines.linePos(error.pos[0]);
    const path = pathAtOffset(doc.contents, error.pos[0]);
    const inPath = path.length ? ` (in ${formatPath(path)})` : '';
    const at = `line ${line}, column ${col}${inPath}`;
    const reason = firstLine(error.message);
    throw new ConfigError(`FOLLOWUP_CONFIG ${file} is not valid ${format} at ${at}: ${reason}; fix the file`);
  }
  try {
    return doc.toJS();
  } catch (e) {
    const reason = firstLine((e as Error).message);
    throw new ConfigError(`FOLLOWUP_CONFIG ${file} is not valid ${format}: ${reason}; fix the file`);
  }
}

const firstLine = (message: string) => message.split('\n')[0]!.replace(/[.:]\s*$/, '');

/** `raw` (parsed from `file`) with its `${NAME}` references filled in, checked by `schema`; else one line why. */
function checkedConfig<S extends z.ZodType>(
  schema: S,
  raw: unknown,
  file: string,
  env: Record<string, string | undefined>,
): z.output<S> {
  const references: EnvReferences = new Map();
  const substituted = substituteEnv(raw, env, file, references);
  const parsed = schema.safeParse(substituted);
  if (!parsed.success) {
    const issues = describeIssues(parsed.error, substituted, references);
    throw new ConfigError(`FOLLOWUP_CONFIG ${file}: ${issues}; ${SETTINGS_HELP}`);
  }
  return parsed.data;
}

export function parseConfigFile(text: string, file: string, env: Record<string, string | undefined>): ConfigFile {
  return checkedConfig(configFileSchema, parseConfigText(text, file) ?? {}, file, env);
}

function readConfigText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new ConfigError(`FOLLOWUP_CONFIG points at ${file}, which cannot be read (${code}); ${SETTINGS_HELP}`);
  }
}

const policySectionSchema = z.object({ policy: ruleOverridesSchema.default({}) });

/**
 * The config file's channel rule overrides (`policy:`) alone: the CLI evaluates windows as the server does
 * without needing the server's secrets, so `${NAME}` references outside `policy:` need not be set. No
 * FOLLOWUP_CONFIG: the policy table as written.
 */
export function loadPolicyOverrides(env: Record<string, string | undefined>): RuleOverrides {
  const file = env.FOLLOWUP_CONFIG;
  if (!file) return {};
  const raw = parseConfigText(readConfigText(file), file) ?? {};
  // Only `policy:` is kept (and has its references filled in); anything else is the server's to check.
  const section =
    typeof raw === 'object' && !Array.isArray(raw) ? { policy: (raw as { policy?: unknown }).policy } : raw;
  return checkedConfig(policySectionSchema, section, file, env).policy;
}

/** Where to find each Slack app setting: the app is created from manifest.yml (README → Install). */
const SLACK_APP_HINTS: Partial<Record<keyof Env, string>> = {
  SLACK_BOT_TOKEN: 'OAuth & Permissions → Bot User OAuth Token of the app created from manifest.yml',
  SLACK_SIGNING_SECRET: 'Basic Information → Signing Secret of the app created from manifest.yml',
  SLACK_APP_TOKEN: 'Basic Information → App-Level Tokens (connections:write) of the app created from manifest.yml',
};
const SLACK_APP_HELP = 'see README.md → "Install in your Slack workspace"';

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsedEnv = envSchema.safeParse(env);
  if (!parsedEnv.success) {
    const first = parsedEnv.error.issues[0]!;
    const hint = SLACK_APP_HINTS[String(first.path[0]) as keyof Env];
    const help = hint ? ` (${hint}); ${SLACK_APP_HELP}` : `; ${SETTINGS_HELP}`;
    throw new ConfigError(`${describeIssue(first, env, new Map())}${help}`);
  }
  const e = parsedEnv.data;
  const file = e.FOLLOWUP_CONFIG
    ? parseConfigFile(readConfigText(e.FOLLOWUP_CONFIG), e.FOLLOWUP_CONFIG, env)
    : configFileSchema.parse({});
  return {
    env: e,
    file,
    configPath: e.FOLLOWUP_CONFIG ?? null,
    notifyChannel: e.NOTIFY_CHANNEL ?? file.notifications.channel ?? null,
    leadMinutes: e.NOTIFY_LEAD_MINUTES ?? file.notifications.leadMinutes,
  };
}
