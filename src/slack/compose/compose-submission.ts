/**
 * Submitting the compose view. The policy is evaluated again at this instant: if the window moved the
 * modal says so and offers what is allowed now (the agent's text is kept); a field problem is a field
 * error. Only then is the follow-up written to the outbox, the view switched to "Sending…" and the follow-up
 * delivered — once per compose view.
 */
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { displayName } from '../../contacts/model.js';
import type { SendFollowUpOutcome } from '../../followup/index.js';
import { type OutboundMessage, describeReason } from '../../policy/index.js';
import { publishHome } from '../home/app-home.js';
import { type SlackServices, canSend } from '../services.js';
import { ACTION, VARIABLE_BLOCK_PREFIX } from '../shared/ids.js';
import { slackError } from '../shared/modal.js';
import { boldName, dateToken, escapeMrkdwn } from '../shared/mrkdwn.js';
import { buildLoadingModalView, buildMessageModalView } from '../shared/notice-modal.js';
import { blockIdOf, hasAction, parseMeta } from '../shared/view-state.js';
import { type ComposeMode, findTemplateByOptionValue } from './compose-modal.js';
import { type ComposeDraft, draftFromView, modeFor, renderCompose } from './compose-screen.js';
import { type ComposeMeta, composeMetaSchema } from './compose-state.js';
import { buildSentConfirmation } from './send-messages.js';

type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

function builtMode(view: unknown): ComposeMode {
  if (hasAction(view, ACTION.tag)) return 'tag';
  if (hasAction(view, ACTION.template)) return 'template';
  if (hasAction(view, ACTION.text)) return 'text';
  return 'closed';
}

/** The input each kind of refusal belongs to, so it shows as that field's error. */
const FIELD_ACTION: Record<'text' | 'tag' | 'template', string> = {
  text: ACTION.text,
  tag: ACTION.tag,
  template: ACTION.template,
};

function fieldBlock(
  view: ViewSubmitAction['view'],
  field: 'text' | 'tag' | 'template' | 'variables',
  values: Record<string, string>,
): string | undefined {
  if (field !== 'variables') return blockIdOf(view, FIELD_ACTION[field]);
  // The first empty variable, else the first variable input.
  const blocks = Object.keys(view.state.values).filter((b) => b.startsWith(VARIABLE_BLOCK_PREFIX));
  return blocks.find((b) => !values[b.slice(VARIABLE_BLOCK_PREFIX.length)]?.trim()) ?? blocks[0];
}

const quote = (text: string) =>
  escapeMrkdwn(text)
    .split('\n')
    .map((l) => `> ${l}`)
    .join('\n');

export interface ComposeSubmissionOptions {
  /**
   * How long after the submission arrived the answer may wait for the outbox write: well inside Slack's 3 s
   * (the write usually takes milliseconds; the rest is for the network both ways).
   */
  writeDeadlineMs: number;
}

const DEFAULT_OPTIONS: ComposeSubmissionOptions = { writeDeadlineMs: 2_000 };

/**
 * The view_submission listener. Whatever fails before Slack was answered (reading the contact, rendering) is
 * answered with a "Not sent" view, so the agent never sees Slack's own connection error instead.
 */
export function composeSubmission(s: SlackServices, options: ComposeSubmissionOptions = DEFAULT_OPTIONS) {
  return async (args: ViewArgs): Promise<void> => {
    let answered = false;
    const ack: ViewArgs['ack'] = (response) => {
      answered = true;
      return args.ack(response);
    };
    try {
      await submitCompose({ ...args, ack }, s, options);
    } catch (err) {
      args.logger.error('Submitting a follow-up failed', err);
      if (answered) return;
      const why = escapeMrkdwn(slackError(err));
      const text = `:x: Not sent: Followup could not check this follow-up (${why}). Nothing was sent; try again.`;
      await args
        .ack({ response_action: 'update', view: buildMessageModalView('Not sent', text) })
        .catch(() => undefined);
    }
  };
}

async function submitCompose(
  { ack, body, view, client, logger }: ViewArgs,
  s: SlackServices,
  options: ComposeSubmissionOptions,
): Promise<void> {
  const started = performance.now();
  const userId = body.user.id;
  const meta = parseMeta(composeMetaSchema, view);
  if (!meta) {
    await ack({
      response_action: 'update',
      view: buildMessageModalView(
        'Follow up',
        'This form is out of date. Open the contact again and follow up from there.',
      ),
    });
    return;
  }
  const draft = draftFromView(view);
  const ctx = await s.followup.composeContext(meta.contactId, meta.channelKey, s.clock());
  if (!ctx) {
    await ack({
      response_action: 'update',
      view: buildMessageModalView('Follow up', 'This contact or channel no longer exists. Nothing was sent.'),
    });
    return;
  }
  if (!canSend(s, userId)) {
    await ack({
      response_action: 'update',
      view: buildMessageModalView('Not allowed', 'Your team limits who may send follow-ups. Nothing was sent.'),
    });
    return;
  }
  const { contact, status, templates } = ctx;
  const mode = modeFor(status);
  if (mode !== builtMode(view)) {
    const words = describeReason(status.reason);
    const kept = draft.text?.trim() ? `\nYour message, kept so nothing is lost:\n${quote(draft.text)}` : '';
    const reopens = mode === 'closed' && words.reopensWhen ? ` ${words.reopensWhen}` : '';
    const notice = `:warning: The window changed while you were writing. ${words.summary}${reopens}${kept}`;
    await ack({ response_action: 'update', view: await renderCompose(meta, s, userId, draft, notice) });
    return;
  }

  let message: OutboundMessage | null = null;
  const errors: Record<string, string> = {};
  if (mode === 'template') {
    const template = findTemplateByOptionValue(templates, draft.templateValue);
    if (!template) errors[blockIdOf(view, ACTION.template) ?? 'template'] = 'Pick an approved template.';
    else
      message = {
        kind: 'template',
        template,
        variables: draft.variables ?? {},
        contactLanguage: contact.language || null,
        author: 'agent',
      };
  } else if (mode === 'tag') {
    if (!draft.tagValue)
      errors[blockIdOf(view, ACTION.tag) ?? 'tag'] = 'Pick the message tag that fits this follow-up.';
    else message = { kind: 'tag', tag: draft.tagValue, text: draft.text ?? '', author: 'agent' };
  } else if (mode === 'text') {
    message = { kind: 'text', text: draft.text ?? '', author: 'agent' };
  }
  if (!message) {
    await ack(Object.keys(errors).length ? { response_action: 'errors', errors } : undefined);
    return;
  }

  const plan = s.followup.planFollowUp(status, message);
  if (!plan.ok) {
    const field = plan.field === null ? undefined : fieldBlock(view, plan.field, draft.variables ?? {});
    if (field) {
      await ack({ response_action: 'errors', errors: { [field]: plan.detail } });
    } else {
      await ack({
        response_action: 'update',
        view: await renderCompose(meta, s, userId, draft, `:warning: ${plan.detail}`),
      });
    }
    return;
  }

  // The outbox entry is written before Slack hears "Sending…": a crash after the answer cannot lose the
  // follow-up (the outbox worker delivers what is written). The write takes milliseconds; if the store
  // is slow, the answer goes at the deadline anyway so Slack's 3 s are kept, and the write goes on.
  const label = ctx.rule.label;
  const name = displayName(contact);
  const to = { name, label };
  const sendInput = {
    contactId: contact.id,
    channelKey: meta.channelKey,
    message,
    senderId: userId,
    idempotencyKey: meta.idem,
    now: s.clock(),
  };
  const writing = s.followup.enqueueFollowUp(sendInput);
  const { writeDeadlineMs } = options;
  const early = await settledWithin(writing, Math.max(0, started + writeDeadlineMs - performance.now()));
  if (early === null) {
    logger.warn(`Writing a follow-up took over ${writeDeadlineMs} ms; Slack was answered before it was stored`);
  } else if (!early.ok) {
    logger.error('Writing a follow-up to the outbox failed', early.error);
    const why = escapeMrkdwn(slackError(early.error));
    const text = `:x: Not sent: Followup could not record the follow-up (${why}). Nothing was sent; try again.`;
    await ack({ response_action: 'update', view: buildMessageModalView('Not sent', text) });
    return;
  } else if (!early.value.ok) {
    // Refused or gone before anything was written: answer with it straight away.
    await ack({ response_action: 'update', view: await notSentView(early.value, meta, s, userId, draft, to) });
    return;
  }
  await ack({ response_action: 'update', view: buildLoadingModalView('Follow up', 'Sending…') });
  try {
    const queued = await writing;
    const outcome = queued.ok ? await s.followup.deliverFollowUp(queued.entry, s.clock(), queued.duplicate) : queued;
    if (outcome.ok) {
      const e = outcome.entry;
      const what =
        e.kind === 'template'
          ? `template *${escapeMrkdwn(e.templateName ?? '')}*`
          : e.kind === 'tag'
            ? `tagged message (${e.tag})`
            : 'message';
      const lines = [
        `:white_check_mark: ${outcome.duplicate ? 'Already sent' : 'Sent'}: ${what} to ${boldName(name)} on ${label}.`,
        e.reopened ? 'The conversation is reopened and assigned to you.' : 'The conversation is assigned to you.',
      ];
      await client.views.update({
        view_id: view.id,
        view: buildMessageModalView(
          e.sandbox ? 'Sent (sandbox)' : 'Sent',
          lines.join('\n'),
          e.sandbox ? { context: SANDBOX_CONTEXT } : {},
        ),
      });
      if (!outcome.duplicate) await confirm(client, userId, s, { name, label, e }, logger);
    } else if (outcome.kind === 'queued') {
      await client.views.update({
        view_id: view.id,
        view: buildMessageModalView(
          'Queued',
          `:hourglass_flowing_sand: ${label} did not take the follow-up to ${boldName(name)} yet ` +
            `(${escapeMrkdwn(outcome.detail)}). It is kept in the outbox and retried automatically from ` +
            `${dateToken(outcome.nextAttemptAt, '{time}')}; you will see it under *Recent follow-ups* in the App Home.`,
        ),
      });
    } else {
      await client.views.update({ view_id: view.id, view: await notSentView(outcome, meta, s, userId, draft, to) });
    }
  } catch (err) {
    logger.error('Sending a follow-up failed', err);
    const failed = buildMessageModalView('Not sent', couldNotSend(err));
    await client.views.update({ view_id: view.id, view: failed }).catch(() => undefined);
  }
}

const SANDBOX_CONTEXT =
  ':test_tube: *Sandbox*: no transport is configured for this channel, so nothing left Slack. ' +
  'The follow-up is recorded as if sent.';

const couldNotSend = (err: unknown) =>
  `:x: Something went wrong while sending (${escapeMrkdwn(slackError(err))}). Check the App Home before trying again.`;

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** Settles with the promise's result, or null when `ms` pass first (the promise goes on). */
async function settledWithin<T>(promise: Promise<T>, ms: number): Promise<Settled<T> | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  const settled = promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  try {
    return await Promise.race([settled, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** The view for a follow-up that was refused, failed or found nothing to send to; the draft is kept. */
async function notSentView(
  outcome: Exclude<SendFollowUpOutcome, { ok: true } | { kind: 'queued' }>,
  meta: ComposeMeta,
  s: SlackServices,
  userId: string,
  draft: ComposeDraft,
  to: { name: string; label: string },
): Promise<ModalView> {
  if (outcome.kind === 'refused') {
    return renderCompose(meta, s, userId, draft, `:warning: Not sent. ${outcome.refusal.detail}`);
  }
  const detail =
    outcome.kind === 'failed' ? `${describeReason(outcome.reason).summary} (${outcome.detail})` : outcome.detail;
  const kept = draft.text?.trim() ? `\n\nYour message, so nothing is lost:\n${quote(draft.text)}` : '';
  const text = `:x: The follow-up to ${boldName(to.name)} on ${to.label} was not sent. ${escapeMrkdwn(detail)}${kept}`;
  return buildMessageModalView('Not sent', text);
}

async function confirm(
  client: WebClient,
  userId: string,
  s: SlackServices,
  info: {
    name: string;
    label: string;
    e: { kind: 'text' | 'template' | 'tag'; text: string; sandbox: boolean; reopened: boolean; channel: string };
  },
  logger: { warn: (...a: unknown[]) => void },
): Promise<void> {
  try {
    const msg = buildSentConfirmation({
      contactName: info.name,
      channel: info.e.channel as never,
      kind: info.e.kind,
      text: info.e.text,
      sandbox: info.e.sandbox,
      reopened: info.e.reopened,
      assignedTo: userId,
    });
    await client.chat.postMessage({ channel: userId, text: msg.text, blocks: msg.blocks });
    await publishHome(client, userId, s);
  } catch (err) {
    logger.warn('Could not post the send confirmation', slackError(err));
  }
}
