/**
 * The signature both directions use (our own contract, README.md; modelled on Slack's request signing
 * and Stripe's `t=…` scheme): HMAC-SHA256 with the shared secret over `${timestamp}.${rawBody}`, where
 * timestamp is the X-Followup-Timestamp header (Unix seconds). Signing the timestamp lets the receiver
 * refuse replays older than five minutes.
 *
 *   X-Followup-Timestamp: 1763629200
 *   X-Followup-Signature: sha256=<64 lower-case hex digits>
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const TIMESTAMP_HEADER = 'x-followup-timestamp';
export const SIGNATURE_HEADER = 'x-followup-signature';
/** Requests signed more than this long ago (or this far in the future) are refused as replays. */
export const MAX_SKEW_SECONDS = 5 * 60;

export function signatureFor(secret: string, timestamp: number | string, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`, 'utf8').digest('hex')}`;
}

export type SignatureCheck = { ok: true } | { ok: false; why: string };

/** Checks both headers against the raw body and the clock; constant-time on the signature. */
export function verifySignature(
  secret: string,
  headers: Record<string, string | undefined>,
  rawBody: string,
  now: Date,
): SignatureCheck {
  const timestamp = headers[TIMESTAMP_HEADER]?.trim();
  const signature = headers[SIGNATURE_HEADER]?.trim();
  if (!timestamp || !signature) return { ok: false, why: 'missing X-Followup-Timestamp or X-Followup-Signature' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, why: 'X-Followup-Timestamp is not Unix seconds' };
  const m = /^sha256=([0-9a-fA-F]{64})$/.exec(signature);
  if (!m) return { ok: false, why: 'X-Followup-Signature is not sha256=<hex>' };
  const expected = createHmac('sha256', secret).update(`${timestamp}.${rawBody}`, 'utf8').digest();
  const given = Buffer.from(m[1]!, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, why: 'signature mismatch' };
  const skew = Math.floor(now.getTime() / 1000) - Number(timestamp);
  if (skew > MAX_SKEW_SECONDS) return { ok: false, why: `timestamp is ${skew} s old (replay?)` };
  if (skew < -MAX_SKEW_SECONDS) return { ok: false, why: `timestamp is ${-skew} s in the future` };
  return { ok: true };
}
