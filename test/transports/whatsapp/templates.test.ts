/** Contract: template sync against a fake GET /{waba-id}/message_templates with cursor paging. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { templateSchema } from '../../../src/policy/index.js';
import { createWhatsappChannel } from '../../../src/transports/whatsapp/index.js';
import { ACCESS_TOKEN, type FakeGraph, PHONE_NUMBER_ID, WABA_ID, startFakeGraph, testDeps } from './fake-graph.js';

let fake: FakeGraph;

beforeAll(async () => {
  fake = await startFakeGraph();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.requests.length = 0;
});

function sync(extra: Record<string, unknown> = {}, deps = testDeps()) {
  const channel = createWhatsappChannel(
    {
      type: 'whatsapp',
      id: PHONE_NUMBER_ID,
      options: {
        phoneNumberId: PHONE_NUMBER_ID,
        accessToken: ACCESS_TOKEN,
        wabaId: WABA_ID,
        baseUrl: fake.baseUrl,
        apiVersion: 'v22.0',
        ...extra,
      },
    },
    deps,
  );
  return channel.syncTemplates!();
}

const page1 = [
  {
    name: 'order_update',
    language: 'en_US',
    status: 'APPROVED',
    category: 'UTILITY',
    components: [
      { type: 'HEADER', format: 'TEXT', text: 'Order news' },
      { type: 'BODY', text: 'Hi {{1}}, order {{2}} has shipped.' },
      { type: 'FOOTER', text: 'Reply STOP to opt out' },
    ],
    id: '594425479261596',
  },
  {
    name: 'image_only',
    language: 'en_US',
    status: 'APPROVED',
    category: 'MARKETING',
    components: [{ type: 'HEADER', format: 'IMAGE' }],
    id: '2',
  },
  {
    name: 'follow_up_named',
    language: 'pt_BR',
    status: 'PENDING',
    category: 'MARKETING',
    parameter_format: 'NAMED',
    components: [{ type: 'BODY', text: 'Olá {{first_name}}!' }],
    id: '3',
  },
];
const page2 = [
  {
    name: 'paused_one',
    language: 'vi',
    status: 'PAUSED',
    category: 'MARKETING',
    components: [{ type: 'BODY', text: 'Ưu đãi {{1}}' }],
    id: '4',
  },
  {
    name: 'rejected_one',
    language: 'en',
    status: 'REJECTED',
    category: 'UTILITY',
    components: [{ type: 'BODY', text: 'x' }],
    id: '5',
  },
  {
    name: 'disabled_one',
    language: 'en',
    status: 'DISABLED',
    category: 'AUTHENTICATION',
    components: [{ type: 'BODY', text: '{{1}} is your code.' }],
    id: '6',
  },
  {
    name: 'appeal_one',
    language: 'en',
    status: 'IN_APPEAL',
    category: 'UTILITY',
    components: [{ type: 'BODY', text: 'y' }],
    id: '7',
  },
  {
    name: 'deleting',
    language: 'en',
    status: 'PENDING_DELETION',
    category: 'UTILITY',
    components: [{ type: 'BODY', text: 'z' }],
    id: '8',
  },
];

describe('whatsapp-cloud syncTemplates', () => {
  it('requests the documented fields, follows paging.next and keeps Meta statuses', async () => {
    fake.answer((req, base) =>
      req.url.includes('after=')
        ? { status: 200, body: { data: page2, paging: { cursors: { before: 'QVFIUm', after: 'QVFIUn' } } } }
        : {
            status: 200,
            body: {
              data: page1,
              paging: {
                cursors: { before: 'MAZDZD', after: 'MgZDZD' },
                next:
                  `${base}/v22.0/${WABA_ID}/message_templates` +
                  '?fields=name,language,status,category,components&limit=100&after=MgZDZD',
              },
            },
          },
    );
    const deps = testDeps();
    const templates = await sync({}, deps);

    expect(fake.requests).toHaveLength(2);
    const first = new URL(fake.requests[0]!.url, fake.baseUrl);
    expect(fake.requests[0]!.method).toBe('GET');
    expect(first.pathname).toBe(`/v22.0/${WABA_ID}/message_templates`);
    expect(first.searchParams.get('fields')).toBe('name,language,status,category,components');
    expect(first.searchParams.get('limit')).toBe('100');
    expect(fake.requests[0]!.headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
    expect(new URL(fake.requests[1]!.url, fake.baseUrl).searchParams.get('after')).toBe('MgZDZD');
    expect(fake.requests[1]!.headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);

    expect(templates).toEqual([
      {
        name: 'order_update',
        language: 'en_US',
        category: 'UTILITY',
        status: 'APPROVED',
        body: 'Hi {{1}}, order {{2}} has shipped.',
        channelId: PHONE_NUMBER_ID,
      },
      {
        name: 'follow_up_named',
        language: 'pt_BR',
        category: 'MARKETING',
        status: 'PENDING',
        body: 'Olá {{first_name}}!',
        channelId: PHONE_NUMBER_ID,
      },
      {
        name: 'paused_one',
        language: 'vi',
        category: 'MARKETING',
        status: 'PAUSED',
        body: 'Ưu đãi {{1}}',
        channelId: PHONE_NUMBER_ID,
      },
      {
        name: 'rejected_one',
        language: 'en',
        category: 'UTILITY',
        status: 'REJECTED',
        body: 'x',
        channelId: PHONE_NUMBER_ID,
      },
      {
        name: 'disabled_one',
        language: 'en',
        category: 'AUTHENTICATION',
        status: 'DISABLED',
        body: '{{1}} is your code.',
        channelId: PHONE_NUMBER_ID,
      },
      {
        name: 'appeal_one',
        language: 'en',
        category: 'UTILITY',
        status: 'IN_APPEAL',
        body: 'y',
        channelId: PHONE_NUMBER_ID,
      },
    ]);
    for (const t of templates) expect(templateSchema.safeParse(t).success).toBe(true);
    // A status the template schema has no place for is skipped with a warning, not guessed.
    expect(deps.logs.some((l) => l.level === 'warn' && String(l.args[0]).includes('deleting/en'))).toBe(true);
  });

  it('throws on a Graph error (e.g. an expired token), naming the code', async () => {
    fake.answer(() => ({
      status: 401,
      body: {
        error: {
          message: 'Error validating access token: Session has expired',
          type: 'OAuthException',
          code: 190,
          fbtrace_id: 'Ztrace',
        },
      },
    }));
    await expect(sync()).rejects.toThrow(
      /HTTP 401: Error validating access token: Session has expired \[fbtrace_id Ztrace\]/,
    );
  });

  it('never sends the token to another host named by paging.next', async () => {
    fake.answer(() => ({
      status: 200,
      body: { data: [], paging: { next: 'https://evil.example.net/v22.0/x?after=1' } },
    }));
    await expect(sync()).rejects.toThrow(/another host/);
    expect(fake.requests).toHaveLength(1);
  });

  it('stops when paging.next repeats itself', async () => {
    fake.answer((_req, base) => ({
      status: 200,
      body: { data: [], paging: { next: `${base}/v22.0/${WABA_ID}/message_templates?after=same` } },
    }));
    await expect(sync()).resolves.toEqual([]);
    expect(fake.requests).toHaveLength(2);
  });

  it('is absent without a wabaId', () => {
    const channel = createWhatsappChannel(
      { type: 'whatsapp', options: { phoneNumberId: PHONE_NUMBER_ID, accessToken: ACCESS_TOKEN } },
      testDeps(),
    );
    expect(channel.syncTemplates).toBeUndefined();
  });
});
