/**
 * routedListeners: the screens' actions and submissions reach Bolt as one listener each, and each request
 * runs exactly the listeners Bolt would have run had they been registered one by one.
 */
import type { App } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { actionPattern } from '../../../src/slack/shared/ids.js';
import { routedListeners } from '../../../src/slack/shared/listeners.js';

type Dispatch = (args: unknown) => Promise<void>;

/** A stand-in for Bolt's App: what was registered on it, by kind. */
function fakeApp() {
  const registered = { action: [] as Array<[unknown, Dispatch]>, view: [] as Array<[unknown, Dispatch]>, other: 0 };
  const app = {
    action: (id: unknown, fn: Dispatch) => registered.action.push([id, fn]),
    view: (id: unknown, fn: Dispatch) => registered.view.push([id, fn]),
    command: () => registered.other++,
    shortcut: () => registered.other++,
    event: () => registered.other++,
  };
  return { app: app as unknown as App, registered };
}

describe('routed listeners', () => {
  it('registers one Bolt listener for every action and one for every submission, matching any id', () => {
    const { app, registered } = fakeApp();
    const on = routedListeners(app);
    for (let i = 0; i < 20; i++) on.action(`a${i}`, async () => {});
    on.view('v1', async () => {});
    on.view('v2', async () => {});
    expect(registered.action).toHaveLength(1);
    expect(registered.view).toHaveLength(1);
    const [[actionIds], [viewIds]] = [registered.action[0]!, registered.view[0]!];
    for (const id of ['a', 'followup_open:7', 'x y', 'line\nbreak', '']) {
      expect((actionIds as RegExp).test(id), id).toBe(true);
      expect((viewIds as RegExp).test(id), id).toBe(true);
    }
  });

  it('runs the listeners whose id or pattern matches, and none for an unknown id', async () => {
    const { app, registered } = fakeApp();
    const on = routedListeners(app);
    const ran: string[] = [];
    on.action('followup_open', async () => void ran.push('exact open'));
    on.action(actionPattern('followup_open'), async () => void ran.push('open pattern'));
    on.action('followup_page_next', async ({ action }) => void ran.push(`next ${action.action_id}`));
    on.action('followup_page_next', async () => void ran.push('next, second listener'));
    const action = registered.action[0]![1];
    const actionArgs = (actionId: string) => ({ action: { action_id: actionId } });

    await action(actionArgs('followup_open'));
    expect(ran.splice(0)).toEqual(['exact open', 'open pattern']);
    await action(actionArgs('followup_open:12'));
    expect(ran.splice(0)).toEqual(['open pattern']);
    await action(actionArgs('followup_page_next'));
    expect(ran.splice(0)).toEqual(['next followup_page_next', 'next, second listener']);
    await action(actionArgs('followup_open_other'));
    await action(actionArgs('nobody_listens'));
    expect(ran).toEqual([]);
  });

  it('routes a submission by its callback_id, and lets a listener failure reach Bolt', async () => {
    const { app, registered } = fakeApp();
    const on = routedListeners(app);
    const ran: string[] = [];
    on.view('followup_search', async ({ view }) => void ran.push(`search ${view.callback_id}`));
    on.view('followup_compose', async () => {
      throw new Error('compose failed');
    });
    const view = registered.view[0]![1];
    await view({ view: { callback_id: 'followup_search' } });
    await view({ view: { callback_id: 'followup_unknown' } });
    expect(ran).toEqual(['search followup_search']);
    await expect(view({ view: { callback_id: 'followup_compose' } })).rejects.toThrow('compose failed');
  });
});
