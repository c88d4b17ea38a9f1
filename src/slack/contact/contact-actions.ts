/** Contact view actions: assign to me and close the conversation, then show the contact as it is now. */
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { translatorOf } from '../language/request-translator.js';
import { type SlackServices, canSend } from '../services.js';
import { renderInto } from '../shared/modal.js';
import { buildMessageModalView } from '../shared/notice-modal.js';
import { parseMeta } from '../shared/view-state.js';
import { renderContact } from './contact-screen.js';
import { contactMetaSchema } from './contact-state.js';

export type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

/** A change to the contact by the agent who clicked; it may throw (the view then says something went wrong). */
export type ContactChange = (s: SlackServices, contactId: string, userId: string) => Promise<unknown>;

export const CONTACT_CHANGES = {
  assignMe: (s, contactId, userId) => s.followup.assign({ contactId, assignee: userId, now: s.clock() }),
  close: (s, contactId, userId) => s.followup.close({ contactId, by: userId, now: s.clock() }),
} as const satisfies Record<string, ContactChange>;

export function changeContact(s: SlackServices, change: ContactChange) {
  return async ({ ack, body, client, logger }: ActionArgs): Promise<void> => {
    await ack();
    const view = body.view;
    const meta = view ? parseMeta(contactMetaSchema, view) : null;
    if (!view || !meta) return;
    const userId = body.user.id;
    try {
      const t = await translatorOf(client, s, userId, logger);
      await renderInto(client, logger, t, view.id, undefined, async () => {
        if (!canSend(s, userId)) {
          return buildMessageModalView(t, t.t('contact.notAllowedTitle'), t.t('contact.notAllowed'));
        }
        // Inside the render: a change that fails shows "Something went wrong" instead of leaving the view as is.
        await change(s, meta.contactId, userId);
        return renderContact(t, meta.contactId, s, userId);
      });
    } catch (err) {
      logger.error('Contact action failed', err);
    }
  };
}
