/**
 * Request bodies and files of events: one JSON object, a JSON array, or NDJSON (one event per line, blank
 * lines ignored). A line that is not JSON becomes a rejected entry with its line number; the other lines
 * still apply. A leading byte-order mark is not part of the first event.
 */
import type { Store } from '../store/index.js';
import { type ApplyOptions, type EventSource, type IngestResult, applyEvents } from './apply.js';
import { stripByteOrderMark } from './byte-order-mark.js';

export type PayloadEntry =
  | { ok: true; index: number; line: number | null; value: unknown }
  | { ok: false; index: number; line: number | null; error: string };

const NDJSON_TYPES = /ndjson|jsonl|json-seq|jsonlines/i;

/** One NDJSON line; null for a blank line. Line 1 may start with the file's byte-order mark. */
export function parseNdjsonLine(text: string, line: number, index: number): PayloadEntry | null {
  if (!text.trim()) return null;
  try {
    return { ok: true, index, line, value: JSON.parse(line === 1 ? stripByteOrderMark(text) : text) };
  } catch (error) {
    return { ok: false, index, line, error: `line ${line}: not valid JSON (${(error as Error).message})` };
  }
}

function parseNdjson(body: string): PayloadEntry[] {
  const out: PayloadEntry[] = [];
  const lines = body.split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    const entry = parseNdjsonLine(lines[n]!, n + 1, out.length);
    if (entry) out.push(entry);
  }
  return out;
}

export function parseEventPayload(raw: string, contentType?: string): PayloadEntry[] {
  const body = stripByteOrderMark(raw);
  if (contentType && NDJSON_TYPES.test(contentType)) return parseNdjson(body);
  const trimmed = body.trim();
  if (!trimmed) return [];
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch (error) {
    // Not one JSON document: NDJSON sent as application/json (or no type) is common enough to accept.
    if (trimmed.includes('\n')) return parseNdjson(body);
    return [{ ok: false, index: 0, line: 1, error: `not valid JSON (${(error as Error).message})` }];
  }
  const items = Array.isArray(value) ? value : [value];
  return items.map((item, index) => ({ ok: true, index, line: null, value: item }));
}

/** Results for entries that never reached `applyEvents` (unparseable lines). */
export function rejectedEntry(entry: Extract<PayloadEntry, { ok: false }>): IngestResult {
  return {
    index: entry.index,
    ...(entry.line !== null ? { line: entry.line } : {}),
    status: 'rejected',
    reason: entry.error,
  };
}

/** Applies parsed entries; results come back in entry order, parse failures included. */
export async function applyEntries(
  store: Store,
  entries: readonly PayloadEntry[],
  opts: ApplyOptions = {},
): Promise<IngestResult[]> {
  const values: unknown[] = [];
  const sources: EventSource[] = [];
  for (const e of entries) {
    if (e.ok) {
      values.push(e.value);
      sources.push({ index: e.index, line: e.line });
    }
  }
  const applied = await applyEvents(store, values, { ...opts, sources });
  let next = 0;
  return entries.map((e) => (e.ok ? applied[next++]! : rejectedEntry(e)));
}

/** What one request body came to: per-entry results, and how many entries were not JSON at all. */
export interface PayloadOutcome {
  results: IngestResult[];
  notJson: number;
}

/** Parse and apply one request body (the HTTP ingest endpoint). */
export async function ingestPayload(
  store: Store,
  body: string,
  contentType?: string,
  opts: ApplyOptions = {},
): Promise<PayloadOutcome> {
  const entries = parseEventPayload(body, contentType);
  const results = await applyEntries(store, entries, opts);
  return { results, notJson: entries.filter((e) => !e.ok).length };
}
