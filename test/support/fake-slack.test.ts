import { LogLevel, WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from './fake-slack.js';

describe('startFakeSlack', () => {
  let fake: FakeSlack;
  let client: WebClient;

  beforeEach(async () => {
    fake = await startFakeSlack();
    client = new WebClient('xoxb-test', { slackApiUrl: fake.url, retryConfig: { retries: 0 } });
  });
  afterEach(async () => {
    await fake.close();
  });

  it('listens on 127.0.0.1 and exposes the Web API base with a trailing slash', () => {
    expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/$/);
    expect(fake.origin).toBe(fake.url.replace(/\/api\/$/, ''));
  });

  it('answers auth.test like Slack and records the bearer token', async () => {
    const res = await client.auth.test();
    expect(res).toMatchObject({ ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T0001', team: 'Test' });
    expect(fake.calls).toEqual([
      {
        method: 'auth.test',
        args: expect.any(Object),
        token: 'xoxb-test',
        status: 200,
        result: expect.objectContaining({ team_id: 'T0001' }),
      },
    ]);
  });

  it('parses form bodies and JSON-decodes view, blocks and attachments', async () => {
    const view = {
      type: 'modal' as const,
      title: { type: 'plain_text' as const, text: 'T' },
      blocks: [{ type: 'divider' as const }],
    };
    await client.views.open({ trigger_id: 'trig', view });
    await client.chat.postMessage({
      channel: 'C1',
      text: 'hi',
      blocks: [{ type: 'divider' }],
      attachments: [{ text: 'a' }],
    });
    expect(fake.callsTo('views.open')).toEqual([expect.objectContaining({ trigger_id: 'trig', view })]);
    const [post] = fake.callsTo('chat.postMessage');
    expect(post).toMatchObject({
      channel: 'C1',
      text: 'hi',
      blocks: [{ type: 'divider' }],
      attachments: [{ text: 'a' }],
    });
  });

  it('parses JSON bodies too', async () => {
    const res = await fetch(`${fake.url}chat.postMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', authorization: 'Bearer xoxb-json' },
      body: JSON.stringify({ channel: 'C2', text: 'json', blocks: [{ type: 'divider' }] }),
    });
    expect(await res.json()).toMatchObject({ ok: true, channel: 'C2' });
    expect(fake.calls[0]).toMatchObject({
      method: 'chat.postMessage',
      token: 'xoxb-json',
      args: { channel: 'C2', blocks: [{ type: 'divider' }] },
    });
  });

  it('gives views unique ids and hashes and echoes the view; views.update keeps the view id', async () => {
    const view = {
      type: 'modal' as const,
      callback_id: 'cb',
      title: { type: 'plain_text' as const, text: 'T' },
      blocks: [],
    };
    const a = await client.views.open({ trigger_id: 't1', view });
    const b = await client.views.push({ trigger_id: 't2', view });
    expect(a.view?.id).toMatch(/^V/);
    expect(a.view?.id).not.toBe(b.view?.id);
    expect(a.view?.hash).toMatch(/^h/);
    expect(a.view?.callback_id).toBe('cb');
    const u = await client.views.update({ view_id: a.view!.id!, hash: a.view!.hash!, view });
    expect(u.view?.id).toBe(a.view?.id);
    expect(u.view?.hash).not.toBe(a.view?.hash);
    expect((await client.views.publish({ user_id: 'U1', view: { type: 'home', blocks: [] } })).ok).toBe(true);
  });

  it('answers messages, DMs and users with Slack-shaped defaults; anything else is ok', async () => {
    const p1 = await client.chat.postMessage({ channel: 'C1', text: 'one' });
    const p2 = await client.chat.postMessage({ channel: 'C1', text: 'two' });
    expect(p1).toMatchObject({ ok: true, channel: 'C1' });
    expect(p1.ts).toMatch(/^\d+\.\d{6}$/);
    expect(p1.ts).not.toBe(p2.ts);
    expect((await client.chat.postEphemeral({ channel: 'C1', user: 'U1', text: 'x' })).message_ts).toMatch(/^\d+\./);
    expect(await client.chat.update({ channel: 'C1', ts: p1.ts!, text: 'edited' })).toMatchObject({
      ok: true,
      ts: p1.ts,
    });
    expect((await client.conversations.open({ users: 'U123' })).channel?.id).toBe('DU123');
    const user = await client.users.info({ user: 'U42' });
    expect(user.user).toMatchObject({ id: 'U42', tz: 'Europe/Paris', tz_offset: 3600, locale: 'en-US' });
    expect(await client.apiCall('reactions.add', { channel: 'C1', name: 'x', timestamp: '1' })).toMatchObject({
      ok: true,
    });
  });

  it('scripts answers: fixed bodies, functions, a number of times, then the default again', async () => {
    fake.respondWith('chat.postMessage', { ok: false, error: 'channel_not_found' }, { times: 1 });
    await expect(client.chat.postMessage({ channel: 'C404', text: 'x' })).rejects.toMatchObject({
      code: 'slack_webapi_platform_error',
      data: { error: 'channel_not_found' },
    });
    expect((await client.chat.postMessage({ channel: 'C1', text: 'x' })).ok).toBe(true);

    fake.respondWith('users.info', (args) => ({ ok: true, user: { id: args.user, tz: 'Asia/Ho_Chi_Minh' } }));
    expect((await client.users.info({ user: 'U9' })).user).toEqual({ id: 'U9', tz: 'Asia/Ho_Chi_Minh' });
    // A newer unlimited answer replaces the earlier unlimited one.
    fake.respondWith('users.info', { ok: true, user: { id: 'fixed' } });
    expect((await client.users.info({ user: 'U9' })).user).toEqual({ id: 'fixed' });
  });

  it('scripts HTTP 429 with Retry-After: the client rejects when told to', async () => {
    const strict = new WebClient('xoxb-test', {
      slackApiUrl: fake.url,
      rejectRateLimitedCalls: true,
      retryConfig: { retries: 0 },
    });
    fake.rateLimit('chat.postMessage', 7);
    await expect(strict.chat.postMessage({ channel: 'C1', text: 'x' })).rejects.toMatchObject({
      code: 'slack_webapi_rate_limited_error',
      retryAfter: 7,
    });
    expect((await strict.chat.postMessage({ channel: 'C1', text: 'x' })).ok).toBe(true);
  });

  it('scripts HTTP 429 with Retry-After: the default client waits and retries', async () => {
    const patient = new WebClient('xoxb-test', {
      slackApiUrl: fake.url,
      logLevel: LogLevel.ERROR,
      retryConfig: { retries: 2, minTimeout: 1, maxTimeout: 5 },
    });
    fake.respondWith(
      'chat.postMessage',
      { ok: false, error: 'ratelimited' },
      { status: 429, headers: { 'Retry-After': '0' }, times: 1 },
    );
    const res = await patient.chat.postMessage({ channel: 'C1', text: 'x' });
    expect(res.ok).toBe(true);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(2);
  });

  it('waitFor resolves with past or future calls matching a predicate, and times out with what it saw', async () => {
    await client.chat.postMessage({ channel: 'C1', text: 'first' });
    expect(await fake.waitFor('chat.postMessage')).toMatchObject({ text: 'first' });
    const later = fake.waitFor('chat.postMessage', (a) => a.text === 'second');
    setTimeout(() => void client.chat.postMessage({ channel: 'C1', text: 'second' }), 20);
    expect(await later).toMatchObject({ text: 'second' });
    const calls = fake.waitForCalls('chat.postMessage', 3);
    await client.chat.postMessage({ channel: 'C1', text: 'third' });
    expect(await calls).toHaveLength(3);
    await expect(fake.waitFor('views.open', undefined, 50)).rejects.toThrow(
      /no views\.open call .* within 50 ms \(calls seen: chat\.postMessage/,
    );
  });

  it('serves response_url paths, records them and lets tests wait for them', async () => {
    const url = fake.responseUrl('cmd-1');
    expect(url).toBe(`${fake.origin}/response_url/cmd-1`);
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'hi', response_type: 'ephemeral' }),
    });
    expect(res.status).toBe(200);
    expect(fake.responsesTo('cmd-1')).toEqual([{ text: 'hi', response_type: 'ephemeral' }]);
    expect(await fake.waitForResponse('cmd-1', (b) => b.text === 'hi')).toMatchObject({ response_type: 'ephemeral' });
    expect(fake.calls).toHaveLength(0);
    fake.respondWith('response_url', { error: 'expired' }, { status: 404, times: 1 });
    expect(
      (await fetch(url, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })).status,
    ).toBe(404);
  });

  it('conversations.history lists what chat.postMessage posted, newest first, paged, metadata on request', async () => {
    const metadata = { event_type: 'followup_notice', event_payload: { noticeId: 'n-1' } };
    await client.chat.postMessage({ channel: 'C1', text: 'first', metadata });
    await client.chat.postMessage({ channel: 'C2', text: 'elsewhere' });
    fake.respondWith('chat.postMessage', { ok: false, error: 'is_archived' }, { times: 1 });
    await client.chat.postMessage({ channel: 'C1', text: 'refused' }).catch(() => undefined);
    const second = await client.chat.postMessage({ channel: 'C1', text: 'second' });

    const page1 = await client.conversations.history({ channel: 'C1', limit: 1, include_all_metadata: true });
    expect(page1.messages?.map((m) => [m.text, m.ts])).toEqual([['second', second.ts]]);
    expect(page1.has_more).toBe(true);
    const page2 = await client.conversations.history({
      channel: 'C1',
      limit: 1,
      include_all_metadata: true,
      cursor: page1.response_metadata?.next_cursor ?? '',
    });
    expect(page2.messages?.map((m) => [m.text, m.metadata])).toEqual([['first', metadata]]);
    expect(page2.has_more).toBe(false);
    const plain = await client.conversations.history({ channel: 'C1' });
    expect(plain.messages?.map((m) => m.text)).toEqual(['second', 'first']);
    expect(plain.messages?.some((m) => m.metadata)).toBe(false);
  });

  it('a post whose answer never came is in the history (Slack posted it; the caller never heard)', async () => {
    fake.respondWith('chat.postMessage', () => new Promise(() => {}), { times: 1 });
    void client.chat.postMessage({ channel: 'C1', text: 'lost answer' }).catch(() => undefined);
    await fake.waitFor('chat.postMessage');
    const history = await client.conversations.history({ channel: 'C1' });
    expect(history.messages?.map((m) => m.text)).toEqual(['lost answer']);
  });

  it('reset forgets calls and scripts', async () => {
    fake.respondWith('auth.test', { ok: false, error: 'invalid_auth' });
    await client.auth.test().catch(() => undefined);
    fake.reset();
    expect(fake.calls).toHaveLength(0);
    expect((await client.auth.test()).ok).toBe(true);
  });
});
