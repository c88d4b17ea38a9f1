/**
 * Messages after a send: the confirmation DM, in the sender's language. Each returns `{ text, blocks }`;
 * `text` is the escaped fallback. Pure.
 */
import type { KnownBlock } from '@slack/types';
import type { ChannelType, SendKind } from '../../policy/index.js';
import type { Translator } from '../i18n/index.js';
import { type SlackMessage, context, section } from '../shared/blocks.js';
import { assigneeText, channelLabel, channelName } from '../shared/format.js';
import { blockquote, boldName, escapeTruncated } from '../shared/mrkdwn.js';

const NAME_MAX = 120;

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

function notesFor(t: Translator, input: SentConfirmationInput): string[] {
  const notes: string[] = [];
  const assignee = input.assignedTo ? assigneeText(t, input.assignedTo) : null;
  if (input.reopened) {
    notes.push(assignee ? t.t('compose.confirm.reopenedAssigned', { assignee }) : t.t('compose.confirm.reopened'));
  } else if (assignee) {
    notes.push(t.t('compose.confirm.assigned', { assignee }));
  }
  if (input.kind === 'template') notes.push(t.t('compose.confirm.templateNoReopen'));
  if (!input.sandbox) notes.push(t.t('compose.confirm.notDelivered'));
  return notes;
}

export function buildSentConfirmation(t: Translator, input: SentConfirmationInput): SlackMessage {
  const { kind } = input;
  const lead = t.t(input.sandbox ? 'compose.confirm.sentSandbox' : 'compose.confirm.sent', {
    kind,
    name: boldName(input.contactName, NAME_MAX),
    channel: channelName(t, input.channel),
  });
  const blocks: KnownBlock[] = [section(lead)];
  if (input.text.trim()) blocks.push(section(blockquote(escapeTruncated(input.text, 2500))));
  const notes = notesFor(t, input);
  if (notes.length) blocks.push(context(notes));
  const text = t.t(input.sandbox ? 'compose.confirm.fallbackSandbox' : 'compose.confirm.fallback', {
    kind,
    name: escapeTruncated(input.contactName, NAME_MAX),
    channel: channelLabel(t, input.channel),
  });
  return { text, blocks };
}
