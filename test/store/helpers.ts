import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ContactInput, type RawRecord, openStore } from '../../src/store/index.js';

/** A fresh directory for one test's SQLite file; `cleanup()` removes it. */
export function tempDir(prefix = 'followup-store-'): { dir: string; file: string; url: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const file = join(dir, 'nested', 'followup.sqlite');
  return { dir, file, url: `sqlite://${file}`, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export const T0 = '2026-11-20T09:00:00.000Z';

export function contact(id: string, extra: Partial<ContactInput> = {}): ContactInput {
  return {
    id,
    firstName: 'Linh',
    lastName: `Nguyễn ${id}`,
    email: `${id}@example.vn`,
    statusChangedAt: T0,
    lastActivityAt: T0,
    createdAt: T0,
    updatedAt: T0,
    channels: [{ type: 'whatsapp', address: '+84912345678' }],
    ...extra,
  };
}

/** 4 events per contact (upsert, inbound, outbound, close), contacts interleaved as an export would. */
export function ingestEvents(contacts: number): unknown[] {
  const events: unknown[] = [];
  for (let i = 0; i < contacts; i++) {
    const id = `c-${i}`;
    const day = String(1 + (i % 28)).padStart(2, '0');
    events.push(
      {
        id: `${id}-u`,
        type: 'contact.upserted',
        at: `2026-11-${day}T08:00:00Z`,
        contact: {
          id,
          firstName: 'Linh',
          lastName: `Nguyễn ${i}`,
          email: `${id}@example.vn`,
          phone: `+84 912 ${String(i).padStart(6, '0')}`,
          language: 'vi',
          channels: [{ type: 'whatsapp', address: `+84912${i}` }],
        },
      },
      {
        id: `${id}-r`,
        type: 'message.received',
        at: `2026-11-${day}T09:00:00Z`,
        contactId: id,
        channel: 'whatsapp',
        text: 'Cảm ơn!',
      },
      {
        id: `${id}-s`,
        type: 'message.sent',
        at: `2026-11-${day}T09:05:00Z`,
        contactId: id,
        channel: i % 10 === 0 ? 'viber' : 'whatsapp',
      },
      { id: `${id}-c`, type: 'conversation.closed', at: `2026-11-${day}T09:30:00Z`, contactId: id, by: 'U024BE7LH' },
    );
  }
  return events;
}

/** Every record of a store, as stored (the raw rows `followup export` writes), read without the CLI. */
export async function everyRecord(url: string): Promise<RawRecord[]> {
  const store = await openStore(url, { access: 'read' });
  try {
    const out: RawRecord[] = [];
    for await (const record of store.rawRecords().all()) out.push(record);
    return out;
  } finally {
    await store.close();
  }
}

/**
 * The ingest events of a contact who wrote on one channel at `wrote` (Linh on WhatsApp unless told otherwise):
 * created then, and the inbound message that opened the window. Event ids end in `tag`.
 */
export function wroteAt(
  wrote: Date,
  who: { id?: string; firstName?: string; type?: string; address?: string } = {},
  tag = '',
): unknown[] {
  const { id = 'c1', firstName = 'Linh', type = 'whatsapp', address = '84912345678' } = who;
  const at = wrote.toISOString();
  return [
    { id: `u${tag}`, type: 'contact.upserted', at, contact: { id, firstName, channels: [{ type, address }] } },
    { id: `in${tag}`, type: 'message.received', at, contactId: id, channel: type },
  ];
}
