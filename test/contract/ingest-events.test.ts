/**
 * The contract between webhooks and ingest: every event shape a webhook may build is one the ingest schema
 * accepts, by type (checked by `npm run typecheck`) and by value.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  type ContactUpsertedEvent,
  INBOUND_KINDS,
  type MessageReceivedEvent,
  type ProviderIngestEvent,
  type SubscriptionEvent,
  addressContactId,
  addressedContact,
  inboundFromAddress,
  inboundMessage,
  subscriptionChanged,
} from '../../src/contract/ingest-events.js';
import {
  INBOUND_KINDS as INGEST_INBOUND_KINDS,
  type IngestEventInput,
  ingestEventSchema,
} from '../../src/ingest/index.js';

const AT = '2026-11-20T10:00:00.000Z';

describe('typed webhook events', () => {
  it('are ingest event inputs, each shape', () => {
    expectTypeOf<ContactUpsertedEvent>().toExtend<IngestEventInput>();
    expectTypeOf<MessageReceivedEvent>().toExtend<IngestEventInput>();
    expectTypeOf<SubscriptionEvent>().toExtend<IngestEventInput>();
    expectTypeOf<ProviderIngestEvent>().toExtend<IngestEventInput>();
  });

  it('ingest reads the same inbound kinds', () => {
    expect(INGEST_INBOUND_KINDS).toBe(INBOUND_KINDS);
  });

  it('a customer writing in: their contact by address and the message, both valid ingest events', () => {
    const events = inboundFromAddress({
      id: 'line:EV1',
      at: AT,
      channel: 'line',
      channelId: 'jp',
      address: 'U4af49806',
      profile: { firstName: 'Aiko', language: 'ja', lastName: undefined },
      kind: 'message',
      text: 'こんにちは',
    });
    expect(events).toEqual([
      {
        id: 'line:EV1:contact',
        type: 'contact.upserted',
        at: AT,
        contact: {
          id: 'addr:line:U4af49806',
          firstName: 'Aiko',
          language: 'ja',
          channels: [{ type: 'line', channelId: 'jp', address: 'U4af49806' }],
        },
      },
      {
        id: 'line:EV1',
        type: 'message.received',
        at: AT,
        contactId: 'addr:line:U4af49806',
        channel: 'line',
        channelId: 'jp',
        kind: 'message',
        text: 'こんにちは',
      },
    ]);
    for (const event of events) expect(ingestEventSchema.safeParse(event).error).toBeUndefined();
  });

  it('leaves out what the provider did not say (no undefined fields, so nothing is overwritten with nothing)', () => {
    const contact = addressedContact({
      id: 'e1',
      at: AT,
      channel: 'wechat',
      channelId: undefined,
      address: 'oLVP',
      profile: { firstName: undefined },
    });
    expect(contact).toStrictEqual({
      id: 'e1',
      type: 'contact.upserted',
      at: AT,
      contact: { id: 'addr:wechat:oLVP', channels: [{ type: 'wechat', address: 'oLVP' }] },
    });
    const message = inboundMessage({
      id: 'e2',
      at: AT,
      contactId: 'c-1',
      channel: 'sms',
      kind: 'message',
      text: undefined,
      windowHours: undefined,
    });
    expect(message).toStrictEqual({
      id: 'e2',
      type: 'message.received',
      at: AT,
      contactId: 'c-1',
      channel: 'sms',
      kind: 'message',
    });
  });

  it('a Viber (un)subscription names the contact by address on the viber channel', () => {
    const event = subscriptionChanged({
      id: 'viber:unsubscribed:1',
      at: AT,
      type: 'contact.unsubscribed',
      address: 'u1=',
      channelId: 'bot-1',
    });
    expect(event).toStrictEqual({
      id: 'viber:unsubscribed:1',
      type: 'contact.unsubscribed',
      at: AT,
      contactId: addressContactId('viber', 'u1='),
      channel: 'viber',
      channelId: 'bot-1',
    });
    expect(ingestEventSchema.safeParse(event).error).toBeUndefined();
  });
});
