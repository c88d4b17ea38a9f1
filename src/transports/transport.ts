/**
 * The interface the use cases send through: the sandbox, and every provider's transport as
 * `defineProvider` builds it (define.ts). A transport carries out a plan the policy core already
 * approved; it never decides whether a message may go out.
 */
import type { ContactChannel, Contact } from '../contacts/model.js';
import type { ChannelType, PlannedSend } from '../policy/index.js';

export interface SendRequest {
  plan: PlannedSend;
  contact: Contact;
  channel: ContactChannel;
  /** Stable per compose view: a provider that supports idempotency keys gets it, we dedupe on it too. */
  idempotencyKey: string;
}

export interface SendFailure {
  ok: false;
  /** A policy reason code where the provider error maps to one (POLICY.md trap 9), else 'provider_error'. */
  reason: string;
  detail: string;
  /** Network errors and 5xx: worth retrying through the outbox. */
  retryable: boolean;
}

export type SendResult = { ok: true; providerMessageId: string; sandbox: boolean } | SendFailure;

export interface Transport {
  readonly name: string;
  /** True when nothing really leaves (the UI says "sandbox"). */
  readonly sandbox: boolean;
  send(request: SendRequest): Promise<SendResult>;
  /** Releases pooled connections on shutdown (e.g. SMTP). */
  close?(): void | Promise<void>;
}

/** Picks the transport serving a contact's channel: by channel account id, then the type's default. */
export class TransportRegistry {
  private readonly byKey = new Map<string, Transport>();

  constructor(private readonly fallback: Transport) {}

  register(type: ChannelType, channelId: string | undefined, transport: Transport): void {
    this.byKey.set(channelId ? `${type}:${channelId}` : type, transport);
  }

  /** Every distinct transport, for shutdown. */
  all(): Transport[] {
    return [...new Set([this.fallback, ...this.byKey.values()])];
  }

  for(channel: Pick<ContactChannel, 'type' | 'channelId'>): Transport {
    return (
      (channel.channelId ? this.byKey.get(`${channel.type}:${channel.channelId}`) : undefined) ??
      this.byKey.get(channel.type) ??
      this.fallback
    );
  }
}
