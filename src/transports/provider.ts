/**
 * What every provider module under src/transports/<provider>/ exports: a factory that turns one channel
 * account from the config file into an outbound Transport and, where the provider pushes to us, an inbound
 * webhook that verifies the request and turns it into normalised ingest events.
 *
 * Providers are reached through `fetch` at a base URL taken from the account options (default: the
 * provider's public API), so contract tests point them at a local fake on 127.0.0.1.
 */
import type { ChannelType } from '../policy/index.js';
import type { Transport } from './transport.js';

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

/**
 * A normalised ingest event (see src/ingest/events.ts); webhooks produce these and never write the store.
 * A webhook knows the sender only by the provider's address, so it names the contact `addressContactId(…)`;
 * the server maps that to the contact holding this address on this channel, or creates it.
 */
export type IngestEventDraft = Record<string, unknown> & { id: string; type: string; at: string };

/** `addr:<channel type>:<address>`: a contact known by its channel address only. */
export function addressContactId(type: ChannelType, address: string): string {
  return `addr:${type}:${address}`;
}

/** A delivery report for a message we sent (by the provider's message id): the outbox records it. */
export interface DeliveryStatus {
  providerMessageId: string;
  status: 'sent' | 'delivered' | 'read' | 'failed';
  /** Provider timestamp, ISO 8601. */
  at: string;
  /** For failures: the policy reason where the provider error maps to one (POLICY.md trap 9). */
  reason?: string;
  detail?: string;
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
  events: IngestEventDraft[];
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

export interface ProviderChannel {
  transport: Transport;
  webhook?: InboundWebhook;
  /** Providers that own templates (WhatsApp): fetch the current list, e.g. on start and every hour. */
  syncTemplates?: () => Promise<Array<Record<string, unknown>>>;
}

export type ProviderFactory = (account: ProviderAccount, deps: ProviderDeps) => ProviderChannel;

/** A provider error as the outbox sees it: a policy reason where one applies, and whether to retry. */
export function providerFailure(reason: string, detail: string, retryable: boolean) {
  return { ok: false as const, reason, detail, retryable };
}

/** Network failures and 5xx/429 answers are worth retrying with backoff; 4xx are not. */
export function retryableStatus(status: number): boolean {
  return status >= 500 || status === 429 || status === 408;
}
