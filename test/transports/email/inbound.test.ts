import { describe, expect, it } from 'vitest';
import { ingestEventSchema } from '../../../src/ingest/events.js';
import { emailToIngestEvents } from '../../../src/transports/email/index.js';
import { contactOf } from '../events.js';

function valid(events: ReturnType<typeof emailToIngestEvents>) {
  for (const e of events) expect(ingestEventSchema.safeParse(e).success, JSON.stringify(e)).toBe(true);
  return events;
}

describe('emailToIngestEvents', () => {
  it('makes contact.upserted + message.received from the headers, at the Date header (UTC)', () => {
    const events = valid(
      emailToIngestEvents({
        from: '"Linh Nguyễn" <Linh.Nguyen@Example.VN>',
        date: 'Fri, 20 Nov 2026 16:05:00 +0700 (ICT)',
        messageId: '<CAF=abc.123@mail.gmail.com>',
        subject: 'Re: Đơn hàng #4521',
      }),
    );

    expect(events).toEqual([
      {
        id: 'email:CAF=abc.123@mail.gmail.com:contact',
        type: 'contact.upserted',
        at: '2026-11-20T09:05:00.000Z',
        contact: {
          id: 'addr:email:linh.nguyen@example.vn',
          email: 'linh.nguyen@example.vn',
          firstName: 'Linh Nguyễn',
          channels: [{ type: 'email', address: 'linh.nguyen@example.vn' }],
        },
      },
      {
        id: 'email:CAF=abc.123@mail.gmail.com',
        type: 'message.received',
        at: '2026-11-20T09:05:00.000Z',
        contactId: 'addr:email:linh.nguyen@example.vn',
        channel: 'email',
        kind: 'message',
        text: 'Re: Đơn hàng #4521',
      },
    ]);
  });

  it('gives a redelivered message the same event ids (with or without angle brackets)', () => {
    const a = emailToIngestEvents({
      from: 'ahmed@example.com',
      date: '2026-11-20T10:00:00+03:00',
      messageId: '<m1@example.com>',
    });
    const b = emailToIngestEvents({
      from: 'ahmed@example.com',
      date: '2026-11-20T10:00:00+03:00',
      messageId: ' m1@example.com ',
    });
    expect(b.map((e) => e.id)).toEqual(a.map((e) => e.id));
    expect(a.map((e) => e.id)).toEqual(['email:m1@example.com:contact', 'email:m1@example.com']);
  });

  it('accepts an address object, a Date, and a channel account id; no name and no subject are left out', () => {
    const events = valid(
      emailToIngestEvents(
        {
          from: { address: 'ahmed@example.com', name: 'أحمد' },
          date: new Date('2026-11-20T07:00:00Z'),
          messageId: 'x@y',
        },
        { channelId: 'support' },
      ),
    );
    expect(events[0]).toMatchObject({
      contact: { firstName: 'أحمد', channels: [{ type: 'email', channelId: 'support', address: 'ahmed@example.com' }] },
    });
    expect(events[1]).toMatchObject({ channelId: 'support', at: '2026-11-20T07:00:00.000Z' });
    expect(events[1]).not.toHaveProperty('text');

    const bare = valid(
      emailToIngestEvents({ from: 'ahmed@example.com', date: 'Fri, 20 Nov 2026 07:00:00 GMT', messageId: 'z@y' }),
    );
    expect(contactOf(bare[0])).not.toHaveProperty('firstName');
  });

  it('hashes a Message-ID too long for an event id, stably', () => {
    const long = `<${'a'.repeat(300)}@example.com>`;
    const [contact, message] = valid(
      emailToIngestEvents({ from: 'a@example.com', date: '2026-11-20T07:00:00Z', messageId: long }),
    );
    expect(message!.id).toMatch(/^email:sha256:[0-9a-f]{64}$/);
    expect(contact!.id).toBe(`${message!.id}:contact`);
    expect(emailToIngestEvents({ from: 'a@example.com', date: '2026-11-20T07:00:00Z', messageId: long })[1]!.id).toBe(
      message!.id,
    );
  });

  it('throws on headers that cannot make valid events', () => {
    const base = { from: 'a@example.com', date: '2026-11-20T07:00:00Z', messageId: 'm@x' };
    expect(() => emailToIngestEvents({ ...base, from: 'Mailer Daemon' })).toThrow(/is not an email address/);
    expect(() => emailToIngestEvents({ ...base, date: 'yesterday' })).toThrow(/has no time zone/);
    expect(() => emailToIngestEvents({ ...base, date: 'Fri, 20 Nov 2026 07:00:00' })).toThrow(/has no time zone/);
    expect(() => emailToIngestEvents({ ...base, date: 'Fri, 99 Nov 2026 07:00:00 +0000' })).toThrow(/is not a date/);
    expect(() => emailToIngestEvents({ ...base, messageId: '<>' })).toThrow(/messageId is empty/);
  });
});
