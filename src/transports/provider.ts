/**
 * The provider contract: what every provider folder under src/transports/<provider>/ exports from its
 * `provider.ts` (a `ProviderModule`, built by `defineProvider` on its line of registry.ts; see README.md in
 * this folder), and the shapes its parts share. A provider turns one channel account from the config file
 * into an outbound transport and, where the provider pushes to us, an inbound webhook that verifies the
 * request and turns it into typed ingest events (src/contract/ingest-events.ts).
 *
 * Providers are reached through `fetch` at a base URL taken from the account options (default: the
 * provider's public API), so contract tests point them at a local fake on 127.0.0.1.
 */
import type { z } from 'zod';
import type { DeliveryStatus } from '../contract/delivery-reports.js';
import type { ProviderIngestEvent } from '../contract/ingest-events.js';
import type { ChannelType, PlannedSend, Template } from '../policy/index.js';
import type { SendFailure, SendRequest, SendResult, Transport } from './transport.js';

export type { DeliveryStatus } from '../contract/delivery-reports.js';
export type { ProviderIngestEvent } from '../contract/ingest-events.js';

export interface ProviderAccount {
  type: ChannelType;
  /** Channel account id as events carry it (`channelId`); absent = the default account of that type. */
  id?: string | undefined;
  name?: string | undefined;
  /** Provider options and credentials (already `${ENV}`-substituted); each provider validates its own with zod. */
  options: Record<string, unknown>;
}

export interface ProviderDeps {
  fetch: typeof fetch;
  /** The clock (transports never read Date.now() directly, so tests can drive time). */
  now: () => Date;
  logger: { info(...a: unknown[]): void; warn(...a: unknown[]): void; error(...a: unknown[]): void };
}

export interface WebhookRequest {
  method: string;
  /** Full request URL (path and query) as received. */
  url: URL;
  /** Lower-cased header names. */
  headers: Record<string, string | undefined>;
  /** The raw body, exactly as received: signatures are computed over it. */
  rawBody: string;
}

export interface WebhookResponse {
  status: number;
  body?: string;
  contentType?: string;
  /** Events to apply (provider timestamps); empty for verification handshakes and refused requests. */
  events: ProviderIngestEvent[];
  /** Delivery reports for messages we sent. */
  statuses?: DeliveryStatus[];
  /** Why a request was refused (logged; never echoed in detail to the caller). */
  refused?: string;
}

export interface InboundWebhook {
  /** Mounted at `/webhooks/<path>` (e.g. `whatsapp/1234567890`). */
  readonly path: string;
  handle(request: WebhookRequest): Promise<WebhookResponse>;
}

/** What the server gets for one channel account. */
export interface ProviderChannel {
  transport: Transport;
  webhook?: InboundWebhook;
  /** Providers that own templates (WhatsApp): fetch the current list, e.g. on start and every hour. */
  syncTemplates?: () => Promise<Template[]>;
}

export type ProviderFactory = (account: ProviderAccount, deps: ProviderDeps) => ProviderChannel;

/** A send that passed the provider's send guard: the contact has an address here, the kind is supported. */
export type GuardedSendRequest = SendRequest & { address: string };

/**
 * Refusals every provider makes the same way before anything goes out (see send-guard.ts): reasons
 * `<channel>.no_address` and `<channel>.<kind>_not_supported`, details in the provider's words.
 */
export interface SendGuard {
  /** The channel type the reasons are named after (`sms` for Twilio, `email` for SMTP). */
  channel: ChannelType;
  /** The plan kinds the provider can carry out. */
  supports: readonly PlannedSend['kind'][];
  /** Why there is nothing to send to, in the provider's terms (the outbox detail). */
  noAddress: string;
  /** The detail for a kind the provider cannot send. */
  unsupported?: (kind: PlannedSend['kind']) => string;
  /** Addresses typed by people (email, website visitor ids) may arrive padded: trimmed before use. */
  trimAddress?: boolean;
}

/** What a provider's `create` builds for one account; `defineProvider` adds the name, the guard and the rest. */
export interface ProviderParts {
  /** Carries out one plan the policy core approved and the send guard let through. */
  send(request: GuardedSendRequest): Promise<SendResult>;
  /** Releases pooled connections on shutdown (e.g. SMTP). */
  close?(): void | Promise<void>;
  webhook?: InboundWebhook;
  syncTemplates?: () => Promise<Template[]>;
}

/**
 * What a provider folder's `provider.ts` exports; its name and the channel types it serves are on its line
 * of registry.ts, and `defineProvider` (define.ts) builds the provider from the three.
 */
export interface ProviderModule<Options extends z.ZodType> {
  /** Its options, validated from the account's `options` (schema in the provider folder's options.ts). */
  optionsSchema: Options;
  sendGuard: SendGuard;
  /**
   * Every reason other than `provider_error` its sends can fail with (its error table's reasons, as data):
   * the contract suite makes the provider produce each one from a documented provider answer.
   */
  failureReasons: readonly string[];
  create(options: z.output<Options>, account: ProviderAccount, deps: ProviderDeps): ProviderParts;
}

/** A registered provider: its module's parts (for the contract suite), its registry line and its factory. */
export interface Provider<Name extends string = string> {
  /** The config's `transport` value, and the transport's name in the outbox. */
  readonly name: Name;
  /** The channel types it can serve. */
  readonly serves: readonly ChannelType[];
  readonly optionsSchema: z.ZodType;
  readonly sendGuard: SendGuard;
  readonly failureReasons: readonly string[];
  readonly factory: ProviderFactory;
}

/** A provider error as the outbox sees it: a policy reason where one applies, and whether to retry. */
export function providerFailure(reason: string, detail: string, retryable: boolean): SendFailure {
  return { ok: false, reason, detail, retryable };
}

/** Network failures and 5xx/429 answers are worth retrying with backoff; 4xx are not. */
export function retryableStatus(status: number): boolean {
  return status >= 500 || status === 429 || status === 408;
}
