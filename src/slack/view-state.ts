/**
 * Reading Slack payloads we rely on: `private_metadata` (our own JSON, validated like any other boundary)
 * and the values of a view's inputs, found by action_id so layout changes do not break them.
 */
import { z } from 'zod';
import { channelTypeSchema, windowStateSchema } from '../policy/index.js';

type StateValues = Record<string, Record<string, { type?: string; value?: string | null; selected_option?: { value: string } | null }>>;

export function stateValues(view: unknown): StateValues {
  return ((view as { state?: { values?: StateValues } })?.state?.values ?? {}) as StateValues;
}

export const searchMetaSchema = z.object({
  k: z.literal('search'),
  q: z.object({
    text: z.string().max(500).default(''),
    inbox: z.enum(['mine', 'all']).default('mine'),
    status: z.enum(['closed', 'open', 'any']).default('closed'),
    channel: channelTypeSchema.optional(),
    windowState: z.union([windowStateSchema, z.literal('closing_soon')]).optional(),
  }),
  /** Cursors of the pages before the current one, to go back. */
  back: z.array(z.string().nullable()).default([]),
  cursor: z.string().nullable().default(null),
  /** Cursor of the next page, as the index answered for this one. */
  next: z.string().nullable().default(null),
  page: z.number().int().nonnegative().default(0),
});
export type SearchMeta = z.infer<typeof searchMetaSchema>;

export const contactMetaSchema = z.object({ k: z.literal('contact'), contactId: z.string().min(1) });
export type ContactMeta = z.infer<typeof contactMetaSchema>;

export const composeMetaSchema = z.object({
  k: z.literal('compose'),
  contactId: z.string().min(1),
  channelKey: z.string().min(1),
  /** Idempotency key of this compose view: a resubmission never sends twice. */
  idem: z.string().min(8),
  /** Opened on top of the contact view (pushed) or alone (from a notification). */
  stacked: z.boolean().default(true),
});
export type ComposeMeta = z.infer<typeof composeMetaSchema>;

export function parseMeta<T>(schema: z.ZodType<T>, view: unknown): T | null {
  const raw = (view as { private_metadata?: string })?.private_metadata;
  if (!raw) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Metadata must fit Slack's 3,000-character private_metadata; drop the oldest back-cursors if not. */
export function encodeSearchMeta(meta: SearchMeta): string {
  let m = meta;
  let s = JSON.stringify(m);
  while (s.length > 3000 && m.back.length > 0) {
    m = { ...m, back: m.back.slice(1) };
    s = JSON.stringify(m);
  }
  return s;
}

/** The block that holds an action: field errors are keyed by block_id. */
export function blockIdOf(view: unknown, actionId: string): string | undefined {
  for (const [blockId, block] of Object.entries(stateValues(view))) if (actionId in block) return blockId;
  return undefined;
}

export function hasAction(view: unknown, actionId: string): boolean {
  return blockIdOf(view, actionId) !== undefined;
}
