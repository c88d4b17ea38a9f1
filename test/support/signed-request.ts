/**
 * Correctly signed Slack requests and payload fixtures for end-to-end tests.
 *
 * Encodings are Slack's own (research §4.1): slash commands are form-encoded fields, interactivity is
 * form-encoded `payload=<json>`, the Events API is JSON. The signature is `v0=` + HMAC-SHA256 of
 * `v0:{timestamp}:{raw body}` with the signing secret (research §1.6).
 */
import { createHmac } from 'node:crypto';

export type SlackRequestKind = 'command' | 'interactive' | 'event';

export interface SignedRequestOptions {
  /** Unix seconds; now by default. Pass an old one to test Bolt's 5-minute replay guard. */
  timestamp?: number;
  /** Sign with a wrong secret, so the receiver must refuse the request. */
  badSignature?: boolean;
  /** Extra headers (e.g. `X-Slack-Retry-Num`). */
  headers?: Record<string, string>;
}

/** Fixtures are plain JSON objects. */
export type Json = Record<string, unknown>;

/** `v0=` + hex HMAC-SHA256 of `v0:{ts}:{rawBody}`. */
export function slackSignature(secret: string, timestamp: number, rawBody: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

/** The raw body and content type Slack would send for this kind of request. */
export function encodeSlackBody(kind: SlackRequestKind, body: Json): { rawBody: string; contentType: string } {
  switch (kind) {
    case 'command': {
      const form = new URLSearchParams();
      for (const [key, value] of Object.entries(body)) {
        if (value === undefined || value === null) continue;
        form.set(key, typeof value === 'string' ? value : String(value));
      }
      return { rawBody: form.toString(), contentType: 'application/x-www-form-urlencoded' };
    }
    case 'interactive':
      return {
        rawBody: new URLSearchParams({ payload: JSON.stringify(body) }).toString(),
        contentType: 'application/x-www-form-urlencoded',
      };
    case 'event':
      return { rawBody: JSON.stringify(body), contentType: 'application/json' };
  }
}

/** POST a signed request to `${baseUrl}/slack/events` (Bolt's default endpoint). */
export async function signedSlackRequest(
  baseUrl: string,
  secret: string,
  kind: SlackRequestKind,
  body: Json,
  opts: SignedRequestOptions = {},
): Promise<Response> {
  const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
  const { rawBody, contentType } = encodeSlackBody(kind, body);
  const signature = slackSignature(opts.badSignature ? `${secret}-wrong` : secret, timestamp, rawBody);
  return fetch(`${baseUrl.replace(/\/+$/, '')}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signature,
      ...opts.headers,
    },
    body: rawBody,
  });
}

// ---------------------------------------------------------------------------------------------------------
// Fixtures. Defaults describe one workspace (T0001) and one agent (U0001); override what a test cares about.

export const TEAM_ID = 'T0001';
export const APP_ID = 'A0001';
export const AGENT_ID = 'U0001';
export const BOT_USER_ID = 'UBOT';

let sequence = 0;
const nextId = () => ++sequence;

/** A fresh trigger id per fixture: Slack's are single use. */
export function triggerId(): string {
  return `${nextId()}.1.trigger${String(sequence).padStart(6, '0')}`;
}

function actionTs(): string {
  return `${Math.floor(Date.now() / 1000)}.${String(nextId()).padStart(6, '0')}`;
}

export interface SlashCommandFixture {
  text?: string;
  user_id?: string;
  user_name?: string;
  trigger_id?: string;
  team_id?: string;
  team_domain?: string;
  channel_id?: string;
  channel_name?: string;
  command?: string;
  /** Point at `fake.responseUrl(id)` when the test asserts on `respond()`. */
  response_url?: string;
  api_app_id?: string;
}

/** Form fields of a `/followup` slash command. */
export function slashCommand(fields: SlashCommandFixture = {}): Json {
  return {
    token: 'legacy-verification-token',
    team_id: TEAM_ID,
    team_domain: 'test',
    channel_id: 'C0001',
    channel_name: 'support',
    user_id: AGENT_ID,
    user_name: 'agent',
    command: '/followup',
    text: '',
    api_app_id: APP_ID,
    is_enterprise_install: 'false',
    response_url: 'https://hooks.slack.invalid/commands/T0001/1/unused',
    trigger_id: triggerId(),
    ...fields,
  };
}

export type UserFixture = string | { id: string; username?: string; name?: string; team_id?: string };

function userObject(user: UserFixture | undefined): Json {
  const u = typeof user === 'string' || user === undefined ? { id: user ?? AGENT_ID } : user;
  return { id: u.id, username: u.username ?? 'agent', name: u.name ?? 'agent', team_id: u.team_id ?? TEAM_ID };
}

/** A view as Slack echoes it back in payloads: the app's view plus id, hash, team and state. */
function echoedView(view: Json | undefined, values: Json = {}): Json {
  const v = view ?? { type: 'modal', callback_id: '', blocks: [] };
  return {
    id: 'V0000TEST',
    team_id: TEAM_ID,
    app_id: APP_ID,
    bot_id: 'BBOT',
    hash: `h${nextId()}`,
    private_metadata: '',
    callback_id: '',
    root_view_id: v.id ?? 'V0000TEST',
    previous_view_id: null,
    external_id: '',
    ...v,
    state: { values },
  };
}

export interface ActionFixture {
  action_id: string;
  block_id?: string;
  type?: string;
  value?: string;
  selected_option?: { text?: { type: 'plain_text'; text: string }; value: string };
  /** plain_text_input dispatch */
  [key: string]: unknown;
}

export interface BlockActionFixture {
  actions: ActionFixture[];
  /** The modal or Home view the action came from; omit for a message action. */
  view?: Json;
  /** The view's current input state (`view.state.values`). */
  values?: Json;
  user?: UserFixture;
  trigger_id?: string;
  /** Message actions: where the message is, and its response_url. */
  channel?: string;
  message?: Json;
  response_url?: string;
}

/** A `block_actions` interaction payload (send with kind `interactive`). */
export function blockAction(input: BlockActionFixture): Json {
  const actions = input.actions.map((a) => ({
    type: a.selected_option ? 'static_select' : 'button',
    block_id: `b${nextId()}`,
    action_ts: actionTs(),
    ...a,
  }));
  const base: Json = {
    type: 'block_actions',
    user: userObject(input.user),
    api_app_id: APP_ID,
    token: 'legacy-verification-token',
    trigger_id: input.trigger_id ?? triggerId(),
    team: { id: TEAM_ID, domain: 'test' },
    enterprise: null,
    is_enterprise_install: false,
    actions,
  };
  if (input.view) {
    const view = echoedView(input.view, input.values);
    return { ...base, container: { type: 'view', view_id: view.id }, view };
  }
  const channel = input.channel ?? 'C0001';
  const message = input.message ?? { type: 'message', ts: '1700000000.000100', text: '', blocks: [] };
  return {
    ...base,
    container: { type: 'message', message_ts: message.ts, channel_id: channel, is_ephemeral: false },
    channel: { id: channel, name: 'support' },
    message,
    response_url: input.response_url ?? 'https://hooks.slack.invalid/actions/T0001/1/unused',
    state: { values: input.values ?? {} },
  };
}

export interface ViewSubmissionFixture {
  /** The modal as the app built it (callback_id, private_metadata, blocks…). */
  view: Json;
  /** `view.state.values`: `{ [block_id]: { [action_id]: { type, value | selected_option } } }`. */
  values?: Json;
  user?: UserFixture;
  trigger_id?: string;
}

/** A `view_submission` interaction payload (send with kind `interactive`). */
export function viewSubmission(input: ViewSubmissionFixture): Json {
  return {
    type: 'view_submission',
    team: { id: TEAM_ID, domain: 'test' },
    user: userObject(input.user),
    api_app_id: APP_ID,
    token: 'legacy-verification-token',
    trigger_id: input.trigger_id ?? triggerId(),
    view: echoedView(input.view, input.values),
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

/** State value helpers for `values`: what Slack reports for each element type. */
export function plainTextValue(value: string | null): Json {
  return { type: 'plain_text_input', value };
}
export function staticSelectValue(value: string | null, text = value ?? ''): Json {
  return {
    type: 'static_select',
    selected_option: value === null ? null : { text: { type: 'plain_text', text, emoji: true }, value },
  };
}

/** An `app_home_opened` Events API envelope (send with kind `event`). */
export function appHomeOpened(user: string = AGENT_ID, opts: { view?: Json } = {}): Json {
  const n = nextId();
  const event: Json = {
    type: 'app_home_opened',
    user,
    channel: `D${user.replace(/^U/, '')}`,
    tab: 'home',
    event_ts: `${Math.floor(Date.now() / 1000)}.${String(n).padStart(6, '0')}`,
  };
  if (opts.view) event.view = echoedView(opts.view);
  return {
    token: 'legacy-verification-token',
    team_id: TEAM_ID,
    api_app_id: APP_ID,
    event,
    type: 'event_callback',
    event_id: `Ev${String(n).padStart(8, '0')}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      { enterprise_id: null, team_id: TEAM_ID, user_id: BOT_USER_ID, is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: false,
  };
}
