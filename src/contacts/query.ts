/** The contact search query and result, shared by Slack, the CLI and the index. */
import { z } from 'zod';
import { channelTypeSchema, windowStateSchema } from '../policy/index.js';
import type { Contact } from './model.js';
import { MIN_PHONE_DIGITS, classifyQuery, isPhoneLike, phoneDigits } from './normalize.js';

/** "Closing soon" without a span: the span the Slack filter offers, which the index keeps a set for. */
export const DEFAULT_CLOSING_WITHIN_HOURS = 24;

export const searchQuerySchema = z.object({
  text: z.string().max(500).default(''),
  inbox: z.enum(['mine', 'all']).default('all'),
  /** Required for inbox `mine`: the asking agent's Slack user id. */
  agentId: z.string().optional(),
  status: z.enum(['closed', 'open', 'any']).default('closed'),
  channel: channelTypeSchema.optional(),
  /** A window state, or `closing_soon`: a free-text window closing within `closingWithinHours`. */
  windowState: z.union([windowStateSchema, z.literal('closing_soon')]).optional(),
  closingWithinHours: z.number().positive().default(DEFAULT_CLOSING_WITHIN_HOURS),
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

/** Why a non-empty search text cannot be searched as typed (empty text is fine: it lists everyone). */
export type QueryTextProblem = 'nothing_searchable' | 'phone_too_short';

/**
 * Text that would silently list everyone or miss every phone: no letter, digit or `@` to search for
 * (`🦄`, `*`, `-`), or only phone characters with fewer digits than a phone search needs (`+84`, `123`).
 * Pure; it reads the text the way the index does (classifyQuery), so the two never disagree.
 */
export function queryTextProblem(text: string): QueryTextProblem | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const digits = phoneDigits(trimmed).length;
  if (isPhoneLike(trimmed) && digits > 0 && digits < MIN_PHONE_DIGITS) return 'phone_too_short';
  return classifyQuery(trimmed).length === 0 ? 'nothing_searchable' : null;
}

const QUOTED_MAX = 40;

const PROBLEM_LINES: Readonly<Record<QueryTextProblem, (quoted: string) => string>> = {
  nothing_searchable: (q) =>
    `Nothing to search for in "${q}": type part of a name, an email, ` +
    `or at least ${MIN_PHONE_DIGITS} digits of a phone number.`,
  phone_too_short: (q) =>
    `Too few digits in "${q}" to search phone numbers: ` +
    `type at least ${MIN_PHONE_DIGITS} digits (the last digits are enough), or part of a name or an email.`,
};

/** One line for a person (Slack, the CLI): what was wrong with the text and what to type instead. */
export function describeQueryTextProblem(text: string, problem: QueryTextProblem): string {
  const chars = [...text.trim()];
  const quoted = chars.length > QUOTED_MAX ? `${chars.slice(0, QUOTED_MAX - 1).join('')}…` : chars.join('');
  return PROBLEM_LINES[problem](quoted);
}
