/** Shared fixtures for the notify tests: a real SQLite file per test, a driven clock, a recording sink. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeyvSqlite } from '@keyv/sqlite';
import Keyv from 'keyv';
import { type Contact, type ContactChannel, contactSchema } from '../../src/contacts/model.js';
import type { ChannelType } from '../../src/policy/index.js';
import {
  type NoticeGroup,
  type NoticeSink,
  Notifier,
  type NotifierOptions,
  WindowSchedule,
  type WindowScheduleOptions,
} from '../../src/notify/index.js';

export const HOUR = 3_600_000;
export const MIN = 60_000;
export const DAY = 24 * HOUR;
export const T = Date.parse('2025-03-10T08:00:00.000Z');
export const at = (ms: number) => new Date(ms);
export const iso = (ms: number) => new Date(ms).toISOString();

export class TempDb {
  readonly dir = mkdtempSync(join(tmpdir(), 'notify-test-'));
  readonly file = join(this.dir, 'store.sqlite');
  private readonly opened: Keyv[] = [];

  /** A fresh Keyv on the same file: what a restarted process would open. */
  open(): Keyv {
    const kv = new Keyv({ store: new KeyvSqlite('sqlite://' + this.file), namespace: 'schedule' });
    this.opened.push(kv);
    return kv;
  }

  async cleanup(): Promise<void> {
    for (const kv of this.opened) await kv.disconnect().catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export function channel(
  type: ChannelType,
  lastInboundMs: number | null,
  extra: Partial<ContactChannel> = {},
): ContactChannel {
  return {
    type,
    lastInboundAt: lastInboundMs === null ? null : iso(lastInboundMs),
    lastOutboundAt: null,
    outboundSinceInbound: 0,
    ...extra,
  };
}

export function contact(id: string, channels: ContactChannel[], extra: Partial<Contact> = {}): Contact {
  return contactSchema.parse({
    id,
    firstName: `Contact ${id}`,
    statusChangedAt: iso(T),
    lastActivityAt: iso(T),
    createdAt: iso(T - DAY),
    updatedAt: iso(T),
    status: 'open',
    channels,
    ...extra,
  });
}

export class RecordingSink implements NoticeSink {
  readonly groups: NoticeGroup[] = [];
  /** Throw on the next n posts. */
  failNext = 0;
  async post(group: NoticeGroup): Promise<void> {
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('slack unavailable');
    }
    this.groups.push(group);
  }
  get notices() {
    return this.groups.flatMap((g) => g.notices);
  }
  count(kind: 'reminder' | 'notice') {
    return this.notices.filter((n) => n.kind === kind).length;
  }
}

/** A contact directory standing in for the store's contacts repository. */
export class Contacts {
  readonly byId = new Map<string, Contact>();
  put(...cs: Contact[]) {
    for (const c of cs) this.byId.set(c.id, c);
  }
  load = async (id: string) => this.byId.get(id);
}

/** One running "process": a schedule on its own Keyv over the shared file, a notifier, a clock. */
export class App {
  now: number;
  readonly schedule: WindowSchedule;
  readonly notifier: Notifier;
  constructor(
    readonly db: TempDb,
    readonly contacts: Contacts,
    readonly sink: NoticeSink,
    start: number,
    opts: Omit<WindowScheduleOptions, 'kv'> = {},
    notifierOpts: Partial<NotifierOptions> = {},
  ) {
    this.now = start;
    this.schedule = new WindowSchedule({ kv: db.open(), ...opts });
    this.notifier = new Notifier({
      schedule: this.schedule,
      sink,
      clock: () => new Date(this.now),
      loadContact: contacts.load,
      onError: () => undefined,
      ...notifierOpts,
    });
  }
  async load() {
    return this.schedule.load(new Date(this.now));
  }
  /** What ingest does after applying an event that changed the contact. */
  async ingest(c: Contact) {
    this.contacts.put(c);
    return this.schedule.rearm(c, new Date(this.now));
  }
  async tickAt(ms: number) {
    this.now = ms;
    return this.notifier.tick();
  }
  async stop() {
    await this.notifier.stop();
  }
}
