/** The WhatsApp webhook: Meta's GET handshake, X-Hub-Signature-256, and the payloads turned into ingest events. */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ingestEventSchema } from '../../../src/ingest/events.js';
import type { InboundWebhook, WebhookRequest } from '../../../src/transports/provider.js';
import { createWhatsappChannel } from '../../../src/transports/whatsapp/index.js';
import { ACCESS_TOKEN, APP_SECRET, PHONE_NUMBER_ID, VERIFY_TOKEN, WABA_ID, testDeps } from './fake-graph.js';
import { contactOf } from '../events.js';

function webhook(id: string | undefined = PHONE_NUMBER_ID): InboundWebhook {
  const channel = createWhatsappChannel(
    {
      type: 'whatsapp',
      id,
      options: {
        phoneNumberId: PHONE_NUMBER_ID,
        accessToken: ACCESS_TOKEN,
        appSecret: APP_SECRET,
        verifyToken: VERIFY_TOKEN,
      },
    },
    testDeps(),
  );
  return channel.webhook!;
}

function sign(raw: string, secret = APP_SECRET): string {
  return `sha256=${createHmac('sha256', secret).update(raw, 'utf8').digest('hex')}`;
}

/** `signature: null` sends no X-Hub-Signature-256 header at all. */
function post(raw: string, signature: string | null = sign(raw)): WebhookRequest {
  return {
    method: 'POST',
    url: new URL(`https://followup.example.com/webhooks/whatsapp/${PHONE_NUMBER_ID}`),
    headers: {
      'content-type': 'application/json',
      ...(signature !== null ? { 'x-hub-signature-256': signature } : {}),
    },
    rawBody: raw,
  };
}

function get(query: string): WebhookRequest {
  return {
    method: 'GET',
    url: new URL(`https://followup.example.com/webhooks/whatsapp/${PHONE_NUMBER_ID}?${query}`),
    headers: {},
    rawBody: '',
  };
}

const WAMID = 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=';

function notification(value: Record<string, unknown>, field = 'messages', phoneNumberId = PHONE_NUMBER_ID) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: WABA_ID,
        changes: [
          {
            field,
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550783881', phone_number_id: phoneNumberId },
              ...value,
            },
          },
        ],
      },
    ],
  };
}

const textMessage = notification({
  contacts: [{ profile: { name: 'Linh Trần ✨' }, wa_id: '84901234567' }],
  messages: [
    { from: '84901234567', id: WAMID, timestamp: '1772358000', type: 'text', text: { body: 'Còn hàng không ạ?' } },
  ],
});

function expectValidEvents(events: unknown[]): void {
  for (const e of events) expect(ingestEventSchema.safeParse(e).success, JSON.stringify(e)).toBe(true);
}

describe('whatsapp webhook: verification handshake', () => {
  it('mounts at whatsapp/<phone number id>', () => {
    expect(webhook().path).toBe(`whatsapp/${PHONE_NUMBER_ID}`);
  });

  it('echoes hub.challenge as text/plain when the verify token matches', async () => {
    const out = await webhook().handle(
      get(`hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444`),
    );
    expect(out).toEqual({ status: 200, body: '1158201444', contentType: 'text/plain', events: [] });
  });

  it('answers 403 for a wrong token or mode, 400 for a missing challenge', async () => {
    const hook = webhook();
    for (const [q, status] of [
      ['hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1', 403],
      [`hub.mode=unsubscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1`, 403],
      [`hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}`, 400],
      ['', 400],
    ] as const) {
      const out = await hook.handle(get(q));
      expect(out.status, q).toBe(status);
      expect(out.body).toBeUndefined();
      expect(out.events).toEqual([]);
      expect(out.refused).toBeTruthy();
    }
  });

  it('refuses other methods', async () => {
    const out = await webhook().handle({ ...post('{}'), method: 'PUT' });
    expect(out).toMatchObject({ status: 405, events: [] });
  });
});

describe('whatsapp webhook: signatures and malformed bodies', () => {
  const raw = JSON.stringify(textMessage);

  it('refuses a missing signature with 401 and no events', async () => {
    const out = await webhook().handle(post(raw, null));
    expect(out).toEqual({ status: 401, events: [], refused: 'missing X-Hub-Signature-256 header' });
  });

  it('refuses a signature made with another secret, over another body, or badly formatted', async () => {
    const hook = webhook();
    for (const signature of [
      sign(raw, 'someone-elses-secret'),
      sign(`${raw} `),
      sign(raw).replace('sha256=', 'sha1='),
      'sha256=abc',
      sign(raw).slice(0, -2),
    ]) {
      const out = await hook.handle(post(raw, signature));
      expect(out.status, signature).toBe(401);
      expect(out.events).toEqual([]);
      expect(out.statuses ?? []).toEqual([]);
      expect(out.refused).toMatch(/X-Hub-Signature-256/);
    }
  });

  it('accepts upper-case hex in the signature', async () => {
    const out = await webhook().handle(post(raw, `sha256=${sign(raw).slice(7).toUpperCase()}`));
    expect(out.status).toBe(200);
    expect(out.events).toHaveLength(2);
  });

  it('answers 400 with no events for a signed body that is not JSON or not a notification', async () => {
    const hook = webhook();
    for (const body of [
      '{"object":',
      'null',
      '[]',
      '{"object":"whatsapp_business_account"}',
      '{"object":"whatsapp_business_account","entry":{}}',
    ]) {
      const out = await hook.handle(post(body));
      expect(out.status, body).toBe(400);
      expect(out.events).toEqual([]);
    }
  });

  it('acknowledges other objects and other fields with 200 and ignores them', async () => {
    const hook = webhook();
    const page = JSON.stringify({ object: 'page', entry: [{ id: '1', time: 1, messaging: [] }] });
    expect(await hook.handle(post(page))).toEqual({ status: 200, events: [] });
    const templateUpdate = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: WABA_ID,
          changes: [
            {
              field: 'message_template_status_update',
              value: { event: 'APPROVED', message_template_id: 1, message_template_name: 'x' },
            },
          ],
        },
      ],
    });
    expect(await hook.handle(post(templateUpdate))).toEqual({ status: 200, events: [], statuses: [] });
  });
});

describe('whatsapp webhook: inbound messages', () => {
  it('turns a text message into contact.upserted + message.received at the provider time', async () => {
    const out = await webhook().handle(post(JSON.stringify(textMessage)));
    expect(out.status).toBe(200);
    expect(out.events).toEqual([
      {
        id: `whatsapp:${WAMID}:contact`,
        type: 'contact.upserted',
        at: '2026-03-01T09:40:00.000Z',
        contact: {
          id: 'addr:whatsapp:84901234567',
          firstName: 'Linh Trần ✨',
          channels: [{ type: 'whatsapp', channelId: PHONE_NUMBER_ID, address: '84901234567' }],
        },
      },
      {
        id: `whatsapp:${WAMID}`,
        type: 'message.received',
        at: '2026-03-01T09:40:00.000Z',
        contactId: 'addr:whatsapp:84901234567',
        channel: 'whatsapp',
        channelId: PHONE_NUMBER_ID,
        kind: 'message',
        text: 'Còn hàng không ạ?',
      },
    ]);
    expectValidEvents(out.events);
  });

  it('a redelivered notification yields the same event ids (a duplicate downstream)', async () => {
    const hook = webhook();
    const raw = JSON.stringify(textMessage);
    const first = await hook.handle(post(raw));
    const again = await hook.handle(post(raw));
    expect(again.events.map((e) => e.id)).toEqual(first.events.map((e) => e.id));
    expect(again.events).toEqual(first.events);
  });

  it('handles several messages, media, reactions and request_welcome; skips system notices', async () => {
    const body = notification({
      contacts: [
        { profile: { name: 'Ana' }, wa_id: '5511999990000' },
        { profile: { name: 'Bo' }, wa_id: '14155550100' },
      ],
      messages: [
        {
          from: '5511999990000',
          id: 'wamid.A1',
          timestamp: '1772358000',
          type: 'image',
          image: { caption: 'the receipt', mime_type: 'image/jpeg', id: '123' },
        },
        {
          from: '14155550100',
          id: 'wamid.B1',
          timestamp: '1772358060',
          type: 'reaction',
          reaction: { message_id: 'wamid.OUT', emoji: '👍' },
        },
        { from: '14155550100', id: 'wamid.B2', timestamp: '1772358120', type: 'request_welcome' },
        {
          from: '14155550100',
          id: 'wamid.B3',
          timestamp: '1772358180',
          type: 'system',
          system: {
            body: 'User Bo changed from 14155550100 to 14155550199',
            wa_id: '14155550199',
            type: 'user_changed_number',
          },
        },
        {
          from: '14155550100',
          id: 'wamid.B4',
          timestamp: '1772358240',
          type: 'unsupported',
          errors: [{ code: 131051, title: 'Message type unknown' }],
        },
      ],
    });
    const out = await webhook().handle(post(JSON.stringify(body)));
    expectValidEvents(out.events);
    const received = out.events.filter((e) => e.type === 'message.received');
    expect(received.map((e) => [e.id, e.contactId, e.kind, e.at, e.text])).toEqual([
      ['whatsapp:wamid.A1', 'addr:whatsapp:5511999990000', 'message', '2026-03-01T09:40:00.000Z', 'the receipt'],
      ['whatsapp:wamid.B1', 'addr:whatsapp:14155550100', 'reaction', '2026-03-01T09:41:00.000Z', undefined],
      ['whatsapp:wamid.B2', 'addr:whatsapp:14155550100', 'conversation_started', '2026-03-01T09:42:00.000Z', undefined],
      ['whatsapp:wamid.B4', 'addr:whatsapp:14155550100', 'message', '2026-03-01T09:44:00.000Z', undefined],
    ]);
    const names = out.events
      .filter((e) => e.type === 'contact.upserted')
      .map((e) => (e.contact as { firstName?: string }).firstName);
    expect(names).toEqual(['Ana', 'Bo', 'Bo', 'Bo']);
  });

  it('ignores changes for another phone number of the same business account', async () => {
    const other = notification(
      {
        contacts: [{ profile: { name: 'X' }, wa_id: '1' }],
        messages: [{ from: '1', id: 'wamid.X', timestamp: '1772358000', type: 'text', text: { body: 'hi' } }],
        statuses: [{ id: 'wamid.S', status: 'delivered', timestamp: '1772358000', recipient_id: '1' }],
      },
      'messages',
      '999999999999999',
    );
    const out = await webhook().handle(post(JSON.stringify(other)));
    expect(out).toEqual({ status: 200, events: [], statuses: [] });
  });

  it('skips a message without a timestamp but keeps the others', async () => {
    const body = notification({
      messages: [
        { from: '84901234567', id: 'wamid.bad', type: 'text', text: { body: 'no time' } },
        { from: '84901234567', id: 'wamid.good', timestamp: '1772358000', type: 'text', text: { body: 'ok' } },
      ],
    });
    const out = await webhook().handle(post(JSON.stringify(body)));
    expect(out.events.map((e) => e.id)).toEqual(['whatsapp:wamid.good:contact', 'whatsapp:wamid.good']);
    // No profile in the payload: no name is invented.
    expect(contactOf(out.events[0])).toEqual({
      id: 'addr:whatsapp:84901234567',
      channels: [{ type: 'whatsapp', channelId: PHONE_NUMBER_ID, address: '84901234567' }],
    });
  });

  it('events carry the account id as channelId when the account has one, else the phone number id', async () => {
    const named = await webhook('support-vn').handle(post(JSON.stringify(textMessage)));
    expect(named.events[1]).toMatchObject({ channelId: 'support-vn' });
    const unnamed = await webhook(undefined).handle(post(JSON.stringify(textMessage)));
    expect(unnamed.events[1]).toMatchObject({ channelId: PHONE_NUMBER_ID });
  });
});

describe('whatsapp webhook: calls', () => {
  const userCall = notification(
    {
      contacts: [{ profile: { name: 'Linh' }, wa_id: '84901234567' }],
      calls: [
        {
          id: 'wacid.HBgLMTIxODU1NTI4MjgVAgARGCAyODRQIAFRoA',
          from: '84901234567',
          to: '15550783881',
          event: 'connect',
          timestamp: '1772359200',
          direction: 'USER_INITIATED',
          session: { sdp_type: 'offer', sdp: 'v=0…' },
        },
      ],
    },
    'calls',
  );

  it('a user-initiated call opens the window: kind call at the call time', async () => {
    const out = await webhook().handle(post(JSON.stringify(userCall)));
    expectValidEvents(out.events);
    expect(out.events).toEqual([
      {
        id: 'whatsapp:call:wacid.HBgLMTIxODU1NTI4MjgVAgARGCAyODRQIAFRoA:contact',
        type: 'contact.upserted',
        at: '2026-03-01T10:00:00.000Z',
        contact: {
          id: 'addr:whatsapp:84901234567',
          firstName: 'Linh',
          channels: [{ type: 'whatsapp', channelId: PHONE_NUMBER_ID, address: '84901234567' }],
        },
      },
      {
        id: 'whatsapp:call:wacid.HBgLMTIxODU1NTI4MjgVAgARGCAyODRQIAFRoA',
        type: 'message.received',
        at: '2026-03-01T10:00:00.000Z',
        contactId: 'addr:whatsapp:84901234567',
        channel: 'whatsapp',
        channelId: PHONE_NUMBER_ID,
        kind: 'call',
      },
    ]);
  });

  it('business-initiated calls and terminate events do not open the window', async () => {
    const base = userCall.entry[0]!.changes[0]!.value as unknown as { calls: Array<Record<string, unknown>> };
    const call = base.calls[0]!;
    const body = notification(
      {
        contacts: [{ profile: { name: 'Linh' }, wa_id: '84901234567' }],
        calls: [
          {
            ...call,
            id: 'wacid.biz',
            from: '15550783881',
            to: '84901234567',
            direction: 'BUSINESS_INITIATED',
            session: { sdp_type: 'answer', sdp: '' },
          },
          { ...call, id: 'wacid.end', event: 'terminate', status: 'COMPLETED', duration: 33 },
        ],
      },
      'calls',
    );
    const out = await webhook().handle(post(JSON.stringify(body)));
    expect(out).toEqual({ status: 200, events: [], statuses: [] });
  });
});

describe('whatsapp webhook: delivery statuses', () => {
  it('maps sent/delivered/read and a failed 131047 to the window-closed reason', async () => {
    const body = notification({
      statuses: [
        { id: 'wamid.OUT1', status: 'sent', timestamp: '1772358000', recipient_id: '84901234567' },
        { id: 'wamid.OUT1', status: 'delivered', timestamp: '1772358005', recipient_id: '84901234567' },
        { id: 'wamid.OUT1', status: 'read', timestamp: '1772358010', recipient_id: '84901234567' },
        {
          id: 'wamid.OUT2',
          status: 'failed',
          timestamp: '1772358020',
          recipient_id: '84901234567',
          errors: [
            {
              code: 131047,
              title: 'Re-engagement message',
              message: 'Re-engagement message',
              error_data: {
                details:
                  'Message failed to send because more than 24 hours have passed ' +
                  'since the customer last replied to this number.',
              },
            },
          ],
        },
        {
          id: 'wamid.OUT3',
          status: 'failed',
          timestamp: '1772358030',
          recipient_id: '84901234567',
          errors: [{ code: 131026, title: 'Message undeliverable' }],
        },
        {
          id: 'wamid.OUT4',
          status: 'failed',
          timestamp: '1772358040',
          recipient_id: '84901234567',
          errors: [{ code: 131056, title: 'pair rate limit hit' }],
        },
        { id: 'wamid.OUT5', status: 'failed', timestamp: '1772358050', recipient_id: '84901234567' },
        { id: 'wamid.OUT6', status: 'deleted', timestamp: '1772358060', recipient_id: '84901234567' },
      ],
    });
    const out = await webhook().handle(post(JSON.stringify(body)));
    expect(out.events).toEqual([]);
    expect(out.statuses).toEqual([
      { providerMessageId: 'wamid.OUT1', status: 'sent', at: '2026-03-01T09:40:00.000Z' },
      { providerMessageId: 'wamid.OUT1', status: 'delivered', at: '2026-03-01T09:40:05.000Z' },
      { providerMessageId: 'wamid.OUT1', status: 'read', at: '2026-03-01T09:40:10.000Z' },
      {
        providerMessageId: 'wamid.OUT2',
        status: 'failed',
        at: '2026-03-01T09:40:20.000Z',
        reason: 'whatsapp.window_closed',
        detail:
          '(#131047) Re-engagement message: Message failed to send because more than 24 hours have passed ' +
          'since the customer last replied to this number.',
      },
      {
        providerMessageId: 'wamid.OUT3',
        status: 'failed',
        at: '2026-03-01T09:40:30.000Z',
        reason: 'whatsapp.undeliverable',
        detail: '(#131026) Message undeliverable',
      },
      {
        providerMessageId: 'wamid.OUT4',
        status: 'failed',
        at: '2026-03-01T09:40:40.000Z',
        reason: 'whatsapp.pair_rate_limited',
        detail: '(#131056) pair rate limit hit',
      },
      {
        providerMessageId: 'wamid.OUT5',
        status: 'failed',
        at: '2026-03-01T09:40:50.000Z',
        reason: 'provider_error',
        detail: 'delivery failed (no error given)',
      },
    ]);
  });
});
