/**
 * The small modals every screen shares (loading, "something went wrong", a message) in every language
 * Followup speaks: within Slack's limits with their words uncut, and shown by openThenRender / renderInto in
 * the acting agent's language (fake Slack Web API on 127.0.0.1).
 */
import type { ModalView, SectionBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, type MessageKey, translatorFor } from '../../../src/slack/i18n/index.js';
import { openThenRender, renderInto } from '../../../src/slack/shared/modal.js';
import { buildLoadingModalView, buildMessageModalView } from '../../../src/slack/shared/notice-modal.js';
import { LIMITS, assertBlockKitLimits } from '../../support/block-kit-limits.js';
import { type ListenerWorld, useListenerWorld } from '../listener-world.js';

let w: ListenerWorld;
useListenerWorld((world) => {
  w = world;
});

const textOf = (view: ModalView) => (view.blocks[0] as SectionBlock).text!.text;

/** Titles these modals show, from the app part: each must fit a modal title uncut in every language. */
const TITLES: MessageKey[] = ['app.title', 'app.failedTitle', 'app.storeDownTitle'];

describe.each(LANGUAGES.map((l) => [l.code]))('shared modals in %s', (code) => {
  const t = translatorFor(code);

  it('every title and the Close button fit Slack’s 24 characters without being cut', () => {
    for (const key of TITLES) {
      expect(t.t(key).length, `${code} ${key}: "${t.t(key)}"`).toBeLessThanOrEqual(LIMITS.modalTitle);
    }
    expect(t.t('app.close').length).toBeLessThanOrEqual(LIMITS.modalButton);
  });

  it('the loading view is in the language and within limits', () => {
    const view = buildLoadingModalView(t);
    assertBlockKitLimits('modal', view);
    expect(view.title.text).toBe(t.t('app.title'));
    expect(view.close?.text).toBe(t.t('app.close'));
    expect(textOf(view)).toContain(t.t('app.loading'));
  });

  it('"something went wrong" and "store down" are in the language and within limits', () => {
    const failed = buildMessageModalView(t, t.t('app.failedTitle'), t.t('app.failed'));
    assertBlockKitLimits('modal', failed);
    expect(failed.title.text).toBe(t.t('app.failedTitle'));
    expect(textOf(failed)).toBe(t.t('app.failed'));
    const down = buildMessageModalView(t, t.t('app.storeDownTitle'), `:warning: ${t.t('app.storeDown')}`);
    assertBlockKitLimits('modal', down);
  });

  it('a render that fails shows "something went wrong" in the agent’s language after the loading view', async () => {
    await openThenRender(w.client, w.logger, t, { triggerId: 'trigger-1', budgetMs: 0 }, async () => {
      await new Promise((r) => setTimeout(r, 20));
      throw new Error('the store is not reachable');
    });
    const [opened] = w.fake.callsTo('views.open');
    expect(opened!.view.title.text).toBe(t.t('app.title'));
    expect(JSON.stringify(opened!.view)).toContain(t.t('app.loading'));
    const [updated] = w.fake.callsTo('views.update');
    expect(updated!.view.title.text).toBe(t.t('app.failedTitle'));
    expect(updated!.view.close.text).toBe(t.t('app.close'));
    assertBlockKitLimits('modal', updated!.view);
    expect(w.logger.errors).toHaveLength(1);
  });

  it('renderInto updates the view with the agent’s words when rendering fails', async () => {
    await renderInto(w.client, w.logger, t, 'VVIEW001', 'hash-1', async () => {
      throw new Error('boom');
    });
    const [updated] = w.fake.callsTo('views.update');
    expect(updated).toMatchObject({ view_id: 'VVIEW001', hash: 'hash-1' });
    expect(textOf(updated!.view)).toBe(t.t('app.failed'));
  });
});

describe('buildMessageModalView', () => {
  it('clips long text (customer data) to a section’s 3000 characters, never the title', () => {
    const t = translatorFor('en');
    const view = buildMessageModalView(t, 'Not sent', 'x'.repeat(5000), { context: 'y'.repeat(4000) });
    assertBlockKitLimits('modal', view);
    expect(view.title.text).toBe('Not sent');
    expect(textOf(view)).toHaveLength(3000);
  });
});
