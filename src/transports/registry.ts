/**
 * The provider table: every provider the config file's `channels[].transport` may name, one line each: its
 * name, the channel types it serves, and its folder's parts (`provider.ts`). The config's transport list, the
 * server's factories and the contract test suite (test/transports/contract.test.ts) are all derived from it.
 * How to add one: README.md in this folder.
 */
import { defineProvider } from './define.js';
import * as smtp from './email/provider.js';
import * as instagram from './instagram/provider.js';
import * as line from './line/provider.js';
import * as messenger from './messenger/provider.js';
import type { Provider } from './provider.js';
import * as telegram from './telegram/provider.js';
import * as twilioSms from './twilio-sms/provider.js';
import * as viber from './viber/provider.js';
import * as webchat from './webchat/provider.js';
import * as wechat from './wechat/provider.js';
import * as whatsapp from './whatsapp/provider.js';

export const PROVIDER_LIST = [
  defineProvider('whatsapp-cloud', ['whatsapp'], whatsapp),
  defineProvider('messenger', ['messenger'], messenger),
  defineProvider('instagram', ['instagram'], instagram),
  defineProvider('viber', ['viber'], viber),
  defineProvider('wechat', ['wechat'], wechat),
  defineProvider('telegram', ['telegram'], telegram),
  defineProvider('line', ['line'], line),
  defineProvider('twilio-sms', ['sms'], twilioSms),
  defineProvider('smtp', ['email'], smtp),
  defineProvider('webchat', ['webchat'], webchat),
] as const;

export type ProviderName = (typeof PROVIDER_LIST)[number]['name'];

export const PROVIDERS = Object.fromEntries(PROVIDER_LIST.map((p) => [p.name, p])) as Record<ProviderName, Provider>;

/** The config's `transport` values: `sandbox` (records, delivers nowhere) and every provider. */
export const TRANSPORT_NAMES = ['sandbox', ...PROVIDER_LIST.map((p) => p.name)] as const satisfies readonly string[];
