/**
 * Window notifications in every language Followup speaks (whatever catalogs exist: a seventh is checked too),
 * with worst-case data: 80-character Vietnamese and Arabic names, every window state, late notices, and digests
 * of a thousand items. Each message must fit Slack's limits (50 blocks, ~12k characters of block text, 3000 per
 * section), show its words uncut, and be in the language it was built for. Arabic digest counts must pick the
 * plural form Arabic grammar needs for 0, 1, 2, 3, 11 and 100.
 */
import {
  type MessageFormatElement,
  type PluralElement,
  TYPE,
  isPluralElement,
  isSelectElement,
  isTagElement,
  parse,
} from '@formatjs/icu-messageformat-parser';
import type { Button, ContextBlock, HeaderBlock, KnownBlock, SectionBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { type Contact, type ContactChannel, displayName } from '../../../src/contacts/model.js';
import { evaluateWindow } from '../../../src/policy/index.js';
import { catalogFor } from '../../../src/slack/i18n/catalog.js';
import {
  LANGUAGES,
  type MessageKey,
  type Translator,
  isLanguage,
  translatorFor,
} from '../../../src/slack/i18n/index.js';
import {
  type WindowClosedNoticeInput,
  type WindowReminderInput,
  buildWindowClosedNotice,
  buildWindowDigest,
  buildWindowReminder,
} from '../../../src/slack/notifications/notice-messages.js';
import type { SlackMessage } from '../../../src/slack/shared/blocks.js';
import { channelLabel, dateIn } from '../../../src/slack/shared/format.js';
import { COMMAND } from '../../../src/slack/shared/ids.js';
import { boldName } from '../../../src/slack/shared/mrkdwn.js';
import { LIMITS, assertBlockKitLimits, blocksTextLength } from '../../support/block-kit-limits.js';
import { DAY, HOUR, NOW, ago, allChannelSetups, contact, iso, statusOf, vietnameseName } from '../fixtures.js';

/** An 80-character Arabic full name (UTF-16), different for each i. */
function arabicName(i: number): { firstName: string; lastName: string } {
  const words = ['عبد الرحمن', 'بن', 'محمد', 'آل', 'الفيصل', 'القحطاني', 'الشهراني', 'العتيبي', 'الدوسري'];
  const parts: string[] = [];
  for (let j = 0; parts.join(' ').length < 80; j++) parts.push(words[(i + j * 4) % words.length]!);
  const full = parts.join(' ').slice(0, 80).trimEnd().padEnd(80, 'ي');
  const [first, ...rest] = full.split(' ');
  return { firstName: first!, lastName: rest.join(' ') };
}

function worstPerson(i: number): Contact {
  const name = i % 2 === 0 ? vietnameseName(i) : arabicName(i);
  return contact({ id: `contact-${String(i).padStart(6, '0')}-${'x'.repeat(40)}`, ...name, language: 'vi' });
}

/** Messenger 22 h after the contact wrote: the reminder is for the end of free text (the longest sentence). */
function messengerEdgeReminder(i: number): WindowReminderInput {
  const lastIn = ago(22 * HOUR);
  const channel: ContactChannel = {
    type: 'messenger',
    channelId: `page-${'9'.repeat(40)}`,
    lastInboundAt: iso(lastIn),
    lastOutboundAt: null,
    outboundSinceInbound: 0,
  };
  const status = evaluateWindow({ channel: 'messenger', now: NOW, lastInboundAt: lastIn });
  return {
    contact: worstPerson(i),
    channel,
    status,
    closesAt: status.changesAt!,
    assignee: `U${1000 + i}`,
    late: true,
  };
}

function waReminder(i: number): WindowReminderInput {
  const lastIn = ago(23 * HOUR);
  const channel: ContactChannel = {
    type: 'whatsapp',
    lastInboundAt: iso(lastIn),
    lastOutboundAt: null,
    outboundSinceInbound: 0,
  };
  const status = evaluateWindow({ channel: 'whatsapp', now: NOW, lastInboundAt: lastIn });
  return { contact: worstPerson(i), channel, status, closesAt: status.windowClosesAt!, assignee: null, late: false };
}

/** One closed-window notice per channel setup: every state a window can be in after closing. */
function closedNotices(): WindowClosedNoticeInput[] {
  return allChannelSetups(true).map((setup, i) => ({
    contact: worstPerson(i),
    channel: setup.channel,
    status: statusOf(setup),
    closedAt: ago(DAY),
    assignee: i % 2 ? `U${2000 + i}` : null,
    late: true,
  }));
}

const sections = (msg: SlackMessage) => msg.blocks.filter((b): b is SectionBlock => b.type === 'section');
const contexts = (msg: SlackMessage) => msg.blocks.filter((b): b is ContextBlock => b.type === 'context');
const contextText = (block: KnownBlock) =>
  (block as ContextBlock).elements.map((e) => ('text' in e ? e.text : '')).join('\n');

/** Every Follow up button shows its words uncut, and its label names the channel in the language. */
function expectButtonsInLanguage(t: Translator, msg: SlackMessage, channels: readonly ContactChannel[]) {
  sections(msg).forEach((section, i) => {
    const button = section.accessory as Button;
    expect(button.text.text).toBe(t.t('notifications.followUp'));
    const label = t.t('notifications.followUpOn', { channel: channelLabel(t, channels[i]!.type) });
    expect(label.length, `${t.language.code}: the Follow up label is over 75 characters`).toBeLessThanOrEqual(
      LIMITS.accessibilityLabel,
    );
    expect(button.accessibility_label).toBe(label);
  });
}

function expectFits(msg: SlackMessage) {
  assertBlockKitLimits('message', msg);
  expect(msg.blocks.length).toBeLessThanOrEqual(LIMITS.blocksPerMessage);
  expect(blocksTextLength(msg.blocks)).toBeLessThanOrEqual(LIMITS.messageBlocksText);
  for (const s of sections(msg)) expect(s.text!.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
  // The fallback shows date tokens' readable part, never the token itself.
  expect(msg.text).not.toContain('<!date');
}

describe.each(LANGUAGES.map((l) => [l.code]))('window notifications in %s', (code) => {
  const t = translatorFor(code);

  it('a reminder fits and is in the language, for the end of free text and for the end of a window', () => {
    for (const input of [messengerEdgeReminder(1), messengerEdgeReminder(2), waReminder(3)]) {
      const msg = buildWindowReminder(t, input);
      expectFits(msg);
      expectButtonsInLanguage(t, msg, [input.channel]);
      const notes = contextText(contexts(msg)[0]!);
      if (input.late) expect(notes).toContain(t.t('notifications.lateReminder'));
      if (!input.assignee) expect(notes).toContain(t.t('assignee.none'));
    }
    const plain = waReminder(4);
    const name = boldName(displayName(plain.contact), 120);
    expect(sections(buildWindowReminder(t, plain))[0]!.text!.text).toBe(
      t.t('notifications.reminder', { name, channel: channelLabel(t, 'whatsapp'), when: dateIn(t, plain.closesAt) }),
    );
  });

  it('a closed-window notice fits and is in the language, in every state a window can be in after closing', () => {
    for (const input of closedNotices()) {
      const msg = buildWindowClosedNotice(t, input);
      expectFits(msg);
      expectButtonsInLanguage(t, msg, [input.channel]);
      expect(contextText(contexts(msg)[0]!)).toContain(t.t('notifications.lateNotice'));
    }
  });

  it.each(['reminder', 'notice'] as const)('a %s digest of 1,000 worst-case items fits and counts the rest', (kind) => {
    const count = 1000;
    const notices = closedNotices();
    const msg =
      kind === 'reminder'
        ? buildWindowDigest(t, {
            kind,
            minute: NOW,
            items: Array.from({ length: count }, (_, i) => (i % 2 ? messengerEdgeReminder(i) : waReminder(i))),
          })
        : buildWindowDigest(t, {
            kind,
            minute: NOW,
            items: Array.from({ length: count }, (_, i) => notices[i % notices.length]!),
          });
    expectFits(msg);
    const titleKey: MessageKey =
      kind === 'reminder' ? 'notifications.digest.reminderTitle' : 'notifications.digest.noticeTitle';
    const header = msg.blocks[0] as HeaderBlock;
    expect(header.text.text).toBe(t.t(titleKey, { count }));
    expect(header.text.text).toContain(t.number(count));
    const listed = sections(msg).length;
    expect(listed, `${code}: a digest should still list a useful number of items`).toBeGreaterThanOrEqual(10);
    expect(contextText(msg.blocks.at(-1)!)).toBe(
      t.t('notifications.digest.more', { count: count - listed, command: COMMAND }),
    );
    expect(msg.text).toContain(t.t(titleKey, { count }));
    expect(msg.text).toContain(t.t('notifications.digest.others', { count: count - 3 }));
  });

  it('a digest of two lists both, with the counts in the language', () => {
    const items = [messengerEdgeReminder(1), waReminder(2)];
    const msg = buildWindowDigest(t, { kind: 'reminder', minute: NOW, items });
    expectFits(msg);
    expectButtonsInLanguage(
      t,
      msg,
      items.map((i) => i.channel),
    );
    expect((msg.blocks[0] as HeaderBlock).text.text).toBe(t.t('notifications.digest.reminderTitle', { count: 2 }));
    expect(msg.blocks.at(-1)?.type).toBe('section');
  });
});

/** The first plural element over `count` in a message, wherever it sits. */
function countPlural(elements: MessageFormatElement[]): PluralElement | undefined {
  for (const el of elements) {
    if (isPluralElement(el) && el.value === 'count') return el;
    const nested = isPluralElement(el) || isSelectElement(el) ? Object.values(el.options).map((o) => o.value) : [];
    if (isTagElement(el)) nested.push(el.children);
    for (const inner of nested) {
      const found = countPlural(inner);
      if (found) return found;
    }
  }
  return undefined;
}

/** The fixed words of a plural branch (what tells one form from another), without the number. */
function literalWords(elements: MessageFormatElement[]): string[] {
  return elements
    .filter((e) => e.type === TYPE.literal)
    .map((e) => (e as { value: string }).value.trim())
    .filter((w) => w.length > 0);
}

/** Arabic's six plural categories, by a count that selects each (CLDR). */
const ARABIC_COUNTS: ReadonlyArray<[number, Intl.LDMLPluralRule]> = [
  [0, 'zero'],
  [1, 'one'],
  [2, 'two'],
  [3, 'few'],
  [11, 'many'],
  [100, 'other'],
];

const COUNTED_KEYS: MessageKey[] = [
  'notifications.digest.reminderTitle',
  'notifications.digest.noticeTitle',
  'notifications.digest.more',
  'notifications.digest.others',
];

describe('Arabic digest counts', () => {
  it.each(COUNTED_KEYS)('%s: 0, 1, 2, 3, 11 and 100 pick the zero, one, two, few, many and other forms', (key) => {
    expect(
      isLanguage('ar'),
      'The Arabic catalog (src/slack/i18n/catalogs/ar.ts) is missing: Arabic digest counts cannot be checked',
    ).toBe(true);
    const message = catalogFor('ar').messages[key];
    expect(message, `The Arabic catalog has no ${key}`).toBeTypeOf('string');
    const plural = countPlural(parse(message!));
    expect(plural, `Arabic ${key} does not count with {count, plural, …}`).toBeDefined();
    const t = translatorFor('ar');
    const rules = new Intl.PluralRules(t.language.intlLocale);
    for (const [n, category] of ARABIC_COUNTS) {
      expect(rules.select(n)).toBe(category);
      const branch = plural!.options[`=${n}`] ?? plural!.options[category];
      expect(branch, `Arabic ${key} has no "${category}" form (for ${n})`).toBeDefined();
      const out = t.t(key, { count: n, command: COMMAND });
      for (const word of literalWords(branch!.value)) expect(out, `${key} for ${n}`).toContain(word);
    }
  });
});
