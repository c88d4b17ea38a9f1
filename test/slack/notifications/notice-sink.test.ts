/**
 * The notice sink's side of "posted once after a crash": each channel post carries its notice id in message
 * metadata, and `findPosted` finds it again in the channel's history (fake Slack Web API on 127.0.0.1).
 */
import { LogLevel, WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SlackNoticeSink } from '../../../src/slack/notifications/index.js';
import { type FakeSlack, startFakeSlack } from '../../support/fake-slack.js';

const CHANNEL = 'C0NOTIFY01';

let fake: FakeSlack;
let warnings: string[];
let sink: SlackNoticeSink;

beforeEach(async () => {
  fake = await startFakeSlack();
  warnings = [];
  const client = new WebClient('xoxb-test', {
    slackApiUrl: fake.url,
    retryConfig: { retries: 0 },
    logLevel: LogLevel.ERROR,
  });
  sink = new SlackNoticeSink({
    client,
    channel: CHANNEL,
    loadContacts: async () => [],
    dmAssignee: false,
    logger: { warn: (...a: unknown[]) => void warnings.push(a.map(String).join(' ')) },
    paceMs: 0,
  });
});
afterEach(async () => {
  await fake.close();
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
