/**
 * Meta webhook authentication.
 *
 * - Verification request: `GET ?hub.mode=subscribe&hub.challenge=…&hub.verify_token=…`; answer 200 with the
 *   challenge when the token matches, else 403 (Graph API "Webhooks: Getting Started",
 *   https://developers.facebook.com/docs/graph-api/webhooks/getting-started#verification-requests).
 * - Event notifications carry `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the payload, keyed with the
 *   App Secret>` (same page, "Validating Payloads"; Messenger Platform webhooks,
 *   https://developers.facebook.com/documentation/business-messaging/messenger-platform/webhooks).
 *   The HMAC is over the raw body exactly as received (Meta escapes non-ASCII as \uXXXX in what it sends).
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Constant-time comparison of two strings of any length (hashed first, so lengths do not leak). */
export function sameSecret(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a, 'utf8').digest();
  const hb = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(ha, hb);
}

export function signBody(rawBody: string, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody, 'utf8').digest('hex')}`;
}

export type SignatureCheck = { ok: true } | { ok: false; refused: string };

export function checkSignature(header: string | undefined, rawBody: string, appSecret: string): SignatureCheck {
  if (!header) return { ok: false, refused: 'missing X-Hub-Signature-256 header' };
  const match = /^sha256=([0-9a-fA-F]{64})$/.exec(header.trim());
  if (!match) return { ok: false, refused: 'malformed X-Hub-Signature-256 header (expected sha256=<64 hex>)' };
  const given = Buffer.from(match[1]!.toLowerCase(), 'hex');
  const expected = createHmac('sha256', appSecret).update(rawBody, 'utf8').digest();
  return timingSafeEqual(given, expected)
    ? { ok: true }
    : { ok: false, refused: 'X-Hub-Signature-256 does not match the body (wrong appSecret?)' };
}

export type HandshakeResult = { ok: true; challenge: string } | { ok: false; status: number; refused: string };

export function checkHandshake(url: URL, verifyToken: string): HandshakeResult {
  const mode = url.searchParams.get('hub.mode');
  const token = url.searchParams.get('hub.verify_token');
  const challenge = url.searchParams.get('hub.challenge');
  if (mode === null || token === null || challenge === null) {
    return {
      ok: false,
      status: 400,
      refused: 'verification request without hub.mode, hub.verify_token and hub.challenge',
    };
  }
  if (mode !== 'subscribe') return { ok: false, status: 403, refused: `verification request with hub.mode "${mode}"` };
  if (!sameSecret(token, verifyToken))
    return { ok: false, status: 403, refused: 'hub.verify_token does not match verifyToken' };
  return { ok: true, challenge };
}
