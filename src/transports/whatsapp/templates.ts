/**
 * Template sync:
 * `GET {baseUrl}/{apiVersion}/{wabaId}/message_templates?fields=name,language,status,category,components&limit=100`,
 * following `paging.next` (Graph API cursor pagination) until it is absent.
 *
 * Format: WhatsApp Business Management API, "Message templates" (GET /<WABA_ID>/message_templates,
 * developers.facebook.com/docs/graph-api/reference/whats-app-business-account/message_templates) and Graph API
 * "Paginated results" (developers.facebook.com/docs/graph-api/results): `{ data: [...], paging: { cursors, next } }`.
 * Each template: `{ id, name, language: 'en_US', status: 'APPROVED', category: 'UTILITY',
 * components: [{ type: 'HEADER'|'BODY'|'FOOTER'|'BUTTONS', text?, ... }] }`.
 */
import { z } from 'zod';
import { type Template, templateSchema } from '../../policy/index.js';
import type { ProviderDeps } from '../provider.js';
import { parseJson, request } from '../http.js';
import { type WhatsappOptions, graphUrl } from './options.js';
import { describeGraphError, graphErrorSchema } from './send.js';

/** A runaway `paging.next` chain stops here (100 per page: 10,000 templates; Meta allows far fewer per WABA). */
const MAX_PAGES = 100;

const pageSchema = z.object({
  data: z.array(z.unknown()),
  paging: z.object({ next: z.string().optional() }).loose().optional(),
});

const metaTemplateSchema = z
  .object({
    name: z.string(),
    language: z.string(),
    status: z.string(),
    category: z.string(),
    components: z.array(z.object({ type: z.string(), text: z.string().optional() }).loose()).default([]),
  })
  .loose();

/** Templates of the WABA, shaped for `templateSchema` (body = the BODY component text). */
export async function syncWhatsappTemplates(
  options: WhatsappOptions,
  channelId: string,
  deps: ProviderDeps,
): Promise<Template[]> {
  if (!options.wabaId) return [];
  const first = new URL(graphUrl(options, options.wabaId, 'message_templates'));
  first.searchParams.set('fields', 'name,language,status,category,components');
  first.searchParams.set('limit', '100');
  const origin = new URL(options.baseUrl).origin;

  const templates: Template[] = [];
  const seen = new Set<string>();
  let next: string | undefined = first.toString();
  for (let page = 0; next; page++) {
    if (page >= MAX_PAGES) throw new Error(`WhatsApp template sync stopped after ${MAX_PAGES} pages`);
    // paging.next is absolute; the bearer token only ever goes back to the configured API host.
    if (new URL(next).origin !== origin)
      throw new Error(`WhatsApp template sync: paging.next points to another host (${new URL(next).origin})`);
    if (seen.has(next)) break;
    seen.add(next);

    const outcome = await request(
      deps,
      next,
      { method: 'GET', headers: { authorization: `Bearer ${options.accessToken}`, accept: 'application/json' } },
      options.timeoutMs,
    );
    if (!outcome.ok) throw new Error(`WhatsApp template sync: ${outcome.detail}`);
    const json = parseJson(outcome.text);
    if (outcome.status < 200 || outcome.status >= 300) {
      const err = graphErrorSchema.safeParse(json);
      throw new Error(
        `WhatsApp template sync: HTTP ${outcome.status}${err.success ? `: ${describeGraphError(err.data.error)}` : ''}`,
      );
    }
    const parsed = pageSchema.safeParse(json);
    if (!parsed.success) throw new Error('WhatsApp template sync: the answer has no data array');

    for (const raw of parsed.data.data) {
      const t = metaTemplateSchema.safeParse(raw);
      if (!t.success) continue;
      const body = t.data.components.find((c) => c.type.toUpperCase() === 'BODY')?.text;
      if (!body) continue; // nothing a follow-up could show or fill in
      const candidate = {
        name: t.data.name,
        language: t.data.language,
        category: t.data.category.toUpperCase(),
        status: t.data.status.toUpperCase(),
        body,
        channelId,
      };
      const ok = templateSchema.safeParse(candidate);
      if (ok.success) templates.push(ok.data);
      else {
        const issue = ok.error.issues[0];
        deps.logger.warn(
          `WhatsApp template ${t.data.name}/${t.data.language} skipped: ${issue?.path.join('.')} ${issue?.message}`,
        );
      }
    }
    next = parsed.data.paging?.next;
  }
  return templates;
}
