/**
 * The search modal: find a contact whose conversation is closed and see each channel's window at a glance.
 * Pure: the listener runs the search and passes the page in; `now` only colours the badges.
 */
import type { KnownBlock, ModalView, PlainTextOption, StaticSelect } from '@slack/types';
import { displayName } from '../../contacts/model.js';
import { CHANNEL_TYPES, type ChannelType, WINDOW_STATES, type WindowState } from '../../policy/index.js';
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
  CHANNEL_PRESENTATION,
  type ContactWithStatuses,
  WINDOW_STATE_PRESENTATION,
  assigneeText,
  contactBadges,
  conversationText,
  formatCount,
  reachText,
} from '../shared/format.js';
import { ACTION, BLOCK, CALLBACK, repeatedActionId } from '../shared/ids.js';
import { boldName, escapeMrkdwn, escapeTruncated, plainSafe } from '../shared/mrkdwn.js';

/** 2 blocks per result: 20 results + the fixed blocks stay well under the 100-block modal limit. */
export const SEARCH_PAGE_SIZE_MAX = 20;
const TITLE = 'Follow up';
const NAME_MAX = 150;

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
  /** Validation or error text shown at the top (escaped here). */
  notice?: string;
  /** Why the search text was not searched (one line, escaped here): shown instead of results. */
  queryProblem?: string;
  sandbox: boolean;
  now: Date;
}

/** Sentinel option value for "no filter" (option values must be non-empty). */
export const ANY = 'any';

const INBOX_LABEL: Record<InboxFilter, string> = { mine: 'Mine', all: 'All' };
const STATUS_LABEL: Record<StatusFilter, string> = { closed: 'Closed', open: 'Open', any: 'Any status' };

function inboxOptions(canSeeAll: boolean): PlainTextOption[] {
  const values: InboxFilter[] = canSeeAll ? ['mine', 'all'] : ['mine'];
  return values.map((v) => option(`Inbox: ${INBOX_LABEL[v]}`, v));
}

function statusOptions(): PlainTextOption[] {
  return (['closed', 'open', 'any'] as const).map((v) =>
    option(v === 'any' ? STATUS_LABEL[v] : `Status: ${STATUS_LABEL[v]}`, v),
  );
}

function channelOptions(): PlainTextOption[] {
  return [
    option('Any channel', ANY),
    ...CHANNEL_TYPES.map((c) => option(`${CHANNEL_PRESENTATION[c].emoji} ${CHANNEL_PRESENTATION[c].label}`, c)),
  ];
}

function windowOptions(): PlainTextOption[] {
  return [
    option('Any window', ANY),
    option('⏳ Closing within 24 h', 'closing_soon'),
    ...WINDOW_STATES.map((s) =>
      option(`${WINDOW_STATE_PRESENTATION[s].emoji} ${WINDOW_STATE_PRESENTATION[s].filter}`, s),
    ),
  ];
}

function select(actionId: string, placeholder: string, options: PlainTextOption[], selected: string): StaticSelect {
  const el: StaticSelect = {
    type: 'static_select',
    action_id: actionId,
    placeholder: plain(placeholder, 150),
    options,
  };
  const initial = initialOption(options, selected) ?? options[0];
  if (initial) el.initial_option = initial as PlainTextOption;
  return el;
}

function noResultsHints(model: SearchModalModel): string[] {
  const { query, canSeeAll } = model;
  const hints: string[] = [];
  if (query.text.trim()) {
    hints.push(
      'Type fewer letters: names match from the start of a word, with or without accents; ' +
        'emails by part or `@domain`; phones by their last digits.',
    );
  }
  if (query.inbox === 'mine') {
    hints.push(
      canSeeAll
        ? 'Set the inbox to *All* to include contacts assigned to others.'
        : 'Only contacts assigned to you are shown.',
    );
  }
  if (query.status !== 'any') hints.push('Choose *Any status* to include conversations that are still open.');
  if (query.channel || query.windowState) hints.push('Set the channel and window filters to *Any*.');
  if (hints.length === 0) hints.push('No contacts yet: import them with `followup import` or connect a channel.');
  return hints;
}

function resultBlocks(item: ContactWithStatuses, index: number, now: Date): KnownBlock[] {
  const { contact, statuses } = item;
  const lines = [boldName(displayName(contact), NAME_MAX)];
  const reach = reachText(contact);
  if (reach) lines.push(reach);
  lines.push(`${assigneeText(contact.assignee)} · ${conversationText(contact)}`);
  const blocks: KnownBlock[] = [
    section(lines.join('\n'), {
      accessory: button('Open', repeatedActionId(ACTION.openContact, index), contact.id, {
        accessibilityLabel: `Open ${plainSafe(displayName(contact))}`,
      }),
    }),
  ];
  const badges = contactBadges(statuses, now);
  blocks.push(context(badges.length ? badges : ['No channels on record']));
  return blocks;
}

export function buildSearchModalView(model: SearchModalModel): ModalView {
  const { query, now } = model;
  const blocks: KnownBlock[] = [];

  if (model.notice) blocks.push(section(`:warning: ${escapeMrkdwn(model.notice)}`, { block_id: BLOCK.notice }));
  if (model.sandbox) blocks.push(context(['🧪 *Sandbox*: follow-ups are recorded in Slack, not delivered to anyone.']));

  blocks.push({
    type: 'input',
    block_id: BLOCK.searchText,
    optional: true,
    dispatch_action: true,
    label: plain('Search'),
    hint: plain('Name (accents optional), email or @domain, phone digits or the last digits'),
    element: {
      type: 'plain_text_input',
      action_id: ACTION.searchText,
      placeholder: plain('Name, email, @domain or phone'),
      dispatch_action_config: { trigger_actions_on: ['on_enter_pressed', 'on_character_entered'] },
      max_length: 500,
      ...(query.text ? { initial_value: query.text.slice(0, 500) } : {}),
    },
  });

  const inbox = model.canSeeAll ? query.inbox : 'mine';
  blocks.push(
    actions(
      [
        select(ACTION.inbox, 'Inbox', inboxOptions(model.canSeeAll), inbox),
        select(ACTION.status, 'Status', statusOptions(), query.status),
        select(ACTION.channel, 'Channel', channelOptions(), query.channel ?? ANY),
        select(ACTION.windowState, 'Window', windowOptions(), query.windowState ?? ANY),
      ],
      BLOCK.searchFilters,
    ),
  );
  blocks.push(divider());

  const shown = model.results.slice(0, SEARCH_PAGE_SIZE_MAX);
  if (model.queryProblem) {
    blocks.push(section(`:mag: ${escapeMrkdwn(model.queryProblem)}`, { block_id: BLOCK.searchResults }));
  } else if (model.total === 0 || shown.length === 0) {
    blocks.push(header('No contacts match'));
    blocks.push(
      section(
        noResultsHints(model)
          .map((h) => `• ${h}`)
          .join('\n'),
        { block_id: BLOCK.searchResults },
      ),
    );
  } else {
    blocks.push(header(`${formatCount(model.total)} contact${model.total === 1 ? '' : 's'}`));
    shown.forEach((item, i) => {
      blocks.push(...resultBlocks(item, i, now));
    });
    if (model.results.length > shown.length) {
      blocks.push(
        context([
          `Showing the first ${shown.length} of ${model.results.length} on this page; ` +
            'narrow the search to see the rest.',
        ]),
      );
    }
  }

  if (model.total > 0 && (model.page > 0 || model.hasNext)) {
    const size = Math.max(1, model.pageSize);
    const first = model.page * size + 1;
    const last = model.page * size + shown.length;
    const pages = Math.max(model.page + 1, Math.ceil(model.total / size));
    blocks.push(
      context([
        `Page ${model.page + 1} of ${formatCount(pages)} · ` +
          `${formatCount(first)}–${formatCount(last)} of ${formatCount(model.total)}`,
      ]),
    );
    const buttons = [];
    if (model.page > 0) buttons.push(button('◀ Previous', ACTION.pagePrev, String(model.page - 1)));
    if (model.hasNext) buttons.push(button('Next ▶', ACTION.pageNext, String(model.page + 1)));
    blocks.push(actions(buttons, BLOCK.searchPaging));
  }

  return {
    type: 'modal',
    callback_id: CALLBACK.search,
    title: plain(TITLE),
    submit: plain('Search'),
    close: plain('Close'),
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
