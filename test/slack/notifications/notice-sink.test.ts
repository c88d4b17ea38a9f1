/**
 * The notice sink against the fake Slack Web API on 127.0.0.1, on a memory store for the agents' languages:
 * "posted once after a crash" (each channel post carries its notice id in message metadata, and `findPosted`
 * finds it again in the channel's history), and languages (the channel post in `notifications.language`, a
 * DM in its assignee's language, looked up without ever holding the channel post up).
 */
import { LogLevel, WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Contact } from '../../../src/contacts/model.js';
import { type AgentPreferences, createAgentPreferences } from '../../../src/followup/index.js';
import type { Notice, NoticeGroup } from '../../../src/notify/index.js';
import { evaluateWindow } from '../../../src/policy/index.js';
import { LANGUAGES, isLanguage, lastKnownLanguage, translatorFor } from '../../../src/slack/i18n/index.js';
import { SlackNoticeSink, type SlackNoticeSinkOptions } from '../../../src/slack/notifications/index.js';
import { buildWindowDigest, buildWindowReminder } from '../../../src/slack/notifications/notice-messages.js';
import { type Store, openStore } from '../../../src/store/index.js';
import { type FakeSlack, startFakeSlack } from '../../support/fake-slack.js';
import { HOUR, NOW, contact, iso } from '../fixtures.js';

const CHANNEL = 'C0NOTIFY01';

let fake: FakeSlack;
let store: Store;
let preferences: AgentPreferences;
let warnings: string[];
let sink: SlackNoticeSink;

function sinkWith(opts: Partial<SlackNoticeSinkOptions> = {}): SlackNoticeSink {
  const client = new WebClient('xoxb-test', {
    slackApiUrl: fake.url,
    retryConfig: { retries: 0 },
    logLevel: LogLevel.ERROR,
  });
  return new SlackNoticeSink({
    client,
    channel: CHANNEL,
    loadContacts: async () => [],
    dmAssignee: false,
    language: 'en',
    agents: { preferences, clock: () => NOW },
    logger: { warn: (...a: unknown[]) => void warnings.push(a.map(String).join(' ')) },
    paceMs: 0,
    ...opts,
  });
}

beforeEach(async () => {
  fake = await startFakeSlack();
  store = await openStore('memory://');
  preferences = createAgentPreferences(store);
  warnings = [];
  sink = sinkWith();
});
afterEach(async () => {
  await fake.close();
  await store.close();
});

/** A post of ours (as `post` makes it), then `others` messages of other people after it. */
async function postNotice(noticeId: string, others = 0) {
  const client = new WebClient('xoxb-test', { slackApiUrl: fake.url, logLevel: LogLevel.ERROR });
  await client.chat.postMessage({
    channel: CHANNEL,
    text: 'notice',
    metadata: { event_type: 'followup_notice', event_payload: { noticeId, count: 1 } },
  });
  for (let i = 0; i < others; i++) await client.chat.postMessage({ channel: CHANNEL, text: `chatter ${i}` });
}

describe('SlackNoticeSink.findPosted', () => {
  it('finds our posts by notice id, also past the first page of history', async () => {
    await postNotice('claim-old', 230);
    await postNotice('claim-new');
    const found = await sink.findPosted('default', ['claim-old', 'claim-new', 'claim-never']);
    expect([...(found ?? [])].sort()).toEqual(['claim-new', 'claim-old']);
    const reads = fake.callsTo('conversations.history');
    expect(reads[0]).toMatchObject({ channel: CHANNEL, include_all_metadata: 'true' });
    expect(reads.length).toBe(2);
  });

  it('without the history scope it cannot tell: null, and one line saying which scopes to add', async () => {
    fake.respondWith('conversations.history', { ok: false, error: 'missing_scope', needed: 'channels:history' });
    expect(await sink.findPosted('default', ['claim-1'])).toBeNull();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/C0NOTIFY01.*missing_scope.*channels:history and groups:history.*reinstall/);
  });

  it('a failure that waiting may cure (an internal error, no answer) is thrown: the notice stays due', async () => {
    fake.respondWith('conversations.history', { ok: false, error: 'internal_error' });
    await expect(sink.findPosted('default', ['claim-1'])).rejects.toThrow(/internal_error/);
  });
});

/** The channel's language: German when its catalog exists, else any other non-English one, else "de" as given. */
const CHANNEL_LANGUAGE = isLanguage('de') ? 'de' : (LANGUAGES.find((l) => l.code !== 'en')?.code ?? 'de');
/** The assignee's own language: another one than the channel's, so the two cannot be confused. */
const AGENT_LANGUAGE = (['vi', 'ar', 'fr', 'es', 'en'] as const).find((c) => isLanguage(c) && c !== CHANNEL_LANGUAGE)!;
const ASSIGNEE = 'UASSIGNEE1';

/** Contacts with a WhatsApp window closing within the hour, assigned to ASSIGNEE. */
function people(n: number): Contact[] {
  return Array.from({ length: n }, (_, i) =>
    contact({
      id: `c-${i}`,
      firstName: `Nguyễn Thị ${i}`,
      lastName: 'Phương',
      assignee: ASSIGNEE,
      channels: [
        {
          type: 'whatsapp',
          lastInboundAt: iso(new Date(NOW.getTime() - 23 * HOUR)),
          lastOutboundAt: null,
          outboundSinceInbound: 0,
        },
      ],
    }),
  );
}

function reminderOf(c: Contact): Notice {
  const anchor = new Date(c.channels[0]!.lastInboundAt!);
  const closes = new Date(anchor.getTime() + 24 * HOUR);
  const status = evaluateWindow({ channel: 'whatsapp', now: NOW, lastInboundAt: anchor });
  return {
    key: `${c.id}|whatsapp|${anchor.toISOString()}|reminder`,
    kind: 'reminder',
    edge: 'close',
    contactId: c.id,
    contactName: c.firstName,
    assignee: c.assignee,
    conversation: 'closed',
    channel: 'whatsapp',
    channelKey: 'whatsapp',
    channelLabel: 'WhatsApp',
    address: undefined,
    anchor,
    windowClosesAt: closes,
    dueAt: NOW,
    late: false,
    redelivery: false,
    slackChannel: 'default',
    current: status,
    after: evaluateWindow({ channel: 'whatsapp', now: closes, lastInboundAt: anchor }),
  } as Notice;
}

function groupOf(contacts: Contact[]): NoticeGroup {
  return {
    key: `default|reminder|${NOW.toISOString()}|on_time|0`,
    slackChannel: 'default',
    kind: 'reminder',
    minute: NOW,
    late: false,
    redelivery: false,
    digest: contacts.length > 1,
    part: 0,
    parts: 1,
    notices: contacts.map(reminderOf),
  };
}

function languageSink(contacts: Contact[], opts: Partial<SlackNoticeSinkOptions> = {}): SlackNoticeSink {
  const byId = new Map(contacts.map((c) => [c.id, c]));
  return sinkWith({
    language: CHANNEL_LANGUAGE,
    dmAssignee: true,
    loadContacts: async (ids) => ids.map((id) => byId.get(id)),
    ...opts,
  });
}

function reminderInputOf(c: Contact, notice: Notice) {
  return {
    contact: c,
    channel: c.channels[0]!,
    status: notice.current,
    closesAt: notice.windowClosesAt,
    assignee: notice.assignee,
    late: false,
  };
}

describe('SlackNoticeSink languages', () => {
  it(`posts in notifications.language (${CHANNEL_LANGUAGE}), DMs in the assignee's (${AGENT_LANGUAGE})`, async () => {
    await preferences.chooseLanguage(ASSIGNEE, AGENT_LANGUAGE);
    const [c] = people(1);
    const group = groupOf([c!]);
    await languageSink([c!]).post(group, 'claim-1');
    const posts = fake.callsTo('chat.postMessage');
    expect(posts.map((p) => p.channel)).toEqual([CHANNEL, ASSIGNEE]);
    const input = reminderInputOf(c!, group.notices[0]!);
    expect(posts[0]!.text).toBe(buildWindowReminder(translatorFor(CHANNEL_LANGUAGE), input).text);
    expect(posts[0]!.blocks).toEqual(buildWindowReminder(translatorFor(CHANNEL_LANGUAGE), input).blocks);
    expect(posts[1]!.text).toBe(buildWindowReminder(translatorFor(AGENT_LANGUAGE), input).text);
    // The channel post carries the claim; the DM does not.
    expect(posts[0]!.metadata).toMatchObject({ event_type: 'followup_notice', event_payload: { noticeId: 'claim-1' } });
    expect(posts[1]!.metadata).toBeUndefined();
    if (isLanguage(CHANNEL_LANGUAGE)) {
      expect(JSON.stringify(posts[0]!.blocks)).toContain(translatorFor(CHANNEL_LANGUAGE).t('notifications.followUp'));
    }
  });

  it('a digest goes to the channel in its language; each DM in the assignee’s Slack locale, read once', async () => {
    const locale = { de: 'de-DE', fr: 'fr-FR', es: 'es-ES', ar: 'ar', vi: 'vi-VN', en: 'en-US' }[AGENT_LANGUAGE];
    fake.respondWith('users.info', (args) => ({ ok: true, user: { id: args.user, locale } }));
    const contacts = people(3);
    const group = groupOf(contacts);
    await languageSink(contacts).post(group, 'claim-2');
    const posts = fake.callsTo('chat.postMessage');
    expect(posts.map((p) => p.channel)).toEqual([CHANNEL, ASSIGNEE, ASSIGNEE, ASSIGNEE]);
    const items = contacts.map((c, i) => reminderInputOf(c, group.notices[i]!));
    const digest = buildWindowDigest(translatorFor(CHANNEL_LANGUAGE), { kind: 'reminder', minute: NOW, items });
    expect(posts[0]!.text).toBe(digest.text);
    items.forEach((item, i) => {
      expect(posts[i + 1]!.text).toBe(buildWindowReminder(translatorFor(AGENT_LANGUAGE), item).text);
    });
    expect(fake.callsTo('users.info')).toHaveLength(1);
  });

  it('an assignee whose language cannot be read in time still gets the DM, after the channel post', async () => {
    const never = new Promise<never>(() => {});
    const stuck: AgentPreferences = { ...preferences, get: () => never };
    const [c] = people(1);
    const started = Date.now();
    await languageSink([c!], { agents: { preferences: stuck, clock: () => NOW }, dmLanguageWaitMs: 50 }).post(
      groupOf([c!]),
      'claim-3',
    );
    expect(Date.now() - started).toBeLessThan(1_000);
    const posts = fake.callsTo('chat.postMessage');
    expect(posts.map((p) => p.channel)).toEqual([CHANNEL, ASSIGNEE]);
    const input = reminderInputOf(c!, groupOf([c!]).notices[0]!);
    expect(posts[0]!.text).toBe(buildWindowReminder(translatorFor(CHANNEL_LANGUAGE), input).text);
    expect(posts[1]!.text).toBe(buildWindowReminder(translatorFor(lastKnownLanguage(ASSIGNEE)), input).text);
  });

  it('a store that fails the language read: the DM goes in the last known language, with a warning', async () => {
    const broken: AgentPreferences = {
      ...preferences,
      get: async () => {
        throw new Error('the store is not reachable');
      },
    };
    const [c] = people(1);
    const group = groupOf([c!]);
    // A first notice while the store answers: this process now knows the assignee's language.
    await preferences.chooseLanguage(ASSIGNEE, AGENT_LANGUAGE);
    await languageSink([c!]).post(group, 'claim-4a');
    fake.reset();
    await languageSink([c!], { agents: { preferences: broken, clock: () => NOW } }).post(group, 'claim-4');
    const posts = fake.callsTo('chat.postMessage');
    expect(posts.map((p) => p.channel)).toEqual([CHANNEL, ASSIGNEE]);
    const input = reminderInputOf(c!, group.notices[0]!);
    expect(posts[1]!.text).toBe(buildWindowReminder(translatorFor(AGENT_LANGUAGE), input).text);
    expect(warnings.join('\n')).toMatch(/UASSIGNEE1's language.*not reachable/);
  });
});
