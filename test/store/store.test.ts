import { existsSync } from 'node:fs';
import { KeyvSqlite } from '@keyv/sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Contact } from '../../src/contacts/model.js';
import type { FollowupStore } from '../../src/followup/index.js';
import { quotaCounterKey } from '../../src/policy/index.js';
import { ContactNotFoundError, type Store, StoreRecordError, openStore } from '../../src/store/index.js';
import { STORE_BACKENDS } from './backends.js';
import { plannedSend } from '../support/planned-send.js';
import { T0, contact, tempDir } from './helpers.js';

describe('openStore on SQLite', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.cleanup());

  it('creates the parent folder and the file, in WAL mode', async () => {
    const store = await openStore(tmp.url);
    expect(existsSync(tmp.file)).toBe(true);
    await store.contacts.put(contact('c-1'));
    const probe = new KeyvSqlite(`sqlite://${tmp.file}`);
    expect(await probe.query('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    await probe.disconnect();
    await store.close();
  });
  it('rejects an unknown STORE_URL scheme with a readable message', async () => {
    await expect(openStore('redis://localhost:6379')).rejects.toThrow(
      /Unsupported STORE_URL "redis:\/\/localhost:6379"/,
    );
    await expect(openStore('sqlite://')).rejects.toThrow(/names no file/);
  });

  it('a single-process store is always the leader, and healthy while it answers', async () => {
    for (const store of [await openStore(tmp.url), await openStore('memory://')]) {
      const leadership = store.leadership('notifier');
      expect(leadership.isLeader()).toBe(true);
      expect(await store.health()).toEqual({ ok: true, detail: `${store.url}: ok` });
      await leadership.stop();
      expect(leadership.isLeader()).toBe(false);
      await store.close();
    }
  });

  it('memory:// works for quick tests', async () => {
    const mem = await openStore('memory://');
    await mem.contacts.putMany([contact('a'), contact('b')]);
    expect((await mem.contacts.getMany(['b', 'x', 'a'])).map((c) => c?.id)).toEqual(['b', undefined, 'a']);
    const ids: string[] = [];
    for await (const c of mem.contacts.loadAll()) ids.push(c.id);
    expect(ids.sort()).toEqual(['a', 'b']);
    await mem.close();
  });
});

for (const backend of STORE_BACKENDS)
  backend.describe(`store on ${backend.name}`, () => {
    const place = backend.place();
    let store: Store;
    beforeEach(async () => {
      store = await place.open();
    });

    describe('openStore', () => {
      it('keeps data across close and reopen', async () => {
        await store.contacts.put(contact('c-42', { firstName: 'Linh', language: 'vi' }));
        await store.templates.upsert({
          name: 'order_update',
          language: 'vi',
          category: 'UTILITY',
          status: 'APPROVED',
          body: 'Xin chào {{1}}',
        });
        await store.counters.increment('viber:default:2026-11', 3);
        await store.namespace('schedule').set('next', { at: T0 });
        await store.close();

        store = await place.open();
        const c = await store.contacts.get('c-42');
        expect(c?.firstName).toBe('Linh');
        expect(c?.language).toBe('vi');
        expect(c?.channels[0]).toMatchObject({ type: 'whatsapp', lastInboundAt: null, outboundSinceInbound: 0 });
        expect((await store.templates.get('order_update', 'vi'))?.body).toBe('Xin chào {{1}}');
        expect(await store.counters.get('viber:default:2026-11')).toBe(3);
        expect(await store.namespace('schedule').get('next')).toEqual({ at: T0 });
      });

      it('is the store port the follow-up use cases expect (tsc checks the assignment)', () => {
        const port: FollowupStore = store;
        expect(port.outbox).toBe(store.outbox);
      });
    });

    describe('validation', () => {
      it('refuses an invalid record on write, naming the key and the field', async () => {
        const bad = { ...contact('c-7'), channels: [{ type: 'pager' }] } as unknown as Contact;
        const err = await store.contacts.put(bad).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(StoreRecordError);
        expect((err as Error).message).toMatch(/^Invalid record contacts:"c-7": channels\[0\]\.type: /);
        expect(await store.contacts.get('c-7')).toBeUndefined();
      });

      it('reports a corrupt record on read with its key, not a crash deep inside', async () => {
        await store.contacts.put(contact('ok'));
        await place.writeRaw('contacts:c-9', JSON.stringify({ value: { id: 'c-9', firstName: 42 } }));
        await place.writeRaw('contacts:c-10', '{not json');
        await expect(store.contacts.get('c-9')).rejects.toThrow(/^Corrupt record contacts:"c-9": firstName: /);
        await expect(store.contacts.get('c-10')).rejects.toThrow(/^Corrupt record contacts:"c-10": not JSON/);
        await expect(store.contacts.getMany(['ok', 'c-9'])).rejects.toThrow(/contacts:"c-9"/);
        const loading = (async () => {
          for await (const _ of store.contacts.loadAll());
        })();
        await expect(loading).rejects.toThrow(/Corrupt record contacts:"c-10"/);
        expect((await store.contacts.get('ok'))?.id).toBe('ok');
      });
    });

    describe('contacts', () => {
      it('serialises concurrent updates: 200 increments end at 200', async () => {
        await store.contacts.put(contact('c-1'));
        await Promise.all(
          Array.from({ length: 200 }, () =>
            store.contacts.update('c-1', (c) => {
              const ch = c.channels[0]!;
              return { ...c, channels: [{ ...ch, outboundSinceInbound: ch.outboundSinceInbound + 1 }] };
            }),
          ),
        );
        expect((await store.contacts.get('c-1'))?.channels[0]?.outboundSinceInbound).toBe(200);
      });

      it('update refuses an unknown id; updateOrCreate gives fn undefined; undefined writes nothing', async () => {
        await expect(store.contacts.update('nobody', (c) => c)).rejects.toThrow(ContactNotFoundError);
        const seen: Array<Contact | undefined> = [];
        const result = await store.contacts.updateOrCreate('nobody', (c) => {
          seen.push(c);
          return undefined;
        });
        expect(seen).toEqual([undefined]);
        expect(result).toBeUndefined();
        expect(await store.contacts.has('nobody')).toBe(false);
        const created = await store.contacts.updateOrCreate('new', (c) => c ?? contact('new'));
        expect(created?.email).toBe('new@example.vn');
        const kept = await store.contacts.update('new', () => undefined);
        expect(kept.updatedAt).toBe(T0);
      });

      it('putMany, getMany and loadAll handle thousands of contacts in key order, each once', async () => {
        const ids = Array.from({ length: 4500 }, (_, i) => `c-${String(i).padStart(5, '0')}`);
        await store.contacts.putMany(ids.map((id) => contact(id)));
        const some = await store.contacts.getMany(['c-04499', 'missing', 'c-00000']);
        expect(some.map((c) => c?.id)).toEqual(['c-04499', undefined, 'c-00000']);
        const loaded: string[] = [];
        for await (const c of store.contacts.loadAll()) loaded.push(c.id);
        expect(loaded).toEqual(ids); // ids are zero-padded, so key order = creation order
        expect(await store.contacts.count()).toBe(4500);
      });

      it('keeps ids that look like keys apart ("5", "contacts:5") and other namespaces out of loadAll', async () => {
        await store.contacts.put(contact('5', { firstName: 'Five' }));
        await store.contacts.put(contact('contacts:5', { firstName: 'Prefixed' }));
        await store.collection('contacts_archive', z.object({ n: z.number() })).put('1', { n: 1 });
        await store.namespace('contacts-old').set('x', 1);
        expect((await store.contacts.get('5'))?.firstName).toBe('Five');
        expect((await store.contacts.get('contacts:5'))?.firstName).toBe('Prefixed');
        expect((await store.contacts.getMany(['contacts:5', '5'])).map((c) => c?.firstName)).toEqual([
          'Prefixed',
          'Five',
        ]);
        const names: string[] = [];
        for await (const c of store.contacts.loadAll()) names.push(`${c.id}=${c.firstName}`);
        expect(names.sort()).toEqual(['5=Five', 'contacts:5=Prefixed']);
      });

      it('pages loadAll with a small page size without skipping or repeating', async () => {
        await store.close();
        store = await place.open({ pageSize: 7 });
        await store.contacts.putMany(Array.from({ length: 50 }, (_, i) => contact(`p${i}`)));
        const seen = new Set<string>();
        let n = 0;
        for await (const c of store.contacts.loadAll()) {
          seen.add(c.id);
          n++;
        }
        expect(n).toBe(50);
        expect(seen.size).toBe(50);
      });

      it('announces every write to onChange, deletes to onDelete', async () => {
        const changed: string[] = [];
        const deleted: string[] = [];
        const off = store.contacts.onChange((c) => changed.push(`${c.id}:${c.status}`));
        store.contacts.onDelete((id) => deleted.push(id));
        await store.contacts.put(contact('a'));
        await store.contacts.putMany([contact('b'), contact('c')]);
        await store.contacts.update('a', (c) => ({ ...c, status: 'closed' }));
        await store.contacts.update('a', () => undefined); // no change, no announcement
        await store.contacts.updateMany(['b', 'c'], (m) => [{ ...m.get('b')!, status: 'closed' }]);
        expect(await store.contacts.delete('c')).toBe(true);
        expect(await store.contacts.delete('c')).toBe(false);
        off();
        await store.contacts.put(contact('d'));
        expect(changed).toEqual(['a:open', 'b:open', 'c:open', 'a:closed', 'b:closed']);
        expect(deleted).toEqual(['c']);
      });

      it('updateMany refuses to write an id it did not lock', async () => {
        await expect(store.contacts.updateMany(['a'], () => [contact('zzz')])).rejects.toThrow(
          /"zzz" was not among the locked ids/,
        );
        expect(await store.contacts.has('zzz')).toBe(false);
      });
    });

    describe('counters', () => {
      it('increments atomically under concurrency and never goes below zero', async () => {
        const seen: number[] = [];
        store.counters.onChange(({ value }) => seen.push(value));
        const key = quotaCounterKey('viber', undefined, new Date('2026-11-30T23:59:59Z'))!;
        expect(key).toBe('viber:default:2026-11');
        expect(quotaCounterKey('viber', 'bot-2', new Date('2026-12-01T00:00:00Z'))).toBe('viber:bot-2:2026-12');
        await Promise.all(Array.from({ length: 200 }, () => store.counters.increment(key)));
        expect(await store.counters.get(key)).toBe(200);
        expect(seen).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
        expect(await store.counters.increment(key, -500)).toBe(0);
        expect(await store.counters.get('never-touched')).toBe(0);
      });
    });

    describe('templates', () => {
      const base = { category: 'UTILITY', status: 'APPROVED', body: 'Hi {{1}}' } as const;
      it('upserts by name and language (and channel account), lists with filters', async () => {
        const changed: string[] = [];
        store.templates.onChange((t) => changed.push(`${t.name}/${t.language}/${t.channelId ?? '*'}`));
        await store.templates.upsert({ ...base, name: 'order_update', language: 'vi' });
        await store.templates.upsert({ ...base, name: 'order_update', language: 'en_US' });
        await store.templates.upsert({
          ...base,
          name: 'order_update',
          language: 'vi',
          body: 'Own {{1}}',
          channelId: 'waba-2',
        });
        await store.templates.upsert({ ...base, name: 'promo', language: 'en', status: 'PENDING' });
        // replaces the first one
        await store.templates.upsert({ ...base, name: 'order_update', language: 'vi', body: 'Xin chào {{1}}' });

        expect((await store.templates.get('order_update', 'vi'))?.body).toBe('Xin chào {{1}}');
        expect((await store.templates.get('order_update', 'vi', 'waba-2'))?.body).toBe('Own {{1}}');
        expect((await store.templates.get('order_update', 'vi', 'waba-9'))?.body).toBe('Xin chào {{1}}');
        expect(await store.templates.get('order_update', 'fr')).toBeUndefined();

        const en = await store.templates.list({ language: 'en' });
        expect(en.map((t) => `${t.name}/${t.language}`)).toEqual(['order_update/en_US', 'promo/en']);
        const approved = await store.templates.list({ status: 'APPROVED', channelId: 'waba-3' });
        expect(approved.map((t) => `${t.language}/${t.channelId ?? '*'}`)).toEqual(['en_US/*', 'vi/*']);
        expect(await store.templates.list()).toHaveLength(4);
        expect(changed).toEqual([
          'order_update/vi/*',
          'order_update/en_US/*',
          'order_update/vi/waba-2',
          'promo/en/*',
          'order_update/vi/*',
        ]);
      });
    });

    describe('outbox', () => {
      const plan = plannedSend('whatsapp', 'Hello');
      const now = new Date('2026-11-20T10:00:00Z');

      it('enqueues once per idempotency key, even concurrently, then records the outcome', async () => {
        const changes: string[] = [];
        store.outbox.onChange((e) => changes.push(e.status));
        const results = await Promise.all(
          Array.from({ length: 10 }, () =>
            store.outbox.enqueue(
              {
                idempotencyKey: 'view-1',
                contactId: 'c-42',
                contactName: 'Linh',
                channel: 'whatsapp',
                channelKey: 'whatsapp',
                plan,
                sentBy: 'U1',
                transport: 'sandbox',
                sandbox: true,
              },
              now,
            ),
          ),
        );
        expect(results.filter((r) => r.created)).toHaveLength(1);
        expect(new Set(results.map((r) => r.entry.id)).size).toBe(1);
        const id = results[0]!.entry.id;
        expect(results[0]!.entry).toMatchObject({
          status: 'queued',
          attempts: 0,
          error: null,
          sentBy: 'U1',
          kind: 'text',
          text: 'Hello',
          templateName: null,
          tag: null,
          reopened: false,
        });
        expect(results[0]!.entry.plan).toEqual(plan);

        const failed = await store.outbox.markFailed(id, new Date('2026-11-20T10:00:01Z'), 'provider_error: timeout');
        expect(failed).toMatchObject({ status: 'failed', attempts: 1, error: 'provider_error: timeout' });
        const sent = await store.outbox.markSent(id, new Date('2026-11-20T10:00:02Z'), 'wamid.1');
        expect(sent).toMatchObject({
          status: 'sent',
          attempts: 2,
          error: null,
          providerMessageId: 'wamid.1',
          sentAt: '2026-11-20T10:00:02.000Z',
        });
        expect((await store.outbox.findByIdempotencyKey('view-1'))?.status).toBe('sent');
        expect(await store.outbox.findByIdempotencyKey('view-2')).toBeUndefined();
        expect(changes).toEqual(['queued', 'failed', 'sent']);
      });

      it('stores whole entries with put (the follow-up use case) and lists the newest first', async () => {
        const entry = (id: string, createdAt: string, sentBy: string) => ({
          id,
          idempotencyKey: `k-${id}`,
          contactId: 'c-1',
          channel: 'whatsapp' as const,
          channelKey: 'whatsapp',
          kind: 'text' as const,
          text: 'Hi',
          templateName: null,
          tag: null,
          contactName: 'Linh',
          sentBy,
          status: 'queued' as const,
          sandbox: true,
          transport: 'sandbox',
          providerMessageId: null,
          error: null,
          reopened: false,
          createdAt,
          updatedAt: createdAt,
        });
        await store.outbox.put(entry('a', '2026-11-20T10:00:00.000Z', 'U1'));
        await store.outbox.put(entry('b', '2026-11-20T11:00:00.000Z', 'U2'));
        await store.outbox.put({ ...entry('c', '2026-11-20T12:00:00.000Z', 'U1'), status: 'sent' });
        expect((await store.outbox.recent({ limit: 2 })).map((e) => e.id)).toEqual(['c', 'b']);
        expect((await store.outbox.recent({ sentBy: 'U1', limit: 10 })).map((e) => e.id)).toEqual(['c', 'a']);
        expect((await store.outbox.findByIdempotencyKey('k-c'))?.status).toBe('sent');
        await expect(store.outbox.put({ ...entry('d', 'yesterday', 'U1') })).rejects.toThrow(
          /Invalid record outbox:"d": createdAt/,
        );
      });
    });

    describe('namespaces for other parts of the app', () => {
      it('hands out plain keyv namespaces and validated collections, refusing the reserved names', async () => {
        const schedule = store.namespace('schedule');
        expect(store.namespace('schedule')).toBe(schedule);
        await schedule.set('c-1:whatsapp', { dueAt: T0 });
        expect(await schedule.get('c-1:whatsapp')).toEqual({ dueAt: T0 });
        expect(() => store.namespace('contacts')).toThrow(/belongs to the store/);
        expect(() => store.namespace('Bad Name')).toThrow(/Invalid namespace/);

        const notices = store.collection('notices', z.object({ sentAt: z.string() }));
        await expect(notices.put('n1', { sentAt: 5 } as unknown as { sentAt: string })).rejects.toThrow(
          /Invalid record notices:"n1": sentAt/,
        );
        await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            notices.update('n1', (cur) => ({ sentAt: `${cur?.sentAt ?? ''}${i % 10}` })),
          ),
        );
        expect((await notices.get('n1'))?.sentAt).toHaveLength(20);
      });

      it('withLock serialises callers of the same key', async () => {
        const order: string[] = [];
        const slow = store.withLock('contact:c-1', async () => {
          order.push('a-start');
          await new Promise((r) => setTimeout(r, 20));
          order.push('a-end');
        });
        const fast = store.withLock('contact:c-1', async () => {
          order.push('b');
        });
        await Promise.all([slow, fast]);
        expect(order).toEqual(['a-start', 'a-end', 'b']);
      });
    });
  });
