/** The global shortcut *Follow up with customer*: the same search modal as `/followup`, from anywhere. */
import type { SlackServices } from '../services.js';
import { openSearchOnTrigger } from './search-screen.js';

export function followupShortcut(s: SlackServices) {
  return openSearchOnTrigger(s, 'Global shortcut failed');
}
