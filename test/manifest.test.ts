/**
 * manifest.yml against the limits Slack enforces when an app is created from a manifest. Slack only says so
 * when someone pastes the file (a shortcut name of 25 characters was refused), so every field is checked here.
 *
 * Sources, quoted per field below:
 * - [schema] slackapi/manifest-schema, schemas/manifest.schema.1.0.0.json (our `_metadata.major_version` is 1);
 * - [types] @slack/web-api dist/types/request/manifest.d.ts (Slack's own field docs, installed in node_modules);
 * - [ref] https://docs.slack.dev/reference/app-manifest.
 * Where two disagree the stricter value is enforced.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { COMMAND, SHORTCUT_CALLBACK } from '../src/slack/shared/ids.js';

const ROOT = join(import.meta.dirname, '..');
const manifestText = readFileSync(join(ROOT, 'manifest.yml'), 'utf8');

/** The names @slack/web-api lists for a string-union type of the manifest (scopes, event types). */
function namesOf(typeName: string): string[] {
  const webApi = dirname(createRequire(import.meta.url).resolve('@slack/web-api'));
  const types = readFileSync(join(webApi, 'types', 'request', 'manifest.d.ts'), 'utf8');
  const union = new RegExp(`type ${typeName} = ([^;]+);`).exec(types)?.[1] ?? '';
  return [...union.matchAll(/'([^']+)'/g)].map((m) => m[1]!);
}
/** [types] `type BotScope` and `type ManifestEvent`: the scopes and event types a manifest may name. */
const KNOWN_BOT_SCOPES = namesOf('BotScope');
const KNOWN_EVENTS = namesOf('ManifestEvent');

const text = (min: number, max: number) => z.string().min(min).max(max);
/** [schema] every request URL: `^https?:\/\/`; ours must be https (Slack refuses plain http at verification). */
const requestUrl = (max: number) => z.url({ protocol: /^https$/ }).max(max);

const manifestSchema = z
  .object({
    _metadata: z.object({ major_version: z.literal(1), minor_version: z.number().int() }).strict(),
    display_information: z
      .object({
        name: text(1, 35), // [schema] maxLength 35; [types] "Maximum length is 35 characters"
        description: text(1, 140), // [schema] maxLength 140; [types] same
        // [schema] minLength 175, maxLength 4000; [ref] "minimum length is 174 … maximum 4,000": stricter 175
        long_description: text(175, 4000),
        // [types] "Can be 3-digit (#000) or 6-digit (#000000) hex values"; [schema] length 4–7
        background_color: z.string().regex(/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/),
      })
      .strict(),
    features: z
      .object({
        bot_user: z
          .object({
            // [schema] maxLength 80; [types] "Allowed characters: a-z, 0-9, -, _, and ."
            display_name: text(1, 80).regex(/^[a-z0-9._-]+$/),
            always_online: z.boolean(),
          })
          .strict(),
        app_home: z
          .object({
            home_tab_enabled: z.boolean(),
            messages_tab_enabled: z.boolean(),
            messages_tab_read_only_enabled: z.boolean(),
          })
          .strict(),
        slash_commands: z
          .array(
            z
              .object({
                // [schema] minLength 2, maxLength 32, pattern ^/; lowercase is our rule (not in the schema):
                // Slack matches what people type, and a command is typed in lowercase.
                command: text(2, 32).regex(/^\/[a-z0-9_-]+$/),
                url: requestUrl(3000), // [schema] maxLength 3000
                description: text(1, 2000), // [schema] maxLength 2000
                usage_hint: text(1, 1000), // [schema] maxLength 1000
                should_escape: z.boolean(),
              })
              .strict(),
          )
          .min(1)
          .max(50), // [schema] maxItems 50
        shortcuts: z
          .array(
            z
              .object({
                name: text(1, 24), // [schema] maxLength 24 (the field that was refused at 25)
                type: z.enum(['message', 'global']), // [schema] enum
                callback_id: text(1, 255), // [schema] maxLength 255
                description: text(1, 150), // [schema] maxLength 150
              })
              .strict(),
          )
          .min(1)
          .max(10), // [schema] maxItems 10
      })
      .strict(),
    oauth_config: z
      .object({
        scopes: z
          .object({
            // [schema] items maxLength 50, maxItems 255; [types] BotScope names
            bot: z.array(z.enum(KNOWN_BOT_SCOPES).refine((s) => s.length <= 50)).max(255),
          })
          .strict(),
      })
      .strict(),
    settings: z
      .object({
        event_subscriptions: z
          .object({
            request_url: requestUrl(3500), // [schema] maxLength 3500
            // [schema] maxItems 100, uniqueItems, items maxLength 50; [types] ManifestEvent names
            bot_events: z
              .array(z.enum(KNOWN_EVENTS))
              .max(100)
              .refine((events) => new Set(events).size === events.length, 'bot_events must be unique'),
          })
          .strict(),
        interactivity: z.object({ is_enabled: z.boolean(), request_url: requestUrl(3500) }).strict(),
        org_deploy_enabled: z.boolean(),
        socket_mode_enabled: z.boolean(),
        token_rotation_enabled: z.boolean(),
      })
      .strict(),
  })
  .strict();

type Manifest = z.infer<typeof manifestSchema>;

function check(manifest: unknown): string[] {
  const result = manifestSchema.safeParse(manifest);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

const parsed = (): Manifest => parseYaml(manifestText) as Manifest;
const botEvents = (m: Manifest) => m.settings.event_subscriptions.bot_events;

describe('manifest.yml', () => {
  it('reads the known scope and event names from @slack/web-api', () => {
    expect(KNOWN_BOT_SCOPES).toEqual(expect.arrayContaining(['commands', 'chat:write', 'chat:write.public']));
    expect(KNOWN_BOT_SCOPES.length).toBeGreaterThan(30);
    expect(KNOWN_EVENTS).toEqual(expect.arrayContaining(['app_home_opened', 'message.im']));
  });

  it('stays within every limit Slack checks', () => {
    expect(check(parsed())).toEqual([]);
  });

  it('refuses what Slack refuses (the schema is not vacuous)', () => {
    // [where the issue is expected, how the manifest is broken]
    const broken: Array<[string, (m: Manifest) => void]> = [
      ['features.shortcuts.0.name', (m) => void (m.features.shortcuts[0]!.name = 'Follow up with a customer')],
      ['display_information.name', (m) => void (m.display_information.name = 'x'.repeat(36))],
      ['display_information.long_description', (m) => void (m.display_information.long_description = 'short')],
      ['display_information.background_color', (m) => void (m.display_information.background_color = '1d3b57')],
      ['features.bot_user.display_name', (m) => void (m.features.bot_user.display_name = 'Followup Bot')],
      ['features.slash_commands.0.command', (m) => void (m.features.slash_commands[0]!.command = '/FollowUp')],
      ['features.slash_commands.0.command', (m) => void (m.features.slash_commands[0]!.command = `/${'f'.repeat(32)}`)],
      ['features.shortcuts.0.description', (m) => void (m.features.shortcuts[0]!.description = 'd'.repeat(151))],
      ['oauth_config.scopes.bot.0', (m) => void (m.oauth_config.scopes.bot[0] = 'chat:writes')],
      ['settings.event_subscriptions.bot_events.1', (m) => void (botEvents(m)[1] = 'app_home')],
      ['settings.event_subscriptions.bot_events', (m) => void botEvents(m).push('app_uninstalled')],
      ['settings.interactivity.request_url', (m) => void (m.settings.interactivity.request_url = 'http://example.com')],
      ['features.bot_user', (m) => void Object.assign(m.features.bot_user, { colour: 'blue' })],
    ];
    for (const [where, breakIt] of broken) {
      const manifest = parsed();
      breakIt(manifest);
      const issuePaths = check(manifest).map((issue) => issue.slice(0, issue.indexOf(': ')));
      expect(issuePaths, where).toContain(where);
    }
  });

  it('asks for what the agent’s language needs: users:read (users.info locale) and the user_change event', () => {
    const m = parsed();
    expect(m.oauth_config.scopes.bot).toContain('users:read');
    expect(botEvents(m)).toContain('user_change');
  });

  it('names the command and the shortcut the code listens for', () => {
    const m = parsed();
    expect(m.features.slash_commands.map((c) => c.command)).toEqual([COMMAND]);
    expect(m.features.shortcuts.map((s) => s.callback_id)).toEqual([SHORTCUT_CALLBACK]);
  });
});
