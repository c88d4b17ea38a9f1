/**
 * Submitting the compose view. The policy is evaluated again at this instant: if the window moved the
 * modal says so and offers what is allowed now (the agent's text is kept); a field problem is a field
 * error. Only then is the follow-up written to the outbox, the view switched to "Sending…" and the follow-up
 * delivered — once per compose view. Every answer is in the language of the agent who submitted.
 */
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { displayName } from '../../contacts/model.js';
import type { SendFollowUpOutcome } from '../../followup/index.js';
import type { ChannelRule, ChannelType, OutboundMessage, Template, WindowStatus } from '../../policy/index.js';
import { publishHome } from '../home/app-home.js';
import { type Translator, lastKnownLanguage, translatorFor } from '../i18n/index.js';
import { translatorOf } from '../language/request-translator.js';
import { type SlackServices, canSend } from '../services.js';
import { channelLabel, dateIn, reasonText, reopensText } from '../shared/format.js';
import { ACTION, VARIABLE_BLOCK_PREFIX } from '../shared/ids.js';
import { slackError } from '../shared/modal.js';
import { boldName, escapeMrkdwn } from '../shared/mrkdwn.js';
import { buildLoadingModalView, buildMessageModalView } from '../shared/notice-modal.js';
import { blockIdOf, hasAction, parseMeta } from '../shared/view-state.js';
import { messageWithBlock } from './block-value.js';
import { type ComposeMode, findTemplateByOptionValue } from './compose-modal.js';
import { type ComposeDraft, draftFromView, modeFor, renderCompose } from './compose-screen.js';
import { type ComposeMeta, composeMetaSchema } from './compose-state.js';
import { refusalText } from './refusal-text.js';
import { buildSentConfirmation } from './send-messages.js';
import { updateView } from '../shared/views-api.js';

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

/** The agent's own text, escaped and quoted line by line (mrkdwn). */
const quote = (text: string) =>
  escapeMrkdwn(text)
    .split('\n')
    .map((l) => `> ${l}`)
    .join('\n');

/** "Your message, kept so nothing is lost: …" when the agent wrote something; '' otherwise. */
function keptDraft(t: Translator, draft: ComposeDraft): string {
  return draft.text?.trim() ? messageWithBlock(t, 'compose.draftKept', 'quote', quote(draft.text)) : '';
}

/** The window moved between building the view and submitting it: why, what reopens it, and the draft. */
function windowChangedNotice(t: Translator, status: WindowStatus, mode: ComposeMode, draft: ComposeDraft): string {
  const words = [t.t('compose.windowChanged'), reasonText(t, status)];
  const reopens = mode === 'closed' ? reopensText(t, status) : null;
  if (reopens) words.push(reopens);
  const kept = keptDraft(t, draft);
  return kept ? `${words.join(' ')}\n${kept}` : words.join(' ');
}

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
    const started = performance.now();
    let answered = false;
    const ack: ViewArgs['ack'] = (response) => {
      answered = true;
      return args.ack(response);
    };
    const userId = args.body.user.id;
    // Until the agent's language is read (a store read, or Slack's at most 1 s): the one they last got here.
    let t = translatorFor(lastKnownLanguage(userId));
    try {
      t = await translatorOf(args.client, s, userId, args.logger);
      await submitCompose(t, { ...args, ack }, s, { ...options, started });
    } catch (err) {
      args.logger.error('Submitting a follow-up failed', err);
      if (answered) return;
      const text = t.t('compose.notSent.checkFailed', { why: escapeMrkdwn(slackError(err)) });
      await args
        .ack({ response_action: 'update', view: buildMessageModalView(t, t.t('compose.notSent.title'), text) })
        .catch(() => undefined);
    }
  };
}

/** What the agent tried to send, or the field errors that say what is missing. */
function messageFromDraft(
  t: Translator,
  view: ViewSubmitAction['view'],
  mode: ComposeMode,
  draft: ComposeDraft,
  ctx: { templates: readonly Template[]; contactLanguage: string | null },
): { message: OutboundMessage | null; errors: Record<string, string> } {
  if (mode === 'template') {
    const template = findTemplateByOptionValue(ctx.templates, draft.templateValue);
    if (!template) {
      const block = blockIdOf(view, ACTION.template) ?? 'template';
      return { message: null, errors: { [block]: t.t('compose.refusal.pickTemplate') } };
    }
    const variables = draft.variables ?? {};
    return {
      message: { kind: 'template', template, variables, contactLanguage: ctx.contactLanguage, author: 'agent' },
      errors: {},
    };
  }
  if (mode === 'tag') {
    if (!draft.tagValue) {
      const block = blockIdOf(view, ACTION.tag) ?? 'tag';
      return { message: null, errors: { [block]: t.t('compose.refusal.pickTag') } };
    }
    return { message: { kind: 'tag', tag: draft.tagValue, text: draft.text ?? '', author: 'agent' }, errors: {} };
  }
  if (mode === 'text') return { message: { kind: 'text', text: draft.text ?? '', author: 'agent' }, errors: {} };
  return { message: null, errors: {} };
}

async function submitCompose(
  t: Translator,
  { ack, body, view, client, logger }: ViewArgs,
  s: SlackServices,
  options: ComposeSubmissionOptions & { started: number },
): Promise<void> {
  const { started } = options;
  const userId = body.user.id;
  const answerWith = (title: string, text: string) =>
    ack({ response_action: 'update', view: buildMessageModalView(t, title, text) });
  const meta = parseMeta(composeMetaSchema, view);
  if (!meta) {
    await answerWith(t.t('compose.title'), t.t('compose.outOfDate'));
    return;
  }
  const draft = draftFromView(view);
  const ctx = await s.followup.composeContext(meta.contactId, meta.channelKey, s.clock());
  if (!ctx) {
    await answerWith(t.t('compose.title'), t.t('compose.goneNothingSent'));
    return;
  }
  if (!canSend(s, userId)) {
    await answerWith(t.t('compose.notAllowedTitle'), t.t('compose.notAllowedNothingSent'));
    return;
  }
  const { contact, status, templates, rule } = ctx;
  const mode = modeFor(status);
  if (mode !== builtMode(view)) {
    const notice = windowChangedNotice(t, status, mode, draft);
    await ack({ response_action: 'update', view: await renderCompose(t, meta, s, userId, draft, notice) });
    return;
  }

  const { message, errors } = messageFromDraft(t, view, mode, draft, {
    templates,
    contactLanguage: contact.language || null,
  });
  if (!message) {
    await ack(Object.keys(errors).length ? { response_action: 'errors', errors } : undefined);
    return;
  }

  const plan = s.followup.planFollowUp(status, message);
  if (!plan.ok) {
    const field = plan.field === null ? undefined : fieldBlock(view, plan.field, draft.variables ?? {});
    if (field) {
      const error = refusalText(t, plan, { message, rule, format: 'plain' });
      await ack({ response_action: 'errors', errors: { [field]: error } });
    } else {
      const notice = `:warning: ${refusalText(t, plan, { message, rule, format: 'mrkdwn' })}`;
      await ack({ response_action: 'update', view: await renderCompose(t, meta, s, userId, draft, notice) });
    }
    return;
  }

  // The outbox entry is written before Slack hears "Sending…": a crash after the answer cannot lose the
  // follow-up (the outbox worker delivers what is written). The write takes milliseconds; if the store
  // is slow, the answer goes at the deadline anyway so Slack's 3 s are kept, and the write goes on.
  const name = displayName(contact);
  const attempt: Attempt = { meta, s, userId, draft, message, rule, to: { name, channel: ctx.channel.type } };
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
    const text = t.t('compose.notSent.recordFailed', { why: escapeMrkdwn(slackError(early.error)) });
    await answerWith(t.t('compose.notSent.title'), text);
    return;
  } else if (!early.value.ok) {
    // Refused or gone before anything was written: answer with it straight away.
    await ack({ response_action: 'update', view: await notSentView(t, early.value, attempt) });
    return;
  }
  await ack({
    response_action: 'update',
    view: buildLoadingModalView(t, t.t('compose.title'), t.t('compose.sending')),
  });
  try {
    const queued = await writing;
    const outcome = queued.ok ? await s.followup.deliverFollowUp(queued.entry, s.clock(), queued.duplicate) : queued;
    const show = (shown: ModalView) => updateView(client, { view_id: view.id, view: shown });
    if (outcome.ok) {
      await show(sentView(t, outcome.entry, outcome.duplicate, attempt.to));
      if (!outcome.duplicate) await confirm(t, client, userId, s, { name, e: outcome.entry }, logger);
    } else if (outcome.kind === 'queued') {
      const text = t.t('compose.queued.text', {
        channel: channelLabel(t, attempt.to.channel),
        name: boldName(name),
        detail: escapeMrkdwn(outcome.detail),
        time: dateIn(t, outcome.nextAttemptAt, '{time}'),
      });
      await show(buildMessageModalView(t, t.t('compose.queued.title'), text));
    } else {
      await show(await notSentView(t, outcome, attempt));
    }
  } catch (err) {
    logger.error('Sending a follow-up failed', err);
    const text = t.t('compose.notSent.sendFailed', { why: escapeMrkdwn(slackError(err)) });
    const failed = buildMessageModalView(t, t.t('compose.notSent.title'), text);
    await updateView(client, { view_id: view.id, view: failed }).catch(() => undefined);
  }
}

/** One submission's send: what a "not sent" answer needs to say why and to keep the draft. */
interface Attempt {
  meta: ComposeMeta;
  s: SlackServices;
  userId: string;
  draft: ComposeDraft;
  message: OutboundMessage;
  rule: ChannelRule;
  to: { name: string; channel: ChannelType };
}

/** The parts of a sent outbox entry the answers show. */
interface SentEntry {
  kind: 'text' | 'template' | 'tag';
  text: string;
  sandbox: boolean;
  reopened: boolean;
  channel: string;
  templateName: string | null;
  tag: string | null;
}

function sentView(t: Translator, e: SentEntry, duplicate: boolean, to: Attempt['to']): ModalView {
  const sent = t.t(duplicate ? 'compose.sent.textAgain' : 'compose.sent.text', {
    kind: e.kind,
    template: escapeMrkdwn(e.templateName ?? ''),
    tag: escapeMrkdwn(e.tag ?? ''),
    name: boldName(to.name),
    channel: channelLabel(t, to.channel),
  });
  const lines = [sent, t.t(e.reopened ? 'compose.sent.reopened' : 'compose.sent.assigned')];
  return buildMessageModalView(
    t,
    t.t(e.sandbox ? 'compose.sent.titleSandbox' : 'compose.sent.title'),
    lines.join('\n'),
    e.sandbox ? { context: t.t('compose.sent.sandbox') } : {},
  );
}

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

/** Reasons whose `detail` is Followup's own English, not a provider's answer: their words say it all. */
const OWN_DETAIL_REASONS = new Set(['in_doubt', 'not_found']);

/** The view for a follow-up that was refused, failed or found nothing to send to; the draft is kept. */
async function notSentView(
  t: Translator,
  outcome: Exclude<SendFollowUpOutcome, { ok: true } | { kind: 'queued' }>,
  attempt: Attempt,
): Promise<ModalView> {
  const { meta, s, userId, draft, to, message, rule } = attempt;
  if (outcome.kind === 'refused') {
    const reason = refusalText(t, outcome.refusal, { message, rule, format: 'mrkdwn' });
    return renderCompose(t, meta, s, userId, draft, t.t('compose.notSent.refused', { reason }));
  }
  const who = { name: boldName(to.name), channel: channelLabel(t, to.channel) };
  let text: string;
  if (outcome.kind === 'failed') {
    const reason = reasonText(t, { reason: outcome.reason });
    text =
      OWN_DETAIL_REASONS.has(outcome.reason) || !outcome.detail
        ? t.t('compose.notSent.failedNoDetail', { ...who, reason })
        : t.t('compose.notSent.failed', { ...who, reason, detail: escapeMrkdwn(outcome.detail) });
  } else {
    text = t.t('compose.notSent.gone', who);
  }
  const kept = keptDraft(t, draft);
  return buildMessageModalView(t, t.t('compose.notSent.title'), kept ? `${text}\n\n${kept}` : text);
}

async function confirm(
  t: Translator,
  client: WebClient,
  userId: string,
  s: SlackServices,
  info: { name: string; e: SentEntry },
  logger: { warn: (...a: unknown[]) => void },
): Promise<void> {
  try {
    const msg = buildSentConfirmation(t, {
      contactName: info.name,
      channel: info.e.channel as ChannelType,
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
