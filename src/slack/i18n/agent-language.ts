/**
 * The translator for the agent behind a request: their stored choice, else their Slack locale — read once with
 * `users.info` (`include_locale`, scope `users:read`), stored, refreshed by `user_change` events and read again
 * after a week — else English. A slow or failing `users.info` never holds a request up: after
 * LOCALE_WAIT_MS the request goes on in English while the answer is still stored when it comes.
 */
import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { AgentPreference, AgentPreferences } from '../../followup/agent-preferences.js';
import { DEFAULT_LANGUAGE } from './catalog.js';
import { languageFor } from './language.js';
import { type Translator, translatorFor } from './translator.js';

export const LOCALE_WAIT_MS = 1_000;
const LOCALE_MAX_AGE_MS = 7 * 24 * 3600_000;
/** After a failed `users.info` (no scope, deleted user), wait this long before asking again for that user. */
const RETRY_AFTER_FAILURE_MS = 10 * 60_000;

export interface AgentLanguageDeps {
  preferences: AgentPreferences;
  clock: () => Date;
}

/**
 * In-flight and recently failed `users.info` reads, so a burst of requests asks Slack once per user. Kept per
 * preferences store (one per running app), so two apps in one process do not share them.
 */
interface Reads {
  reading: Map<string, Promise<string | null>>;
  failedAt: Map<string, number>;
}
const readsByStore = new WeakMap<AgentPreferences, Reads>();

function readsOf(deps: AgentLanguageDeps): Reads {
  let reads = readsByStore.get(deps.preferences);
  if (!reads) {
    reads = { reading: new Map(), failedAt: new Map() };
    readsByStore.set(deps.preferences, reads);
  }
  return reads;
}
/** The language each agent last got here: what an answer uses when the store cannot be read. */
const lastKnown = new Map<string, string>();
const LAST_KNOWN_MAX = 10_000;

function remember(userId: string, code: string): string {
  if (lastKnown.size >= LAST_KNOWN_MAX && !lastKnown.has(userId)) lastKnown.clear();
  lastKnown.set(userId, code);
  return code;
}

/** The language this process last resolved for `userId` (English when none): for answers without the store. */
export function lastKnownLanguage(userId: string): string {
  return lastKnown.get(userId) ?? DEFAULT_LANGUAGE;
}

function localeIsFresh(pref: AgentPreference, now: Date): boolean {
  if (pref.slackLocale === null || pref.slackLocaleAt === null) return false;
  return now.getTime() - Date.parse(pref.slackLocaleAt) < LOCALE_MAX_AGE_MS;
}

async function readSlackLocale(
  client: WebClient,
  deps: AgentLanguageDeps,
  userId: string,
  logger?: Logger,
): Promise<string | null> {
  const since = deps.clock();
  try {
    const info = await client.users.info({ user: userId, include_locale: true });
    const locale = typeof info.user?.locale === 'string' ? info.user.locale : null;
    // A user_change stored while we asked is newer than this answer: it stays.
    const stored = await deps.preferences.rememberSlackLocale(userId, locale ?? DEFAULT_LANGUAGE, deps.clock(), since);
    return stored.slackLocale;
  } catch (err) {
    readsOf(deps).failedAt.set(userId, deps.clock().getTime());
    logger?.warn(`Could not read ${userId}'s Slack locale (users.info): ${(err as Error).message}; using English`);
    return null;
  }
}

/** The language code the agent reads (see the module comment for the order). */
export async function agentLanguage(
  client: WebClient,
  deps: AgentLanguageDeps,
  userId: string,
  logger?: Logger,
): Promise<string> {
  const pref = await deps.preferences.get(userId);
  if (pref.language !== null) return remember(userId, languageFor(pref));
  const now = deps.clock();
  if (localeIsFresh(pref, now)) return remember(userId, languageFor(pref));
  const { reading, failedAt } = readsOf(deps);
  const failed = failedAt.get(userId);
  if (failed !== undefined && now.getTime() - failed < RETRY_AFTER_FAILURE_MS) {
    return remember(userId, languageFor(pref));
  }
  let read = reading.get(userId);
  if (!read) {
    read = readSlackLocale(client, deps, userId, logger).finally(() => reading.delete(userId));
    reading.set(userId, read);
  }
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), LOCALE_WAIT_MS);
  });
  const locale = await Promise.race([read, waited]).finally(() => clearTimeout(timer));
  return remember(userId, languageFor({ language: null, slackLocale: locale ?? pref.slackLocale }));
}

export async function agentTranslator(
  client: WebClient,
  deps: AgentLanguageDeps,
  userId: string,
  logger?: Logger,
): Promise<Translator> {
  return translatorFor(await agentLanguage(client, deps, userId, logger));
}

/** A `user_change` event: store the locale it carries, or forget the stored one so it is read again. */
export async function noteUserChange(deps: AgentLanguageDeps, user: { id?: unknown; locale?: unknown }): Promise<void> {
  if (typeof user.id !== 'string' || user.id === '') return;
  readsOf(deps).failedAt.delete(user.id);
  lastKnown.delete(user.id);
  const locale = typeof user.locale === 'string' && user.locale !== '' ? user.locale : null;
  await deps.preferences.rememberSlackLocale(user.id, locale, deps.clock());
}
