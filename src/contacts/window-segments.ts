/**
 * A contact channel's window state over all time, as evaluateWindow gives it: a few segments, each with its
 * state and its windowClosesAt, separated by the instants at which the state changes by the clock alone.
 *
 * The segments come from the policy core itself: evaluate at the earliest instant a Date can hold, then
 * again at each `changesAt` it names, until it names none. Nothing about any channel's rule is restated
 * here, so an override or a new rule moves the segments with it.
 * A change instant at which neither the state nor windowClosesAt changes ends the chain: that is Viber's
 * free quota rolling over to a new month, which the index evaluates as unused (see ChannelRows).
 */
import { type RuleOverrides, type WindowInput, type WindowState, evaluateWindow } from '../policy/index.js';

/** Segments a channel's window can pass through: free text, HUMAN_AGENT, what follows. */
export const MAX_SEGMENTS = 3;
/** The earliest instant a Date holds: segment 0 starts there, so every query instant has a segment. */
const EARLIEST = -8.64e15;

/** States a person can still write freely in; their windowClosesAt is what "closing within" measures. */
export const FREE_TEXT_STATES: ReadonlySet<WindowState> = new Set<WindowState>(['open', 'human_agent']);

/** Evaluation inputs of one contact channel; instants in ms (NaN = none). */
export interface ChannelWindowFacts {
  channel: WindowInput['channel'];
  lastInboundAt: number;
  anchorWindowHours: number | undefined;
  outboundSinceInbound: number;
  subscribed: boolean | undefined;
  closedByProviderAt: number;
}

/** `states[i]` holds from `bounds[i - 1]` (segment 0: from always) until `bounds[i]` (+Infinity: for ever). */
export interface WindowSegments {
  count: number;
  states: WindowState[];
  /** windowClosesAt per segment, ms; NaN = none. */
  closesAt: number[];
  bounds: number[];
}

export function emptySegments(): WindowSegments {
  return { count: 0, states: [], closesAt: [], bounds: [] };
}

/**
 * Fills `out` with the segments of one channel. The Viber monthly quota is the bot's, not the contact's,
 * so it is evaluated as unused. Throws when the policy answers in a way the index cannot follow (more
 * segments than MAX_SEGMENTS, a change instant that does not move forward, a free-text window that says it
 * closes before its state ends): the model test would then fail too.
 */
export function windowSegments(facts: ChannelWindowFacts, rules: RuleOverrides | undefined, out: WindowSegments): void {
  // Built field by field rather than by spreads: this runs for every channel of every contact at start-up.
  const input: WindowInput = {
    channel: facts.channel,
    now: new Date(EARLIEST),
    lastInboundAt: Number.isNaN(facts.lastInboundAt) ? null : new Date(facts.lastInboundAt),
    outboundSinceInbound: facts.outboundSinceInbound,
    chatbotInitiatedThisMonth: 0,
    subscribed: facts.subscribed,
    anchorWindowHours: facts.anchorWindowHours,
    closedByProviderAt: Number.isNaN(facts.closedByProviderAt) ? null : new Date(facts.closedByProviderAt),
    rules,
  };
  out.count = 0;
  let status = evaluateWindow(input);
  let from = EARLIEST;
  for (;;) {
    const n = out.count++;
    out.states[n] = status.state;
    out.closesAt[n] = status.windowClosesAt === null ? NaN : status.windowClosesAt.getTime();
    // An instant past what a Date holds (an anchor in the year 275760) never comes: NaN reads as never.
    let next = status.changesAt === null ? Infinity : status.changesAt.getTime();
    if (Number.isNaN(next)) next = Infinity;
    if (next !== Infinity) {
      if (!(next > from)) throw new Error(`${facts.channel}: the policy's changesAt does not move forward.`);
      input.now = new Date(next);
      const after = evaluateWindow(input);
      const closes = after.windowClosesAt === null ? NaN : after.windowClosesAt.getTime();
      // Nothing changed: the chain ends here (see the module comment).
      if (after.state === status.state && Object.is(closes, out.closesAt[n])) next = Infinity;
      else status = after;
    }
    out.bounds[n] = next;
    // "Closing within" is answered from the close instants after now: a free-text state must not outlive its close.
    if (FREE_TEXT_STATES.has(out.states[n]!) && out.closesAt[n]! < next) {
      throw new Error(`${facts.channel}: a ${out.states[n]} window closes before its state ends; unsupported.`);
    }
    if (next === Infinity) return;
    if (out.count === MAX_SEGMENTS) {
      throw new Error(`${facts.channel}: the window changes more than ${MAX_SEGMENTS - 1} times; raise MAX_SEGMENTS.`);
    }
    from = next;
  }
}
