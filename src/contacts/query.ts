/** The contact search query and result, shared by Slack, the CLI and the index. */
import { z } from 'zod';
import { channelTypeSchema, windowStateSchema } from '../policy/index.js';
import type { Contact } from './model.js';

export const searchQuerySchema = z.object({
  text: z.string().max(500).default(''),
  inbox: z.enum(['mine', 'all']).default('all'),
  /** Required for inbox `mine`: the asking agent's Slack user id. */
  agentId: z.string().optional(),
  status: z.enum(['closed', 'open', 'any']).default('closed'),
  channel: channelTypeSchema.optional(),
  /** A window state, or `closing_soon`: a free-text window closing within `closingWithinHours`. */
  windowState: z.union([windowStateSchema, z.literal('closing_soon')]).optional(),
  closingWithinHours: z.number().positive().default(24),
  limit: z.number().int().min(1).max(100).default(20),
  cursor: z.string().optional(),
});
export type SearchQuery = z.input<typeof searchQuerySchema>;
export type ParsedSearchQuery = z.output<typeof searchQuerySchema>;

export interface SearchResult {
  /** Number of contacts matching the query and filters (all pages). */
  total: number;
  /** This page, newest activity first. */
  contacts: Contact[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** What the in-memory index answers: ids of this page; the store supplies the records. */
export interface IndexSearchResult {
  total: number;
  ids: string[];
  nextCursor: string | null;
}
