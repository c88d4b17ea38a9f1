/**
 * What each provider gives the contract suite (contract.test.ts): test/transports/<folder>/contract-fixture.ts
 * exports `fixture: ContractFixture`. The suite runs the same checks over every registered provider with it,
 * and fails for a registered provider that has no fixture.
 */
import type { PlannedSend } from '../../src/policy/index.js';
import type { ProviderAccount, WebhookRequest } from '../../src/transports/provider.js';
import { type FakeApi, type FakeAnswer, startFakeApi } from '../support/fake-api.js';

/** A send the fake provider answers in one documented way. */
export interface SendCase {
  /** The provider's own name for the answer (`131047 re-engagement`, `403 bot was blocked`). */
  name: string;
  /** Makes the fake answer the next sends this way. */
  arrange(): void | Promise<void>;
  /** The plan kind sent (default `text`): some answers only follow a tagged message. */
  kind?: PlannedSend['kind'];
  /** The address sent to (default: the rig's `address`). */
  address?: string;
  /** Account options this answer needs (merged into the rig's; the case gets a channel of its own). */
  options?: Record<string, unknown>;
  expected: { ok: true; providerMessageId: string } | { ok: false; reason: string; retryable: boolean };
}

/** Webhook requests as the provider sends them; `now` is the receiving server's clock. */
export interface WebhookCases {
  /** Signed as the provider signs it, carrying a customer's message. */
  signed(now: Date): WebhookRequest;
  /** The same, with a signature that does not match. */
  badSignature(now: Date): WebhookRequest;
  /** The same, without the signature. */
  missingSignature(now: Date): WebhookRequest;
  /** Signed, but not a body the provider sends. */
  malformed(now: Date): WebhookRequest;
  /** The address of the customer in `signed`: the contact its events name. */
  sender: string;
}

export interface ContractRig {
  /** The channel account, its options pointing at the fake on 127.0.0.1. */
  account: ProviderAccount;
  /** An address the provider can send to. */
  address: string;
  /** How many requests reached the fake provider so far (refusals must not send any). */
  requestsReceived(): number;
  success: SendCase;
  /** Every documented error the provider maps, each its own case. */
  failures: SendCase[];
  /** Null where the provider has no webhook (the fixture's `withoutWebhook` says why). */
  webhook: WebhookCases | null;
  stop(): Promise<void>;
}

export interface ContractFixture {
  /** The provider's registry name (the config's `transport`). */
  provider: string;
  /** Why the provider has no webhook, where it has none. */
  withoutWebhook?: string;
  start(): Promise<ContractRig>;
}

/** A webhook request to `/webhooks/<path>` as the route hands it over (header names lower-cased). */
export function webhookRequest(
  path: string,
  init: {
    method?: string;
    query?: Record<string, string>;
    headers?: Record<string, string | undefined>;
    body?: string;
  },
): WebhookRequest {
  const url = new URL(`http://127.0.0.1/webhooks/${path}`);
  for (const [name, value] of Object.entries(init.query ?? {})) url.searchParams.set(name, value);
  const headers = Object.fromEntries(Object.entries(init.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  return { method: init.method ?? 'POST', url, headers, rawBody: init.body ?? '' };
}

/** A fake HTTP API whose answer the cases set; `requestsReceived` counts what reached it. */
export async function scriptedApi(
  initial: FakeAnswer,
): Promise<{ api: FakeApi; answerWith(answer: FakeAnswer): void }> {
  const api = await startFakeApi(() => initial);
  return { api, answerWith: (answer) => api.answer(() => answer) };
}
