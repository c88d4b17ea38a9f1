/**
 * WeChat Official Account server callbacks (plaintext mode), mounted at `/webhooks/wechat/<appId>`.
 *
 * - Verification (接入指南, developers.weixin.qq.com/doc/offiaccount/Basic_Information/Access_Overview.html):
 *   `GET ?signature&timestamp&nonce&echostr`; signature = sha1 of [token, timestamp, nonce] sorted and
 *   concatenated; reply `echostr` unchanged when it matches.
 * - Every POST carries the same three query parameters, signed the same way, and an XML body
 *   (接收普通消息 / 接收事件推送, …/Message_Management/Receiving_standard_messages.html and
 *   …/Receiving_event_pushes.html). Plaintext-mode signatures do not cover the body.
 * - Answer `success` (or an empty body) within 5 s or WeChat retries 3 times and shows the user "该公众号暂时
 *   无法提供服务"; anything else (JSON…) also shows that notice (被动回复用户消息). Redeliveries are
 *   deduplicated by MsgId for messages and FromUserName + CreateTime for events, which is how ids are made here.
 *
 * Window rules (POLICY.md; developers.weixin.qq.com/doc/subscription/guide/product/kf/intro.md): a user
 * message gives the 48 h customer-service window; follow, menu click and QR scan give only 3 messages in
 * 1 minute and do not move the anchor, so they are not `message.received`.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { type ProviderIngestEvent, addressedContact, inboundFromAddress } from '../../contract/ingest-events.js';
import type { InboundWebhook, WebhookRequest, WebhookResponse } from '../provider.js';
import { acknowledged, refused } from '../webhook-response.js';

/** MsgTypes a user sends (text, image, voice, video, shortvideo, location, link): each is a window anchor. */
const USER_MESSAGE_TYPES = new Set(['text', 'image', 'voice', 'video', 'shortvideo', 'location', 'link']);

const parser = new XMLParser({
  // Keep every value a string: MsgId is a 64-bit integer, and OpenIDs must never become numbers.
  parseTagValue: false,
  ignoreAttributes: true,
  ignoreDeclaration: true,
});

export class WechatWebhook implements InboundWebhook {
  constructor(
    readonly path: string,
    private readonly token: string,
    /** Channel account id the events carry (absent for the default WeChat account). */
    private readonly channelId: string | undefined,
  ) {}

  async handle(request: WebhookRequest): Promise<WebhookResponse> {
    if (request.method !== 'GET' && request.method !== 'POST') {
      return refused(405, `method ${request.method} not allowed`);
    }

    const query = request.url.searchParams;
    const signature = query.get('signature');
    const timestamp = query.get('timestamp');
    const nonce = query.get('nonce');
    if (!signature || !timestamp || !nonce) return refused(403, 'missing signature, timestamp or nonce');
    if (!this.signatureMatches(signature, timestamp, nonce)) return refused(403, 'bad signature');

    if (request.method === 'GET') {
      const echostr = query.get('echostr');
      if (echostr === null) return refused(400, 'verification request without echostr');
      return { status: 200, body: echostr, contentType: 'text/plain', events: [] };
    }

    const message = parseMessage(request.rawBody);
    if (typeof message === 'string') return refused(400, `malformed WeChat message: ${message}`);

    const from = message.FromUserName;
    const createTime = Number(message.CreateTime);
    const at = new Date(createTime * 1000).toISOString();

    if (message.MsgType === 'event') {
      const event = message.Event ?? '';
      if (event.toLowerCase() === 'subscribe') {
        // Following gives 3 messages within 1 minute, not the 48 h window: the contact is recorded, the
        // anchor is not moved. WeChat no longer sends profile names: only the address is known.
        const id = `wechat:event:${from}:${message.CreateTime}:subscribe:contact`;
        return accepted([addressedContact({ id, at, ...this.sender(from) })]);
      }
      // unsubscribe: the event schema's contact.unsubscribed is Viber-only, so nothing is emitted (and a
      // send would fail with 45015/43004, which the outbox records). CLICK, SCAN, VIEW, LOCATION, …:
      // no 48 h window, nothing to ingest.
      return accepted([]);
    }

    if (!USER_MESSAGE_TYPES.has(message.MsgType)) return accepted([]);

    // MsgId identifies a message across WeChat's retries; without one, WeChat's event rule applies.
    const id = message.MsgId ? `wechat:${message.MsgId}` : `wechat:${from}:${message.CreateTime}:${message.MsgType}`;
    const text = message.MsgType === 'text' ? message.Content : undefined;
    return accepted(inboundFromAddress({ id, at, ...this.sender(from), kind: 'message', text }));
  }

  private signatureMatches(signature: string, timestamp: string, nonce: string): boolean {
    if (!/^[0-9a-f]{40}$/i.test(signature)) return false;
    const expected = createHash('sha1').update([this.token, timestamp, nonce].sort().join(''), 'utf8').digest();
    return timingSafeEqual(expected, Buffer.from(signature, 'hex'));
  }

  private sender(openId: string) {
    return { channel: 'wechat' as const, channelId: this.channelId, address: openId };
  }
}

interface WechatMessage {
  FromUserName: string;
  CreateTime: string;
  MsgType: string;
  Content?: string;
  MsgId?: string;
  Event?: string;
}

/** The `<xml>` message as strings, or why it cannot be read. */
function parseMessage(rawBody: string): WechatMessage | string {
  // No DTDs: WeChat never sends one, and refusing them rules out entity tricks.
  if (/<!DOCTYPE|<!ENTITY/i.test(rawBody)) return 'DTDs are not accepted';
  if (XMLValidator.validate(rawBody) !== true) return 'not well-formed XML';
  const root = (parser.parse(rawBody) as { xml?: unknown }).xml;
  if (typeof root !== 'object' || root === null) return 'no <xml> root';
  const fields = root as Record<string, unknown>;
  const text = (name: string): string | undefined => {
    const value = fields[name];
    return typeof value === 'string' ? value : undefined;
  };
  const msgType = text('MsgType');
  if (!msgType) {
    // Safe (encrypted) mode sends only <Encrypt>: not supported, see README.
    return text('Encrypt')
      ? 'encrypted (safe-mode) messages are not supported; use plaintext or compatible mode'
      : 'no MsgType';
  }
  const from = text('FromUserName');
  if (!from || from.length > 180) return 'no FromUserName';
  const createTime = text('CreateTime');
  if (!createTime || !/^\d{1,12}$/.test(createTime)) return 'no CreateTime';
  const msgId = text('MsgId');
  if (msgId !== undefined && !/^\d{1,30}$/.test(msgId)) return 'MsgId is not a number';
  return {
    FromUserName: from,
    CreateTime: createTime,
    MsgType: msgType,
    ...(text('Content') !== undefined ? { Content: text('Content') } : {}),
    ...(msgId ? { MsgId: msgId } : {}),
    ...(text('Event') !== undefined ? { Event: text('Event') } : {}),
  };
}

/** WeChat's expected answer to a message or event it pushed: the plain string `success`. */
function accepted(events: ProviderIngestEvent[]): WebhookResponse {
  return acknowledged(events, [], { body: 'success', contentType: 'text/plain' });
}
