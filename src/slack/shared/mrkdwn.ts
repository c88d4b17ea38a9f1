/**
 * mrkdwn helpers. Customer-supplied text (names, emails, message bodies) reaches Slack from WhatsApp,
 * Messenger, web forms…; unescaped, a contact named `<!channel>` would ping a whole channel and
 * `<https://evil|bank>` would render as a disguised link. Slack's rule: escape `&`, `<`, `>` and nothing
 * else (https://api.slack.com/reference/surfaces/formatting#escaping).
 */

export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const ELLIPSIS = '…';

/**
 * Shorten text for DISPLAY (never for outbound message text: POLICY.md trap 8 says reject, never cut).
 * `max` is in UTF-16 code units, the stricter reading of Slack's limits, and the cut never splits a
 * grapheme (Vietnamese combining marks, emoji), so what is left still reads correctly.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  if (max <= ELLIPSIS.length) return ELLIPSIS.slice(0, max);
  const budget = max - ELLIPSIS.length;
  let out = '';
  for (const { segment } of graphemes.segment(text)) {
    if (out.length + segment.length > budget) break;
    out += segment;
  }
  return out.trimEnd() + ELLIPSIS;
}

/**
 * Customer text in a plain-text-only field (accessibility labels): entities would show literally there, so
 * angle brackets become look-alikes instead; nothing downstream can mistake them for `<!channel>`.
 */
export function plainSafe(text: string): string {
  return text.replace(/</g, '‹').replace(/>/g, '›');
}

/** Truncate raw text, then escape it: escaping first could cut an `&amp;` in half. */
export function escapeTruncated(text: string, max: number): string {
  return escapeMrkdwn(truncate(text, max));
}

/** One line of display text: newlines and runs of blanks collapsed (option descriptions, previews). */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Look-alikes for the characters that open and close mrkdwn formatting. mrkdwn has no escape for them, so
 * inside `*…*` a name like `Ann*Marie` ends the bold early and `_VIP_` turns italic; the look-alikes read
 * the same and format nothing.
 */
const FORMATTING_LOOKALIKES: Readonly<Record<string, string>> = {
  '*': '\u2217', // ∗ ASTERISK OPERATOR
  _: '\u02CD', // ˍ MODIFIER LETTER LOW MACRON
  '~': '\u223C', // ∼ TILDE OPERATOR
  '`': '\u02CB', // ˋ MODIFIER LETTER GRAVE ACCENT
};

/** How much of a name bold text shows unless told otherwise: a header block's 150, what the modals show. */
export const BOLD_NAME_MAX = 150;

/**
 * Customer text (a contact's name) in bold: one line, cut to `max`, escaped, formatting characters neutralised,
 * and trimmed, because `* Ann*` (a blank inside the asterisks) is not bold either.
 */
export function boldName(text: string, max: number = BOLD_NAME_MAX): string {
  const shown = escapeTruncated(oneLine(text), max).replace(/[*_~`]/g, (c) => FORMATTING_LOOKALIKES[c]!);
  return shown ? `*${shown}*` : '';
}

export const DEFAULT_DATE_FORMAT = '{date_short_pretty} {time}';

/** `2026-03-10 12:00 UTC`: what clients that cannot render date tokens show. */
export function utcFallback(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * A Slack date token: rendered in each viewer's own time zone and locale, so one message reads right for
 * every agent (research §1.7). `format` uses Slack's tokens (`{date_short_pretty}`, `{time}`, `{ago}`…).
 */
export function dateToken(
  date: Date,
  format: string = DEFAULT_DATE_FORMAT,
  fallback: string = utcFallback(date),
): string {
  const unix = Math.floor(date.getTime() / 1000);
  const safeFallback = fallback.replace(/[|<>]/g, ' ').replace(/&/g, 'and').replace(/\s+/g, ' ').trim();
  return `<!date^${unix}^${format}|${safeFallback}>`;
}

/** `<@U123>` for a real Slack user id; anything else is shown as escaped text so it cannot inject markup. */
export function userMention(userId: string): string {
  return /^[UW][A-Z0-9]{2,}$/.test(userId) ? `<@${userId}>` : escapeMrkdwn(userId);
}

const WARNING = ':warning:';

/** A warning line with its icon once: callers may pass a notice that already starts with it. */
export function warningText(mrkdwn: string): string {
  const words = mrkdwn.startsWith(WARNING) ? mrkdwn.slice(WARNING.length).trimStart() : mrkdwn;
  return `${WARNING} ${words}`;
}

/** Quote already-escaped mrkdwn line by line. */
export function blockquote(escaped: string): string {
  return escaped
    .split('\n')
    .map((line) => `>${line}`)
    .join('\n');
}
