/**
 * Every screen's register(): each interactive id the views use has exactly one listener, so a builder and its
 * listener cannot drift apart, and a screen whose register() forgets one fails here.
 */
import { describe, expect, it } from 'vitest';
import { register as registerCompose } from '../../src/slack/compose/index.js';
import { register as registerContact } from '../../src/slack/contact/index.js';
import { register as registerHome } from '../../src/slack/home/index.js';
import { register as registerLanguage } from '../../src/slack/language/index.js';
import { register as registerNotifications } from '../../src/slack/notifications/index.js';
import { register as registerSearch } from '../../src/slack/search/index.js';
import type { SlackServices } from '../../src/slack/services.js';
import type { SlackListeners } from '../../src/slack/shared/listeners.js';
import { ACTION, ACTION_MATCH, CALLBACK, COMMAND, SHORTCUT_CALLBACK } from '../../src/slack/shared/ids.js';

type Matcher = string | RegExp;
const SCREENS = {
  search: registerSearch,
  contact: registerContact,
  compose: registerCompose,
  home: registerHome,
  language: registerLanguage,
  notifications: registerNotifications,
};

/** What each screen registered, by kind of listener. */
function registrations() {
  const seen = {
    command: [] as Matcher[],
    shortcut: [] as Matcher[],
    action: [] as Array<[Matcher, string]>,
    view: [] as Matcher[],
    event: [] as Matcher[],
  };
  for (const [screen, register] of Object.entries(SCREENS)) {
    const app = {
      command: (id: Matcher) => seen.command.push(id),
      shortcut: (id: Matcher) => seen.shortcut.push(id),
      action: (id: Matcher) => seen.action.push([id, screen]),
      view: (id: Matcher) => seen.view.push(id),
      event: (id: Matcher) => seen.event.push(id),
    };
    register(app as unknown as SlackListeners, {} as SlackServices);
  }
  return seen;
}

const matches = (m: Matcher, id: string) => (typeof m === 'string' ? m === id : m.test(id));

/** Inputs read from the view on submit, with no listener of their own. */
const READ_ON_SUBMIT: string[] = [ACTION.text];

describe('screen registration', () => {
  const seen = registrations();

  it('every action id the views use has exactly one listener (repeated elements with their suffix too)', () => {
    const repeated = Object.keys(ACTION_MATCH).map((name) => ACTION[name as keyof typeof ACTION]);
    const fired = Object.values(ACTION)
      .filter((id) => !READ_ON_SUBMIT.includes(id))
      .flatMap((id) => (repeated.includes(id) ? [id, `${id}:3`] : [id]));
    for (const id of fired) {
      const owners = seen.action.filter(([m]) => matches(m, id)).map(([, screen]) => screen);
      expect(owners, `${id} is handled by ${owners.length} listeners`).toHaveLength(1);
    }
    for (const id of READ_ON_SUBMIT) expect(seen.action.filter(([m]) => matches(m, id))).toEqual([]);
  });

  it('the slash command, the shortcut, both submissions and the Home tab are wired', () => {
    expect(seen.command).toEqual([COMMAND]);
    expect(seen.shortcut).toEqual([SHORTCUT_CALLBACK]);
    expect(seen.view.sort()).toEqual([CALLBACK.compose, CALLBACK.search].sort());
    expect(seen.event).toEqual(['app_home_opened', 'user_change']);
  });
});
