/**
 * Messages after a send: the confirmation DM and a refusal. Each returns `{ text, blocks }`; `text` is the
 * escaped fallback. Pure.
 */
import type { KnownBlock } from '@slack/types';
import { type ChannelType, type SendKind, describeReason } from '../../policy/index.js';
import { type SlackMessage, context, section } from '../shared/blocks.js';
import { CHANNEL_PRESENTATION, assigneeText, channelName } from '../shared/format.js';
import { blockquote, boldName, escapeMrkdwn, escapeTruncated } from '../shared/mrkdwn.js';

const NAME_MAX = 120;
const KIND_WORDS: Record<SendKind, string> = { text: 'message', template: 'template', tag: 'tagged message' };

export interface SentConfirmationInput {
  contactName: string;
  channel: ChannelType;
  kind: SendKind;
  /** What was sent (for templates, the rendered body). Shown shortened; the message itself was never cut. */
  text: string;
  /** Recorded by the sandbox transport, delivered nowhere. */
  sandbox: boolean;
  /** The send reopened a closed conversation. */
  reopened: boolean;
  assignedTo: string | null;
}

export function buildSentConfirmation(input: SentConfirmationInput): SlackMessage {
  const name = escapeTruncated(input.contactName, NAME_MAX);
  const bold = boldName(input.contactName, NAME_MAX);
  const what = KIND_WORDS[input.kind];
  const lead = input.sandbox
    ? `🧪 *Recorded in the sandbox* (not delivered): ${what} to ${bold} on ${channelName(input.channel)}`
    : `✅ *Sent*: ${what} to ${bold} on ${channelName(input.channel)}`;
  const notes: string[] = [];
  if (input.reopened) {
    notes.push(
      `The conversation was reopened${input.assignedTo ? ` and assigned to ${assigneeText(input.assignedTo)}` : ''}.`,
    );
  } else if (input.assignedTo) {
    notes.push(`Assigned to ${assigneeText(input.assignedTo)}.`);
  }
  if (input.kind === 'template') notes.push('Free text opens again only when the contact replies.');
  if (!input.sandbox) notes.push('“Sent” is not “delivered”: a later provider error will be reported.');
  const blocks: KnownBlock[] = [section(lead)];
  if (input.text.trim()) blocks.push(section(blockquote(escapeTruncated(input.text, 2500))));
  if (notes.length) blocks.push(context(notes));
  const verb = input.sandbox ? 'Recorded (sandbox)' : 'Sent';
  return { text: `${verb}: ${what} to ${name} on ${CHANNEL_PRESENTATION[input.channel].label}`, blocks };
}
