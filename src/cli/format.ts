/** Plain-text rendering for the CLI: tables, relative times, one-line channel summaries, terminal-safe text. */
import type { ChannelStatus } from '../followup/index.js';
import { type Quota, channelQuota } from '../policy/index.js';

/**
 * Characters a terminal acts on instead of showing: C0 controls (NUL, BEL, ESC starting an ANSI sequence,
 * even tab and newline: a field is one line), DEL, C1 controls (U+009B is a one-byte CSI on some terminals)
 * and the bidi embeddings, overrides and isolates, which reorder the rest of the line. The bidi marks
 * U+200E/U+200F stay: they only steer neutral characters, and right-to-left names (Arabic) need no help.
 */
const TERMINAL_CONTROLS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
/** The same minus C0, which JSON.stringify escapes itself (and whose newlines lay out the JSON). */
const CONTROLS_JSON_LEAVES_RAW = /[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** `^G` for BEL, `^[` for ESC, `^?` for DEL (caret notation, as `cat -v`); `<U+202E>` for the rest. */
function visibleControl(char: string): string {
  const code = char.codePointAt(0)!;
  if (code < 0x20) return `^${String.fromCharCode(code + 0x40)}`;
  if (code === 0x7f) return '^?';
  return `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
}

/**
 * Customer or store text made safe to print: every control character becomes a visible marker, so a name
 * cannot ring the bell, colour or clear the screen, or flip the line around it. Apply to each field.
 */
export function terminalSafe(text: string): string {
  return text.replace(TERMINAL_CONTROLS, visibleControl);
}

/**
 * JSON.stringify escapes C0 controls but leaves DEL, C1 and the bidi controls raw; escaping them as `\uXXXX`
 * keeps the JSON identical to a parser and harmless on a terminal (they only occur inside strings).
 */
export function terminalSafeJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    CONTROLS_JSON_LEAVES_RAW,
    (char) => `\\u${char.codePointAt(0)!.toString(16).padStart(4, '0')}`,
  );
}

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

/** What is left, in a summary, by what the channel counts down: `9998 free left`, `17 left`. */
const LEFT_WORDS: Readonly<Record<Quota, string>> = { monthly_free: 'free left', session_cap: 'left' };

/** `whatsapp open (closes in 3 h 20 min)`, `viber chatbot_initiated (9998 free left)`. */
export function channelSummary(cs: ChannelStatus, now: Date): string {
  const s = cs.status;
  const notes: string[] = [];
  const ends = stateEndsAt(s);
  if (ends) notes.push(`${s.state === 'closed' ? 'changes' : 'closes'} ${relativeTime(ends, now)}`);
  const quota = channelQuota(cs.channel.type);
  if (s.messagesLeft !== null) notes.push(`${s.messagesLeft} ${quota ? LEFT_WORDS[quota] : 'left'}`);
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

/**
 * Left-aligned columns; cells longer than `maxWidth` are clipped with an ellipsis, except the last column.
 * Every cell goes through `terminalSafe`: tables show customer text.
 */
export function table(header: string[], rows: string[][], maxWidth = 40): string {
  const safe = [header, ...rows].map((r) => r.map(terminalSafe));
  const all = safe.map((r) => r.map((c, i) => (i === r.length - 1 ? c : clip(c, maxWidth))));
  const widths = header.map((_, i) => Math.max(...all.map((r) => width(r[i] ?? ''))));
  return all
    .map((r) =>
      r
        .map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat(widths[i]! - width(c))))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
