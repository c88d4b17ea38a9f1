import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HomeView, ModalView } from '@slack/types';
import { WebClient } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { openView, publishView, pushView, trimViewAnswer, updateView } from '../../../src/slack/shared/views-api.js';

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

const echoed = { ok: true, view: { ...modal, id: 'V9', hash: 'h9', state: { values: {} }, team_id: 'T1' } };
const JSON_TYPE = 'application/json; charset=utf-8';
const trimmed = (url: string, answer: unknown, type: string | null = JSON_TYPE) =>
  trimViewAnswer(url, type, typeof answer === 'string' ? answer : JSON.stringify(answer));

describe("Slack's answers to views calls, trimmed (slackFetch applies this to every answer it receives)", () => {
  it('keeps of the echoed view its id and hash, and the rest of the answer, for each views method', () => {
    for (const method of ['views.open', 'views.push', 'views.update', 'views.publish']) {
      const answer = { ...echoed, response_metadata: { warnings: ['w'] } };
      expect(JSON.parse(trimmed(`http://127.0.0.1:9/api/${method}`, answer)), method).toEqual({
        ok: true,
        view: { id: 'V9', hash: 'h9' },
        response_metadata: { warnings: ['w'] },
      });
    }
  });

  it("leaves every other method, and Slack's refusals, as Slack answered them", () => {
    const posted = JSON.stringify(echoed);
    expect(trimmed('http://127.0.0.1:9/api/chat.postMessage', posted)).toBe(posted);
    expect(trimmed('http://127.0.0.1:9/api/views.openx', posted)).toBe(posted);
    const refusal = '{"ok":false,"error":"hash_conflict"}';
    expect(trimmed('http://127.0.0.1:9/api/views.update', refusal)).toBe(refusal);
  });

  it('leaves an answer that is not JSON, is malformed, or has no view object as it came', () => {
    const url = 'http://127.0.0.1:9/api/views.open';
    expect(trimmed(url, JSON.stringify(echoed), 'text/plain')).toBe(JSON.stringify(echoed));
    expect(trimmed(url, JSON.stringify(echoed), null)).toBe(JSON.stringify(echoed));
    expect(trimmed(url, '{"ok": tru')).toBe('{"ok": tru');
    expect(trimmed(url, '{"ok":true,"view":null}')).toBe('{"ok":true,"view":null}');
    expect(trimmed(url, 'null')).toBe('null');
  });
});
