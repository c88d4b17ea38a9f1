import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HomeView, ModalView } from '@slack/types';
import { WebClient } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import {
  openView,
  publishView,
  pushView,
  updateView,
  viewAnswersTrimmed,
} from '../../../src/slack/shared/views-api.js';

/** A client whose requests are captured, not sent: the method's URL and the form body it would have posted. */
function capturingClient() {
  const sent: Array<{ method: string; body: string }> = [];
  const fetch = async (url: string | URL | Request, init?: RequestInit) => {
    sent.push({ method: String(url).split('/').pop()!, body: String(init?.body) });
    return new Response(JSON.stringify({ ok: true, view: { id: 'V1', hash: 'h1' } }), {
      headers: { 'content-type': 'application/json' },
    });
  };
  const client = new WebClient('xoxb-test', { fetch, slackApiUrl: 'http://127.0.0.1:9/api/' });
  return { client, sent };
}

const modal: ModalView = {
  type: 'modal',
  title: { type: 'plain_text', text: 'Follow up — “ünïcode” & <tags>' },
  private_metadata: '{"q":"a&b=c"}',
  blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*&lt;!channel&gt;* 50% + 1 🙂\nnext line' } }],
};
const home: HomeView = { type: 'home', blocks: [{ type: 'divider' }] };

describe('views sent as JSON text', () => {
  it('posts exactly the body @slack/web-api posts for the same view as an object', async () => {
    const ours = capturingClient();
    const theirs = capturingClient();
    await openView(ours.client, { trigger_id: 'T1', view: modal });
    await theirs.client.views.open({ trigger_id: 'T1', view: modal });
    await pushView(ours.client, { trigger_id: 'T2', view: modal });
    await theirs.client.views.push({ trigger_id: 'T2', view: modal });
    await updateView(ours.client, { view_id: 'V1', hash: 'h1', view: modal });
    await theirs.client.views.update({ view_id: 'V1', hash: 'h1', view: modal });
    await updateView(ours.client, { view_id: 'V1', view: modal });
    await theirs.client.views.update({ view_id: 'V1', view: modal });
    await publishView(ours.client, { user_id: 'U1', view: home });
    await theirs.client.views.publish({ user_id: 'U1', view: home });
    expect(ours.sent.map((s) => s.method)).toEqual([
      'views.open',
      'views.push',
      'views.update',
      'views.update',
      'views.publish',
    ]);
    expect(ours.sent).toEqual(theirs.sent);
    expect(JSON.parse(new URLSearchParams(ours.sent[0]!.body).get('view')!)).toEqual(modal);
  });

  it("returns Slack's answer: the view's id and hash", async () => {
    const { client } = capturingClient();
    const opened = await openView(client, { trigger_id: 'T1', view: modal });
    expect(opened.view?.id).toBe('V1');
    expect(opened.view?.hash).toBe('h1');
  });
});

describe('every view goes through views-api', () => {
  it('no file of src/ calls client.views.* itself', () => {
    const src = join(dirname(fileURLToPath(import.meta.url)), '../../../src');
    const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    const direct = files.filter((f) =>
      /\.views\s*\.\s*(open|push|update|publish)\b/.test(readFileSync(join(src, f), 'utf8')),
    );
    expect(files.length).toBeGreaterThan(50);
    expect(direct).toEqual([]);
  });
});

/** A fetch answering every call with `answer` (JSON unless a string), and the calls it got. */
function answering(answer: unknown, init: ResponseInit = {}) {
  const urls: string[] = [];
  const fetch = async (url: string | URL | Request) => {
    urls.push(String(url));
    const body = typeof answer === 'string' ? answer : JSON.stringify(answer);
    const type = typeof answer === 'string' ? 'text/plain' : 'application/json; charset=utf-8';
    const headers = { 'content-type': type, 'content-length': String(Buffer.byteLength(body)), 'x-oauth-scopes': 'a' };
    return new Response(body, { ...init, headers });
  };
  return { fetch: fetch as typeof globalThis.fetch, urls };
}

const echoed = { ok: true, view: { ...modal, id: 'V9', hash: 'h9', state: { values: {} }, team_id: 'T1' } };

describe("Slack's answers to views calls, trimmed", () => {
  const clientWith = (fetch: typeof globalThis.fetch) =>
    new WebClient('xoxb-test', { fetch: viewAnswersTrimmed(fetch), slackApiUrl: 'http://127.0.0.1:9/api/' });

  it('keeps of the echoed view its id and hash, and the rest of the answer', async () => {
    const client = clientWith(answering({ ...echoed, response_metadata: { warnings: ['w'] } }).fetch);
    const opened = await openView(client, { trigger_id: 'T1', view: modal });
    expect(opened.view).toEqual({ id: 'V9', hash: 'h9' });
    expect(opened).toMatchObject({
      ok: true,
      response_metadata: { warnings: ['w'], scopes: ['a'] },
    });
    for (const call of [
      () => pushView(client, { trigger_id: 'T2', view: modal }),
      () => updateView(client, { view_id: 'V9', view: modal }),
      () => publishView(client, { user_id: 'U1', view: home }),
    ]) {
      expect((await call()).view).toEqual({ id: 'V9', hash: 'h9' });
    }
  });

  it('says the trimmed answer is as long as it is', async () => {
    const trimmed = await viewAnswersTrimmed(answering(echoed).fetch)('http://127.0.0.1:9/api/views.open');
    const length = trimmed.headers.get('content-length');
    const body = await trimmed.text();
    expect(JSON.parse(body).view).toEqual({ id: 'V9', hash: 'h9' });
    expect(length === null || Number(length) === Buffer.byteLength(body)).toBe(true);
  });

  it('passes every other method through as Slack answered it', async () => {
    const client = clientWith(answering(echoed).fetch);
    const answer = await client.apiCall('chat.postMessage', { channel: 'C1', text: 'hi' });
    expect((answer as { view?: unknown }).view).toEqual(echoed.view);
  });

  it("leaves Slack's refusals as they were: hash_conflict still reaches the caller", async () => {
    const client = clientWith(answering({ ok: false, error: 'hash_conflict' }).fetch);
    await expect(updateView(client, { view_id: 'V9', hash: 'old', view: modal })).rejects.toMatchObject({
      data: { ok: false, error: 'hash_conflict' },
    });
  });

  it('passes an answer that is not JSON, or has no view, through with its status', async () => {
    const text = await viewAnswersTrimmed(answering('upstream timeout', { status: 503 }).fetch)(
      'http://127.0.0.1:9/api/views.open',
    );
    expect([text.status, await text.text()]).toEqual([503, 'upstream timeout']);
    const broken = await viewAnswersTrimmed(answering('{"ok": tru', {}).fetch)('http://127.0.0.1:9/api/views.open');
    expect(await broken.text()).toBe('{"ok": tru');
    const plain = await viewAnswersTrimmed(answering({ ok: true, view: null }).fetch)(
      new URL('http://127.0.0.1:9/api/views.update'),
    );
    expect(await plain.json()).toEqual({ ok: true, view: null });
  });
});
