/**
 * A UTF-8 byte-order mark (U+FEFF) starts files saved by some Windows editors and spreadsheet exports.
 * JSON.parse and XML parsers refuse it, so every text parsed as a document (request and webhook bodies,
 * NDJSON files and stdin, the config file) goes through this first. Signatures are still checked on the
 * raw text: the provider signed the bytes it sent, BOM included.
 */
export function stripByteOrderMark(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
