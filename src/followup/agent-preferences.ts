/**
 * Each agent's stored preferences: the UI language they chose (null = follow Slack) and the Slack locale last
 * read for them (`users.info` or a `user_change` event), so a language survives restarts and is the same on
 * every replica. The language codes themselves are the Slack front-end's business; this only keeps them.
 */
import { z } from 'zod';
import { FollowedCopy, type RecordCollection, type Store } from '../store/index.js';

export const AGENT_PREFERENCES = 'agent_preferences';

export const agentPreferenceSchema = z.object({
  language: z
    .string()
    .regex(/^[a-z]{2,3}$/)
    .nullable()
    .default(null),
  slackLocale: z.string().max(35).nullable().default(null),
  /** When `slackLocale` was read: a locale older than a day is read again. */
  slackLocaleAt: z.iso.datetime().nullable().default(null),
});

export type AgentPreference = z.output<typeof agentPreferenceSchema>;

const NONE: AgentPreference = { language: null, slackLocale: null, slackLocaleAt: null };

export interface AgentPreferences {
  get(userId: string): Promise<AgentPreference>;
  /** Stores the agent's choice of language; null follows their Slack locale again. */
  chooseLanguage(userId: string, language: string | null): Promise<AgentPreference>;
  /**
   * Stores the Slack locale read for the agent (null: forget it, so it is read again). With `readSince`, a
   * locale stored at or after that instant (a `user_change` that came while `users.info` was in flight) wins.
   */
  rememberSlackLocale(userId: string, locale: string | null, at: Date, readSince?: Date): Promise<AgentPreference>;
}

/** Agents remembered per process at most (a workspace's agents fit many times over). */
const REMEMBERED_AGENTS = 10_000;

/**
 * The preferences, read through a copy in this process's memory: every Slack request starts by finding its
 * agent's language, and a store read per request queued behind the search's own reads (20 agents at once:
 * 9 ms at the median). The copy follows this process's writes and, through the store's change feed, other
 * replicas'; a read that a change overtook is returned but not kept.
 */
export function createAgentPreferences(store: Pick<Store, 'collection'>): AgentPreferences {
  const records: RecordCollection<typeof agentPreferenceSchema> = store.collection(
    AGENT_PREFERENCES,
    agentPreferenceSchema,
  );
  const known = new FollowedCopy<AgentPreference>(REMEMBERED_AGENTS);
  records.watch({
    change: (userId, preference) => known.wrote(userId, preference),
    delete: (userId) => known.wrote(userId, undefined),
  });
  const change = async (userId: string, patch: Partial<AgentPreference>, skip?: (c: AgentPreference) => boolean) => {
    let stored: AgentPreference | undefined;
    try {
      stored =
        (await records.update(userId, (current) =>
          current && skip?.(current) ? undefined : { ...(current ?? NONE), ...patch },
        )) ?? NONE;
    } finally {
      known.wrote(userId, stored);
    }
    return stored;
  };
  return {
    get: async (userId) => (await known.get(userId, async (id) => (await records.get(id)) ?? NONE))!,
    chooseLanguage: (userId, language) => change(userId, { language }),
    rememberSlackLocale: (userId, locale, at, readSince) =>
      change(
        userId,
        { slackLocale: locale, slackLocaleAt: locale === null ? null : at.toISOString() },
        (current) =>
          readSince !== undefined &&
          current.slackLocaleAt !== null &&
          Date.parse(current.slackLocaleAt) >= readSince.getTime(),
      ),
  };
}
