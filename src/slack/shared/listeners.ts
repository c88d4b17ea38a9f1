/**
 * The screens' listeners, registered with Bolt as one listener per kind of request that routes by id. Bolt
 * runs every registered listener's middleware chain on every request (a copy of its array, a closure and
 * promises per listener, to find that most do not match): with a listener per control (17 actions, 2 views)
 * that was the largest cost Followup added to a bare Bolt app per request, and about a tenth of what it
 * allocated. Here an action or a submission finds its listeners in a table; commands, shortcuts and events
 * (one or two of each) stay Bolt's own.
 */
import type {
  AllMiddlewareArgs,
  App,
  BlockAction,
  SlackActionMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';

export type ActionListener<A extends BlockAction = BlockAction> = (
  args: SlackActionMiddlewareArgs<A> & AllMiddlewareArgs,
) => Promise<void>;
export type ViewListener<V extends ViewSubmitAction = ViewSubmitAction> = (
  args: SlackViewMiddlewareArgs<V> & AllMiddlewareArgs,
) => Promise<void>;

/** What a screen's register() registers on: Bolt's own methods, with actions and submissions routed. */
export interface SlackListeners {
  command: App['command'];
  shortcut: App['shortcut'];
  event: App['event'];
  /** A block action by its action_id: exactly, or by pattern (`ACTION_MATCH`). */
  action<A extends BlockAction = BlockAction>(actionId: string | RegExp, listener: ActionListener<A>): void;
  /** A view submission by its callback_id. */
  view<V extends ViewSubmitAction = ViewSubmitAction>(callbackId: string, listener: ViewListener<V>): void;
}

/** Listeners by exact id, then by pattern, in the order registered. */
class RouteTable<L> {
  private readonly exact = new Map<string, L[]>();
  private readonly patterns: Array<[RegExp, L]> = [];

  add(id: string | RegExp, listener: L): void {
    if (typeof id !== 'string') {
      this.patterns.push([id, listener]);
      return;
    }
    const listeners = this.exact.get(id);
    if (listeners) listeners.push(listener);
    else this.exact.set(id, [listener]);
  }

  /** Every listener for `id`, as Bolt would have run them: each whose id or pattern matches. */
  find(id: string): L[] {
    const found = [...(this.exact.get(id) ?? [])];
    for (const [pattern, listener] of this.patterns) if (pattern.test(id)) found.push(listener);
    return found;
  }
}

/**
 * Registers on `app` one listener for block actions and one for view submissions, and returns the
 * registration methods the screens use. A request no listener matches is left unanswered, as Bolt leaves it.
 */
export function routedListeners(app: App): SlackListeners {
  const actions = new RouteTable<ActionListener>();
  const views = new RouteTable<ViewListener>();
  app.action<BlockAction>(/[\s\S]*/, async (args) => {
    await Promise.all(actions.find(args.action.action_id).map((listener) => listener(args)));
  });
  app.view<ViewSubmitAction>(/[\s\S]*/, async (args) => {
    await Promise.all(views.find(args.view.callback_id).map((listener) => listener(args)));
  });
  return {
    command: app.command.bind(app),
    shortcut: app.shortcut.bind(app),
    event: app.event.bind(app),
    action: (actionId, listener) => actions.add(actionId, listener as ActionListener),
    view: (callbackId, listener) => views.add(callbackId, listener as ViewListener),
  };
}
