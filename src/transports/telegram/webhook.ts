/**
 * Inbound: Telegram pushes each Update as a JSON POST to the URL given to setWebhook
 * (https://core.telegram.org/bots/api#setwebhook). With `secret_token` set, every request carries
 * `X-Telegram-Bot-Api-Secret-Token: <secret>`; we compare it in constant time and refuse anything else.
 * An Update (https://core.telegram.org/bots/api#update) has `update_id` and at most one of `message`,
 * `edited_message`, `callback_query`, …; a Message has `date` (Unix seconds), `chat`, `from` (a User).
 *
 * Telegram retries a delivery until it gets a 2xx, so updates we do not use are acknowledged (200), and
 * event ids are derived from `update_id` so a redelivered update is a duplicate.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { inboundFromAddress } from '../../contract/ingest-events.js';
import type { InboundWebhook, WebhookRequest, WebhookResponse } from '../provider.js';
import { jsonBody, refused } from '../webhook-response.js';
import type { TelegramOptions } from './options.js';

export const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

const userSchema = z.object({
  id: z.number().int(),
  is_bot: z.boolean().optional(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  username: z.string().optional(),
  language_code: z.string().optional(),
});

const messageSchema = z.object({
  message_id: z.number().int(),
  /** Unix time in seconds. */
  date: z.number().int().nonnegative(),
  /** Unix time of the last edit (edited_message). */
  edit_date: z.number().int().nonnegative().optional(),
  chat: z.object({ id: z.union([z.number().int(), z.string().min(1)]), type: z.string().optional() }),
  from: userSchema.optional(),
  text: z.string().optional(),
  caption: z.string().optional(),
});

const updateSchema = z.object({
  update_id: z.number().int().nonnegative(),
  message: z.unknown().optional(),
  edited_message: z.unknown().optional(),
});

/** Constant-time string equality (hashing first makes the lengths equal, so length leaks nothing either). */
export function safeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a, 'utf8').digest();
  const hb = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(ha, hb);
}

const clip = (s: string | undefined, max: number) => (s === undefined ? undefined : s.slice(0, max));

export class TelegramWebhook implements InboundWebhook {
  readonly path: string;

  constructor(
    private readonly options: TelegramOptions,
    /** The bot's numeric id (the part of the token before the colon): update ids are per bot. */
    private readonly botId: string,
    /** Channel account id for events (absent = the default Telegram account). */
    private readonly channelId: string | undefined,
  ) {
    this.path = `telegram/${channelId ?? botId}`;
  }

  async handle(req: WebhookRequest): Promise<WebhookResponse> {
    if (req.method.toUpperCase() !== 'POST') return refused(405, `method ${req.method}`);

    const given = req.headers[SECRET_HEADER];
    if (given === undefined || given === '') {
      return refused(401, 'missing X-Telegram-Bot-Api-Secret-Token header');
    }
    if (!safeEqual(given, this.options.secretToken)) {
      return refused(401, 'X-Telegram-Bot-Api-Secret-Token does not match secretToken');
    }

    const update = jsonBody(req.rawBody, updateSchema);
    if (!update) return { status: 400, events: [] };

    const isEdit = update.message === undefined && update.edited_message !== undefined;
    const raw = update.message ?? update.edited_message;
    // callback_query, my_chat_member, channel_post…: acknowledged and ignored.
    if (raw === undefined) return { status: 200, events: [] };
    const parsed = messageSchema.safeParse(raw);
    if (!parsed.success) return { status: 400, events: [] };
    const message = parsed.data;

    // Only a person writing to the bot in a private chat is a contact (no from = channel post; bots are not contacts).
    if (!message.from || message.from.is_bot === true) return { status: 200, events: [] };
    if (message.chat.type !== undefined && message.chat.type !== 'private') return { status: 200, events: [] };

    const seconds = isEdit ? (message.edit_date ?? message.date) : message.date;
    const from = message.from;
    const events = inboundFromAddress({
      id: `telegram:${this.botId}:${update.update_id}`,
      at: new Date(seconds * 1000).toISOString(),
      channel: 'telegram',
      channelId: this.channelId,
      address: String(message.chat.id),
      profile: {
        firstName: from.first_name ? clip(from.first_name, 200) : undefined,
        lastName: from.last_name ? clip(from.last_name, 200) : undefined,
        language: from.language_code ? clip(from.language_code, 15) : undefined,
      },
      kind: 'message',
      text: message.text ?? message.caption,
    });
    return { status: 200, events };
  }
}
