/**
 * The search modal's state, kept in its `private_metadata`: the query, and the cursors to page forward and
 * back. Pure.
 */
import { z } from 'zod';
import { channelTypeSchema, windowStateSchema } from '../../policy/index.js';

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

/** The first page of a query. */
export function firstPage(q: SearchMeta['q']): SearchMeta {
  return { k: 'search', q, back: [], cursor: null, next: null, page: 0 };
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

export function nextPage(meta: SearchMeta): SearchMeta {
  if (!meta.next) return meta;
  return { ...meta, back: [...meta.back, meta.cursor], cursor: meta.next, next: null, page: meta.page + 1 };
}

export function previousPage(meta: SearchMeta): SearchMeta {
  if (meta.page === 0) return meta;
  const back = meta.back.slice(0, -1);
  const cursor = meta.back.length ? meta.back[meta.back.length - 1]! : null;
  return { ...meta, back, cursor, next: null, page: meta.page - 1 };
}
