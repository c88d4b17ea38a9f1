/**
 * Settings: environment (process contract in ARCHITECTURE.md) plus the optional config file
 * (FOLLOWUP_CONFIG, YAML or JSON). Every failure becomes one line naming the setting and the fix.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { channelTypeSchema, ruleOverridesSchema, templateSchema } from './policy/index.js';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const HELP = 'see README.md → "Settings" (the app is created from manifest.yml)';

const slackId = (prefix: string) => z.string().regex(new RegExp(`^[${prefix}][A-Z0-9]{2,}$`), `must be a Slack id starting with ${prefix}`);

export const envSchema = z.object({
  SLACK_BOT_TOKEN: z.string({ error: 'is missing' }).min(1, 'is empty').startsWith('xoxb-', 'must be a bot token (xoxb-…)'),
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
});
export type Env = z.infer<typeof envSchema>;

const TRANSPORTS = ['sandbox', 'whatsapp-cloud', 'messenger', 'instagram', 'viber', 'wechat', 'telegram', 'line', 'twilio-sms', 'smtp', 'webchat'] as const;

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

const leadSchema = z.union([z.number().int().min(1).max(10080), z.partialRecord(channelTypeSchema, z.number().int().min(1).max(10080))]);

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
      })
      .strict()
      .default({ leadMinutes: 60, dmAssignee: false, watch: 'default' }),
    closing: z.object({ logic: z.enum(['unassign', 'keep']).default('unassign') }).strict().default({ logic: 'unassign' }),
    permissions: z
      .object({
        /** Who may use the *All* inbox (everyone, or a list of Slack user ids). */
        allInbox: userList.default('everyone'),
        /** Who may send follow-ups, assign and close. */
        send: userList.default('everyone'),
      })
      .strict()
      .default({ allInbox: 'everyone', send: 'everyone' }),
    search: z.object({ pageSize: z.number().int().min(1).max(20).default(10) }).strict().default({ pageSize: 10 }),
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

function describeIssues(where: string, error: z.ZodError): string {
  return error.issues
    .map((i) => `${where}${i.path.length ? (where ? '.' : '') + i.path.join('.') : ''} ${i.message}`)
    .join('; ');
}

/** `${NAME}` in the config file is replaced by the environment variable NAME (secrets stay out of the file). */
export function substituteEnv(text: string, env: Record<string, string | undefined>, file: string): string {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
    const value = env[name];
    if (value === undefined) throw new ConfigError(`${file} refers to \${${name}}, but ${name} is not set in the environment; ${HELP}`);
    return value;
  });
}

export function parseConfigFile(text: string, path: string, env: Record<string, string | undefined>): ConfigFile {
  let raw: unknown;
  try {
    const substituted = substituteEnv(text, env, path);
    raw = path.endsWith('.json') ? JSON.parse(substituted) : parseYaml(substituted);
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    throw new ConfigError(`FOLLOWUP_CONFIG ${path} is not valid ${path.endsWith('.json') ? 'JSON' : 'YAML'}: ${(e as Error).message.split('\n')[0]}`);
  }
  const parsed = configFileSchema.safeParse(raw ?? {});
  if (!parsed.success) throw new ConfigError(`FOLLOWUP_CONFIG ${path}: ${describeIssues('', parsed.error)}; ${HELP}`);
  return parsed.data;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsedEnv = envSchema.safeParse(env);
  if (!parsedEnv.success) {
    const first = parsedEnv.error.issues[0]!;
    const name = String(first.path[0]);
    const secretHint =
      name === 'SLACK_BOT_TOKEN'
        ? ' (OAuth & Permissions → Bot User OAuth Token of the app created from manifest.yml)'
        : name === 'SLACK_SIGNING_SECRET'
          ? ' (Basic Information → Signing Secret of the app created from manifest.yml)'
          : '';
    throw new ConfigError(`${name} ${first.message}${secretHint}; ${HELP}`);
  }
  const e = parsedEnv.data;
  let file = configFileSchema.parse({});
  if (e.FOLLOWUP_CONFIG) {
    let text: string;
    try {
      text = readFileSync(e.FOLLOWUP_CONFIG, 'utf8');
    } catch (err) {
      throw new ConfigError(`FOLLOWUP_CONFIG points at ${e.FOLLOWUP_CONFIG}, which cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'}); ${HELP}`);
    }
    file = parseConfigFile(text, e.FOLLOWUP_CONFIG, env);
  }
  return {
    env: e,
    file,
    configPath: e.FOLLOWUP_CONFIG ?? null,
    notifyChannel: e.NOTIFY_CHANNEL ?? file.notifications.channel ?? null,
    leadMinutes: e.NOTIFY_LEAD_MINUTES ?? file.notifications.leadMinutes,
  };
}

export function isAllowed(list: 'everyone' | string[], userId: string): boolean {
  return list === 'everyone' || list.includes(userId);
}
