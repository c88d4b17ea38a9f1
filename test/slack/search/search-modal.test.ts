import type {
  ActionsBlock,
  Button,
  InputBlock,
  KnownBlock,
  ModalView,
  PlainTextInput,
  SectionBlock,
  StaticSelect,
} from '@slack/types';
import { describe, expect, it } from 'vitest';
import {
  SEARCH_PAGE_SIZE_MAX,
  type SearchModalModel,
  buildSearchModalView,
  readSearchModalState,
} from '../../../src/slack/search/search-modal.js';
import { english as en, translatorFor } from '../../../src/slack/i18n/index.js';
import { ACTION, BLOCK, CALLBACK, actionPattern } from '../../../src/slack/shared/ids.js';
import { assertBlockKitLimits } from '../../support/block-kit-limits.js';
import { oneLine } from '../../../src/slack/shared/mrkdwn.js';
import { EVERY_LANGUAGE, cutPlainTexts, worstResults } from '../language/in-every-language.js';
import { INJECTION_ESCAPED, NOW, contact, expectNoRawControl, injectionContact, worstContact } from '../fixtures.js';

function model(overrides: Partial<SearchModalModel> = {}): SearchModalModel {
  return {
    query: { text: '', inbox: 'mine', status: 'closed' },
    canSeeAll: true,
    results: [],
    total: 0,
    page: 0,
    pageSize: 20,
    hasNext: false,
    privateMetadata: '{"k":"search"}',
    sandbox: false,
    now: NOW,
    ...overrides,
  };
}

const byId = (view: ModalView, id: string) =>
  view.blocks.find((b) => (b as KnownBlock).block_id === id) as KnownBlock | undefined;
const selects = (view: ModalView) => (byId(view, BLOCK.searchFilters) as ActionsBlock).elements as StaticSelect[];
const select = (view: ModalView, actionId: string) => selects(view).find((s) => s.action_id === actionId)!;
const json = (v: unknown) => JSON.stringify(v);

describe('buildSearchModalView', () => {
  it('is the search modal: callback, title, submit, metadata', () => {
    const view = buildSearchModalView(en, model());
    expect(view).toMatchObject({
      type: 'modal',
      callback_id: CALLBACK.search,
      title: { type: 'plain_text', text: 'Follow up' },
      submit: { type: 'plain_text', text: 'Search' },
      private_metadata: '{"k":"search"}',
    });
    assertBlockKitLimits('modal', view);
  });

  it('has a dispatching text search input that keeps the query', () => {
    const view = buildSearchModalView(en, model({ query: { text: 'nguyen', inbox: 'all', status: 'closed' } }));
    const input = byId(view, BLOCK.searchText) as InputBlock;
    expect(input).toMatchObject({ type: 'input', dispatch_action: true, optional: true });
    const el = input.element as PlainTextInput;
    expect(el).toMatchObject({
      type: 'plain_text_input',
      action_id: ACTION.searchText,
      initial_value: 'nguyen',
      dispatch_action_config: { trigger_actions_on: ['on_enter_pressed', 'on_character_entered'] },
    });
  });

  it('offers the inbox, status, channel and window filters with the current choice selected', () => {
    const view = buildSearchModalView(
      en,
      model({ query: { text: '', inbox: 'all', status: 'any', channel: 'viber', windowState: 'closing_soon' } }),
    );
    expect(selects(view).map((s) => s.action_id)).toEqual([
      ACTION.inbox,
      ACTION.status,
      ACTION.channel,
      ACTION.windowState,
    ]);
    expect(select(view, ACTION.inbox).options!.map((o) => o.value)).toEqual(['mine', 'all']);
    expect(select(view, ACTION.inbox).initial_option?.value).toBe('all');
    expect(select(view, ACTION.status).options!.map((o) => o.value)).toEqual(['closed', 'open', 'any']);
    expect(select(view, ACTION.status).initial_option?.value).toBe('any');
    expect(select(view, ACTION.channel).options).toHaveLength(11);
    expect(select(view, ACTION.channel).initial_option).toMatchObject({ value: 'viber', text: { text: '📞 Viber' } });
    const windowOptions = select(view, ACTION.windowState).options!;
    expect(windowOptions.map((o) => o.value)).toEqual([
      'any',
      'closing_soon',
      'no_window',
      'open',
      'human_agent',
      'template_only',
      'tag_only',
      'chatbot_initiated',
      'closed',
    ]);
    expect(windowOptions[1]!.text.text).toBe('⏳ Closing within 24 h');
    expect(select(view, ACTION.windowState).initial_option?.value).toBe('closing_soon');
  });

  it('defaults to Closed, any channel, any window', () => {
    const view = buildSearchModalView(en, model());
    expect(select(view, ACTION.status).initial_option?.value).toBe('closed');
    expect(select(view, ACTION.channel).initial_option?.value).toBe('any');
    expect(select(view, ACTION.windowState).initial_option?.value).toBe('any');
  });

  it('offers the All inbox only to agents who may see it', () => {
    const view = buildSearchModalView(
      en,
      model({ canSeeAll: false, query: { text: '', inbox: 'all', status: 'closed' } }),
    );
    expect(select(view, ACTION.inbox).options!.map((o) => o.value)).toEqual(['mine']);
    expect(select(view, ACTION.inbox).initial_option?.value).toBe('mine');
  });

  it('renders one section + badges per result with an Open button carrying the contact id', () => {
    const items = [worstContact(1), worstContact(2)];
    const view = buildSearchModalView(en, model({ results: items, total: 2 }));
    expect(view.blocks).toContainEqual({
      type: 'header',
      text: { type: 'plain_text', text: '2 contacts', emoji: true },
    });
    const sections = view.blocks.filter(
      (b): b is SectionBlock => b.type === 'section' && (b as SectionBlock).accessory?.type === 'button',
    );
    expect(sections).toHaveLength(2);
    const first = sections[0]!;
    const name = `${items[0]!.contact.firstName} ${items[0]!.contact.lastName}`;
    expect(first.text?.text.startsWith(`*${name}*\n`)).toBe(true);
    expect(first.text?.text).toContain(items[0]!.contact.email.slice(0, 50));
    expect(first.text?.text).toMatch(/<@U1001> · Closed <!date\^\d+\^\{date_short_pretty\} \{time\}\|/);
    const button = first.accessory as Button;
    expect(button).toMatchObject({ type: 'button', text: { text: 'Open' }, value: items[0]!.contact.id });
    expect(actionPattern(ACTION.openContact).test(button.action_id!)).toBe(true);
    const badges = view.blocks[view.blocks.indexOf(first) + 1]!;
    expect(badges.type).toBe('context');
    expect(json(badges)).toContain('📝 WhatsApp · template only');
    expect(json(badges)).toContain('⚪ Telegram · any time');
  });

  it('shows "Unassigned" and an open conversation', () => {
    const c = contact({ assignee: null, status: 'open' });
    const view = buildSearchModalView(en, model({ results: [{ contact: c, statuses: [] }], total: 1 }));
    expect(json(view)).toContain('Unassigned · Open since <!date^');
    expect(json(view)).toContain('1 contact"');
    expect(json(view)).toContain('No channels on record');
  });

  it('merges more than 10 channel badges into 10 context elements', () => {
    const a = worstContact(1);
    const b = worstContact(2);
    const many = { contact: a.contact, statuses: [...a.statuses, ...b.statuses] };
    const view = buildSearchModalView(en, model({ results: [many], total: 1 }));
    assertBlockKitLimits('modal', view);
    const ctx = view.blocks.find((x) => x.type === 'context' && json(x).includes('WhatsApp')) as {
      elements: unknown[];
    };
    expect(ctx.elements).toHaveLength(10);
    expect(json(ctx).match(/WhatsApp/g)).toHaveLength(2);
  });

  it('says when nothing matches, with hints that fit the query', () => {
    const view = buildSearchModalView(
      en,
      model({ query: { text: 'zz', inbox: 'mine', status: 'closed', channel: 'sms' }, canSeeAll: true }),
    );
    expect(json(view)).toContain('No contacts match');
    const hints = (byId(view, BLOCK.searchResults) as SectionBlock).text!.text;
    expect(hints).toMatch(/fewer letters/);
    expect(hints).toMatch(/\*All\*/);
    expect(hints).toMatch(/Any status/);
    expect(hints).toMatch(/filters to \*Any\*/);
    const restricted = buildSearchModalView(en, model({ canSeeAll: false }));
    expect(json(restricted)).toContain('Only contacts assigned to you are shown.');
    const plain = buildSearchModalView(en, model({ query: { text: '', inbox: 'all', status: 'any' } }));
    expect(json(plain)).toContain('No contacts yet');
  });

  it('paginates: previous and next buttons with the target page, and where we are', () => {
    const results = Array.from({ length: 20 }, (_, i) => worstContact(i));
    const middle = buildSearchModalView(en, model({ results, total: 93, page: 1, hasNext: true }));
    const paging = byId(middle, BLOCK.searchPaging) as ActionsBlock;
    expect(paging.elements.map((e) => [(e as Button).action_id, (e as Button).value])).toEqual([
      [ACTION.pagePrev, '0'],
      [ACTION.pageNext, '2'],
    ]);
    expect(json(middle)).toContain('Page 2 of 5 · 21–40 of 93');
    const first = buildSearchModalView(en, model({ results, total: 93, page: 0, hasNext: true }));
    expect((byId(first, BLOCK.searchPaging) as ActionsBlock).elements.map((e) => (e as Button).action_id)).toEqual([
      ACTION.pageNext,
    ]);
    const only = buildSearchModalView(en, model({ results: results.slice(0, 3), total: 3 }));
    expect(byId(only, BLOCK.searchPaging)).toBeUndefined();
  });

  it('shows a notice first, with its warning sign once, and marks the sandbox', () => {
    const notice = en.t('search.allInboxNotAllowed');
    const view = buildSearchModalView(en, model({ notice, sandbox: true }));
    expect(view.blocks[0]).toMatchObject({ block_id: BLOCK.notice, text: { text: notice } });
    expect(notice.match(/:warning:/g)).toHaveLength(1);
    expect(json(view.blocks[1])).toContain('Sandbox');
    const bare = buildSearchModalView(en, model({ notice: 'Search failed' }));
    expect(bare.blocks[0]).toMatchObject({ text: { text: ':warning: Search failed' } });
  });

  it('never renders more than the page size limit, and says so', () => {
    const results = Array.from({ length: 30 }, (_, i) => worstContact(i));
    const view = buildSearchModalView(en, model({ results, total: 30, pageSize: 30 }));
    expect(view.blocks.filter((b) => b.type === 'section' && (b as SectionBlock).accessory).length).toBe(
      SEARCH_PAGE_SIZE_MAX,
    );
    expect(json(view)).toContain('Showing the first 20 of 30');
    assertBlockKitLimits('modal', view);
  });

  it('stays within Block Kit limits for 100 worst-case contacts, page by page', () => {
    const all = Array.from({ length: 100 }, (_, i) => worstContact(i));
    for (let page = 0; page < 5; page++) {
      const view = buildSearchModalView(
        en,
        model({
          query: {
            text: 'Nguyễn Thị Minh Khai '.repeat(20).slice(0, 500),
            inbox: 'all',
            status: 'any',
            channel: 'whatsapp',
            windowState: 'closing_soon',
          },
          results: all.slice(page * 20, page * 20 + 20),
          total: 100,
          page,
          pageSize: 20,
          hasNext: page < 4,
          privateMetadata: 'm'.repeat(3000),
          notice: 'n'.repeat(2000),
          sandbox: true,
        }),
      );
      assertBlockKitLimits('modal', view);
      expect(view.blocks.length).toBeLessThanOrEqual(100);
    }
  });

  it('escapes a contact named with mrkdwn control sequences everywhere', () => {
    const evil = injectionContact();
    const view = buildSearchModalView(en, model({ results: [evil], total: 1 }));
    expect(expectNoRawControl(view)).toEqual([]);
    expect(json(view)).toContain(`*${INJECTION_ESCAPED}*`);
    expect(json(view)).toContain('&lt;!here&gt;@evil.example');
    assertBlockKitLimits('modal', view);
  });
});

describe('readSearchModalState', () => {
  it('reads the query back from view.state.values', () => {
    const sel = (value: string) => ({ type: 'static_select', selected_option: { value } });
    expect(
      readSearchModalState({
        [BLOCK.searchText]: { [ACTION.searchText]: { type: 'plain_text_input', value: '  ana ' } },
        [BLOCK.searchFilters]: {
          [ACTION.inbox]: sel('all'),
          [ACTION.status]: sel('open'),
          [ACTION.channel]: sel('line'),
          [ACTION.windowState]: sel('closing_soon'),
        },
      }),
    ).toEqual({ text: 'ana', inbox: 'all', status: 'open', channel: 'line', windowState: 'closing_soon' });
  });

  it('applies defaults and drops unknown or "any" values', () => {
    expect(
      readSearchModalState({
        [BLOCK.searchFilters]: {
          [ACTION.channel]: { selected_option: { value: 'any' } },
          [ACTION.windowState]: { selected_option: { value: 'bogus' } },
        },
      }),
    ).toEqual({ text: '', inbox: 'mine', status: 'closed' });
    expect(readSearchModalState(undefined)).toEqual({ text: '', inbox: 'mine', status: 'closed' });
  });
});

const STARRY = { firstName: 'Ann*Marie', lastName: '_VIP_' };
const STARRY_BOLD = '*Ann\u2217Marie \u02CDVIP\u02CD*';

describe('buildSearchModalView: names in bold', () => {
  it('keeps a name with * and _ in one bold run', () => {
    const view = buildSearchModalView(en, model({ results: [{ contact: contact(STARRY), statuses: [] }], total: 1 }));
    expect(json(view)).toContain(JSON.stringify(STARRY_BOLD).slice(1, -1));
    expect(json(view)).not.toContain('*Ann*');
  });
});

describe('buildSearchModalView: search text with nothing to search for', () => {
  it('says what to type instead, quoting the text (one line, cut, escaped), instead of results', () => {
    const text = `🦄 <!here> ${'*'.repeat(80)}`;
    const view = buildSearchModalView(
      en,
      model({ query: { text, inbox: 'all', status: 'closed' }, queryProblem: 'nothing_searchable' }),
    );
    const line = (byId(view, BLOCK.searchResults) as SectionBlock).text!.text;
    expect(line).toMatch(/^:mag: Nothing to search for in "🦄 &lt;!here&gt; \*+…": type part of a name/);
    expect(line).toContain('at least 4 digits');
    expect(json(view)).not.toContain('No contacts match');
    const phone = buildSearchModalView(
      en,
      model({ query: { text: '+84', inbox: 'all', status: 'closed' }, queryProblem: 'phone_too_short' }),
    );
    expect(json(phone)).toContain('Too few digits in \\"+84\\"');
  });
});

describe('buildSearchModalView in every language', () => {
  const worstQuery = {
    text: 'Nguyễn Thị Minh Khai '.repeat(20).slice(0, 500),
    inbox: 'all',
    status: 'any',
    channel: 'whatsapp',
    windowState: 'closing_soon',
  } as const;

  it.each(EVERY_LANGUAGE)('%s: 100 worst-case results page by page stay within Block Kit limits', (_code, t) => {
    const all = worstResults(100);
    for (let page = 0; page < 5; page++) {
      const view = buildSearchModalView(
        t,
        model({
          query: worstQuery,
          results: all.slice(page * 20, page * 20 + 20),
          total: 100_000,
          page,
          pageSize: 20,
          hasNext: page < 4,
          privateMetadata: 'm'.repeat(3000),
          notice: t.t('search.allInboxNotAllowed'),
          sandbox: true,
        }),
      );
      assertBlockKitLimits('modal', view);
      expect(cutPlainTexts(view)).toEqual([]);
      expect(view.title.text).toBe(t.t('search.title'));
      expect(view.submit?.text).toBe(t.t('search.submit'));
      expect(json(view)).toContain(json(t.t('search.count', { total: 100_000 })).slice(1, -1));
    }
    // All 100 on one page: 20 shown, and the line that says so.
    const one = buildSearchModalView(t, model({ results: all, total: 100, pageSize: 100, sandbox: true }));
    assertBlockKitLimits('modal', one);
    expect(json(one)).toContain(json(t.t('search.firstOfPage', { shown: 20, count: 100 })).slice(1, -1));
  });

  it.each(EVERY_LANGUAGE)('%s: every filter option, hint and problem line fits and is in the language', (code, t) => {
    const every = buildSearchModalView(
      t,
      model({ query: { text: 'zz', inbox: 'mine', status: 'closed', channel: 'sms', windowState: 'closed' } }),
    );
    assertBlockKitLimits('modal', every);
    expect(cutPlainTexts(every)).toEqual([]);
    expect(select(every, ACTION.windowState).options).toHaveLength(9);
    // Options are one line (blocks.ts `option`), which also turns French no-break spaces into spaces.
    expect(select(every, ACTION.status).initial_option?.text.text).toBe(oneLine(t.t('search.status.closed')));
    const hints = (byId(every, BLOCK.searchResults) as SectionBlock).text!.text;
    expect(hints.split('\n')).toEqual([
      t.t('search.hint.fewerLetters'),
      t.t('search.hint.allInbox'),
      t.t('search.hint.anyStatus'),
      t.t('search.hint.anyFilters'),
    ]);
    const empty = buildSearchModalView(
      t,
      model({ canSeeAll: false, query: { text: '', inbox: 'mine', status: 'any' } }),
    );
    expect(json(empty)).toContain(json(t.t('search.hint.ownInboxOnly')).slice(1, -1));
    for (const queryProblem of ['nothing_searchable', 'phone_too_short'] as const) {
      const view = buildSearchModalView(t, model({ query: worstQuery, queryProblem }));
      assertBlockKitLimits('modal', view);
    }
    expect(every.title.text).toBe(translatorFor(code).t('search.title'));
  });

  it('says the same in French as the French catalog does (fr exists)', () => {
    const fr = translatorFor('fr');
    expect(fr.language.code).toBe('fr');
    const view = buildSearchModalView(fr, model({ results: [worstResults(1)[0]!], total: 1 }));
    expect(view.title.text).toBe(fr.t('search.title'));
    expect(view.title.text).not.toBe('Follow up');
    expect(json(view)).toContain(fr.t('search.open'));
  });
});
