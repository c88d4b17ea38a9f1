/**
 * A message with a block of quoted lines in it (the template preview, the agent's kept draft). The translator
 * isolates every value in a right-to-left language; a quote must not be: each of its lines is its own
 * paragraph, and an isolate mark before a line's `>` stops Slack from quoting it.
 */
import type { MessageKey, Translator } from '../i18n/index.js';

/** Stands for the block while the message is formatted: a private-use character no catalog contains. */
const SLOT = '\uE000';

export function messageWithBlock(t: Translator, key: MessageKey, name: string, block: string): string {
  return t.t(key, { [name]: SLOT }).replace(t.isolate(SLOT), () => block);
}
