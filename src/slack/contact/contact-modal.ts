/**
 * The contact modal: who the contact is, and for each channel what the window allows now, why, and what
 * would reopen it, with a "Follow up" button only where something may be sent.
 */
import type { KnownBlock, ModalView } from '@slack/types';
import { type Contact, type ContactChannel, channelKey, displayName } from '../../contacts/model.js';
import type { WindowStatus } from '../../policy/index.js';
import { actions, button, confirmDialog, context, divider, fields, header, plain, section } from '../shared/blocks.js';
import {
  CHANNEL_PRESENTATION,
  allowedText,
  assigneeText,
  badge,
  channelAccountName,
  conversationText,
  messagesLeftText,
  reasonText,
  reopensText,
} from '../shared/format.js';
import { ACTION, BLOCK, CALLBACK, followUpValue, repeatedActionId } from '../shared/ids.js';
import { boldName, dateToken, escapeTruncated } from '../shared/mrkdwn.js';

/** One section per channel: 40 channels + the fixed blocks stay under the 100-block modal limit. */
export const CONTACT_CHANNELS_MAX = 40;

export interface ContactModalChannel {
  channel: ContactChannel;
  status: WindowStatus;
  /** Served by the sandbox transport: nothing would really leave. */
  sandbox: boolean;
}

export interface ContactModalModel {
  contact: Contact;
  channels: ContactModalChannel[];
  viewerId: string;
  /** Whether the viewer may send follow-ups at all (team setting). */
  canSend: boolean;
  privateMetadata: string;
  now: Date;
}

/** "Free text until …, then agent only until …" / "Window closes …". */
export function windowLine(status: WindowStatus): string | null {
  const { state, changesAt, windowClosesAt } = status;
  if (state === 'open' && changesAt && windowClosesAt && changesAt < windowClosesAt) {
    return `Free text until ${dateToken(changesAt)}, then agent only (HUMAN_AGENT) until ${dateToken(windowClosesAt)}`;
  }
  if (windowClosesAt) return `Window closes ${dateToken(windowClosesAt)}`;
  return null;
}

function channelBlock(item: ContactModalChannel, index: number, model: ContactModalModel): KnownBlock {
  const { channel, status, sandbox } = item;
  const lines = [`*${badge(status, model.now)}*${sandbox ? ' · 🧪 sandbox' : ''}`];
  if (channel.channelId) lines.push(`Account: ${channelAccountName(channel)}`);
  const window = windowLine(status);
  if (window) lines.push(window);
  const left = messagesLeftText(status);
  if (left) lines.push(left);
  lines.push(reasonText(status));
  const reopens = reopensText(status);
  if (reopens) lines.push(`_${reopens}_`);
  lines.push(allowedText(status));

  const sendable = status.allowed.length > 0;
  if (sendable && !model.canSend) lines.push('_You cannot send follow-ups: your team limits who may send._');
  if (sandbox && sendable && model.canSend) lines.push('_Sandbox: a follow-up is recorded here, not delivered._');
  if (!sendable || !model.canSend) return section(lines.join('\n'));
  return section(lines.join('\n'), {
    accessory: button(
      'Follow up',
      repeatedActionId(ACTION.composeOpen, index),
      followUpValue(model.contact.id, channelKey(channel)),
      { style: 'primary', accessibilityLabel: `Follow up on ${CHANNEL_PRESENTATION[channel.type].label}` },
    ),
  });
}

export function buildContactModalView(model: ContactModalModel): ModalView {
  const { contact } = model;
  const blocks: KnownBlock[] = [section(boldName(displayName(contact), 150))];

  blocks.push(
    fields([
      `*Email*\n${contact.email ? escapeTruncated(contact.email, 320) : '—'}`,
      `*Phone*\n${contact.phone ? escapeTruncated(contact.phone, 64) : '—'}`,
      `*Language*\n${contact.language ? escapeTruncated(contact.language, 15) : 'Unknown'}`,
      `*Assigned to*\n${assigneeText(contact.assignee)}`,
      `*Conversation*\n${conversationText(contact)}`,
    ]),
  );

  const buttons = [];
  if (contact.assignee !== model.viewerId) {
    buttons.push(button('Assign to me', ACTION.assignMe, contact.id));
  }
  if (contact.status !== 'closed') {
    buttons.push(
      button('Close conversation', ACTION.closeConversation, contact.id, {
        confirm: confirmDialog(
          'Close the conversation?',
          'The conversation is marked closed. Your team’s closing logic decides whether it stays assigned. ' +
            'Messaging windows are not affected.',
          'Close it',
        ),
      }),
    );
  }
  if (buttons.length) blocks.push(actions(buttons, BLOCK.contactActions));

  blocks.push(divider());
  blocks.push(header(model.channels.length === 1 ? 'Channel' : `Channels (${model.channels.length})`));
  if (model.channels.length === 0) {
    blocks.push(
      section(
        'This contact has no channel on record, so nothing can be sent. ' +
          'A channel appears when the contact writes or is imported with an address.',
      ),
    );
  }
  const shown = model.channels.slice(0, CONTACT_CHANNELS_MAX);
  shown.forEach((item, i) => {
    blocks.push(channelBlock(item, i, model));
  });
  if (model.channels.length > shown.length) {
    blocks.push(context([`…and ${model.channels.length - shown.length} more channels not shown.`]));
  }

  return {
    type: 'modal',
    callback_id: CALLBACK.contact,
    title: plain('Contact'),
    close: plain('Close'),
    private_metadata: model.privateMetadata,
    blocks,
  };
}
