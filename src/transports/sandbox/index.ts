/**
 * The sandbox transport: records what would have been sent and delivers nowhere, so a new install is
 * usable end to end at once. Everything it "sends" is labelled sandbox in Slack.
 */
import { randomUUID } from 'node:crypto';
import type { SendRequest, SendResult, Transport } from '../transport.js';

export interface SandboxRecord {
  contactId: string;
  channel: string;
  kind: string;
  text: string;
  idempotencyKey: string;
}

export class SandboxTransport implements Transport {
  readonly name = 'sandbox';
  readonly sandbox = true;
  /** The most recent sends, newest last (bounded: this is a demo aid, the outbox is the record). */
  readonly sent: SandboxRecord[] = [];

  async send({ plan, contact, channel, idempotencyKey }: SendRequest): Promise<SendResult> {
    this.sent.push({ contactId: contact.id, channel: channel.type, kind: plan.kind, text: plan.text, idempotencyKey });
    if (this.sent.length > 1000) this.sent.shift();
    return { ok: true, providerMessageId: `sandbox-${randomUUID()}`, sandbox: true };
  }
}
