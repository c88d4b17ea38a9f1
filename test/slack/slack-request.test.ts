/**
 * The check in front of Bolt (src/slack/slack-request.ts), at its boundaries: Slack's 5-minute window both ways,
 * the signature over the raw bytes, the two form encodings, and the workspace every payload kind must name.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/demo/demo-events.js';
import {
  MAX_CLOCK_SKEW_SECONDS,
  type RawSlackRequest,
  checkPayload,
  checkSlackRequest,
  mayHoldLongKey,
  formEntries,
} from '../../src/slack/slack-request.js';

const SECRET = 'unit-signing-secret';
const NOW_MS = 1_795_000_000_500;
const NOW_S = Math.floor(NOW_MS / 1000);
const FORM = 'application/x-www-form-urlencoded';

function signed(body: string | Buffer, contentType = 'application/json', timestamp = NOW_S): RawSlackRequest {
  const rawBody = typeof body === 'string' ? Buffer.from(body) : body;
  const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${timestamp}:`).update(rawBody).digest('hex')}`;
  return { rawBody, contentType, signature, timestamp: String(timestamp) };
}

const check = (req: RawSlackRequest) => checkSlackRequest(req, SECRET, NOW_MS);
const command = (fields: Record<string, string> = {}) =>
  new URLSearchParams({ command: '/followup', user_id: 'U0001', team_id: 'T0001', text: '', ...fields }).toString();

describe('signature and timestamp', () => {
  it.each([
    [-MAX_CLOCK_SKEW_SECONDS, 'payload'],
    [-MAX_CLOCK_SKEW_SECONDS - 1, 'refused'],
    [MAX_CLOCK_SKEW_SECONDS, 'payload'],
    [MAX_CLOCK_SKEW_SECONDS + 1, 'refused'],
  ])('a timestamp %i s from now: %s', (offset, kind) => {
    const verdict = check(signed(command(), FORM, NOW_S + offset));
    expect(verdict.kind).toBe(kind);
    if (verdict.kind === 'refused') {
      expect(verdict).toMatchObject({ status: 401, reason: expect.stringMatching(/x-slack-request-timestamp/) });
    }
  });

  it('signs the raw bytes: a body that is not valid UTF-8 verifies, then is refused as not JSON', () => {
    const verdict = check(signed(Buffer.from([0x7b, 0xff, 0xfe, 0x7d])));
    expect(verdict).toMatchObject({ kind: 'refused', status: 400, reason: 'the body is not JSON' });
  });

  it('a wrong secret, a missing or doubled header: 401 naming what to check', () => {
    const good = signed('{}');
    const wrongSecret = checkSlackRequest(good, 'other-secret', NOW_MS);
    expect(wrongSecret).toMatchObject({ status: 401, reason: expect.stringMatching(/SLACK_SIGNING_SECRET/) });
    expect(check({ ...good, signature: undefined })).toMatchObject({ status: 401 });
    expect(check({ ...good, signature: [good.signature as string, good.signature as string] })).toMatchObject({
      status: 401,
    });
    expect(check({ ...good, timestamp: `${NOW_S}.5` })).toMatchObject({ status: 401 });
  });

  it('ssl_check is answered without a signature; url_verification only with one', () => {
    const rawBody = Buffer.from('ssl_check=1&token=x');
    const ssl = { rawBody, contentType: FORM, signature: undefined, timestamp: undefined };
    expect(check(ssl)).toEqual({ kind: 'ssl_check' });
    const challenge = JSON.stringify({ type: 'url_verification', challenge: 'abc' });
    expect(check(signed(challenge))).toEqual({ kind: 'url_verification', challenge: 'abc' });
    expect(check({ ...signed(challenge), signature: undefined })).toMatchObject({ status: 401 });
  });
});

describe('encodings', () => {
  it('a slash command form, an interaction form (payload=), a form with a charset', () => {
    const form = `${FORM}; charset=utf-8`;
    expect(check(signed(command(), form))).toMatchObject({ kind: 'payload', payloadKind: 'command' });
    const payload = { type: 'shortcut', callback_id: 'x', user: { id: 'U0001' }, team: { id: 'T0001' } };
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    expect(check(signed(body, form))).toMatchObject({ kind: 'payload', payloadKind: 'shortcut', body: payload });
  });

  it.each(['null', '[]', '"x"', '7'])('JSON %s is not a payload: 400', (body) => {
    expect(check(signed(body))).toMatchObject({ kind: 'refused', status: 400 });
  });
});

describe('payload kinds and the workspace they name', () => {
  const user = { id: 'U0001', team_id: 'T0001' };
  const team = { id: 'T0001' };
  const longestKeys = { ['b'.repeat(255)]: { ['a'.repeat(255)]: {} } };
  it.each([
    [
      'an event naming its team in authorizations',
      { event: { type: 'app_home_opened', user: 'U1' }, team_id: 'T0001', authorizations: [{ team_id: 'T0001' }] },
    ],
    [
      'an org-wide event (team null, enterprise named)',
      { event: { type: 'x' }, authorizations: [{ team_id: null, enterprise_id: 'E0001' }] },
    ],
    ['an org-wide interaction (team null, user.team_id)', { type: 'block_actions', actions: [], team: null, user }],
    [
      'an org-wide interaction naming only its enterprise',
      { type: 'view_closed', team: null, enterprise: { id: 'E0001' }, user: { id: 'U0001' }, view: {} },
    ],
    [
      'a Slack Connect modal (view.app_installed_team_id)',
      { type: 'view_submission', team: { id: 'T0OTHER' }, user, view: { app_installed_team_id: 'T0001' } },
    ],
    ['a block_suggestion', { type: 'block_suggestion', action_id: 'a', value: 'x', team, user }],
    [
      'keys of 255 characters (block_id and action_id in state.values)',
      { type: 'view_submission', team, user, view: { state: { values: longestKeys } } },
    ],
  ])('%s: accepted', (_name, body) => {
    expect(checkPayload(body as Record<string, unknown>).kind).toBe('payload');
  });

  it.each([
    ['team_id constructor', { command: '/followup', user_id: 'U0001', team_id: 'constructor' }],
    ['no team at all', { command: '/followup', user_id: 'U0001' }],
    ['a null view', { type: 'view_submission', team, user, view: null }],
    ['a null channel (Bolt reads channel.id)', { type: 'block_actions', actions: [], team, user, channel: null }],
    ['actions that are not a list', { type: 'block_actions', actions: 5, team, user }],
    ['response_urls that are not a list', { type: 'view_submission', team, user, view: {}, response_urls: null }],
    ['an event that is a string', { event: 'app_home_opened', team_id: 'T0001' }],
    ['an unknown kind', { type: 'app_rate_limited', team_id: 'T0001' }],
    [
      'a key longer than 255 characters, deep down',
      { command: '/followup', user_id: 'U0001', team_id: 'T0001', x: [[{ ['k'.repeat(256)]: 1 }]] },
    ],
  ])('%s: refused with 400', (_name, body) => {
    expect(checkPayload(body as Record<string, unknown>)).toMatchObject({ kind: 'refused', status: 400 });
  });
});

describe('long keys, found from the JSON text before any walk', () => {
  const team = { id: 'T0001' };
  const user = { id: 'U0001', team_id: 'T0001' };
  const action = (extra: Record<string, unknown>) => ({ type: 'block_actions', actions: [], team, user, ...extra });

  it.each([
    ['a key of 256 characters', JSON.stringify({ ['k'.repeat(256)]: 1 }), true],
    ['a key of 255 characters', JSON.stringify({ ['k'.repeat(255)]: 1 }), false],
    ['a value of 10,000 characters', JSON.stringify({ text: 'v'.repeat(10_000), k: 'x' }), false],
    ['a long value before a colon inside a string', JSON.stringify({ text: `${'v'.repeat(300)}":` }), false],
    ['a long key with spaces before its colon', `{"${'k'.repeat(300)}" \n\t :1}`, true],
    ['a long key deep down in a list', JSON.stringify({ a: [[{ ['k'.repeat(999)]: 1 }]] }), true],
    // Its text is 256 characters long: the walk over the keys then decides (and accepts it).
    ['a key of 255 characters written with an escape', JSON.stringify({ [`${'k'.repeat(254)}\n`]: 1 }), true],
    ['escaped quotes in a long value', JSON.stringify({ text: '\\"'.repeat(400) }), false],
  ])('%s: %s', (_name, json, expected) => {
    expect(mayHoldLongKey(json)).toBe(expected);
  });

  it('a signed block action with a long key in its view is refused, as JSON or as a form payload', () => {
    const body = action({ view: { state: { values: { ['b'.repeat(300)]: {} } } } });
    const json = JSON.stringify(body);
    for (const req of [signed(json), signed(new URLSearchParams({ payload: json }).toString(), FORM)]) {
      expect(check(req)).toMatchObject({ kind: 'refused', status: 400, reason: expect.stringMatching(/300/) });
    }
  });

  it('a signed block action carrying a large view with keys of 255 characters is accepted', () => {
    const blocks = Array.from({ length: 90 }, (_, i) => ({
      type: 'section',
      block_id: `b${i}`,
      text: 't'.repeat(500),
    }));
    const values = { [`${'b'.repeat(254)}\n`]: { ['a'.repeat(255)]: { type: 'plain_text_input', value: 'x' } } };
    const json = JSON.stringify(action({ view: { blocks, state: { values } } }));
    expect(check(signed(new URLSearchParams({ payload: json }).toString(), FORM)).kind).toBe('payload');
  });
});

describe('form fields, decoded as URLSearchParams decodes them', () => {
  it('agrees with URLSearchParams on well-formed, odd and malformed forms', () => {
    const samples = [
      '',
      'a=1',
      '?a=1&b=2',
      'payload=%7B%22a%22%3A%22Nguy%E1%BB%85n%20%F0%9F%99%82%22%7D',
      'text=a+b%2Bc&user_id=U1',
      '=x&&y=&z',
      'a=1=2&b',
      'bad=%E0%A4%A&ok=1',
      '??a=%E2%82',
      'lone=%&x=%zz',
      'sur=%ED%A0%80',
      'k%3D=v%26w',
    ];
    const alphabet = [
      'a',
      '=',
      '&',
      '+',
      '%',
      '2',
      'B',
      'E',
      'F',
      '%41',
      '%C3%A9',
      '%F0%9F%99%82',
      '%E2%82',
      'ễ',
      '?',
      ' ',
    ];
    const rand = mulberry32(7);
    const next = () => Math.floor(rand() * 2 ** 31);
    for (let i = 0; i < 2000; i++) {
      samples.push(Array.from({ length: next() % 24 }, () => alphabet[next() % alphabet.length]).join(''));
    }
    for (const text of samples) expect(formEntries(text), text).toEqual([...new URLSearchParams(text)]);
  });
});
