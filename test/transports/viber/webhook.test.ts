import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ingestEventSchema } from '../../../src/ingest/events.js';
import type { InboundWebhook, ProviderDeps, WebhookResponse } from '../../../src/transports/provider.js';
import { createViberChannel } from '../../../src/transports/viber/index.js';

const TOKEN = '445da6az1s345z78-dazcczb2542zv51a-e0vc5fva17480im9';
const deps: ProviderDeps = {
  fetch: () => Promise.reject(new Error('no network in webhook tests')),
  now: () => new Date('2030-01-01T00:00:00Z'), // far from the provider timestamps: `at` must not come from here
  logger: { info() {}, warn() {}, error() {} },
};

function webhook(id?: string): InboundWebhook {
  return createViberChannel(
    { type: 'viber', ...(id ? { id } : {}), options: { authToken: TOKEN, senderName: 'Acme' } },
    deps,
  ).webhook!;
}

const sign = (body: string, key = TOKEN) => createHmac('sha256', key).update(body, 'utf8').digest('hex');

function post(body: string, signature: string | null = sign(body), method = 'POST') {
  return {
    method,
    url: new URL('https://followup.example/webhooks/viber/bot-1'),
    headers: signature === null ? {} : { 'x-viber-content-signature': signature },
    rawBody: body,
  };
}

/** Every event a webhook emits must be a valid ingest event. */
function valid(response: WebhookResponse) {
  for (const event of response.events) expect(ingestEventSchema.safeParse(event).error).toBeUndefined();
  return response;
}

// Payloads as documented at creators.viber.com/docs/bots-api/events/* (raw text: message_token is 64-bit).
const MESSAGE =
  '{"event":"message","timestamp":1457764197627,"chat_hostname":"SN-376_","message_token":4912661846655238145,' +
  '"sender":{"id":"01234567890A=","name":"John McClane","avatar":"http://avatar.example.com",' +
  '"country":"UK","language":"en","api_version":1},' +
  '"message":{"type":"text","text":"a message to the service","tracking_data":"tracking data"},"silent":false}';

describe('viber webhook: signatures', () => {
  it('accepts a body signed with the auth token (hex HMAC-SHA256 of the raw body)', async () => {
    const response = await webhook('bot-1').handle(post(MESSAGE));
    expect(response.status).toBe(200);
    expect(response.refused).toBeUndefined();
    expect(response.events).toHaveLength(2);
  });

  it('refuses a bad signature with 401 and no events', async () => {
    const response = await webhook().handle(post(MESSAGE, sign(MESSAGE, 'another-token')));
    expect(response).toEqual({ status: 401, events: [], refused: 'bad X-Viber-Content-Signature' });
  });

  it('refuses a signature over a different body (tampered) and a non-hex signature', async () => {
    const tampered = MESSAGE.replace('a message to the service', 'a forged message');
    expect((await webhook().handle(post(tampered, sign(MESSAGE)))).status).toBe(401);
    expect((await webhook().handle(post(MESSAGE, 'sha256=' + sign(MESSAGE)))).status).toBe(401);
    expect((await webhook().handle(post(MESSAGE, 'zz'))).status).toBe(401);
  });

  it('refuses a missing signature with 401', async () => {
    expect(await webhook().handle(post(MESSAGE, null))).toEqual({
      status: 401,
      events: [],
      refused: 'missing X-Viber-Content-Signature',
    });
  });

  it('accepts an upper-case hex signature', async () => {
    expect((await webhook().handle(post(MESSAGE, sign(MESSAGE).toUpperCase()))).status).toBe(200);
  });

  it('answers 405 to anything but POST', async () => {
    expect(await webhook().handle(post('', sign(''), 'GET'))).toMatchObject({ status: 405, events: [] });
  });

  it('rejects a signed body that is not a JSON object with 400', async () => {
    for (const body of ['{"event":', '[1,2]', '"message"', '{"timestamp":1}']) {
      const response = await webhook().handle(post(body));
      expect(response.status, body).toBe(400);
      expect(response.events).toEqual([]);
    }
  });

  it('rejects a message without sender or timestamp with 400', async () => {
    const noSender =
      '{"event":"message","timestamp":1457764197627,"message_token":1,"message":{"type":"text","text":"x"}}';
    const noTime = '{"event":"message","message_token":1,"sender":{"id":"u"},"message":{"type":"text","text":"x"}}';
    expect((await webhook().handle(post(noSender))).status).toBe(400);
    expect((await webhook().handle(post(noTime))).status).toBe(400);
  });
});

describe('viber webhook: events', () => {
  it('a message → contact.upserted (name, language, address) then message.received at the provider time', async () => {
    const response = valid(await webhook('bot-1').handle(post(MESSAGE)));
    expect(response.events).toEqual([
      {
        id: 'viber:4912661846655238145:contact',
        type: 'contact.upserted',
        at: '2016-03-12T06:29:57.627Z',
        contact: {
          id: 'addr:viber:01234567890A=',
          firstName: 'John McClane',
          language: 'en',
          channels: [{ type: 'viber', channelId: 'bot-1', address: '01234567890A=' }],
        },
      },
      {
        id: 'viber:4912661846655238145',
        type: 'message.received',
        at: '2016-03-12T06:29:57.627Z',
        contactId: 'addr:viber:01234567890A=',
        channel: 'viber',
        channelId: 'bot-1',
        kind: 'message',
        text: 'a message to the service',
      },
    ]);
    expect(response.statuses).toBeUndefined();
  });

  it('a redelivered callback yields the same event ids', async () => {
    const first = await webhook().handle(post(MESSAGE));
    const again = await webhook().handle(post(MESSAGE));
    expect(again.events.map((e) => e.id)).toEqual(first.events.map((e) => e.id));
    expect(first.events.map((e) => e.id)).toEqual(['viber:4912661846655238145:contact', 'viber:4912661846655238145']);
  });

  it('the default account carries no channelId', async () => {
    const response = valid(await webhook().handle(post(MESSAGE)));
    expect(response.events[1]).not.toHaveProperty('channelId');
    expect(response.events[0]).toMatchObject({ contact: { channels: [{ type: 'viber', address: '01234567890A=' }] } });
  });

  it('a picture message anchors the window too, without text', async () => {
    const body =
      '{"event":"message","timestamp":1700000000000,"message_token":5000000000000000001,"sender":{"id":"u-2"},' +
      '"message":{"type":"picture","media":"https://example.com/p.jpg"}}';
    const response = valid(await webhook().handle(post(body)));
    expect(response.events[1]).toEqual({
      id: 'viber:5000000000000000001',
      type: 'message.received',
      at: '2023-11-14T22:13:20.000Z',
      contactId: 'addr:viber:u-2',
      channel: 'viber',
      kind: 'message',
    });
    expect(response.events[0]).toEqual({
      id: 'viber:5000000000000000001:contact',
      type: 'contact.upserted',
      at: '2023-11-14T22:13:20.000Z',
      contact: { id: 'addr:viber:u-2', channels: [{ type: 'viber', address: 'u-2' }] },
    });
  });

  it('subscribed → contact.upserted + contact.subscribed', async () => {
    const body =
      '{"event":"subscribed","timestamp":1457764197627,' +
      '"user":{"id":"01234567890A=","name":"John McClane","avatar":"http://avatar.example.com",' +
      '"country":"UK","language":"en","api_version":1},"message_token":4912661846655238145}';
    const response = valid(await webhook('bot-1').handle(post(body)));
    expect(response.events).toEqual([
      {
        id: 'viber:subscribed:4912661846655238145:contact',
        type: 'contact.upserted',
        at: '2016-03-12T06:29:57.627Z',
        contact: {
          id: 'addr:viber:01234567890A=',
          firstName: 'John McClane',
          language: 'en',
          channels: [{ type: 'viber', channelId: 'bot-1', address: '01234567890A=' }],
        },
      },
      {
        id: 'viber:subscribed:4912661846655238145',
        type: 'contact.subscribed',
        at: '2016-03-12T06:29:57.627Z',
        contactId: 'addr:viber:01234567890A=',
        channel: 'viber',
        channelId: 'bot-1',
      },
    ]);
  });

  it('unsubscribed → contact.unsubscribed', async () => {
    const body =
      '{"event":"unsubscribed","timestamp":1457764197627,"user_id":"01234567890A=",' +
      '"message_token":4912661846655238145}';
    const response = valid(await webhook().handle(post(body)));
    expect(response.events).toEqual([
      {
        id: 'viber:unsubscribed:4912661846655238145',
        type: 'contact.unsubscribed',
        at: '2016-03-12T06:29:57.627Z',
        contactId: 'addr:viber:01234567890A=',
        channel: 'viber',
      },
    ]);
  });

  it('conversation_started opens no session: only the profile is recorded', async () => {
    const body =
      '{"event":"conversation_started","timestamp":1457764197627,"message_token":4912661846655238145,' +
      '"type":"open","context":"ctx",' +
      '"user":{"id":"01234567890A=","name":"John McClane","language":"en","country":"UK","api_version":1},' +
      '"subscribed":false}';
    const response = valid(await webhook().handle(post(body)));
    expect(response.events).toEqual([
      {
        id: 'viber:conversation_started:4912661846655238145:contact',
        type: 'contact.upserted',
        at: '2016-03-12T06:29:57.627Z',
        contact: {
          id: 'addr:viber:01234567890A=',
          firstName: 'John McClane',
          language: 'en',
          channels: [{ type: 'viber', address: '01234567890A=' }],
        },
      },
    ]);
    expect(response.events.some((e) => e.type === 'message.received')).toBe(false);
  });

  it('delivered / seen / failed → delivery reports keyed by the exact 64-bit message_token', async () => {
    const delivered =
      '{"event":"delivered","timestamp":1457764197627,"message_token":5595771666503728439,"user_id":"01234567890A="}';
    const seen =
      '{"event":"seen","timestamp":1457764198627,"message_token":5595771666503728439,"user_id":"01234567890A="}';
    const failed =
      '{"event":"failed","timestamp":1457764199627,"message_token":5595771666503728439,' +
      '"user_id":"01234567890A=","desc":"failure description"}';
    expect(await webhook().handle(post(delivered))).toEqual({
      status: 200,
      events: [],
      statuses: [{ providerMessageId: '5595771666503728439', status: 'delivered', at: '2016-03-12T06:29:57.627Z' }],
    });
    expect((await webhook().handle(post(seen))).statuses).toEqual([
      { providerMessageId: '5595771666503728439', status: 'read', at: '2016-03-12T06:29:58.627Z' },
    ]);
    expect((await webhook().handle(post(failed))).statuses).toEqual([
      {
        providerMessageId: '5595771666503728439',
        status: 'failed',
        at: '2016-03-12T06:29:59.627Z',
        detail: 'failure description',
      },
    ]);
  });

  it('the set_webhook check ("webhook" event) gets 200 and no events', async () => {
    const body =
      '{"event":"webhook","timestamp":1457764197627,"chat_hostname":"SN-CHAT-01_","message_token":1234567890}';
    expect(await webhook().handle(post(body))).toEqual({ status: 200, events: [] });
  });

  it('an unknown but valid event type is acknowledged and ignored', async () => {
    const body = '{"event":"client_status","timestamp":1457764197627,"message_token":1,"user_id":"u"}';
    expect(await webhook().handle(post(body))).toEqual({ status: 200, events: [] });
  });
});
