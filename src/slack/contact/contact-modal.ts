/**
 * The contact modal: who the contact is, and for each channel what the window allows now, why, and what
 * would reopen it, with a "Follow up" button only where something may be sent. Every word is the viewer's
 * language (`t`); names, emails, phones and channel accounts are customer data, escaped, never translated.
 */
import type { KnownBlock, ModalView } from '@slack/types';
import { type Contact, type ContactChannel, channelKey, displayName } from '../../contacts/model.js';
import type { WindowStatus } from '../../policy/index.js';
import type { Translator } from '../i18n/index.js';
import { actions, button, confirmDialog, context, divider, fields, header, plain, section } from '../shared/blocks.js';
import {
  allowedText,
  assigneeText,
  badge,
  channelAccountName,
  channelLabel,
  conversationText,
  dateIn,
  messagesLeftText,
  reasonText,
  reopensText,
} from '../shared/format.js';
import { ACTION, BLOCK, CALLBACK, followUpValue, repeatedActionId } from '../shared/ids.js';
import { boldName, escapeTruncated } from '../shared/mrkdwn.js';

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
export function windowLine(t: Translator, status: WindowStatus): string | null {
  const { state, changesAt, windowClosesAt } = status;
  if (state === 'open' && changesAt && windowClosesAt && changesAt < windowClosesAt) {
    return t.t('contact.channel.freeTextThenAgent', {
      freeUntil: dateIn(t, changesAt),
      agentUntil: dateIn(t, windowClosesAt),
    });
  }
  if (windowClosesAt) return t.t('contact.channel.windowCloses', { when: dateIn(t, windowClosesAt) });
  return null;
}

function channelBlock(t: Translator, item: ContactModalChannel, index: number, model: ContactModalModel): KnownBlock {
  const { channel, status, sandbox } = item;
  const shownBadge = badge(t, status, model.now);
  const lines = [sandbox ? t.t('contact.channel.badgeSandbox', { badge: shownBadge }) : `*${shownBadge}*`];
  if (channel.channelId) lines.push(t.t('contact.channel.account', { account: channelAccountName(t, channel) }));
  const window = windowLine(t, status);
  if (window) lines.push(window);
  const left = messagesLeftText(t, status);
  if (left) lines.push(left);
  lines.push(reasonText(t, status));
  const reopens = reopensText(t, status);
  if (reopens) lines.push(`_${reopens}_`);
  lines.push(allowedText(t, status));

  const sendable = status.allowed.length > 0;
  if (sendable && !model.canSend) lines.push(t.t('contact.channel.cannotSend'));
  if (sandbox && sendable && model.canSend) lines.push(t.t('contact.channel.sandboxNote'));
  if (!sendable || !model.canSend) return section(lines.join('\n'));
  return section(lines.join('\n'), {
    accessory: button(
      t.t('contact.followUp'),
      repeatedActionId(ACTION.composeOpen, index),
      followUpValue(model.contact.id, channelKey(channel)),
      {
        style: 'primary',
        accessibilityLabel: t.t('contact.followUpLabel', { channel: channelLabel(t, channel.type) }),
      },
    ),
  });
}

function detailFields(t: Translator, model: ContactModalModel): KnownBlock {
  const { contact } = model;
  return fields([
    t.t('contact.field.email', { email: contact.email ? escapeTruncated(contact.email, 320) : '—' }),
    t.t('contact.field.phone', { phone: contact.phone ? escapeTruncated(contact.phone, 64) : '—' }),
    contact.language
      ? t.t('contact.field.language', { language: escapeTruncated(contact.language, 15) })
      : t.t('contact.field.languageUnknown'),
    t.t('contact.field.assignee', { assignee: assigneeText(t, contact.assignee) }),
    t.t('contact.field.conversation', { conversation: conversationText(t, contact) }),
  ]);
}

export function buildContactModalView(t: Translator, model: ContactModalModel): ModalView {
  const { contact } = model;
  const blocks: KnownBlock[] = [section(boldName(displayName(contact), 150)), detailFields(t, model)];

  const buttons = [];
  if (contact.assignee !== model.viewerId) {
    buttons.push(button(t.t('contact.assignMe'), ACTION.assignMe, contact.id));
  }
  if (contact.status !== 'closed') {
    buttons.push(
      button(t.t('contact.closeConversation'), ACTION.closeConversation, contact.id, {
        confirm: confirmDialog(
          t.t('contact.closeConfirm.title'),
          t.t('contact.closeConfirm.text'),
          t.t('contact.closeConfirm.confirm'),
          t.t('contact.closeConfirm.deny'),
        ),
      }),
    );
  }
  if (buttons.length) blocks.push(actions(buttons, BLOCK.contactActions));

  blocks.push(divider());
  blocks.push(header(t.t('contact.channels', { count: model.channels.length })));
  if (model.channels.length === 0) blocks.push(section(t.t('contact.noChannels')));
  const shown = model.channels.slice(0, CONTACT_CHANNELS_MAX);
  shown.forEach((item, i) => {
    blocks.push(channelBlock(t, item, i, model));
  });
  if (model.channels.length > shown.length) {
    blocks.push(context([t.t('contact.moreChannels', { count: model.channels.length - shown.length })]));
  }

  return {
    type: 'modal',
    callback_id: CALLBACK.contact,
    title: plain(t.t('contact.title')),
    close: plain(t.t('contact.close')),
    private_metadata: model.privateMetadata,
    blocks,
  };
}
