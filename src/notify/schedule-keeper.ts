/**
 * ScheduleKeeper: the window schedule kept armed by the leader alone (N replicas re-arming every write would
 * write each row N times), handed over without losing a change when leadership moves.
 *
 * - Every replica remembers which contacts changed lately (id → when: the record's updatedAt for what its
 *   start-up load read, the moment it heard of it for every write since, its own and other replicas' — not
 *   every write moves updatedAt): memory only, no writes.
 * - The leader re-arms each change as it hears of it and, every `checkpointMs`, records in the store the
 *   instant up to which everything it heard of is armed (`armedThrough`).
 * - A replica that becomes leader starts a new term (see `fence`), reloads the stored schedule and re-arms the
 *   contacts changed since `armedThrough − marginMs`: what the previous leader had not armed when it died and
 *   what changed while nobody led. The margin covers clocks that disagree between replicas and a write
 *   stamped a little before it committed. Followers forget what is older than that.
 * - The very first leader of a store arms every contact once (later ones restore the stored schedule).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type Keyv from 'keyv';
import { parseInstant } from '../contacts/instant.js';
import type { Contact } from '../contacts/model.js';
import type { WindowSchedule } from './schedule.js';

export const DEFAULT_ARMING_MARGIN_MS = 5 * 60_000;
export const DEFAULT_CHECKPOINT_MS = 30_000;

/** Keys in the schedule's meta namespace. */
const META = {
  /** First start with notifications on: every contact was armed once. */
  armed: 'armed',
  /** Everything changed before this instant (ISO) is armed. */
  armedThrough: 'armedThrough',
  /** The current leader's term: claims of any other term are refused. */
  term: 'term',
} as const;

/** Who may change the term and claim: one at a time across the fleet. */
const TERM_LOCK = 'notify:term';

const LOAD_BATCH = 500;

/** A claim was refused: another replica leads (it took a newer term). */
export class NotLeaderError extends Error {
  override name = 'NotLeaderError';
  constructor() {
    super('this replica no longer leads the notifier: another replica took over');
  }
}

export interface ScheduleKeeperOptions {
  schedule: WindowSchedule;
  /** The schedule's meta namespace (`store.namespace('schedule_meta')`). */
  meta: Keyv;
  contacts: {
    getMany(ids: readonly string[]): Promise<Array<Contact | undefined>>;
    loadAll(): AsyncIterable<Contact>;
  };
  /** `store.withLock`: across every replica of the store. */
  withLock: <T>(key: string, fn: () => Promise<T>) => Promise<T>;
  clock: () => Date;
  onError: (error: unknown, context: string) => void;
  marginMs?: number;
  checkpointMs?: number;
}

type Mode = 'follower' | 'taking-over' | 'leader';

export class ScheduleKeeper {
  private halted = false;
  private readonly schedule: WindowSchedule;
  private readonly meta: Keyv;
  private readonly contacts: ScheduleKeeperOptions['contacts'];
  private readonly withLock: ScheduleKeeperOptions['withLock'];
  private readonly clock: () => Date;
  private readonly onError: ScheduleKeeperOptions['onError'];
  private readonly marginMs: number;
  private readonly checkpointMs: number;
  private mode: Mode = 'follower';
  private term: string | null = null;
  /** Contacts changed since `floorMs`: id → when (ms). */
  private readonly recent = new Map<string, number>();
  private floorMs = Number.NEGATIVE_INFINITY;
  /** Changes heard while taking over: re-armed once the stored schedule is loaded. */
  private readonly buffered = new Map<string, Contact>();
  private readonly inFlight = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | null = null;
  /**
   * Runs a function outside its caller's async context: a re-arm heard from a write made under a store lock
   * must not run its own writes on that lock's connection (PostgreSQL), nor hold the lock's holder up.
   */
  private readonly detached = AsyncLocalStorage.snapshot();

  constructor(opts: ScheduleKeeperOptions) {
    this.schedule = opts.schedule;
    this.meta = opts.meta;
    this.contacts = opts.contacts;
    this.withLock = opts.withLock;
    this.clock = opts.clock;
    this.onError = opts.onError;
    this.marginMs = opts.marginMs ?? DEFAULT_ARMING_MARGIN_MS;
    this.checkpointMs = opts.checkpointMs ?? DEFAULT_CHECKPOINT_MS;
  }

  get isLeading(): boolean {
    return this.mode === 'leader';
  }

  /** How many changed contacts this replica remembers (tests, status). */
  get remembered(): number {
    return this.recent.size;
  }

  /** Shutdown has begun: stop arming, stop checkpoints; the store is about to close. Synchronous on purpose. */
  halt(): void {
    this.halted = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Reads the leader's mark so the start-up load remembers only what a takeover may need. Call before it. */
  async start(): Promise<void> {
    this.moveFloor(await this.readMark());
    this.timer = setInterval(() => void this.periodic(), this.checkpointMs);
    this.timer.unref();
  }

  /** A contact as the start-up load read it (only its id and updatedAt matter here). */
  loaded(contact: Pick<Contact, 'id' | 'updatedAt'>): void {
    this.remember(contact.id, parseInstant(contact.updatedAt));
  }

  /** A contact as just written, here or by another replica: the leader re-arms it. */
  seen(contact: Contact): void {
    this.remember(contact.id, this.clock().getTime());
    if (this.mode === 'taking-over') this.buffered.set(contact.id, contact);
    else if (this.mode === 'leader') this.rearm(contact);
  }

  private remember(id: string, whenMs: number): void {
    if (whenMs >= this.floorMs) this.recent.set(id, Math.max(whenMs, this.recent.get(id) ?? whenMs));
  }

  /**
   * This replica leads from now on: a new term, the stored schedule loaded, then the changes the previous
   * leader may not have armed. Resolves once the schedule is ready to tick.
   *
   * `contactsRead` settles once the start-up load has passed every contact to `loaded`: the stored schedule
   * is read meanwhile (start-up runs both at once), the catch-up after, since it re-arms what that load found
   * changed. A rejected `contactsRead` fails the take-over.
   */
  async lead(contactsRead: Promise<void> = Promise.resolve()): Promise<void> {
    contactsRead.catch(() => undefined); // awaited below, after the schedule's load: not unhandled meanwhile
    this.mode = 'taking-over';
    try {
      const term = randomUUID();
      const mark = await this.withLock(TERM_LOCK, async () => {
        await this.meta.set(META.term, term);
        return this.readMark();
      });
      this.term = term;
      const restored = await this.schedule.load(this.clock());
      await contactsRead;
      if (this.halted) throw new KeeperHaltedError();
      const now = this.clock();
      if (restored.rows === 0 && !(await this.meta.get(META.armed))) {
        for await (const contact of this.contacts.loadAll()) {
          // A shutdown must not wait for (or outlive) arming a million contacts; the next leader arms again.
          if (this.halted) throw new KeeperHaltedError();
          await this.schedule.rearm(contact, now);
        }
        await this.meta.set(META.armed, now.toISOString());
      } else {
        await this.catchUp(mark === null ? this.floorMs : mark - this.marginMs);
      }
      this.mode = 'leader';
      const waiting = [...this.buffered.values()];
      this.buffered.clear();
      for (const contact of waiting) this.rearm(contact);
    } catch (error) {
      this.mode = 'follower';
      this.buffered.clear();
      throw error;
    }
  }

  /** This replica no longer leads: re-arms in flight finish, the mark is recorded, the schedule unloaded. */
  async follow(): Promise<void> {
    if (this.mode === 'follower') return;
    const wasLeading = this.mode === 'leader';
    this.mode = 'follower';
    if (wasLeading && !this.halted) {
      await this.checkpoint(true).catch((error) => this.onError(error, 'recording the armed mark'));
    }
    this.term = null;
    this.buffered.clear();
    await this.schedule.unload();
  }

  /**
   * Runs `fn` (a claim) only while this replica's term is the current one, holding the term's lock so that a
   * new leader's term starts either before (and this refuses) or after (and its load sees the claim).
   */
  fence<T>(fn: () => Promise<T>): Promise<T> {
    return this.withLock(TERM_LOCK, async () => {
      if (this.term === null || (await this.meta.get(META.term)) !== this.term) throw new NotLeaderError();
      return fn();
    });
  }

  /** Resolves once the re-arms started so far have been written (tests, shutdown). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
    await this.schedule.settle();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.follow();
  }

  private rearm(contact: Contact): void {
    const done = this.detached(() => this.schedule.rearm(contact, this.clock()))
      .then(() => undefined)
      .catch((error) => this.onError(error, `re-arming the window schedule of ${contact.id}`));
    this.inFlight.add(done);
    void done.finally(() => this.inFlight.delete(done));
  }

  /** Re-arms, from their stored records, the contacts changed since `sinceMs`. */
  private async catchUp(sinceMs: number): Promise<void> {
    const ids = [...this.recent].filter(([, whenMs]) => whenMs >= sinceMs).map(([id]) => id);
    const now = this.clock();
    for (let i = 0; i < ids.length; i += LOAD_BATCH) {
      const batch = ids.slice(i, i + LOAD_BATCH);
      const contacts = await this.contacts.getMany(batch);
      for (const contact of contacts) if (contact) await this.schedule.rearm(contact, now);
    }
  }

  private async periodic(): Promise<void> {
    try {
      if (this.mode === 'leader') await this.checkpoint(false);
      else if (this.mode === 'follower') this.moveFloor(await this.readMark());
    } catch (error) {
      this.onError(error, 'recording the armed mark');
    }
  }

  /**
   * Records the instant up to which every change heard of is armed: taken before waiting for the re-arms in
   * flight, and only when no schedule write is waiting for a retry. `stepping` skips the term check (this
   * replica is stepping down; its mark is still true).
   */
  private async checkpoint(stepping: boolean): Promise<void> {
    const at = this.clock();
    await Promise.allSettled([...this.inFlight]);
    if (this.schedule.size.dirty > 0) return;
    const write = () => this.meta.set(META.armedThrough, at.toISOString());
    if (stepping) await write();
    else await this.fence(write);
    this.moveFloor(at.getTime());
  }

  private async readMark(): Promise<number | null> {
    const mark = (await this.meta.get(META.armedThrough)) as string | undefined;
    const ms = mark === undefined ? Number.NaN : Date.parse(mark);
    return Number.isFinite(ms) ? ms : null;
  }

  /** What a takeover may need starts `margin` before the mark (no mark yet: before now). */
  private moveFloor(markMs: number | null): void {
    const floor = (markMs ?? this.clock().getTime()) - this.marginMs;
    if (floor <= this.floorMs) return;
    this.floorMs = floor;
    for (const [id, whenMs] of this.recent) if (whenMs < floor) this.recent.delete(id);
  }
}

/** Thrown out of a take-over that a shutdown interrupted (not an outage: nothing to log). */
export class KeeperHaltedError extends Error {
  override name = 'KeeperHaltedError';
}
