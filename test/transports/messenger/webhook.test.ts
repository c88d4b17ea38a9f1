/**
 * The Messenger webhook: Meta's verification handshake, X-Hub-Signature-256 over the raw body, and each
 * documented `messaging` event turned into normalised ingest events (or delivery statuses).
 */
import { describe, expect, it } from 'vitest';
import { createMessengerChannel } from '../../../src/transports/messenger/index.js';
import { signBody } from '../../../src/transports/meta/signature.js';
import type { InboundWebhook } from '../../../src/transports/provider.js';
import { expectValidEvents, signedPost, testDeps, verificationGet } from './meta-fixtures.js';

const PAGE_ID = '104857329811223';
const PSID = '6723918823017345';
const SECRET = 'fb-app-secret-0f9e';
const PATH = `messenger/${PAGE_ID}`;
/** 2026-11-20T09:15:30.123Z */
const TS = 1795684530123;
const AT = new Date(TS).toISOString();

function webhookFor(accountId: string | null = PAGE_ID, deps = testDeps()): InboundWebhook {
  return createMessengerChannel(
    {
      type: 'messenger',
      ...(accountId ? { id: accountId } : {}),
      options: { pageId: PAGE_ID, accessToken: 'EAAG-token', appSecret: SECRET, verifyToken: 'verify-me-7' },
    },
    deps,
  ).webhook!;
}

const notification = (...messaging: unknown[]) => ({
  object: 'page',
  entry: [{ id: PAGE_ID, time: TS + 500, messaging }],
});
const from = (extra: Record<string, unknown>, ts: number | string = TS) => ({
  sender: { id: PSID },
  recipient: { id: PAGE_ID },
  timestamp: ts,
  ...extra,
});

describe('Messenger webhook: path and verification handshake', () => {
  it('is mounted at messenger/<pageId>', () => {
    expect(webhookFor().path).toBe(PATH);
  });

  it('answers hub.challenge when hub.verify_token matches', async () => {
    const out = await webhookFor().handle(
      verificationGet(PATH, {
        'hub.mode': 'subscribe',
        'hub.verify_token': 'verify-me-7',
        'hub.challenge': '1158201444',
      }),
    );
    expect(out).toEqual({ status: 200, body: '1158201444', contentType: 'text/plain', events: [] });
  });

  it('refuses a wrong verify token with 403 and a missing one with 400', async () => {
    const wrong = await webhookFor().handle(
      verificationGet(PATH, { 'hub.mode': 'subscribe', 'hub.verify_token': 'verify-me-8', 'hub.challenge': '1' }),
    );
    expect(wrong).toMatchObject({ status: 403, events: [] });
    expect(wrong.refused).toContain('verify_token');
    expect(wrong.body).toBeUndefined();

    const missing = await webhookFor().handle(verificationGet(PATH, { 'hub.challenge': '1' }));
    expect(missing).toMatchObject({ status: 400, events: [] });
    expect(missing.refused).toBeTruthy();
  });
});

describe('Messenger webhook: signatures and malformed bodies', () => {
  const body = notification(from({ message: { mid: 'm_abc', text: 'hello' } }));

  it('refuses a missing signature with 401 and no events', async () => {
    const req = signedPost(PATH, body, SECRET);
    delete req.headers['x-hub-signature-256'];
    const out = await webhookFor().handle(req);
    expect(out).toMatchObject({ status: 401, events: [] });
    expect(out.refused).toBe('missing X-Hub-Signature-256 header');
  });

  it('refuses a signature made with another secret, a tampered body, or a malformed header', async () => {
    const otherSecret = await webhookFor().handle(signedPost(PATH, body, 'not-the-secret'));
    expect(otherSecret).toMatchObject({ status: 401, events: [] });

    const req = signedPost(PATH, body, SECRET);
    const tampered = await webhookFor().handle({ ...req, rawBody: req.rawBody.replace('hello', 'hellO') });
    expect(tampered).toMatchObject({ status: 401, events: [] });

    const sha1 = await webhookFor().handle({ ...req, headers: { ...req.headers, 'x-hub-signature-256': 'sha1=abc' } });
    expect(sha1).toMatchObject({ status: 401, events: [] });
    expect(sha1.refused).toContain('malformed');
  });

  it('verifies the raw bytes: bodies with \\u escapes or raw UTF-8 are both accepted when signed as sent', async () => {
    const escaped =
      `{"object":"page","entry":[{"id":"${PAGE_ID}","time":${TS},"messaging":[{"sender":{"id":"${PSID}"},` +
      `"recipient":{"id":"${PAGE_ID}"},"timestamp":${TS},"message":{"mid":"m_u1","text":"C\\u1ea3m \\u01a1n"}}]}]}`;
    const out1 = await webhookFor().handle(signedPost(PATH, escaped, SECRET));
    expect(out1.status).toBe(200);
    expect(out1.events[1]).toMatchObject({ id: 'messenger:m_u1', text: 'Cảm ơn' });

    const raw = escaped.replace('m_u1', 'm_u2').replace('C\\u1ea3m \\u01a1n', 'Cảm ơn 🙏');
    const out2 = await webhookFor().handle(signedPost(PATH, raw, SECRET));
    expect(out2.events[1]).toMatchObject({ id: 'messenger:m_u2', text: 'Cảm ơn 🙏' });
  });

  it('answers 400 with no events for a signed body that is not JSON, or not a notification', async () => {
    for (const raw of [
      '{"object":"page","entry":[',
      '[]',
      '{"object":"page"}',
      '{"object":"page","entry":[{"time":1}]}',
    ]) {
      const out = await webhookFor().handle(signedPost(PATH, raw, SECRET));
      expect(out, raw).toMatchObject({ status: 400, events: [] });
    }
  });

  it('answers 405 to other methods', async () => {
    const out = await webhookFor().handle({ ...signedPost(PATH, body, SECRET), method: 'PUT' });
    expect(out).toMatchObject({ status: 405, events: [] });
  });
});

describe('Messenger webhook: events', () => {
  it('a customer message → contact.upserted (page, PSID) + message.received at Meta’s timestamp', async () => {
    const out = await webhookFor().handle(
      signedPost(
        PATH,
        notification(from({ message: { mid: 'm_1457764197618:41d102a3e1ae206a38', text: 'Where is my order?' } })),
        SECRET,
      ),
    );

    expect(out.status).toBe(200);
    expect(out.body).toBe('EVENT_RECEIVED');
    expect(out.refused).toBeUndefined();
    expect(out.events).toEqual([
      {
        id: 'messenger:m_1457764197618:41d102a3e1ae206a38:contact',
        type: 'contact.upserted',
        at: AT,
        contact: { id: `addr:messenger:${PSID}`, channels: [{ type: 'messenger', channelId: PAGE_ID, address: PSID }] },
      },
      {
        id: 'messenger:m_1457764197618:41d102a3e1ae206a38',
        type: 'message.received',
        at: AT,
        contactId: `addr:messenger:${PSID}`,
        channel: 'messenger',
        channelId: PAGE_ID,
        kind: 'message',
        text: 'Where is my order?',
      },
    ]);
    expect(out.statuses).toEqual([]);
    expectValidEvents(out.events);
  });

  it('the default account (no id in config) emits no channelId: contacts land on the default channel', async () => {
    const out = await webhookFor(null).handle(
      signedPost(PATH, notification(from({ message: { mid: 'm_def', text: 'hi' } })), SECRET),
    );
    expect(out.events[0]).toEqual({
      id: 'messenger:m_def:contact',
      type: 'contact.upserted',
      at: AT,
      contact: { id: `addr:messenger:${PSID}`, channels: [{ type: 'messenger', address: PSID }] },
    });
    expect(out.events[1]).not.toHaveProperty('channelId');
    expectValidEvents(out.events);
  });

  it('names the channel by the config account id when it differs from the Page id', async () => {
    const out = await webhookFor('shop-page').handle(
      signedPost(PATH, notification(from({ message: { mid: 'm_2', text: 'hi' } })), SECRET),
    );
    expect(out.events.map((e) => ('contact' in e ? e.contact.channels[0]!.channelId : e.channelId))).toEqual([
      'shop-page',
      'shop-page',
    ]);
  });

  it('echoes of the page’s own messages are never inbound events (they would move the anchor)', async () => {
    const echo = {
      sender: { id: PAGE_ID },
      recipient: { id: PSID },
      timestamp: TS,
      message: { mid: 'm_echo', text: 'We sent this', is_echo: true, app_id: 1517776481860111 },
    };
    const echoFlagOnly = from({ message: { mid: 'm_echo2', text: 'flagged', is_echo: true } });
    const out = await webhookFor().handle(signedPost(PATH, notification(echo, echoFlagOnly), SECRET));
    expect(out).toMatchObject({ status: 200, events: [], statuses: [] });
  });

  it('postback → kind postback (title as text); a Get Started after an ad carries the 7-day window', async () => {
    const out = await webhookFor().handle(
      signedPost(
        PATH,
        notification(
          from({ postback: { mid: 'm_pb1', title: 'Talk to an agent', payload: 'CARE_HELP' } }),
          from(
            {
              postback: {
                mid: 'm_pb2',
                title: 'Get Started',
                payload: 'GET_STARTED',
                referral: { ref: 'spring', source: 'ADS', type: 'OPEN_THREAD', ad_id: '6045246247433' },
              },
            },
            TS + 1000,
          ),
        ),
        SECRET,
      ),
    );
    const received = out.events.filter((e) => e.type === 'message.received');
    expect(received).toEqual([
      expect.objectContaining({ id: 'messenger:postback:m_pb1', kind: 'postback', text: 'Talk to an agent', at: AT }),
      expect.objectContaining({
        id: 'messenger:postback:m_pb2',
        kind: 'postback',
        windowHours: 168,
        at: new Date(TS + 1000).toISOString(),
      }),
    ]);
    expect(received[0]).not.toHaveProperty('windowHours');
    expectValidEvents(out.events);
  });

  it('reaction → kind reaction; removing a reaction is not a customer message', async () => {
    const out = await webhookFor().handle(
      signedPost(
        PATH,
        notification(
          from({ reaction: { reaction: 'love', emoji: '\u2764\uFE0F', action: 'react', mid: 'm_ours_1' } }),
          from({ reaction: { reaction: 'love', action: 'unreact', mid: 'm_ours_1' } }, TS + 5),
        ),
        SECRET,
      ),
    );
    const received = out.events.filter((e) => e.type === 'message.received');
    expect(received).toEqual([
      expect.objectContaining({ id: `messenger:reaction:m_ours_1:${PSID}:${AT}`, kind: 'reaction', at: AT }),
    ]);
    expectValidEvents(out.events);
  });

  it('ad referral → kind referral with windowHours 168; an m.me link referral has the standard window', async () => {
    const ad = from({
      referral: {
        ref: 'winter-sale',
        ad_id: '6045246247433',
        source: 'ADS',
        type: 'OPEN_THREAD',
        ads_context_data: { ad_title: 'Winter sale', photo_url: 'https://scontent.example/p.jpg', post_id: '1_2' },
      },
    });
    const link = from({ referral: { ref: 'footer', source: 'SHORTLINK', type: 'OPEN_THREAD' } }, TS + 60_000);
    const out = await webhookFor().handle(signedPost(PATH, notification(ad, link), SECRET));
    const received = out.events.filter((e) => e.type === 'message.received');
    expect(received).toEqual([
      expect.objectContaining({ id: `messenger:referral:${PSID}:${AT}`, kind: 'referral', windowHours: 168 }),
      expect.objectContaining({ kind: 'referral', at: new Date(TS + 60_000).toISOString() }),
    ]);
    expect(received[1]).not.toHaveProperty('windowHours');
    expectValidEvents(out.events);
  });

  it('the first message after a click-to-Messenger ad (referral source ADS) carries windowHours 168', async () => {
    const out = await webhookFor().handle(
      signedPost(
        PATH,
        notification(
          from({
            message: {
              mid: 'm_ad1',
              text: 'Is this still available?',
              referral: { source: 'ADS', type: 'OPEN_THREAD', ad_id: '42' },
            },
          }),
        ),
        SECRET,
      ),
    );
    expect(out.events[1]).toMatchObject({ id: 'messenger:m_ad1', kind: 'message', windowHours: 168 });
    expectValidEvents(out.events);
  });

  it('delivery receipts → delivered per mid (at = watermark if no timestamp); reads without mids → none', async () => {
    const delivery = {
      sender: { id: PSID },
      recipient: { id: PAGE_ID },
      delivery: { mids: ['m_sent_1', 'm_sent_2'], watermark: TS },
    };
    const read = from({ read: { watermark: TS + 10 } });
    const out = await webhookFor().handle(signedPost(PATH, notification(delivery, read), SECRET));
    expect(out.events).toEqual([]);
    expect(out.statuses).toEqual([
      { providerMessageId: 'm_sent_1', status: 'delivered', at: AT },
      { providerMessageId: 'm_sent_2', status: 'delivered', at: AT },
    ]);
  });

  it('a redelivered notification produces the same event ids (the ingest path drops it as a duplicate)', async () => {
    const body = notification(
      from({ message: { mid: 'm_dup', text: 'once' } }),
      from({ postback: { mid: 'm_dup_pb', title: 'Yes', payload: 'Y' } }),
    );
    const first = await webhookFor().handle(signedPost(PATH, body, SECRET));
    const again = await webhookFor().handle(signedPost(PATH, body, SECRET));
    expect(first.events.map((e) => e.id)).toEqual([
      'messenger:m_dup:contact',
      'messenger:m_dup',
      'messenger:postback:m_dup_pb:contact',
      'messenger:postback:m_dup_pb',
    ]);
    expect(again.events).toEqual(first.events);
  });

  it('acknowledges and ignores unknown event types, other Pages and other objects', async () => {
    const deps = testDeps();
    const hook = webhookFor(PAGE_ID, deps);
    const unknown = await hook.handle(
      signedPost(
        PATH,
        notification(
          from({ optin: { type: 'notification_messages', payload: 'x' } }),
          from({ pass_thread_control: { new_owner_app_id: '1' } }),
        ),
        SECRET,
      ),
    );
    expect(unknown).toMatchObject({ status: 200, events: [], statuses: [] });

    const otherPage = {
      object: 'page',
      entry: [{ id: '999000111', time: TS, messaging: [from({ message: { mid: 'm_x', text: 'x' } })] }],
    };
    expect(await hook.handle(signedPost(PATH, otherPage, SECRET))).toMatchObject({ status: 200, events: [] });

    const instagram = {
      object: 'instagram',
      entry: [{ id: PAGE_ID, time: TS, messaging: [from({ message: { mid: 'm_y', text: 'y' } })] }],
    };
    expect(await hook.handle(signedPost(PATH, instagram, SECRET))).toMatchObject({ status: 200, events: [] });
    expect(deps.warnings.map((w) => String(w[0]))).toEqual([
      expect.stringContaining('account 999000111'),
      expect.stringContaining('"instagram"'),
    ]);
  });

  it('skips items without a sender id or a timestamp, keeps the rest of the batch', async () => {
    const noSender = { recipient: { id: PAGE_ID }, timestamp: TS, message: { mid: 'm_ns', text: 'x' } };
    const userRef = {
      sender: { user_ref: 'ur_1' },
      recipient: { id: PAGE_ID },
      timestamp: TS,
      postback: { title: 'x', payload: 'y' },
    };
    const good = from({ message: { mid: 'm_good', text: 'ok' } });
    const out = await webhookFor().handle(signedPost(PATH, notification(noSender, userRef, good), SECRET));
    expect(out.events.map((e) => e.id)).toEqual(['messenger:m_good:contact', 'messenger:m_good']);
  });

  it('takes batched entries, standby items and dashboard-style changes with timestamps in seconds', async () => {
    const body = {
      object: 'page',
      entry: [
        { id: PAGE_ID, time: TS, messaging: [from({ message: { mid: 'm_b1', text: 'one' } })] },
        {
          id: PAGE_ID,
          time: TS,
          standby: [from({ message: { mid: 'm_b2', text: 'two (another app owns the thread)' } })],
        },
        {
          id: PAGE_ID,
          time: TS,
          changes: [
            {
              field: 'messaging_postbacks',
              value: {
                sender: { id: PSID },
                recipient: { id: PAGE_ID },
                timestamp: '1527459824',
                postback: { mid: 'm_b3', title: 'Go', payload: 'GO' },
              },
            },
            { field: 'feed', value: { item: 'status' } },
          ],
        },
      ],
    };
    const out = await webhookFor().handle(signedPost(PATH, body, SECRET));
    const received = out.events.filter((e) => e.type === 'message.received');
    expect(received.map((e) => [e.id, e.at])).toEqual([
      ['messenger:m_b1', AT],
      ['messenger:m_b2', AT],
      ['messenger:postback:m_b3', '2018-05-27T22:23:44.000Z'],
    ]);
    expectValidEvents(out.events);
  });

  it('hashes ids that would exceed the ingest limit, stably', async () => {
    const longMid = `m_${'x'.repeat(250)}`;
    const body = notification(from({ message: { mid: longMid, text: 'long' } }));
    const a = await webhookFor().handle(signedPost(PATH, body, SECRET));
    const b = await webhookFor().handle(signedPost(PATH, body, SECRET));
    expect(a.events[1]!.id).toMatch(/^messenger:sha256:[0-9a-f]{64}$/);
    expect(a.events.map((e) => e.id)).toEqual(b.events.map((e) => e.id));
    expectValidEvents(a.events);
  });

  it('signs like Meta: sha256=<hex HMAC-SHA256 of the raw body keyed with the app secret> (known vector)', () => {
    expect(signBody('test', 'secret')).toBe('sha256=0329a06b62cd16b33eb6792be8c60b158d89a2ee3a876fce9a881ebb488c0914');
  });
});
