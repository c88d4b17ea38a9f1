/**
 * The search benchmark's brute-force baseline: every query answered by a scan of every contact, the window
 * state of each channel from evaluateWindow at the query's instant, text by the public normalisation
 * functions. What the index must equal, and what it costs without one.
 */
import type { Contact } from '../src/contacts/model.js';
import { type QueryTerm, classifyQuery, emailKeys, nameTokens, phoneDigits } from '../src/contacts/normalize.js';
import { type ParsedSearchQuery, type SearchQuery, searchQuerySchema } from '../src/contacts/query.js';
import { CHANNEL_TYPES, type RuleOverrides, type WindowStatus, evaluateWindow } from '../src/policy/index.js';

const HOUR_MS = 3_600_000;

/** The synthetic contacts as columns; contact i's id sorts as i does (fixed-width base 36). */
export class BruteForceContacts {
  private n = 0;
  private ids: string[] = [];
  private activity: number[] = [];
  private closed: boolean[] = [];
  private assignee: (string | null)[] = [];
  private text: string[] = [];
  private channelStart: number[] = [0];
  private channelType: number[] = [];
  private anchor: number[] = [];
  private outbound: number[] = [];
  private readonly tokens = new Map<string, string[]>();

  constructor(private readonly rules: RuleOverrides = {}) {}

  add(c: Contact): void {
    this.ids.push(c.id);
    this.activity.push(Date.parse(c.lastActivityAt));
    this.closed.push(c.status === 'closed');
    this.assignee.push(c.assignee);
    this.text.push(`${c.firstName}\u0000${c.lastName}\u0000${c.email}\u0000${c.phone}`);
    for (const ch of c.channels) {
      this.channelType.push(CHANNEL_TYPES.indexOf(ch.type));
      this.anchor.push(ch.lastInboundAt === null ? NaN : Date.parse(ch.lastInboundAt));
      this.outbound.push(ch.outboundSinceInbound);
    }
    this.channelStart.push(this.channelType.length);
    this.n++;
  }

  /** Total and the page (ids) the query asks for; a cursor is given as the number of matches to skip. */
  search(query: SearchQuery, now: Date, skip = 0): { total: number; ids: string[] } {
    const q = searchQuerySchema.parse(query);
    const terms = classifyQuery(q.text);
    const matches: number[] = [];
    for (let i = 0; i < this.n; i++) {
      if (q.status !== 'any' && this.closed[i] !== (q.status === 'closed')) continue;
      if (q.inbox === 'mine' && this.assignee[i] !== q.agentId) continue;
      if (!this.channelsMatch(i, q, now)) continue;
      if (terms.length > 0 && !this.textMatches(i, terms)) continue;
      matches.push(i);
    }
    matches.sort((a, b) => this.activity[b]! - this.activity[a]! || a - b);
    return { total: matches.length, ids: matches.slice(skip, skip + q.limit).map((i) => this.ids[i]!) };
  }

  private channelsMatch(i: number, q: ParsedSearchQuery, now: Date): boolean {
    const wantType = q.channel === undefined ? -1 : CHANNEL_TYPES.indexOf(q.channel);
    if (wantType < 0 && q.windowState === undefined) return true;
    for (let r = this.channelStart[i]!; r < this.channelStart[i + 1]!; r++) {
      if (wantType >= 0 && this.channelType[r] !== wantType) continue;
      if (q.windowState === undefined) return true;
      const status = evaluateWindow({
        channel: CHANNEL_TYPES[this.channelType[r]!]!,
        now,
        lastInboundAt: Number.isNaN(this.anchor[r]!) ? null : new Date(this.anchor[r]!),
        outboundSinceInbound: this.outbound[r]!,
        chatbotInitiatedThisMonth: 0,
        rules: this.rules,
      });
      if (inWindowFilter(status, q, now)) return true;
    }
    return false;
  }

  /** The query rules restated as a scan (as in the index's model test). */
  private textMatches(i: number, terms: QueryTerm[]): boolean {
    const [first, last, email, phone] = this.text[i]!.split('\u0000') as [string, string, string, string];
    const names = [...this.nameTokens(first), ...this.nameTokens(last)];
    const emails = emailKeys(email);
    const digits = phoneDigits(phone);
    return terms.every((t) => {
      if (t.kind === 'phone') return digits !== '' && t.suffixes.some((s) => digits.endsWith(s));
      if (t.kind === 'email') return emails.some((k) => k.startsWith(t.email));
      return names.some((n) => n.startsWith(t.name)) || emails.some((k) => k.startsWith(t.email));
    });
  }

  private nameTokens(name: string): string[] {
    let tokens = this.tokens.get(name);
    if (tokens === undefined) this.tokens.set(name, (tokens = nameTokens(name)));
    return tokens;
  }
}

function inWindowFilter(status: WindowStatus, q: ParsedSearchQuery, now: Date): boolean {
  if (q.windowState !== 'closing_soon') return status.state === q.windowState;
  return (
    (status.state === 'open' || status.state === 'human_agent') &&
    status.windowClosesAt !== null &&
    status.windowClosesAt.getTime() - now.getTime() <= q.closingWithinHours * HOUR_MS
  );
}
