/**
 * The provider table: every provider the config file's `channels[].transport` may name, one line each. The
 * config's transport list, the server's factories and the contract test suite
 * (test/transports/contract.test.ts) are all derived from it. How to add one: README.md in this folder.
 */
import { smtpProvider } from './email/index.js';
import { instagramProvider } from './instagram/index.js';
import { lineProvider } from './line/index.js';
import { messengerProvider } from './messenger/index.js';
import type { Provider } from './provider.js';
import { telegramProvider } from './telegram/index.js';
import { twilioSmsProvider } from './twilio-sms/index.js';
import { viberProvider } from './viber/index.js';
import { webchatProvider } from './webchat/index.js';
import { wechatProvider } from './wechat/index.js';
import { whatsappProvider } from './whatsapp/index.js';

export const PROVIDER_LIST = [
  whatsappProvider,
  messengerProvider,
  instagramProvider,
  viberProvider,
  wechatProvider,
  telegramProvider,
  lineProvider,
  twilioSmsProvider,
  smtpProvider,
  webchatProvider,
] as const;

export type ProviderName = (typeof PROVIDER_LIST)[number]['name'];

export const PROVIDERS = Object.fromEntries(PROVIDER_LIST.map((p) => [p.name, p])) as Record<ProviderName, Provider>;

/** The config's `transport` values: `sandbox` (records, delivers nowhere) and every provider. */
export const TRANSPORT_NAMES = ['sandbox', ...PROVIDER_LIST.map((p) => p.name)] as const satisfies readonly string[];
