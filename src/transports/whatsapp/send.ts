/**
 * Outbound: `POST {baseUrl}/{apiVersion}/{phoneNumberId}/messages` (Cloud API "Send messages").
 *
 * Request bodies follow Meta's message reference
 * (developers.facebook.com/documentation/business-messaging/whatsapp/messages/send-messages,
 * …/whatsapp/reference/messages, …/whatsapp/templates/overview):
 *   text:     { messaging_product: 'whatsapp', recipient_type: 'individual', to, type: 'text',
 *               text: { body, preview_url: false } }
 *   template: { messaging_product: 'whatsapp', recipient_type: 'individual', to, type: 'template',
 *               template: { name, language: { code }, components: [{ type: 'body', parameters: [...] }] } }
 *             positional `{{1}}` parameters are `{ type: 'text', text }` in order; named `{{first_name}}`
 *             parameters carry `parameter_name` (templates created with `parameter_format: NAMED`).
 * Success: `{ messaging_product, contacts: [{ input, wa_id }], messages: [{ id: 'wamid…' }] }`.
 * Failure: `{ error: { message, type, code, error_data: { details }, error_subcode, fbtrace_id } }`.
 *
 * The Cloud API has no idempotency key on /messages: the outbox's own dedupe on `idempotencyKey` is the guard.
 */
import { z } from 'zod';
import type { PlannedSend } from '../../policy/index.js';
import { type GuardedSendRequest, type ProviderDeps, type SendGuard, providerFailure } from '../provider.js';
import type { SendResult } from '../transport.js';
import { whatsappErrorRule } from './errors.js';
import { parseJson, request } from '../http.js';
import { type WhatsappOptions, graphUrl } from './options.js';

export const WHATSAPP_SEND_GUARD: SendGuard = {
  channel: 'whatsapp',
  supports: ['text', 'template'],
  noAddress: 'This contact has no WhatsApp number on this channel.',
  unsupported: () => 'WhatsApp has no message tags; send an approved template instead.',
};

const successSchema = z.object({
  messages: z.array(z.object({ id: z.string().min(1) })).min(1),
});

export const graphErrorSchema = z.object({
  error: z.object({
    message: z.string().optional(),
    type: z.string().optional(),
    code: z.number().int().optional(),
    error_subcode: z.number().int().optional(),
    error_data: z.object({ details: z.string().optional() }).loose().optional(),
    fbtrace_id: z.string().optional(),
  }),
});
export type GraphError = z.infer<typeof graphErrorSchema>['error'];

/** `(#131047) Re-engagement message: <details> [fbtrace_id …]`, for logs and the outbox. */
export function describeGraphError(error: GraphError): string {
  const message = error.message ?? `(#${error.code ?? '?'})`;
  const details = error.error_data?.details;
  const detailsText = details && !message.includes(details) ? `: ${details}` : '';
  return `${message}${detailsText}${error.fbtrace_id ? ` [fbtrace_id ${error.fbtrace_id}]` : ''}`;
}

/** A phone-like address (`+84 90-123 4567`) becomes the digits the API takes; other ids pass unchanged. */
export function recipientOf(address: string): string {
  return /^\+?[\d\s().-]+$/.test(address) ? address.replace(/\D/g, '') : address;
}

/** The template's body parameters: positional when every variable is numbered, named otherwise. */
export function templateParameters(template: NonNullable<PlannedSend['template']>): Array<Record<string, string>> {
  const names = Object.keys(template.named);
  const positional = names.length === 0 || names.every((n) => /^\d+$/.test(n));
  if (positional) return template.parameters.map((text) => ({ type: 'text', text }));
  return Object.entries(template.named).map(([name, text]) => ({ type: 'text', parameter_name: name, text }));
}

/** The JSON body for a text or template plan (the send guard refuses tags). */
export function messageBody(
  plan: PlannedSend,
  to: string,
): { ok: true; body: Record<string, unknown> } | { ok: false; reason: string; detail: string } {
  const head = { messaging_product: 'whatsapp', recipient_type: 'individual', to };
  if (plan.kind !== 'template') {
    return { ok: true, body: { ...head, type: 'text', text: { body: plan.text, preview_url: false } } };
  }
  if (!plan.template) return { ok: false, reason: 'provider_error', detail: 'template plan without a template' };
  const parameters = templateParameters(plan.template);
  const template: Record<string, unknown> = { name: plan.template.name, language: { code: plan.template.language } };
  if (parameters.length > 0) template.components = [{ type: 'body', parameters }];
  return { ok: true, body: { ...head, type: 'template', template } };
}

export async function sendWhatsappMessage(
  options: WhatsappOptions,
  deps: ProviderDeps,
  { plan, channel, address }: GuardedSendRequest,
): Promise<SendResult> {
  if (channel.type !== 'whatsapp') {
    return providerFailure('provider_error', `the whatsapp-cloud transport cannot send on ${channel.type}`, false);
  }
  const built = messageBody(plan, recipientOf(address));
  if (!built.ok) return providerFailure(built.reason, built.detail, false);

  const outcome = await request(
    deps,
    graphUrl(options, options.phoneNumberId, 'messages'),
    {
      method: 'POST',
      headers: {
        authorization: `Bearer ${options.accessToken}`,
        'content-type': 'application/json',
        accept: 'application/json',
      },
      body: JSON.stringify(built.body),
    },
    options.timeoutMs,
  );
  if (!outcome.ok) return providerFailure('provider_error', `WhatsApp Cloud API: ${outcome.detail}`, true);

  const json = parseJson(outcome.text);
  if (outcome.status >= 200 && outcome.status < 300) {
    const ok = successSchema.safeParse(json);
    if (ok.success) return { ok: true, providerMessageId: ok.data.messages[0]!.id, sandbox: false };
    // Accepted but unreadable: the message may be on its way, so a retry could send it twice.
    const detail = `WhatsApp Cloud API answered ${outcome.status} without a message id`;
    return providerFailure('provider_error', detail, false);
  }

  const failed = graphErrorSchema.safeParse(json);
  const error = failed.success ? failed.data.error : undefined;
  const rule = whatsappErrorRule(error?.code, outcome.status);
  const detail = error ? describeGraphError(error) : outcome.text.slice(0, 200).trim() || 'empty body';
  if (rule.reason === 'whatsapp.auth_failed') deps.logger.error(`WhatsApp ${options.phoneNumberId}: ${detail}`);
  return providerFailure(rule.reason, `WhatsApp Cloud API HTTP ${outcome.status}: ${detail}`, rule.retryable);
}
