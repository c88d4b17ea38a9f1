/**
 * The search modal: find a contact whose conversation is closed and see each channel's window at a glance.
 * Pure: the listener runs the search and passes the page in; `now` only colours the badges. Every word is the
 * agent's language (`t`); customer data is escaped and never translated.
 */
import type { KnownBlock, ModalView, PlainTextOption, StaticSelect } from '@slack/types';
import { displayName } from '../../contacts/model.js';
import { MIN_PHONE_DIGITS } from '../../contacts/normalize.js';
import type { QueryTextProblem } from '../../contacts/query.js';
import { CHANNEL_TYPES, type ChannelType, WINDOW_STATES, type WindowState } from '../../policy/index.js';
import type { MessageKey, Translator } from '../i18n/index.js';
import {
  actions,
  button,
  context,
  divider,
  header,
  initialOption,
  option,
  plain,
  section,
  stateSelected,
  stateText,
  type ViewStateValues,
} from '../shared/blocks.js';
import {
  type ContactWithStatuses,
  WINDOW_STATE_EMOJI,
  assigneeText,
  channelName,
  contactBadges,
  conversationText,
  reachText,
  windowStateText,
} from '../shared/format.js';
import { ACTION, BLOCK, CALLBACK, repeatedActionId } from '../shared/ids.js';
import { boldName, escapeTruncated, plainSafe, truncate, warningText } from '../shared/mrkdwn.js';

/** 2 blocks per result: 20 results + the fixed blocks stay well under the 100-block modal limit. */
export const SEARCH_PAGE_SIZE_MAX = 20;
const NAME_MAX = 150;
/** How much of the typed text a query problem quotes. */
const QUOTED_MAX = 40;
/** Slack's limit for a button's accessibility_label. */
const ACCESSIBILITY_LABEL_MAX = 75;

export type InboxFilter = 'mine' | 'all';
export type StatusFilter = 'closed' | 'open' | 'any';
export type WindowFilter = WindowState | 'closing_soon';

export interface SearchModalQuery {
  text: string;
  inbox: InboxFilter;
  status: StatusFilter;
  channel?: ChannelType;
  windowState?: WindowFilter;
}

export interface SearchModalModel {
  query: SearchModalQuery;
  /** Whether the viewer may search every agent's contacts (else the inbox is always "Mine"). */
  canSeeAll: boolean;
  results: ContactWithStatuses[];
  /** Matches over all pages. */
  total: number;
  /** 0-based. */
  page: number;
  pageSize: number;
  hasNext: boolean;
  privateMetadata: string;
  /** A warning shown at the top: mrkdwn in the agent's language, escaped by whoever made it. */
  notice?: string;
  /** Why the search text was not searched: shown instead of results (the text is quoted, escaped here). */
  queryProblem?: QueryTextProblem;
  sandbox: boolean;
  now: Date;
}

/** Sentinel option value for "no filter" (option values must be non-empty). */
export const ANY = 'any';

const INBOX_OPTION: Record<InboxFilter, MessageKey> = { mine: 'search.inbox.mine', all: 'search.inbox.all' };
const STATUS_OPTION: Record<StatusFilter, MessageKey> = {
  closed: 'search.status.closed',
  open: 'search.status.open',
  any: 'search.status.any',
};
const PROBLEM_LINE: Record<QueryTextProblem, MessageKey> = {
  nothing_searchable: 'search.problem.nothingSearchable',
  phone_too_short: 'search.problem.phoneTooShort',
};

function inboxOptions(t: Translator, canSeeAll: boolean): PlainTextOption[] {
  const values: InboxFilter[] = canSeeAll ? ['mine', 'all'] : ['mine'];
  return values.map((v) => option(t.t(INBOX_OPTION[v]), v));
}

function statusOptions(t: Translator): PlainTextOption[] {
  return (['closed', 'open', 'any'] as const).map((v) => option(t.t(STATUS_OPTION[v]), v));
}

function channelOptions(t: Translator): PlainTextOption[] {
  return [option(t.t('search.channel.any'), ANY), ...CHANNEL_TYPES.map((c) => option(channelName(t, c), c))];
}

function windowOptions(t: Translator): PlainTextOption[] {
  return [
    option(t.t('search.window.any'), ANY),
    option(t.t('search.window.closingSoon'), 'closing_soon'),
    ...WINDOW_STATES.map((s) => option(`${WINDOW_STATE_EMOJI[s]} ${windowStateText(t, s, 'filter')}`, s)),
  ];
}

function select(actionId: string, placeholder: string, options: PlainTextOption[], selected: string): StaticSelect {
  const el: StaticSelect = {
    type: 'static_select',
    action_id: actionId,
    // A translation, never cut: the tests render every catalog against the 150-character limit.
    placeholder: plain(placeholder),
    options,
  };
  const initial = initialOption(options, selected) ?? options[0];
  if (initial) el.initial_option = initial as PlainTextOption;
  return el;
}

function noResultsHints(t: Translator, model: SearchModalModel): string[] {
  const { query, canSeeAll } = model;
  const hints: string[] = [];
  if (query.text.trim()) hints.push(t.t('search.hint.fewerLetters'));
  if (query.inbox === 'mine') hints.push(t.t(canSeeAll ? 'search.hint.allInbox' : 'search.hint.ownInboxOnly'));
  if (query.status !== 'any') hints.push(t.t('search.hint.anyStatus'));
  if (query.channel || query.windowState) hints.push(t.t('search.hint.anyFilters'));
  if (hints.length === 0) hints.push(t.t('search.hint.noContacts', { importCommand: 'followup import' }));
  return hints;
}

/**
 * "Open <name>" for a screen reader, within the label's 75 characters: the name is cut, never the words.
 * Exported for App Home's Open buttons.
 */
export function openLabel(t: Translator, key: MessageKey, name: string): string {
  // Two more for the isolates a right-to-left language puts around the name.
  const room = ACCESSIBILITY_LABEL_MAX - t.t(key, { name: '' }).length - 2;
  return t.t(key, { name: truncate(plainSafe(name), Math.max(room, 8)) });
}

function resultBlocks(t: Translator, item: ContactWithStatuses, index: number, now: Date): KnownBlock[] {
  const { contact, statuses } = item;
  const lines = [boldName(displayName(contact), NAME_MAX)];
  const reach = reachText(t, contact);
  if (reach) lines.push(reach);
  lines.push(`${assigneeText(t, contact.assignee)} · ${conversationText(t, contact)}`);
  const blocks: KnownBlock[] = [
    section(lines.join('\n'), {
      accessory: button(t.t('search.open'), repeatedActionId(ACTION.openContact, index), contact.id, {
        accessibilityLabel: openLabel(t, 'search.openLabel', displayName(contact)),
      }),
    }),
  ];
  const badges = contactBadges(t, statuses, now);
  blocks.push(context(badges.length ? badges : [t.t('search.noChannels')]));
  return blocks;
}

/** The typed text as a problem line quotes it: one line, cut to QUOTED_MAX, escaped. */
function quoted(text: string): string {
  return escapeTruncated(text.trim().replace(/\s+/g, ' '), QUOTED_MAX);
}

export function buildSearchModalView(t: Translator, model: SearchModalModel): ModalView {
  const { query, now } = model;
  const blocks: KnownBlock[] = [];

  if (model.notice) blocks.push(section(warningText(model.notice), { block_id: BLOCK.notice }));
  if (model.sandbox) blocks.push(context([t.t('search.sandbox')]));

  blocks.push({
    type: 'input',
    block_id: BLOCK.searchText,
    optional: true,
    dispatch_action: true,
    label: plain(t.t('search.input.label')),
    hint: plain(t.t('search.input.hint')),
    element: {
      type: 'plain_text_input',
      action_id: ACTION.searchText,
      placeholder: plain(t.t('search.input.placeholder')),
      dispatch_action_config: { trigger_actions_on: ['on_enter_pressed', 'on_character_entered'] },
      max_length: 500,
      ...(query.text ? { initial_value: query.text.slice(0, 500) } : {}),
    },
  });

  const inbox = model.canSeeAll ? query.inbox : 'mine';
  blocks.push(
    actions(
      [
        select(ACTION.inbox, t.t('search.filter.inbox'), inboxOptions(t, model.canSeeAll), inbox),
        select(ACTION.status, t.t('search.filter.status'), statusOptions(t), query.status),
        select(ACTION.channel, t.t('search.filter.channel'), channelOptions(t), query.channel ?? ANY),
        select(ACTION.windowState, t.t('search.filter.window'), windowOptions(t), query.windowState ?? ANY),
      ],
      BLOCK.searchFilters,
    ),
  );
  blocks.push(divider());

  const shown = model.results.slice(0, SEARCH_PAGE_SIZE_MAX);
  if (model.queryProblem) {
    const line = t.t(PROBLEM_LINE[model.queryProblem], { text: quoted(query.text), digits: MIN_PHONE_DIGITS });
    blocks.push(section(line, { block_id: BLOCK.searchResults }));
  } else if (model.total === 0 || shown.length === 0) {
    blocks.push(header(t.t('search.noResults')));
    blocks.push(section(noResultsHints(t, model).join('\n'), { block_id: BLOCK.searchResults }));
  } else {
    blocks.push(header(t.t('search.count', { total: model.total })));
    shown.forEach((item, i) => {
      blocks.push(...resultBlocks(t, item, i, now));
    });
    if (model.results.length > shown.length) {
      blocks.push(context([t.t('search.firstOfPage', { shown: shown.length, count: model.results.length })]));
    }
  }

  if (model.total > 0 && (model.page > 0 || model.hasNext)) {
    const size = Math.max(1, model.pageSize);
    const first = model.page * size + 1;
    const last = model.page * size + shown.length;
    const pages = Math.max(model.page + 1, Math.ceil(model.total / size));
    blocks.push(
      context([t.t('search.pagePosition', { page: model.page + 1, pages, first, last, total: model.total })]),
    );
    const buttons = [];
    if (model.page > 0) buttons.push(button(t.t('search.previous'), ACTION.pagePrev, String(model.page - 1)));
    if (model.hasNext) buttons.push(button(t.t('search.next'), ACTION.pageNext, String(model.page + 1)));
    blocks.push(actions(buttons, BLOCK.searchPaging));
  }

  return {
    type: 'modal',
    callback_id: CALLBACK.search,
    // Translations, never cut: every catalog's fit the 24-character limit (test/slack/search).
    title: plain(t.t('search.title')),
    submit: plain(t.t('search.submit')),
    close: plain(t.t('search.close')),
    private_metadata: model.privateMetadata,
    blocks,
  };
}

const isInbox = (v: string | undefined): v is InboxFilter => v === 'mine' || v === 'all';
const isStatus = (v: string | undefined): v is StatusFilter => v === 'closed' || v === 'open' || v === 'any';

/** The query as the agent last set it in the modal (`view.state.values`), with the defaults applied. */
export function readSearchModalState(values: ViewStateValues | undefined): SearchModalQuery {
  const inbox = stateSelected(values, BLOCK.searchFilters, ACTION.inbox);
  const status = stateSelected(values, BLOCK.searchFilters, ACTION.status);
  const channel = stateSelected(values, BLOCK.searchFilters, ACTION.channel);
  const windowState = stateSelected(values, BLOCK.searchFilters, ACTION.windowState);
  const query: SearchModalQuery = {
    text: (stateText(values, BLOCK.searchText, ACTION.searchText) ?? '').trim(),
    inbox: isInbox(inbox) ? inbox : 'mine',
    status: isStatus(status) ? status : 'closed',
  };
  if (channel && (CHANNEL_TYPES as readonly string[]).includes(channel)) query.channel = channel as ChannelType;
  if (windowState === 'closing_soon' || (windowState && (WINDOW_STATES as readonly string[]).includes(windowState))) {
    query.windowState = windowState as WindowFilter;
  }
  return query;
}
