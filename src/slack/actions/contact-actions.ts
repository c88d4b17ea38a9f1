/** Contact view: follow up on a channel, assign to me, close the conversation. */
import { randomUUID } from 'node:crypto';
import type { AllMiddlewareArgs, App, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { assignContact, closeConversation } from '../../followup/index.js';
import { renderCompose } from '../compose-flow.js';
import { renderContact } from '../contact-flow.js';
import { openThenRender, renderInto } from '../modal.js';
import { type SlackServices, canSend } from '../services.js';
import { contactMetaSchema, parseMeta } from '../view-state.js';
import { ACTION, ACTION_MATCH, parseFollowUpValue } from '../views/ids.js';
import { buildMessageModalView } from '../views/notice-modal.js';

type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;


/** Opens the compose modal for one contact-channel; pushed on the contact view, or alone from a message. */
export function openCompose(s: SlackServices, stacked: boolean) {
  return async ({ ack, body, action, client, logger }: ActionArgs): Promise<void> => {
    await ack();
    const value = 'value' in action ? action.value : undefined;
    const ref = value ? parseFollowUpValue(value) : null;
    if (!ref) return;
    const meta = { k: 'compose' as const, ...ref, idem: randomUUID(), stacked: stacked && Boolean(body.view) };
    try {
      await openThenRender(client, logger, { triggerId: body.trigger_id, push: meta.stacked, title: 'Follow up' }, () =>
        renderCompose(meta, s, body.user.id),
      );
    } catch (err) {
      logger.error('Opening the compose view failed', err);
    }
  };
}

function contactChange(s: SlackServices, change: (contactId: string, userId: string) => Promise<unknown>) {
  return async ({ ack, body, client, logger }: ActionArgs): Promise<void> => {
    await ack();
    const view = body.view;
    const meta = view ? parseMeta(contactMetaSchema, view) : null;
    if (!view || !meta) return;
    try {
      if (!canSend(s, body.user.id)) {
        await renderInto(client, logger, view.id, undefined, async () =>
          buildMessageModalView('Not allowed', 'Your team limits who may assign and close conversations. Ask an admin.'),
        );
        return;
      }
      await change(meta.contactId, body.user.id);
      await renderInto(client, logger, view.id, undefined, () => renderContact(meta.contactId, s, body.user.id));
    } catch (err) {
      logger.error('Contact action failed', err);
    }
  };
}

export function register(app: App, s: SlackServices): void {
  app.action<BlockAction>(ACTION_MATCH.composeOpen, openCompose(s, true));
  app.action<BlockAction>(
    ACTION.assignMe,
    contactChange(s, (contactId, userId) => assignContact({ contactId, assignee: userId, now: s.clock() }, s)),
  );
  app.action<BlockAction>(
    ACTION.closeConversation,
    contactChange(s, (contactId, userId) => closeConversation({ contactId, by: userId, now: s.clock() }, s)),
  );
  app.action<BlockAction>(ACTION_MATCH.notifyFollowUp, openCompose(s, false));
}
