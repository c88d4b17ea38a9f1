/**
 * The Instagram messaging webhook: handshake, signature, and the Instagram-specific inbound kinds
 * (story replies, story mentions) besides messages, postbacks, reactions, referrals and seen receipts.
 */
import { describe, expect, it } from 'vitest';
import { createInstagramChannel } from '../../../src/transports/instagram/index.js';
import type { InboundWebhook } from '../../../src/transports/provider.js';
import { expectValidEvents, signedPost, testDeps, verificationGet } from '../messenger/meta-fixtures.js';
import { contactOf } from '../events.js';

const IG_ID = '17841405793187218';
const IGSID = '5218837730110492';
const SECRET = 'instagram-app-secret-77';
const PATH = `instagram/${IG_ID}`;
const TS = 1795684530123;
const AT = new Date(TS).toISOString();

function webhookFor(options: Record<string, unknown> = {}, deps = testDeps()): InboundWebhook {
  return createInstagramChannel(
    {
      type: 'instagram',
      id: IG_ID,
      options: { igUserId: IG_ID, accessToken: 'IGAAR-token', appSecret: SECRET, verifyToken: 'ig-verify', ...options },
    },
    deps,
  ).webhook!;
}

const notification = (...messaging: unknown[]) => ({
  object: 'instagram',
  entry: [{ id: IG_ID, time: TS + 400, messaging }],
});
const from = (extra: Record<string, unknown>, ts = TS) => ({
  sender: { id: IGSID },
  recipient: { id: IG_ID },
  timestamp: ts,
  ...extra,
});
const received = (events: Array<Record<string, unknown>>) => events.filter((e) => e.type === 'message.received');

describe('Instagram webhook: path, handshake, signature', () => {
  it('is mounted at instagram/<igUserId> and answers the verification challenge', async () => {
    const hook = webhookFor();
    expect(hook.path).toBe(PATH);
    const ok = await hook.handle(
      verificationGet(PATH, { 'hub.mode': 'subscribe', 'hub.verify_token': 'ig-verify', 'hub.challenge': '987654321' }),
    );
    expect(ok).toEqual({ status: 200, body: '987654321', contentType: 'text/plain', events: [] });
    const bad = await hook.handle(
      verificationGet(PATH, { 'hub.mode': 'subscribe', 'hub.verify_token': 'nope', 'hub.challenge': '987654321' }),
    );
    expect(bad).toMatchObject({ status: 403, events: [] });
  });

  it('refuses unsigned and wrongly signed notifications; 400 for a malformed signed body', async () => {
    const body = notification(from({ message: { mid: 'ig_m1', text: 'hi' } }));
    const unsigned = signedPost(PATH, body, SECRET);
    delete unsigned.headers['x-hub-signature-256'];
    expect(await webhookFor().handle(unsigned)).toMatchObject({ status: 401, events: [] });
    expect(await webhookFor().handle(signedPost(PATH, body, 'meta-app-secret-instead'))).toMatchObject({
      status: 401,
      events: [],
    });
    expect(await webhookFor().handle(signedPost(PATH, 'not json', SECRET))).toMatchObject({ status: 400, events: [] });
  });
});

describe('Instagram webhook: events', () => {
  it('a direct message → contact.upserted (IG account, IGSID) + message.received', async () => {
    const out = await webhookFor().handle(
      signedPost(
        PATH,
        notification(from({ message: { mid: 'aWdfZAG1faWQ6MTc4', text: 'Do you ship to Da Nang?' } })),
        SECRET,
      ),
    );
    expect(out.status).toBe(200);
    expect(out.events).toEqual([
      {
        id: 'instagram:aWdfZAG1faWQ6MTc4:contact',
        type: 'contact.upserted',
        at: AT,
        contact: { id: `addr:instagram:${IGSID}`, channels: [{ type: 'instagram', channelId: IG_ID, address: IGSID }] },
      },
      {
        id: 'instagram:aWdfZAG1faWQ6MTc4',
        type: 'message.received',
        at: AT,
        contactId: `addr:instagram:${IGSID}`,
        channel: 'instagram',
        channelId: IG_ID,
        kind: 'message',
        text: 'Do you ship to Da Nang?',
      },
    ]);
    expectValidEvents(out.events);
  });

  it('a story reply → story_reply; a story mention → story_mention', async () => {
    const reply = from({
      message: {
        mid: 'ig_sr',
        text: 'Love this colour!',
        reply_to: {
          story: { url: 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1', id: '18012345678901234' },
        },
      },
    });
    const mention = from(
      {
        message: {
          mid: 'ig_sm',
          attachments: [
            { type: 'story_mention', payload: { url: 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=2' } },
          ],
        },
      },
      TS + 1000,
    );
    const plainReply = from(
      { message: { mid: 'ig_rt', text: 'answering your DM', reply_to: { mid: 'ig_earlier' } } },
      TS + 2000,
    );
    const out = await webhookFor().handle(signedPost(PATH, notification(reply, mention, plainReply), SECRET));
    expect(received(out.events).map((e) => [e.id, e.kind, e.at])).toEqual([
      ['instagram:ig_sr', 'story_reply', AT],
      ['instagram:ig_sm', 'story_mention', new Date(TS + 1000).toISOString()],
      ['instagram:ig_rt', 'message', new Date(TS + 2000).toISOString()],
    ]);
    expectValidEvents(out.events);
  });

  it('echoes (messages the account itself sent) and unsent messages are never inbound', async () => {
    const echo = {
      sender: { id: IG_ID },
      recipient: { id: IGSID },
      timestamp: TS,
      message: { mid: 'ig_echo', text: 'Thanks!', is_echo: true },
    };
    const deleted = from({ message: { mid: 'ig_del', is_deleted: true } });
    const out = await webhookFor().handle(signedPost(PATH, notification(echo, deleted), SECRET));
    expect(out).toMatchObject({ status: 200, events: [], statuses: [] });
  });

  it('postback, reaction and a click-to-Direct ad referral (7-day window)', async () => {
    const out = await webhookFor().handle(
      signedPost(
        PATH,
        notification(
          from({ postback: { mid: 'ig_pb', title: 'Track my order', payload: 'TRACK' } }),
          from({ reaction: { mid: 'ig_ours', action: 'react', reaction: 'love', emoji: '\u2764' } }, TS + 1),
          from({ referral: { ref: 'dm-ad', source: 'ADS', type: 'OPEN_THREAD', ad_id: '120210000000' } }, TS + 2),
        ),
        SECRET,
      ),
    );
    expect(received(out.events).map((e) => [e.id, e.kind, e.windowHours])).toEqual([
      ['instagram:postback:ig_pb', 'postback', undefined],
      [`instagram:reaction:ig_ours:${IGSID}:${new Date(TS + 1).toISOString()}`, 'reaction', undefined],
      [`instagram:referral:${IGSID}:${new Date(TS + 2).toISOString()}`, 'referral', 168],
    ]);
    expectValidEvents(out.events);
  });

  it('messaging_seen with a mid → a read status for that message', async () => {
    const out = await webhookFor().handle(
      signedPost(PATH, notification(from({ read: { mid: 'ig_sent_by_us' } })), SECRET),
    );
    expect(out.events).toEqual([]);
    expect(out.statuses).toEqual([{ providerMessageId: 'ig_sent_by_us', status: 'read', at: AT }]);
  });

  it('redelivery gives the same ids; Messenger "page" notifications and other accounts are ignored', async () => {
    const body = notification(from({ message: { mid: 'ig_again', text: 'twice' } }));
    const a = await webhookFor().handle(signedPost(PATH, body, SECRET));
    const b = await webhookFor().handle(signedPost(PATH, body, SECRET));
    expect(b.events.map((e) => e.id)).toEqual(['instagram:ig_again:contact', 'instagram:ig_again']);
    expect(b.events).toEqual(a.events);

    const page = { ...body, object: 'page' };
    expect(await webhookFor().handle(signedPost(PATH, page, SECRET))).toMatchObject({ status: 200, events: [] });
    const other = {
      object: 'instagram',
      entry: [{ id: '17841400000000001', time: TS, messaging: [from({ message: { mid: 'x', text: 'x' } })] }],
    };
    expect(await webhookFor().handle(signedPost(PATH, other, SECRET))).toMatchObject({ status: 200, events: [] });
  });

  it('the default account (no id in the config) emits no channelId', async () => {
    const hook = createInstagramChannel(
      { type: 'instagram', options: { igUserId: IG_ID, accessToken: 't', appSecret: SECRET, verifyToken: 'v' } },
      testDeps(),
    ).webhook!;
    const out = await hook.handle(
      signedPost(PATH, notification(from({ message: { mid: 'ig_d', text: 'x' } })), SECRET),
    );
    expect(out.events[1]).not.toHaveProperty('channelId');
    expect(out.events[0]).toMatchObject({ contact: { channels: [{ type: 'instagram', address: IGSID }] } });
    expect(contactOf(out.events[0]).channels[0]).not.toHaveProperty('channelId');
    expectValidEvents(out.events);
  });

  it('uses the config account id as channelId when one is set', async () => {
    const hook = createInstagramChannel(
      {
        type: 'instagram',
        id: 'brand-ig',
        options: { igUserId: IG_ID, accessToken: 't', appSecret: SECRET, verifyToken: 'v' },
      },
      testDeps(),
    ).webhook!;
    const out = await hook.handle(
      signedPost(PATH, notification(from({ message: { mid: 'ig_c', text: 'x' } })), SECRET),
    );
    expect(out.events[1]).toMatchObject({ channelId: 'brand-ig' });
    expect(out.events[0]).toMatchObject({
      contact: { channels: [{ type: 'instagram', channelId: 'brand-ig', address: IGSID }] },
    });
  });
});
