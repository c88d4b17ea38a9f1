/**
 * Inbound: Twilio POSTs form-encoded parameters to the number's / Messaging Service's incoming-message
 * URL (https://www.twilio.com/docs/messaging/guides/webhook-request: `MessageSid, AccountSid, From, To,
 * Body, NumMedia, …`) and to each message's `StatusCallback` (`MessageSid, MessageStatus, ErrorCode, …`,
 * https://www.twilio.com/docs/messaging/guides/track-outbound-message-status).
 *
 * Every request carries `X-Twilio-Signature` (https://www.twilio.com/docs/usage/webhooks/webhooks-security):
 * Base64 HMAC-SHA1, keyed with the Auth Token, of the full URL Twilio called followed by each POST
 * parameter, sorted by name, as name+value with no separators. The URL is the configured `webhookUrl`
 * (proxies change the host we see) with the query string of the request when `webhookUrl` has none.
 * Like Twilio's own helper library we accept the URL with and without an explicit default port (:443/:80),
 * because Twilio's signing is inconsistent about it, and sign repeated parameters value by value, sorted.
 *
 * Twilio gives no timestamp for an inbound message or a status change: `at` is our receive time
 * (`deps.now()`), the only time available.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { DeliveryStatus } from '../../contract/delivery-reports.js';
import { inboundFromAddress } from '../../contract/ingest-events.js';
import type { InboundWebhook, ProviderDeps, WebhookRequest, WebhookResponse } from '../provider.js';
import { refused } from '../webhook-response.js';
import { twilioErrorRule } from './errors.js';

export const SIGNATURE_HEADER = 'x-twilio-signature';
/** Empty TwiML: nothing to reply (https://www.twilio.com/docs/messaging/twiml). */
export const EMPTY_TWIML = '<Response/>';

/** The form parameters by name, every value kept (a name may repeat). */
export function formParams(rawBody: string): Map<string, string[]> {
  const params = new Map<string, string[]>();
  for (const [name, value] of new URLSearchParams(rawBody)) {
    const list = params.get(name);
    if (list) list.push(value);
    else params.set(name, [value]);
  }
  return params;
}

/** Twilio's signature of `url` + sorted params (see the module comment). */
export function twilioSignature(authToken: string, url: string, params: Map<string, string[]>): string {
  let data = url;
  for (const name of [...params.keys()].sort()) {
    for (const value of [...new Set(params.get(name))].sort()) data += name + value;
  }
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

/** `url` as written by URL (normalised), without and with the scheme's default port. */
export function urlVariants(url: string): string[] {
  const without = new URL(url);
  without.port = '';
  const variants = [without.toString()];
  const given = new URL(url);
  if (given.port) variants.push(given.toString());
  else {
    const port = given.protocol === 'https:' ? '443' : given.protocol === 'http:' ? '80' : '';
    if (port) {
      const auth =
        given.username || given.password ? `${given.username}${given.password ? `:${given.password}` : ''}@` : '';
      variants.push(`${given.protocol}//${auth}${given.host}:${port}${given.pathname}${given.search}${given.hash}`);
    }
  }
  return variants;
}

function sameSignature(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

const DELIVERY: Readonly<Record<string, DeliveryStatus['status']>> = {
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  undelivered: 'failed',
  failed: 'failed',
};

export class TwilioSmsWebhook implements InboundWebhook {
  readonly path: string;

  constructor(
    private readonly authToken: string,
    private readonly webhookUrl: string,
    private readonly deps: ProviderDeps,
    accountKey: string,
    /** Channel account id for events (absent = the default SMS account). */
    private readonly channelId: string | undefined,
  ) {
    this.path = `twilio-sms/${accountKey}`;
  }

  /** The URL Twilio signed: webhookUrl, plus the request's query when webhookUrl has none of its own. */
  signedUrl(req: WebhookRequest): string {
    const configured = new URL(this.webhookUrl);
    return configured.search ? this.webhookUrl : `${this.webhookUrl}${req.url.search}`;
  }

  async handle(req: WebhookRequest): Promise<WebhookResponse> {
    if (req.method.toUpperCase() !== 'POST') return refused(405, `method ${req.method}`);
    const signature = req.headers[SIGNATURE_HEADER];
    if (!signature) return refused(403, 'missing X-Twilio-Signature header');
    const params = formParams(req.rawBody);
    const ok = urlVariants(this.signedUrl(req)).some((url) =>
      sameSignature(signature, twilioSignature(this.authToken, url, params)),
    );
    if (!ok) return refused(403, 'X-Twilio-Signature does not match (check authToken and webhookUrl)');

    const one = (name: string) => params.get(name)?.[0];
    const messageSid = one('MessageSid') ?? one('SmsSid');
    if (!messageSid) return { status: 400, events: [] };
    const at = this.deps.now().toISOString();
    const twiml = { status: 200, body: EMPTY_TWIML, contentType: 'text/xml' };

    const messageStatus = one('MessageStatus');
    if (messageStatus !== undefined && messageStatus !== 'received') {
      // A status callback for a message we sent.
      const status = DELIVERY[messageStatus.toLowerCase()];
      if (!status) return { ...twiml, events: [] }; // queued, sending, accepted, scheduled…: nothing to report yet
      const delivery: DeliveryStatus = { providerMessageId: messageSid, status, at };
      if (status === 'failed') {
        const raw = one('ErrorCode');
        const code = raw && /^\d+$/.test(raw) ? Number(raw) : undefined;
        const rule = twilioErrorRule(code);
        if (rule && rule.reason !== 'provider_error') delivery.reason = rule.reason;
        const codeText = code !== undefined ? ` error ${code}` : '';
        delivery.detail = `Twilio ${messageStatus}${codeText}${rule ? `: ${rule.meaning}` : ''}`;
      }
      return { ...twiml, events: [], statuses: [delivery] };
    }

    // An incoming SMS.
    const from = one('From');
    if (!from) return { status: 400, events: [] };
    // Another Twilio channel on the same URL (e.g. `whatsapp:+1…`) is not an SMS contact: acknowledged, ignored.
    if (from.includes(':')) return { ...twiml, events: [] };
    const events = inboundFromAddress({
      id: `sms:${messageSid}`,
      at,
      channel: 'sms',
      channelId: this.channelId,
      address: from,
      profile: { phone: from },
      kind: 'message',
      text: one('Body') || undefined,
    });
    return { ...twiml, events };
  }
}
