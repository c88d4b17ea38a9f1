/**
 * Every Slack identifier the views use, in one table, so a builder and its listener can never drift apart.
 *
 * Repeated elements (one "Open" button per search result, one input per template variable) cannot share an
 * action_id within a view, so they carry a suffix: `followup_open_contact:3`. Listeners match them with
 * `actionPattern(ACTION.openContact)`, which also matches the bare id, and read the data from `value`
 * (suffixes are only there for uniqueness).
 */

export const COMMAND = '/followup';
export const SHORTCUT_CALLBACK = 'followup_global';

/** View callback_ids (one per modal surface). */
export const CALLBACK = {
  search: 'followup_search',
  contact: 'followup_contact',
  compose: 'followup_compose',
} as const;

export const ACTION = {
  // search modal
  searchText: 'followup_search_text',
  inbox: 'followup_inbox',
  status: 'followup_status',
  channel: 'followup_channel',
  windowState: 'followup_window_state',
  openContact: 'followup_open_contact',
  pageNext: 'followup_page_next',
  pagePrev: 'followup_page_prev',
  // contact modal
  composeOpen: 'followup_compose_open',
  assignMe: 'followup_assign_me',
  closeConversation: 'followup_close_conversation',
  // compose modal
  template: 'followup_template',
  tag: 'followup_tag',
  variable: 'followup_variable',
  text: 'followup_text',
  // Home tab
  homeOpenSearch: 'followup_home_open_search',
  homeLanguage: 'followup_home_language',
  // notifications
  notifyFollowUp: 'followup_notify_follow_up',
} as const;
export type ActionName = keyof typeof ACTION;

/** block_ids of the blocks whose state or errors the listeners read. */
export const BLOCK = {
  notice: 'followup_notice',
  searchText: 'followup_search_text',
  searchFilters: 'followup_search_filters',
  searchResults: 'followup_search_results',
  searchPaging: 'followup_search_paging',
  contactActions: 'followup_contact_actions',
  composeHeader: 'followup_compose_header',
  template: 'followup_template',
  tag: 'followup_tag',
  text: 'followup_text',
  preview: 'followup_preview',
  homeActions: 'followup_home_actions',
  homeLanguage: 'followup_home_language',
} as const;

/** The input block of a template variable: `var:1`, `var:first_name`. */
export const VARIABLE_BLOCK_PREFIX = 'var:';
export function variableBlockId(name: string): string {
  return `${VARIABLE_BLOCK_PREFIX}${name}`;
}
export function variableActionId(name: string): string {
  return `${ACTION.variable}:${name}`;
}

/** A unique action_id for the n-th repeated element of one kind in a view. */
export function repeatedActionId(base: string, suffix: string | number): string {
  return `${base}:${suffix}`;
}

/** Matches `base` and `base:<anything>`; pass to a screen's `action(...)` registration. */
export function actionPattern(base: string): RegExp {
  return new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?::.*)?$`);
}

/**
 * Listener matchers for the elements that repeat within one surface and so carry a `:suffix`:
 * `app.action(ACTION_MATCH.openContact, …)` in a screen's register() (SlackListeners). Each also matches the bare id.
 */
export const ACTION_MATCH = {
  openContact: actionPattern(ACTION.openContact),
  composeOpen: actionPattern(ACTION.composeOpen),
  variable: actionPattern(ACTION.variable),
  notifyFollowUp: actionPattern(ACTION.notifyFollowUp),
} as const;

/** The "value" of the Follow up buttons: `${contactId}|${channelKey}`. */
export function followUpValue(contactId: string, channelKey: string): string {
  return `${contactId}|${channelKey}`;
}
export function parseFollowUpValue(value: unknown): { contactId: string; channelKey: string } | null {
  if (typeof value !== 'string') return null; // a forged payload may carry any JSON here
  // Contact ids may not contain `|` in practice, but channel keys never do, so split on the last one.
  const at = value.lastIndexOf('|');
  if (at <= 0 || at === value.length - 1) return null;
  return { contactId: value.slice(0, at), channelKey: value.slice(at + 1) };
}

/**
 * Select option values must stay ≤ 75 characters (STYLE.md). Short keys pass through unchanged; longer
 * ones (a 512-character template name) become a stable hash. Resolve with `findByOptionValue`.
 */
export const OPTION_VALUE_MAX = 75;
export function optionValue(key: string): string {
  if (key.length <= OPTION_VALUE_MAX) return key;
  return `#${fnv1a(key)}:${key.length}`;
}
export function findByOptionValue<T>(items: readonly T[], keyOf: (item: T) => string, value: string): T | undefined {
  return items.find((item) => optionValue(keyOf(item)) === value);
}

/** FNV-1a, 32-bit, hex: small and stable, enough to tell a few hundred keys apart. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
