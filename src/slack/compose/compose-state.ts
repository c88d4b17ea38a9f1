/**
 * The compose view's state: in its `private_metadata`, the contact-channel and the send's idempotency key; in
 * its inputs (`view.state.values`), what the agent has typed or picked so far.
 */
import { z } from 'zod';
import { type ViewStateValues, stateSelected, stateText } from '../shared/blocks.js';
import { ACTION, BLOCK, VARIABLE_BLOCK_PREFIX, variableActionId } from '../shared/ids.js';

export const composeMetaSchema = z.object({
  k: z.literal('compose'),
  contactId: z.string().min(1),
  channelKey: z.string().min(1),
  /** Idempotency key of this compose view: a resubmission never sends twice. */
  idem: z.string().min(8),
  /** Opened on top of the contact view (pushed) or alone (from a notification). */
  stacked: z.boolean().default(true),
});
export type ComposeMeta = z.infer<typeof composeMetaSchema>;

export interface ComposeModalState {
  text?: string;
  /** The template select's option value; resolve with `findTemplateByOptionValue`. */
  templateValue?: string;
  /** The tag select's option value (the tag itself unless longer than 75 characters). */
  tagValue?: string;
  variables: Record<string, string>;
}

/** What the agent has typed or picked so far (`view.state.values`): re-rendering must never lose it. */
export function readComposeModalState(values: ViewStateValues | undefined): ComposeModalState {
  const state: ComposeModalState = { variables: {} };
  const text = stateText(values, BLOCK.text, ACTION.text);
  if (text !== undefined) state.text = text;
  const templateValue = stateSelected(values, BLOCK.template, ACTION.template);
  if (templateValue) state.templateValue = templateValue;
  const tagValue = stateSelected(values, BLOCK.tag, ACTION.tag);
  if (tagValue) state.tagValue = tagValue;
  for (const [blockId, elements] of Object.entries(values ?? {})) {
    if (!blockId.startsWith(VARIABLE_BLOCK_PREFIX)) continue;
    const name = blockId.slice(VARIABLE_BLOCK_PREFIX.length);
    const v = elements[variableActionId(name)]?.value;
    if (typeof v === 'string') state.variables[name] = v;
  }
  return state;
}
