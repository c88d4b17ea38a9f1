/**
 * What arrives at `POST /slack/events`, checked before Bolt sees it: the signature and its timestamp (Slack's
 * request signing: refuse anything more than 5 minutes from now, either way), the body's encoding (JSON, a form,
 * a form carrying `payload=<json>`), and the parts of the payload that Bolt's own routing reads before any
 * listener runs (which kind of payload it is, which workspace sent it). Bolt throws on a `null` body, a `null`
 * `view`, or a team id such as `constructor`; a payload that passes here does not make it throw.
 *
 * Pure: the clock is a parameter, nothing is logged; the receiver logs the verdict.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** Slack's replay window for signed requests, both ways. */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;
/** Slack's forms have about 15 fields; a form with more is not from Slack. */
const MAX_FORM_FIELDS = 100;
/**
 * The longest keys in a Slack payload are the app's own block_id and action_id (in `state.values`): 255 at most.
 * A longer key is not from Slack, and it is costly: @slack/web-api matches every key of a call's arguments
 * against the pattern `.*token.*` (quadratic), so one 250,000-character key blocked the event loop for a minute.
 */
const MAX_KEY_LENGTH = 255;

export type SlackPayloadKind = 'event' | 'command' | 'options' | 'action' | 'shortcut' | 'message_action' | 'view';

export type SlackRequestVerdict =
  | { kind: 'ssl_check' }
  | { kind: 'url_verification'; challenge: string }
  | { kind: 'payload'; payloadKind: SlackPayloadKind; body: Record<string, unknown> }
  | { kind: 'refused'; status: 400 | 401; reason: string };

export interface RawSlackRequest {
  rawBody: Buffer;
  contentType: string | undefined;
  /** `x-slack-signature`; an array when the header came twice. */
  signature: string | string[] | undefined;
  /** `x-slack-request-timestamp` (Unix seconds). */
  timestamp: string | string[] | undefined;
}

const refused = (status: 400 | 401, reason: string): SlackRequestVerdict => ({ kind: 'refused', status, reason });

export function checkSlackRequest(req: RawSlackRequest, signingSecret: string, nowMs: number): SlackRequestVerdict {
  const text = req.rawBody.toString('utf8');
  const isForm = mediaType(req.contentType) === 'application/x-www-form-urlencoded';
  const form = isForm ? formEntries(text) : null;
  // Slack's SSL check is not signed (Bolt answers it before verifying too); nothing in it is processed.
  if (form?.some(([key, value]) => key === 'ssl_check' && value === '1')) return { kind: 'ssl_check' };

  const signatureProblem = verifySignature(req, signingSecret, nowMs);
  if (signatureProblem) return refused(401, signatureProblem);

  const parsed = form ? parseForm(form) : parseJson(text, 'the body');
  if ('problem' in parsed) return refused(400, parsed.problem);
  const body = parsed.value;
  if (!isRecord(body)) return refused(400, `the payload is ${describe(body)}, not a JSON object`);

  if (body.type === 'url_verification') {
    return typeof body.challenge === 'string'
      ? { kind: 'url_verification', challenge: body.challenge }
      : refused(400, 'the url_verification payload has no challenge string');
  }
  // The JSON the payload was parsed from: when no string in it is long enough to be a long key, the walk over
  // every key (a block action carries its whole view: hundreds of objects) can be skipped.
  const json = form ? (form.find(([key]) => key === 'payload')?.[1] ?? null) : text;
  return checkPayload(body, { keysShort: json !== null && !mayHoldLongKey(json) });
}

/**
 * False only when no key in the JSON text can be longer than MAX_KEY_LENGTH: no string token in it that long
 * (counting an escape as at least one character) is followed by a colon. One pass, whatever the input.
 */
export function mayHoldLongKey(json: string): boolean {
  const n = json.length;
  for (let i = 0; i < n; i++) {
    if (json.charCodeAt(i) !== QUOTE) continue;
    // A string token from i: its length in characters is at most its length in the text.
    const start = i;
    for (i++; i < n; i++) {
      const c = json.charCodeAt(i);
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) break;
    }
    if (i - start - 1 <= MAX_KEY_LENGTH) continue;
    let j = i + 1;
    while (j < n && JSON_SPACE.has(json.charCodeAt(j))) j++;
    if (j < n && json.charCodeAt(j) === COLON) return true;
  }
  return false;
}
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const JSON_SPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

function verifySignature(req: RawSlackRequest, secret: string, nowMs: number): string | null {
  const { signature, timestamp } = req;
  if (typeof timestamp !== 'string' || !/^\d{1,12}$/.test(timestamp)) {
    return 'x-slack-request-timestamp is missing or not a Unix time in seconds';
  }
  const skew = Math.floor(nowMs / 1000) - Number(timestamp);
  if (Math.abs(skew) > MAX_CLOCK_SKEW_SECONDS) {
    const when = skew > 0 ? `${skew} s old` : `${-skew} s in the future`;
    const allowed = `Slack allows ${MAX_CLOCK_SKEW_SECONDS} s either way`;
    return `x-slack-request-timestamp is ${when} (${allowed}); check this host's clock`;
  }
  if (typeof signature !== 'string' || !/^v0=[0-9a-f]{64}$/.test(signature)) {
    return 'x-slack-signature is missing or not a v0 signature';
  }
  const expected = createHmac('sha256', secret).update(`v0:${timestamp}:`).update(req.rawBody).digest();
  if (!timingSafeEqual(expected, Buffer.from(signature.slice(3), 'hex'))) {
    return 'the signature does not match: is SLACK_SIGNING_SECRET the Signing Secret of this Slack app?';
  }
  return null;
}

type Parsed = { value: unknown } | { problem: string };

function parseJson(text: string, what: string): Parsed {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return { problem: `${what} is not JSON` };
  }
}

/**
 * The fields of a form body, decoded exactly as URLSearchParams decodes them. decodeURIComponent does it in
 * native code: URLSearchParams's decoder took half of this check's time on a block action, whose payload is a
 * 15 kB field. A malformed escape (which URLSearchParams keeps as it is) sends the body to URLSearchParams.
 */
export function formEntries(text: string): Array<[string, string]> {
  const body = text.startsWith('?') ? text.slice(1) : text;
  try {
    const fields: Array<[string, string]> = [];
    for (let start = 0; start < body.length; ) {
      let end = body.indexOf('&', start);
      if (end < 0) end = body.length;
      if (end > start) {
        const eq = body.indexOf('=', start);
        const cut = eq < 0 || eq > end ? end : eq;
        fields.push([formDecode(body.slice(start, cut)), cut < end ? formDecode(body.slice(cut + 1, end)) : '']);
      }
      start = end + 1;
    }
    return fields;
  } catch {
    return [...new URLSearchParams(text)]; // the text as given: URLSearchParams drops its own leading '?'
  }
}

const formDecode = (s: string) => decodeURIComponent(s.includes('+') ? s.replaceAll('+', ' ') : s);

/** A slash command's fields, or interactivity's `payload=<json>` (Slack's two form encodings). */
function parseForm(form: Array<[string, string]>): Parsed {
  const fields: Record<string, string> = {};
  let count = 0;
  for (const [key, value] of form) {
    if (++count > MAX_FORM_FIELDS) return { problem: `the form has more than ${MAX_FORM_FIELDS} fields` };
    if (Object.hasOwn(fields, key)) return { problem: `the form field "${key}" appears more than once` };
    fields[key] = value;
  }
  return fields.payload === undefined ? { value: fields } : parseJson(fields.payload, 'the form field "payload"');
}

// ---------------------------------------------------------------------------------------------------------------
// Payload shapes: what Bolt's routing (App#processEvent before the listeners) reads, nothing more. Listeners
// check their own inputs; a field they do not like costs that request only.

/** Slack ids are upper-case letters and digits (T… teams, E… grids, U…/W… users); never `constructor`. */
const SLACK_ID = /^[A-Z][A-Z0-9]{1,39}$/;
const slackId = z.string().regex(SLACK_ID);
const record = z.looseObject({});
const user = z.looseObject({ id: slackId });
/** Bolt reads `.channel.id` whenever `channel` is not undefined, so `null` is not a channel. */
const interactiveFields = {
  user,
  channel: record.optional(),
  team: record.nullable().optional(),
  enterprise: record.nullable().optional(),
};
const respondFields = {
  response_url: z.string().optional(),
  response_urls: z.array(z.looseObject({ response_url: z.string() })).optional(),
};

interface PayloadRule {
  kind: SlackPayloadKind;
  /** Bolt's own test for this kind (helpers.getTypeAndConversation), in Bolt's order. */
  matches(body: Record<string, unknown>): boolean;
  shape: z.ZodType;
  /** The team and enterprise ids Bolt's buildSource takes from this kind of payload. */
  workspace(body: Record<string, any>): { team: unknown; enterprise: unknown };
}

/** Interactivity payloads: `team.id`, else `user.team_id` (org-wide installs send `team: null`). */
function interactiveWorkspace(body: Record<string, any>): { team: unknown; enterprise: unknown } {
  const team = body.team != null ? body.team.id : body.user.team_id;
  const enterprise =
    body.enterprise != null ? body.enterprise.id : body.team != null ? body.team.enterprise_id : undefined;
  return { team, enterprise };
}

const PAYLOAD_RULES: PayloadRule[] = [
  {
    kind: 'event',
    matches: (b) => b.event !== undefined,
    shape: z.looseObject({
      event: z.looseObject({
        type: z.string(),
        channel: z.union([z.string(), record]).optional(),
        item: record.optional(),
        user: z.union([z.string(), record]).optional(),
        subteam: record.optional(),
      }),
      authorizations: z.array(record).optional(),
      ...respondFields,
    }),
    workspace: (b) => {
      const first = Array.isArray(b.authorizations) ? b.authorizations[0] : undefined;
      if (first === undefined) return { team: b.team_id, enterprise: b.enterprise_id };
      return { team: first.team_id !== null ? first.team_id : b.team_id, enterprise: first.enterprise_id ?? undefined };
    },
  },
  {
    kind: 'command',
    matches: (b) => b.command !== undefined,
    shape: z.looseObject({
      command: z.string(),
      user_id: slackId,
      channel_id: z.string().optional(),
      ...respondFields,
    }),
    workspace: (b) => ({ team: b.team_id, enterprise: b.enterprise_id }),
  },
  {
    kind: 'options',
    matches: (b) => b.name !== undefined || b.type === 'block_suggestion',
    shape: z.looseObject({ ...interactiveFields, ...respondFields }),
    workspace: interactiveWorkspace,
  },
  {
    kind: 'action',
    matches: (b) => b.actions !== undefined || b.type === 'dialog_submission',
    shape: z.looseObject({ ...interactiveFields, actions: z.array(record).optional(), ...respondFields }),
    workspace: interactiveWorkspace,
  },
  {
    kind: 'shortcut',
    matches: (b) => b.type === 'shortcut',
    shape: z.looseObject({ ...interactiveFields, ...respondFields }),
    workspace: interactiveWorkspace,
  },
  {
    kind: 'message_action',
    matches: (b) => b.type === 'message_action',
    shape: z.looseObject({ ...interactiveFields, ...respondFields }),
    workspace: interactiveWorkspace,
  },
  {
    kind: 'view',
    matches: (b) => b.type === 'view_submission' || b.type === 'view_closed',
    shape: z.looseObject({ ...interactiveFields, view: record, ...respondFields }),
    // A modal opened from another workspace through Slack Connect names the installing team on the view.
    workspace: (b) => {
      const workspace = interactiveWorkspace(b);
      return b.view.app_installed_team_id ? { ...workspace, team: b.view.app_installed_team_id } : workspace;
    },
  },
];

/** `keysShort`: the caller knows no key is longer than MAX_KEY_LENGTH (mayHoldLongKey said so). */
export function checkPayload(body: Record<string, unknown>, opts: { keysShort?: boolean } = {}): SlackRequestVerdict {
  const longKey = opts.keysShort ? undefined : findLongKey(body);
  if (longKey !== undefined) {
    return refused(400, `the payload has a key of ${longKey} characters (Slack's keys are at most ${MAX_KEY_LENGTH})`);
  }
  const rule = PAYLOAD_RULES.find((r) => r.matches(body));
  if (!rule) {
    const type = describe(body.type);
    return refused(400, `the payload (type ${type}) is none of the kinds Slack sends: event, command, interaction`);
  }
  const shape = rule.shape.safeParse(body);
  if (!shape.success) {
    const issue = shape.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'the payload';
    return refused(400, `the ${rule.kind} payload has an unusable ${where} (${issue?.message ?? 'invalid'})`);
  }
  const { team, enterprise } = rule.workspace(body);
  const isId = (v: unknown) => typeof v === 'string' && SLACK_ID.test(v);
  const idOrAbsent = (v: unknown) => v === undefined || v === null || isId(v);
  if (!idOrAbsent(team) || !idOrAbsent(enterprise) || !(isId(team) || isId(enterprise))) {
    const found = `team ${describe(team)}, enterprise ${describe(enterprise)}`;
    return refused(400, `the ${rule.kind} payload names no workspace by a Slack id (${found})`);
  }
  return { kind: 'payload', payloadKind: rule.kind, body };
}

/** The length of the first key longer than MAX_KEY_LENGTH, at any depth (iterative: payloads may nest deeply). */
function findLongKey(root: unknown): number | undefined {
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value) pending.push(item);
      continue;
    }
    for (const [key, child] of Object.entries(value)) {
      if (key.length > MAX_KEY_LENGTH) return key.length;
      pending.push(child);
    }
  }
  return undefined;
}

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short, log-safe description of a value from a request. */
function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value).slice(0, 40)}`;
}
