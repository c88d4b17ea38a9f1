/** Plain-text rendering for the CLI: tables, relative times, one-line channel summaries. */
import type { ChannelStatus } from '../followup/index.js';

const UNITS: Array<[string, number]> = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['min', 60_000],
];

/** `in 3 h 20 min`, `2 d 4 h ago`, `now`: the two largest units, rounded down. */
export function relativeTime(target: Date, now: Date): string {
  const diff = target.getTime() - now.getTime();
  let rest = Math.abs(diff);
  const parts: string[] = [];
  for (const [unit, size] of UNITS) {
    if (parts.length === 2) break;
    const n = Math.floor(rest / size);
    if (n > 0 || parts.length > 0) {
      if (n > 0) parts.push(`${n} ${unit}`);
      rest -= n * size;
    }
  }
  if (parts.length === 0) return diff >= 0 ? 'in under a minute' : 'just now';
  return diff >= 0 ? `in ${parts.join(' ')}` : `${parts.join(' ')} ago`;
}

/** When the state a channel is in ends by the clock alone, if it does. */
export function stateEndsAt(s: ChannelStatus['status']): Date | null {
  if (s.state === 'human_agent') return s.windowClosesAt;
  return s.changesAt;
}

/** `whatsapp open (closes in 3 h 20 min)`, `viber chatbot_initiated (9998 free left)`. */
export function channelSummary(cs: ChannelStatus, now: Date): string {
  const s = cs.status;
  const notes: string[] = [];
  const ends = stateEndsAt(s);
  if (ends) notes.push(`${s.state === 'closed' ? 'changes' : 'closes'} ${relativeTime(ends, now)}`);
  if (s.messagesLeft !== null) notes.push(`${s.messagesLeft} ${cs.channel.type === 'viber' ? 'free ' : ''}left`);
  return `${cs.key} ${s.state}${notes.length ? ` (${notes.join(', ')})` : ''}`;
}

function width(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

function clip(text: string, max: number): string {
  if (width(text) <= max) return text;
  return `${[...text].slice(0, max - 1).join('')}…`;
}

/** Left-aligned columns; cells longer than `maxWidth` are clipped with an ellipsis, except the last column. */
export function table(header: string[], rows: string[][], maxWidth = 40): string {
  const all = [header, ...rows].map((r) => r.map((c, i) => (i === r.length - 1 ? c : clip(c, maxWidth))));
  const widths = header.map((_, i) => Math.max(...all.map((r) => width(r[i] ?? ''))));
  return all
    .map((r) => r.map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat(widths[i]! - width(c)))).join('  ').trimEnd())
    .join('\n');
}
