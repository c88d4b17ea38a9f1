/**
 * Inbound email. There is no provider webhook standard for mail, so there is no webhook here: the mail
 * system (a Sieve/procmail hook, an inbound-parse service such as SendGrid Inbound Parse or Mailgun
 * Routes, or the helpdesk) posts normalised events to `POST /api/events` (see README.md). This pure helper
 * is what such a bridge computes from the headers of one received message.
 */
import { createHash } from 'node:crypto';
import addressparser from 'nodemailer/lib/addressparser';
import { z } from 'zod';
import { normaliseEmail } from '../../contacts/normalize.js';
import { type ProviderIngestEvent, inboundFromAddress } from '../../contract/ingest-events.js';

export interface InboundEmail {
  /** The From header, decoded (`"Linh Nguyễn" <linh@example.vn>`), or `{ name?, address }`. */
  from: string | { name?: string | undefined; address: string };
  /** The Date header (RFC 5322 date-time, with its zone), or a Date. Anchors the contact's activity. */
  date: string | Date;
  /** The Message-ID header, with or without its angle brackets. */
  messageId: string;
  /** The Subject header, decoded; carried as the event's text (never stored). */
  subject?: string | undefined;
}

const emailAddress = z.email();
/** Event ids are at most 200 characters: `email:<id>:contact` must fit. */
const MAX_ID = 180;
/** `addr:email:<address>` is a contact id (at most 200 characters). */
const MAX_ADDRESS = 200 - 'addr:email:'.length;
/** RFC 5322 §3.3 zone (`+0700`, or an obsolete name such as GMT/EST), optionally followed by a comment. */
const HAS_ZONE = /(?:[+-]\d{2}:?\d{2}|Z|\b(?:UT|GMT|[ECMP][SD]T)\b)\s*(?:\([^()]*\))?\s*$/i;

function parseFrom(from: InboundEmail['from']): { address: string; name: string } {
  if (typeof from !== 'string') return { address: from.address, name: from.name ?? '' };
  const first = addressparser(from, { flatten: true })[0];
  return { address: first?.address ?? '', name: first?.name ?? '' };
}

function parseDate(date: InboundEmail['date']): string {
  if (typeof date === 'string' && !HAS_ZONE.test(date.trim())) {
    throw new TypeError(`Date "${date.slice(0, 60)}" has no time zone; pass the Date header as received.`);
  }
  const d = date instanceof Date ? date : new Date(date.trim());
  if (Number.isNaN(d.getTime())) throw new TypeError(`Date "${String(date).slice(0, 60)}" is not a date.`);
  return d.toISOString();
}

/** `abc@host` from `<abc@host>`; a very long id is replaced by its hash (still stable per message). */
function messageKey(messageId: string): string {
  const id = messageId
    .trim()
    .replace(/^<(.*)>$/s, '$1')
    .trim();
  if (!id) throw new TypeError('messageId is empty; without it a redelivered message would count twice.');
  return id.length <= MAX_ID - 'email:'.length - ':contact'.length
    ? id
    : `sha256:${createHash('sha256').update(id).digest('hex')}`;
}

/**
 * The events for one received email: `contact.upserted` (the sender's address as the contact's email
 * and email channel, the display name as first name) and `message.received` (id `email:<Message-ID>`,
 * at the Date header). Throws a TypeError when the headers cannot make valid events.
 */
export function emailToIngestEvents(mail: InboundEmail, options: { channelId?: string } = {}): ProviderIngestEvent[] {
  const sender = parseFrom(mail.from);
  const address = normaliseEmail(sender.address);
  if (!emailAddress.safeParse(address).success) {
    throw new TypeError(`From "${String(sender.address).slice(0, 100)}" is not an email address.`);
  }
  if (address.length > MAX_ADDRESS) throw new TypeError(`From address is longer than ${MAX_ADDRESS} characters.`);
  const at = parseDate(mail.date);
  const key = messageKey(mail.messageId);
  const name = sender.name.trim().slice(0, 200);
  const subject = mail.subject?.trim();
  return inboundFromAddress({
    id: `email:${key}`,
    at,
    channel: 'email',
    channelId: options.channelId || undefined,
    address,
    profile: { email: address, firstName: name && name.toLowerCase() !== address ? name : undefined },
    kind: 'message',
    text: subject ? subject.slice(0, 100_000) : undefined,
  });
}
