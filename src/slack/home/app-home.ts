/** App Home: the agent's closed contacts whose window is still open or closing soon, and recent sends. */
import type { AllMiddlewareArgs, Logger, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { ContactWithStatus } from '../../followup/index.js';
import type { ChannelType } from '../../policy/index.js';
import { isLanguage } from '../i18n/index.js';
import { translatorOf } from '../language/request-translator.js';
import { openSearchOnTrigger } from '../search/search-screen.js';
import type { SlackServices } from '../services.js';
import { buildHomeView } from './home-view.js';
import { publishView } from '../shared/views-api.js';

const FOLLOW_UP_LIMIT = 20;
const RECENT_LIMIT = 10;
/** "Still open" means a person can still write freely: the open and HUMAN_AGENT states. */
const STILL_OPEN = ['open', 'human_agent'] as const;

export type HomeOpenedArgs = SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs;

function soonestClose(r: ContactWithStatus): number {
  const times = r.statuses.map((x) => x.status.windowClosesAt?.getTime()).filter((t): t is number => t !== undefined);
  return times.length ? Math.min(...times) : Number.POSITIVE_INFINITY;
}

/** Publishes the agent's App Home in their language (read now, so a choice just made shows at once). */
export async function publishHome(client: WebClient, userId: string, s: SlackServices, logger?: Logger): Promise<void> {
  const now = s.clock();
  const t = await translatorOf(client, s, userId, logger);
  const pages = await Promise.all(
    STILL_OPEN.map((windowState) =>
      s.followup.search({ inbox: 'mine', agentId: userId, status: 'closed', windowState, limit: FOLLOW_UP_LIMIT }, now),
    ),
  );
  const seen = new Set<string>();
  const followUps = pages
    .flatMap((p) => p.results)
    .filter((r) => !seen.has(r.contact.id) && seen.add(r.contact.id))
    .sort((a, b) => soonestClose(a) - soonestClose(b))
    .slice(0, FOLLOW_UP_LIMIT);
  const recent = await s.followup.recentFollowUps(userId, RECENT_LIMIT);
  const { language } = await s.preferences.get(userId);
  const view = buildHomeView(t, {
    agentId: userId,
    followUps: followUps.map((r) => ({
      contact: r.contact,
      statuses: r.statuses.map(({ channel, status }) => ({ channel, status })),
    })),
    recent: recent.map((e) => ({
      contactName: e.contactName,
      channel: e.channel as ChannelType,
      sentAt: new Date(e.updatedAt),
      kind: e.kind,
      sandbox: e.sandbox,
      status: e.status,
    })),
    sandbox: followUps.some((r) => r.contact.channels.some((c) => s.followup.isSandbox(c))),
    languageChoice: language !== null && isLanguage(language) ? language : null,
    now,
  });
  await publishView(client, { user_id: userId, view });
}

/** Events are acknowledged by Bolt before listeners run; a failure can only be logged (the tab keeps its last view). */
export function homeOpened(s: SlackServices) {
  return async ({ event, client, logger }: HomeOpenedArgs): Promise<void> => {
    if (event.tab && event.tab !== 'home') return;
    if (typeof event.user !== 'string' || !event.user) return; // nobody to publish a Home tab for
    try {
      await publishHome(client, event.user, s, logger);
    } catch (err) {
      logger.error('Publishing the App Home failed', err);
    }
  };
}

export function homeOpenSearch(s: SlackServices) {
  return openSearchOnTrigger(s, 'Opening the search from the App Home failed');
}
