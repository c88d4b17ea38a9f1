/**
 * WhatsApp template rules: sendable only when APPROVED, in the contact's language, every variable filled
 * (POLICY.md trap 5). Bodies use positional `{{1}}` or named `{{first_name}}` placeholders.
 */
import { z } from 'zod';

export const TEMPLATE_STATUSES = ['APPROVED', 'PENDING', 'REJECTED', 'PAUSED', 'DISABLED', 'IN_APPEAL'] as const;
export const TEMPLATE_CATEGORIES = ['UTILITY', 'MARKETING', 'AUTHENTICATION'] as const;

export const templateSchema = z.object({
  name: z.string().min(1).max(512),
  language: z.string().min(2).max(15),
  category: z.enum(TEMPLATE_CATEGORIES),
  status: z.enum(TEMPLATE_STATUSES),
  body: z.string().min(1).max(4096),
  /** WhatsApp Business Account / channel account the template belongs to; absent = any. */
  channelId: z.string().min(1).optional(),
});
export type Template = z.infer<typeof templateSchema>;

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

/** Variable names in order of first appearance (`1`, `2`… or named). */
export function templateVariables(body: string): string[] {
  const seen = new Set<string>();
  for (const m of body.matchAll(PLACEHOLDER)) seen.add(m[1]!);
  const names = [...seen];
  // Positional variables are numbered; present them 1, 2, 3 whatever the body's order.
  if (names.every((n) => /^\d+$/.test(n))) names.sort((a, b) => Number(a) - Number(b));
  return names;
}

export function renderTemplate(body: string, values: Record<string, string>): string {
  return body.replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole);
}

/** Language tags compare loosely: `pt-BR` = `pt_BR`; `en` matches `en_US` and the reverse. */
export function sameLanguage(a: string, b: string): boolean {
  const norm = (s: string) => s.trim().toLowerCase().replaceAll('-', '_');
  const x = norm(a);
  const y = norm(b);
  if (x === y) return true;
  const px = x.split('_')[0];
  const py = y.split('_')[0];
  return px === py && (!x.includes('_') || !y.includes('_'));
}

export function missingVariables(body: string, values: Record<string, string>): string[] {
  return templateVariables(body).filter((name) => !(values[name] ?? '').trim());
}
