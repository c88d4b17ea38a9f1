/**
 * A stored contact record checked without zod: the same rules as `contactSchema` (model.ts) written out for
 * the records the store itself writes — every key known, instants in `toISOString()` form. It answers only
 * when it is sure, with exactly what `contactSchema.parse` returns (defaults filled in, unknown keys
 * dropped, keys in schema order); anything else (an offset instant, a failure) is left to zod, which then
 * accepts or names the problem. Loading a million contacts validates each one: zod's regular expressions cost
 * more than reading the JSON.
 * A property test holds the two together (test/contacts/contact-record.test.ts).
 */
import { CHANNEL_TYPES } from '../policy/index.js';
import { type Contact, type ContactChannel, contactSchema } from './model.js';

const CHANNEL_TYPE_SET: ReadonlySet<unknown> = new Set(CHANNEL_TYPES);

/** Marks "not sure": the caller asks zod. */
const UNSURE = Symbol('unsure');

/**
 * The schema's output for a record this check is sure about; undefined when zod must decide. `raw` is what
 * JSON.parse returned: it holds no `undefined` (which zod would keep on an optional key).
 */
export function readContactRecord(raw: unknown): Contact | undefined {
  try {
    return readContact(raw);
  } catch (unsure) {
    if (unsure === UNSURE) return undefined;
    throw unsure;
  }
}

/** `contactSchema.parse` of a parsed JSON value: by this check when it is sure, else by zod (which throws). */
export function parseContactRecord(raw: unknown): Contact {
  return readContactRecord(raw) ?? contactSchema.parse(raw);
}

function readContact(raw: unknown): Contact {
  const r = plainObject(raw);
  return {
    id: text(r.id, 1, 200, undefined),
    firstName: text(r.firstName, 0, 200, ''),
    lastName: text(r.lastName, 0, 200, ''),
    email: text(r.email, 0, 320, ''),
    phone: text(r.phone, 0, 64, ''),
    language: text(r.language, 0, 15, ''),
    assignee: r.assignee === undefined || r.assignee === null ? null : text(r.assignee, 0, Infinity, undefined),
    status: r.status === undefined ? 'open' : r.status === 'open' || r.status === 'closed' ? r.status : unsure(),
    statusChangedAt: instant(r.statusChangedAt),
    lastActivityAt: instant(r.lastActivityAt),
    createdAt: instant(r.createdAt),
    updatedAt: instant(r.updatedAt),
    channels: r.channels === undefined ? [] : Array.isArray(r.channels) ? r.channels.map(readChannel) : unsure(),
  };
}

function readChannel(raw: unknown): ContactChannel {
  const c = plainObject(raw);
  if (!CHANNEL_TYPE_SET.has(c.type)) unsure();
  const sent = c.outboundSinceInbound;
  const { channelId, address, lastInboundWindowHours: hours, subscribed, closedByProviderAt: closedByProvider } = c;
  // Optional keys appear in zod's output only when present; every key in schema order.
  const out: Record<string, unknown> = { type: c.type };
  if (channelId !== undefined) out.channelId = text(channelId, 1, Infinity, undefined);
  if (address !== undefined) out.address = text(address, 1, Infinity, undefined);
  out.lastInboundAt = nullableInstant(c.lastInboundAt);
  if (hours !== undefined) {
    out.lastInboundWindowHours = typeof hours === 'number' && Number.isFinite(hours) && hours > 0 ? hours : unsure();
  }
  out.lastOutboundAt = nullableInstant(c.lastOutboundAt);
  const count = sent === undefined ? 0 : sent;
  out.outboundSinceInbound = Number.isSafeInteger(count) && (count as number) >= 0 ? count : unsure();
  if (subscribed !== undefined) out.subscribed = typeof subscribed === 'boolean' ? subscribed : unsure();
  if (closedByProvider !== undefined) out.closedByProviderAt = nullableInstant(closedByProvider);
  return out as ContactChannel;
}

function unsure(): never {
  throw UNSURE;
}

/**
 * A plain object, as JSON.parse makes. Unknown keys need no check: the result is built from the schema's
 * keys only, which is what zod's default (strip) returns too.
 */
function plainObject(raw: unknown): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Object.getPrototypeOf(raw) !== Object.prototype) unsure();
  return raw as Record<string, unknown>;
}

function text(value: unknown, min: number, max: number, fallback: string | undefined): string {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'string' || value.length < min || value.length > max) unsure();
  return value;
}

/** An instant in toISOString() form (what the store writes) that exists; any other form is left to zod. */
function instant(value: unknown): string {
  if (typeof value !== 'string' || !isCanonicalInstant(value)) unsure();
  return value;
}

function nullableInstant(value: unknown): string | null {
  return value === undefined || value === null ? null : instant(value);
}

/** The two digits at v[i], v[i + 1] as a number, or -1. */
function twoDigits(v: string, i: number): number {
  const a = v.charCodeAt(i) - 48;
  const b = v.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** `YYYY-MM-DDTHH:MM:SS.mmmZ` naming a real date and time (zod's datetime pattern, for this one form). */
export function isCanonicalInstant(v: string): boolean {
  if (
    v.length !== 24 ||
    v.charCodeAt(4) !== 45 ||
    v.charCodeAt(7) !== 45 ||
    v.charCodeAt(10) !== 84 ||
    v.charCodeAt(13) !== 58 ||
    v.charCodeAt(16) !== 58 ||
    v.charCodeAt(19) !== 46 ||
    v.charCodeAt(23) !== 90
  ) {
    return false;
  }
  const century = twoDigits(v, 0);
  const yy = twoDigits(v, 2);
  const month = twoDigits(v, 5);
  const day = twoDigits(v, 8);
  const ms = twoDigits(v, 20);
  const msLast = v.charCodeAt(22) - 48;
  if (century < 0 || yy < 0 || ms < 0 || msLast < 0 || msLast > 9 || month < 1 || month > 12 || day < 1) return false;
  const hour = twoDigits(v, 11);
  const minute = twoDigits(v, 14);
  const second = twoDigits(v, 17);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return false;
  if (day <= 28) return true;
  if (month !== 2) return day <= (month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31);
  const leap = yy === 0 ? century % 4 === 0 : yy % 4 === 0;
  return day === 29 && leap;
}
