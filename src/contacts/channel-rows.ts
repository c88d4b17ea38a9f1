/**
 * Per contact slot, its channels as the few numbers the channel and window-state filters need, in typed
 * arrays rather than objects (a million contacts): type, last inbound (the window anchor), the window an
 * inbound carried, outbound count since it, subscription. The window state itself is always evaluateWindow's
 * answer at the query's `now`.
 */
import {
  CHANNEL_TYPES,
  type ChannelType,
  type RuleOverrides,
  type WindowInput,
  type WindowState,
  type WindowStatus,
  evaluateWindow,
  ruleFor,
} from '../policy/index.js';
import type { ContactChannel } from './model.js';

const HOUR_MS = 3_600_000;
export const CHANNEL_INDEX = new Map<ChannelType, number>(CHANNEL_TYPES.map((t, i) => [t, i]));

export interface WindowFilter {
  state: WindowState | 'closing_soon';
  /** Only channels of this type (index in CHANNEL_TYPES), or -1 for any. */
  channelType: number;
  /** For `closing_soon`: the free-text window must end within this long after now (inclusive). */
  closingMs: number;
}

function grown<T extends Uint8Array | Uint16Array | Int32Array | Uint32Array | Int8Array | Float64Array>(
  arr: T,
  size: number,
): T {
  const next = new (arr.constructor as new (n: number) => T)(size);
  next.set(arr);
  return next;
}

export class ChannelRows {
  // Per slot.
  private start = new Int32Array(0);
  private count = new Uint16Array(0);
  /** Bit i set = the contact has a channel of type CHANNEL_TYPES[i]. */
  mask = new Uint16Array(0);

  // Per row (one contact channel); a slot's rows are contiguous.
  private used = 0;
  private garbage = 0;
  private type = new Uint8Array(0);
  private anchor = new Float64Array(0); // last inbound, ms; NaN = never
  private anchorHours = new Float64Array(0); // window carried by that inbound; 0 = none
  private outbound = new Uint32Array(0);
  private subscribed = new Int8Array(0); // -1 unknown, 0 no, 1 yes

  constructor(private readonly rules: RuleOverrides | undefined) {}

  growSlots(size: number): void {
    this.start = grown(this.start, size);
    this.count = grown(this.count, size);
    this.mask = grown(this.mask, size);
  }

  /** Replaces a slot's channels; `anchors[i]` is channel i's last inbound in ms (NaN = never). */
  write(slot: number, channels: readonly ContactChannel[], anchors: readonly number[]): void {
    const n = channels.length;
    const old = this.count[slot]!;
    let start = this.start[slot]!;
    if (n > old) {
      this.count[slot] = 0; // its old rows are garbage now, also for a compaction right here
      this.garbage += old;
      if (this.garbage > 4096 && this.garbage > this.used / 2) this.compact();
      if (this.used + n > this.type.length) this.growRows(Math.max(4096, (this.used + n) * 2));
      start = this.used;
      this.used += n;
    } else {
      this.garbage += old - n;
    }
    this.start[slot] = start;
    this.count[slot] = n;
    let mask = 0;
    for (let i = 0; i < n; i++) {
      const ch = channels[i]!;
      const type = CHANNEL_INDEX.get(ch.type)!;
      const r = start + i;
      mask |= 1 << type;
      this.type[r] = type;
      this.anchor[r] = anchors[i]!;
      this.anchorHours[r] = ch.lastInboundWindowHours ?? 0;
      this.outbound[r] = ch.outboundSinceInbound;
      this.subscribed[r] = ch.subscribed === undefined ? -1 : ch.subscribed ? 1 : 0;
    }
    this.mask[slot] = mask;
  }

  clear(slot: number): void {
    this.garbage += this.count[slot]!;
    this.count[slot] = 0;
    this.mask[slot] = 0;
  }

  /**
   * A test of whether some channel of a slot (of the filtered type, if any) is in the wanted window state
   * at `now`, as evaluateWindow says. `closing_soon` = a free-text window (open, or Messenger/Instagram's
   * HUMAN_AGENT extension) whose end is within `closingMs` of now, inclusive.
   * The Viber monthly quota is the bot's, not the contact's, so it is evaluated as unused.
   *
   * Two shortcuts keep a filter over a million contacts from calling evaluateWindow millions of times,
   * both read off the rule table rather than restating evaluateWindow:
   * - a channel type whose rule has no window is in the same state whatever its anchor: evaluated once;
   * - a free-text state (open, human_agent, closing_soon) needs an inbound within the longest window the
   *   rule allows (free-text, HUMAN_AGENT or the inbound's own), so older or absent anchors are skipped.
   */
  windowMatcher(filter: WindowFilter, now: Date): (slot: number) => boolean {
    const nowMs = now.getTime();
    const want = filter.state;
    const matches = (status: WindowStatus): boolean =>
      want === 'closing_soon'
        ? (status.state === 'open' || status.state === 'human_agent') &&
          status.windowClosesAt !== null &&
          status.windowClosesAt.getTime() - nowMs <= filter.closingMs
        : status.state === want;
    const freeTextOnly = want === 'closing_soon' || want === 'open' || want === 'human_agent';
    const perType = CHANNEL_TYPES.map((channel) => {
      const rule = ruleFor(channel, this.rules);
      if (rule.windowHours === null) {
        return { fixed: matches(evaluateWindow({ channel, now, lastInboundAt: null, rules: this.rules })), longestMs: 0 };
      }
      return { fixed: null, longestMs: Math.max(rule.windowHours, (rule.humanAgentDays ?? 0) * 24) * HOUR_MS };
    });

    const anchorDate = new Date(0);
    const input: WindowInput = { channel: 'whatsapp', now, lastInboundAt: null, rules: this.rules };
    return (slot) => {
      const start = this.start[slot]!;
      const end = start + this.count[slot]!;
      for (let r = start; r < end; r++) {
        const type = this.type[r]!;
        if (filter.channelType >= 0 && type !== filter.channelType) continue;
        const known = perType[type]!;
        if (known.fixed !== null) {
          if (known.fixed) return true;
          continue;
        }
        const anchor = this.anchor[r]!;
        const hours = this.anchorHours[r]!;
        if (freeTextOnly && !(nowMs - anchor < Math.max(known.longestMs, hours * HOUR_MS))) continue; // NaN too
        const sub = this.subscribed[r]!;
        input.channel = CHANNEL_TYPES[type]!;
        input.lastInboundAt = Number.isNaN(anchor) ? null : (anchorDate.setTime(anchor), anchorDate);
        input.anchorWindowHours = hours > 0 ? hours : undefined;
        input.outboundSinceInbound = this.outbound[r]!;
        input.subscribed = sub < 0 ? undefined : sub === 1;
        if (matches(evaluateWindow(input))) return true;
      }
      return false;
    };
  }

  private growRows(size: number): void {
    this.type = grown(this.type, size);
    this.anchor = grown(this.anchor, size);
    this.anchorHours = grown(this.anchorHours, size);
    this.outbound = grown(this.outbound, size);
    this.subscribed = grown(this.subscribed, size);
  }

  /** Rewrites the rows without the ones replaced or removed contacts left behind. */
  private compact(): void {
    const size = Math.max(4096, (this.used - this.garbage) * 2);
    const type = new Uint8Array(size);
    const anchor = new Float64Array(size);
    const hours = new Float64Array(size);
    const outbound = new Uint32Array(size);
    const subscribed = new Int8Array(size);
    let n = 0;
    for (let slot = 0; slot < this.start.length; slot++) {
      const start = this.start[slot]!;
      const count = this.count[slot]!;
      if (count === 0) continue;
      type.set(this.type.subarray(start, start + count), n);
      anchor.set(this.anchor.subarray(start, start + count), n);
      hours.set(this.anchorHours.subarray(start, start + count), n);
      outbound.set(this.outbound.subarray(start, start + count), n);
      subscribed.set(this.subscribed.subarray(start, start + count), n);
      this.start[slot] = n;
      n += count;
    }
    this.type = type;
    this.anchor = anchor;
    this.anchorHours = hours;
    this.outbound = outbound;
    this.subscribed = subscribed;
    this.used = n;
    this.garbage = 0;
  }
}
