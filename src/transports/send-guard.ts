/**
 * The one send guard: what every provider refuses the same way before anything goes out. A contact without
 * an address on the channel (on Telegram and LINE it exists only once they wrote to the bot) and a plan
 * kind the provider cannot carry out (the policy core never plans one; carry out nothing rather than
 * something else). Each provider's guard is data on its definition (provider.ts `SendGuard`).
 */
import type { GuardedSendRequest, SendGuard } from './provider.js';
import { providerFailure } from './provider.js';
import type { SendFailure, SendRequest } from './transport.js';

/** Every plan kind: for providers that deliver a plan's text whatever its kind (website chat, email). */
export const ANY_KIND: SendGuard['supports'] = ['text', 'template', 'tag'];

/** The request with its address, or the refusal. */
export function guardSend(
  request: SendRequest,
  guard: SendGuard,
): { ok: true; request: GuardedSendRequest } | SendFailure {
  const address = guard.trimAddress ? request.channel.address?.trim() : request.channel.address;
  if (!address) return providerFailure(`${guard.channel}.no_address`, guard.noAddress, false);
  const { kind } = request.plan;
  if (!guard.supports.includes(kind)) {
    const detail = guard.unsupported?.(kind) ?? `This channel does not support ${kind} messages.`;
    return providerFailure(`${guard.channel}.${kind}_not_supported`, detail, false);
  }
  return { ok: true, request: { ...request, address } };
}
