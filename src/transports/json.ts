/**
 * JSON.parse that keeps integers beyond 2^53 exact by turning them into strings.
 *
 * Viber's `message_token` and WeChat's `msgid` are 64-bit integers sent as bare JSON numbers (e.g.
 * 5595771666503728439); plain JSON.parse rounds them, so the id in a send response would not match the one
 * in a later delivery callback. Node 20 has no JSON.parse source access, hence this small scanner: it
 * quotes unsafe integer literals outside strings and leaves everything else to JSON.parse.
 */
export function parseJsonLossless(text: string): unknown {
  let out = '';
  let last = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c /* \ */) i++;
      else if (ch === 0x22 /* " */) inString = false;
      continue;
    }
    if (ch === 0x22) {
      inString = true;
      continue;
    }
    if (ch === 0x2d /* - */ || (ch >= 0x30 && ch <= 0x39)) {
      const match = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
      if (!match) continue;
      const literal = match[0];
      if (match[1] === undefined && match[2] === undefined && !Number.isSafeInteger(Number(literal))) {
        out += `${text.slice(last, i)}"${literal}"`;
        last = i + literal.length;
      }
      i += literal.length - 1;
    }
  }
  return JSON.parse(last === 0 ? text : out + text.slice(last));
}

/** A JSON id (number or lossless string) as a string, or null when absent or not an id. */
export function idString(value: unknown): string | null {
  if (typeof value === 'string' && value.length > 0) return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return null;
}
