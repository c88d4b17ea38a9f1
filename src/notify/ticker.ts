/**
 * Notifier: on each tick, takes what the schedule says is due, re-checks it against the contact as it is
 * now, groups it per Slack channel and posts it through a NoticeSink.
 *
 * Delivery: a group is claimed durably before it is posted and marked delivered after. A sink failure
 * releases the claim, so the entries stay due for the next tick. A crash between posting and marking leaves
 * them claimed; the next start (or the next leader) finds them in doubt and, when the sink can look its own
 * posts up (`findPosted`: each post carries its claim's id), asks it first: found means delivered, not found
 * means post now. Only a claim younger than `inDoubtAfterMs` waits, in case its post is still on its way.
 * A sink that cannot look (no history access) gets them again flagged `redelivery`: a duplicate, limited to one
 * batch after a crash, costs a glance; a lost notice costs a missed follow-up.
 *
 * Across replicas only the leader ticks; `guardClaim` (the schedule keeper's term check) makes a replica that
 * lost leadership without noticing yet claim nothing, so two replicas never post the same entry.
 *
 * At most one on-time message per (Slack channel, kind) per minute: a group for a bucket that already posted
 * in this minute waits (stays due) for the next minute's tick, so short tick intervals still give one digest
 * per minute. Late catch-up groups are exempt.
 */
import type { Contact, ContactChannel } from '../contacts/model.js';
import { channelKey, displayName } from '../contacts/model.js';
import {
  type ChannelType,
  type RuleOverrides,
  type WindowInput,
  channelLabel,
  evaluateWindow,
} from '../policy/index.js';
import { type Notice, type NoticeGroup, floorMinute, groupNotices } from './digest.js';
import type { Claim, DueEntry, InDoubtClaim, WindowSchedule } from './schedule.js';

export interface NoticeSink {
  /**
   * Posts one message, carrying `noticeId` (the claim's id) so `findPosted` can find it later. Throwing leaves
   * its notices due for the next tick.
   */
  post(group: NoticeGroup, noticeId: string): Promise<void>;
  /**
   * Which of these notice ids a message in the Slack channel already carries; null when the sink cannot tell
   * (the notices are then posted again, flagged as possible repeats). Throwing keeps them due.
   */
  findPosted?(slackChannel: string, noticeIds: readonly string[]): Promise<ReadonlySet<string> | null>;
}

/** Runs a claim only while this replica may post; throws otherwise (another replica leads now). */
export type ClaimGuard = <T>(claim: () => Promise<T>) => Promise<T>;

/** How long a claim left in doubt waits before it is looked up: a post of a replica still alive may be under way. */
export const DEFAULT_IN_DOUBT_AFTER_MS = 15_000;

/** The Slack channel notices go to when no routing is configured; the sink maps it to NOTIFY_CHANNEL. */
export const DEFAULT_SLACK_CHANNEL = 'default';

export interface NotifierOptions {
  schedule: WindowSchedule;
  sink: NoticeSink;
  clock: () => Date;
  loadContact: (id: string) => Promise<Contact | undefined>;
  /** Optional batch loader (e.g. the contacts repository's `getMany`): one store query per 500 due contacts. */
  loadContacts?: (ids: readonly string[]) => Promise<Array<Contact | undefined>>;
  /** Defaults to the schedule's rules. */
  rules?: RuleOverrides;
  /** One channel for everything, or a routing function (per channel type, per team…). */
  slackChannel?: string | ((contact: Contact, channel: ChannelType) => string);
  /** Counters the contact record does not hold, e.g. Viber `chatbotInitiatedThisMonth` for the channel account. */
  windowInput?: (
    contact: Contact,
    channel: ContactChannel,
    at: Date,
  ) => Partial<WindowInput> | Promise<Partial<WindowInput>>;
  maxPerMessage?: number;
  /** Contacts loaded in parallel per tick. Default 32. */
  loadConcurrency?: number;
  onError?: (error: unknown, context: string) => void;
  /** Wraps each claim (see ClaimGuard). Default: claims run as they are. */
  guardClaim?: ClaimGuard;
  /** A claim left in doubt is looked up once it is this old (ms, the clock's time). Default 15 s. */
  inDoubtAfterMs?: number;
}

export interface TickResult {
  /** Notices posted (lines, not messages). */
  posted: number;
  /** Of those, how many were late. */
  late: number;
  /** Slack messages posted. */
  messages: number;
  /** Due entries dropped as stale: the contact answered, is no longer watched, or the window already closed. */
  dropped: number;
  /** Notices whose post failed: still due. */
  failed: number;
  /** Notices held back to keep one message per Slack channel and kind per minute: still due. */
  held: number;
  /** Notices left in doubt by a crash that the sink found already posted: marked delivered, not posted again. */
  confirmed: number;
}

const BATCH = 500;
const ZERO: TickResult = { posted: 0, late: 0, messages: 0, dropped: 0, failed: 0, held: 0, confirmed: 0 };

export class Notifier {
  private readonly schedule: WindowSchedule;
  private readonly sink: NoticeSink;
  private readonly clock: () => Date;
  private readonly loadContact: (id: string) => Promise<Contact | undefined>;
  private readonly loadContacts: NotifierOptions['loadContacts'];
  private readonly rules: RuleOverrides | undefined;
  private readonly route: (contact: Contact, channel: ChannelType) => string;
  private readonly extraInput: NotifierOptions['windowInput'];
  private readonly maxPerMessage: number | undefined;
  private readonly concurrency: number;
  private readonly onError: (error: unknown, context: string) => void;
  private readonly guardClaim: ClaimGuard;
  private readonly inDoubtAfterMs: number;
  /** `${slackChannel}|${kind}` → minute (ms) of its last on-time message. */
  private readonly lastPosted = new Map<string, number>();
  private timer: ReturnType<typeof setInterval> | null = null;
  /** An extra tick for when a claim in doubt becomes old enough to look up (sooner than the next interval). */
  private wakeTimer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<TickResult> | null = null;

  constructor(opts: NotifierOptions) {
    this.schedule = opts.schedule;
    this.sink = opts.sink;
    this.clock = opts.clock;
    this.loadContact = opts.loadContact;
    this.loadContacts = opts.loadContacts;
    this.rules = opts.rules ?? opts.schedule.rules;
    const sc = opts.slackChannel ?? DEFAULT_SLACK_CHANNEL;
    this.route = typeof sc === 'string' ? () => sc : sc;
    this.extraInput = opts.windowInput;
    this.maxPerMessage = opts.maxPerMessage;
    this.concurrency = Math.max(1, opts.loadConcurrency ?? 32);
    this.onError = opts.onError ?? ((error, context) => console.error(`notify: ${context}:`, error));
    this.guardClaim = opts.guardClaim ?? ((claim) => claim());
    this.inDoubtAfterMs = opts.inDoubtAfterMs ?? DEFAULT_IN_DOUBT_AFTER_MS;
  }

  /** Ticks now (late notices go out at once after a start) and then every `intervalMs`. */
  start(intervalMs = 60_000): void {
    if (this.timer) return;
    const run = () => void this.tick().catch((error) => this.onError(error, 'tick'));
    this.timer = setInterval(run, intervalMs);
    this.timer.unref?.();
    run();
  }

  /** Stops ticking and waits for a tick in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    this.timer = null;
    this.wakeTimer = null;
    if (this.running) await this.running.catch(() => undefined);
    await this.schedule.settle();
  }

  /** One pass. Ticks never overlap: a call during a tick gets that tick's result. */
  tick(): Promise<TickResult> {
    if (this.running) return this.running;
    const run = this.run().finally(() => {
      this.running = null;
    });
    this.running = run;
    return run;
  }

  private async run(): Promise<TickResult> {
    const now = this.clock();
    await this.schedule.flush(now).catch((error) => this.onError(error, 'retrying store writes'));
    const due = this.schedule.due(now);
    if (!due.length) return { ...ZERO };

    const result = { ...ZERO };
    const byContact = new Map<string, DueEntry[]>();
    for (const e of due) {
      const list = byContact.get(e.contactId);
      if (list) list.push(e);
      else byContact.set(e.contactId, [e]);
    }
    const prefetched = await this.prefetch([...byContact.keys()]);
    const notices: Notice[] = [];
    const doubts = new Map<string, InDoubtClaim>();
    await forEachLimit([...byContact], this.concurrency, async ([contactId, entries]) => {
      try {
        const contact = prefetched.has(contactId) ? prefetched.get(contactId) : await this.loadContact(contactId);
        if (!contact) {
          await this.schedule.forget(contactId, now);
          result.dropped += entries.length;
          return;
        }
        // Re-arm first: if the contact answered or left the watch list, this cancels the stale entries.
        await this.schedule.rearm(contact, now);
        const useless: DueEntry[] = [];
        for (const stale of entries) {
          const e = this.schedule.current(stale.key, now);
          if (!e) {
            result.dropped++;
            continue;
          }
          const notice = await this.toNotice(e, contact, now);
          if (notice) {
            notices.push(notice);
            if (e.inDoubt) doubts.set(e.key, e.inDoubt);
          } else {
            useless.push(e);
            result.dropped++;
          }
        }
        if (useless.length) await this.schedule.discard(useless, now);
      } catch (error) {
        result.failed += entries.length;
        this.onError(error, `re-checking contact ${contactId}`);
      }
    });

    const toPost = await this.settleInDoubt(notices, doubts, now, result);
    const minute = floorMinute(now).getTime();
    const postedNow = new Set<string>();
    const groups = groupNotices(toPost, now, this.maxPerMessage ? { maxPerMessage: this.maxPerMessage } : {});
    for (const group of groups) {
      const bucket = `${group.slackChannel}|${group.kind}`;
      if (!group.late && this.lastPosted.get(bucket) === minute && !postedNow.has(bucket)) {
        result.held += group.notices.length;
        continue;
      }
      let claim: Claim;
      try {
        claim = await this.guardClaim(() => this.schedule.claim(group.notices, now));
      } catch (error) {
        result.failed += group.notices.length;
        this.onError(error, 'claiming notices');
        continue;
      }
      try {
        await this.sink.post(group, claim.id);
      } catch (error) {
        result.failed += group.notices.length;
        this.onError(error, `posting ${group.key}`);
        await this.schedule.release(claim);
        continue;
      }
      if (!group.late) {
        this.lastPosted.set(bucket, minute);
        postedNow.add(bucket);
      }
      result.messages++;
      result.posted += group.notices.length;
      result.late += group.notices.filter((n) => n.late).length;
      // In memory they are delivered already; a failed write is retried by the next tick's flush.
      await this.schedule
        .markDelivered(group.notices, now, claim)
        .catch((error) => this.onError(error, 'recording delivery'));
    }
    return result;
  }

  /**
   * Notices whose earlier claim is in doubt (a crash between posting and marking): each old enough is looked
   * up through the sink, per Slack channel; those found are marked delivered under their old claim and not
   * posted again. Returns the notices to post now. Younger claims wait (a wake-up tick is set for them), and a
   * failed look-up keeps its notices due.
   */
  private async settleInDoubt(
    notices: Notice[],
    doubtOf: ReadonlyMap<string, InDoubtClaim>,
    now: Date,
    result: TickResult,
  ): Promise<Notice[]> {
    const findPosted = this.sink.findPosted?.bind(this.sink);
    if (!findPosted || doubtOf.size === 0) return notices;
    const lookUp = new Map<string, Notice[]>(); // Slack channel → notices to look for there
    const keep: Notice[] = [];
    let wakeAt = Number.POSITIVE_INFINITY;
    for (const n of notices) {
      const doubt = doubtOf.get(n.key);
      if (!doubt) {
        keep.push(n);
        continue;
      }
      const checkableAt = doubt.claimedAt.getTime() + this.inDoubtAfterMs;
      if (checkableAt > now.getTime()) {
        result.held++;
        wakeAt = Math.min(wakeAt, checkableAt);
        continue;
      }
      const list = lookUp.get(n.slackChannel);
      if (list) list.push(n);
      else lookUp.set(n.slackChannel, [n]);
    }
    if (Number.isFinite(wakeAt)) this.wakeAt(wakeAt - now.getTime());
    for (const [slackChannel, list] of lookUp) {
      const claimIds = [...new Set(list.map((n) => doubtOf.get(n.key)!.claimId))];
      let found: ReadonlySet<string> | null;
      try {
        found = await findPosted(slackChannel, claimIds);
      } catch (error) {
        result.failed += list.length;
        this.onError(error, `looking for notices posted before a restart in ${slackChannel}`);
        continue;
      }
      const posted = found ? list.filter((n) => found.has(doubtOf.get(n.key)!.claimId)) : [];
      keep.push(...list.filter((n) => !posted.includes(n)));
      for (const claimId of claimIds) {
        const ofClaim = posted.filter((n) => doubtOf.get(n.key)!.claimId === claimId);
        if (!ofClaim.length) continue;
        const claim = { id: claimId, keys: ofClaim.map((n) => n.key) };
        await this.schedule
          .markDelivered(ofClaim, now, claim)
          .catch((error) => this.onError(error, 'recording delivery'));
        result.confirmed += ofClaim.length;
      }
    }
    return keep;
  }

  /** One extra tick after `ms` (real time), when the notifier runs on its timer. */
  private wakeAt(ms: number): void {
    if (!this.timer || this.wakeTimer) return;
    this.wakeTimer = setTimeout(
      () => {
        this.wakeTimer = null;
        void this.tick().catch((error) => this.onError(error, 'tick'));
      },
      Math.max(0, ms),
    );
    this.wakeTimer.unref?.();
  }

  /** Contacts by id through the batch loader, when there is one; a failed batch falls back to one by one. */
  private async prefetch(ids: string[]): Promise<Map<string, Contact | undefined>> {
    const found = new Map<string, Contact | undefined>();
    if (!this.loadContacts) return found;
    for (let i = 0; i < ids.length; i += BATCH) {
      const chunk = ids.slice(i, i + BATCH);
      try {
        const contacts = await this.loadContacts(chunk);
        chunk.forEach((id, j) => {
          found.set(id, contacts[j]);
        });
      } catch (error) {
        this.onError(error, 'loading contacts');
      }
    }
    return found;
  }

  /** The notice for a due entry, or null when it has nothing useful left to say. */
  private async toNotice(e: DueEntry, contact: Contact, now: Date): Promise<Notice | null> {
    const ch = contact.channels.find((c) => channelKey(c) === e.channelKey);
    if (!ch) return null;
    const extra = this.extraInput ? await this.extraInput(contact, ch, now) : {};
    const input = {
      channel: ch.type,
      lastInboundAt: ch.lastInboundAt ? new Date(ch.lastInboundAt) : null,
      outboundSinceInbound: ch.outboundSinceInbound,
      subscribed: ch.subscribed,
      anchorWindowHours: ch.lastInboundWindowHours,
      rules: this.rules,
      ...extra,
    };
    const current = evaluateWindow({ ...input, now });
    if (e.kind === 'reminder') {
      // The notice says it better once the edge has passed; and a reminder for a window that is not open
      // (unsubscribed, cap reached) would be wrong.
      if (now.getTime() >= e.windowClosesAt.getTime()) return null;
      const openStates = e.edge === 'standard' ? ['open'] : ['open', 'human_agent'];
      if (!openStates.includes(current.state)) return null;
    }
    const after = evaluateWindow({ ...input, now: e.windowClosesAt });
    return {
      key: e.key,
      kind: e.kind,
      edge: e.edge,
      contactId: contact.id,
      contactName: displayName(contact),
      assignee: contact.assignee,
      conversation: contact.status,
      channel: ch.type,
      channelKey: e.channelKey,
      channelLabel: channelLabel(ch.type),
      address: ch.address,
      anchor: e.anchor,
      windowClosesAt: e.windowClosesAt,
      dueAt: e.dueAt,
      late: e.late,
      redelivery: e.redelivery,
      slackChannel: this.route(contact, ch.type),
      current,
      after,
    };
  }
}

async function forEachLimit<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
