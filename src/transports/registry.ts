/**
 * Transport names (config `channels[].transport`) → provider factories. One table: adding a provider is
 * one line here and a folder under src/transports/.
 */
import type { ChannelType } from '../policy/index.js';
import type { ProviderFactory } from './provider.js';
import { createSmtpChannel } from './email/index.js';
import { createInstagramChannel } from './instagram/index.js';
import { createLineChannel } from './line/index.js';
import { createMessengerChannel } from './messenger/index.js';
import { createTelegramChannel } from './telegram/index.js';
import { createTwilioSmsChannel } from './twilio-sms/index.js';
import { createViberChannel } from './viber/index.js';
import { createWebchatChannel } from './webchat/index.js';
import { createWechatChannel } from './wechat/index.js';
import { createWhatsappChannel } from './whatsapp/index.js';

export interface ProviderEntry {
  factory: ProviderFactory;
  /** The channel types this transport can serve. */
  serves: readonly ChannelType[];
}

export const PROVIDERS: Partial<Record<string, ProviderEntry>> = {
  'whatsapp-cloud': { factory: createWhatsappChannel, serves: ['whatsapp'] },
  messenger: { factory: createMessengerChannel, serves: ['messenger'] },
  instagram: { factory: createInstagramChannel, serves: ['instagram'] },
  telegram: { factory: createTelegramChannel, serves: ['telegram'] },
  line: { factory: createLineChannel, serves: ['line'] },
  'twilio-sms': { factory: createTwilioSmsChannel, serves: ['sms'] },
  viber: { factory: createViberChannel, serves: ['viber'] },
  wechat: { factory: createWechatChannel, serves: ['wechat'] },
  smtp: { factory: createSmtpChannel, serves: ['email'] },
  webchat: { factory: createWebchatChannel, serves: ['webchat'] },
};
