/** App Home: the agent's closed contacts whose window is still open or closing soon, and recent sends. */
import type { AllMiddlewareArgs, App, BlockAction, SlackActionMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { type ContactWithStatus, searchContacts } from '../../followup/index.js';
import type { ChannelType } from '../../policy/index.js';
import { openThenRender } from '../modal.js';
import { initialSearchMeta, renderSearch } from '../search-flow.js';
import type { SlackServices } from '../services.js';
import { ACTION } from '../views/ids.js';
import { buildHomeView } from '../views/home.js';

const FOLLOW_UP_LIMIT = 20;

function soonestClose(r: ContactWithStatus): number {
  const times = r.statuses.map((x) => x.status.windowClosesAt?.getTime()).filter((t): t is number => t !== undefined);
  return times.length ? Math.min(...times) : Number.POSITIVE_INFINITY;
}

export async function publishHome(client: WebClient, userId: string, s: SlackServices): Promise<void> {
  const now = s.clock();
  const deps = { index: s.index, store: s.store, rules: s.settings.rules };
  // "Still open" means a person can still write freely: the open and HUMAN_AGENT states.
  const pages = await Promise.all(
    (['open', 'human_agent'] as const).map((windowState) =>
      searchContacts({ inbox: 'mine', agentId: userId, status: 'closed', windowState, limit: FOLLOW_UP_LIMIT }, now, deps),
    ),
  );
  const seen = new Set<string>();
  const followUps = pages
    .flatMap((p) => p.results)
    .filter((r) => !seen.has(r.contact.id) && seen.add(r.contact.id))
    .sort((a, b) => soonestClose(a) - soonestClose(b))
    .slice(0, FOLLOW_UP_LIMIT);
  const recent = await s.store.outbox.recent({ sentBy: userId, limit: 10 });
  const view = buildHomeView({
    agentId: userId,
    followUps: followUps.map((r) => ({ contact: r.contact, statuses: r.statuses.map(({ channel, status }) => ({ channel, status })) })),
    recent: recent.map((e) => ({
      contactName: e.contactName,
      channel: e.channel as ChannelType,
      sentAt: new Date(e.updatedAt),
      kind: e.kind,
      sandbox: e.sandbox,
      status: e.status,
    })),
    sandbox: followUps.some((r) => r.contact.channels.some((c) => s.transports.for(c).sandbox)),
    now,
  });
  await client.views.publish({ user_id: userId, view });
}

export function register(app: App, s: SlackServices): void {
  app.event('app_home_opened', async ({ event, client, logger }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs) => {
    if (event.tab && event.tab !== 'home') return;
    try {
      await publishHome(client, event.user, s);
    } catch (err) {
      logger.error('Publishing the App Home failed', err);
    }
  });
  app.action<BlockAction>(ACTION.homeOpenSearch, async ({ ack, body, client, logger }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs) => {
    await ack();
    try {
      await openThenRender(client, logger, { triggerId: body.trigger_id }, () => renderSearch(initialSearchMeta('', s, body.user.id), s, body.user.id));
    } catch (err) {
      logger.error('Opening the search from the App Home failed', err);
    }
  });
  app.event('app_uninstalled', async ({ logger }) => logger.warn('Followup was uninstalled from the workspace; Slack requests will stop.'));
  app.event('tokens_revoked', async ({ logger }) => logger.warn('Slack revoked Followup’s tokens; reinstall the app to resume.'));
}
