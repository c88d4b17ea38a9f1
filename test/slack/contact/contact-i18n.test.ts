/**
 * The contact view in every language Followup speaks, with worst-case data: 80-character Vietnamese and
 * Arabic names, long emails, every channel with long account ids, more channels than the view lists. Every
 * Block Kit limit holds, and the words that the block helpers would cut at a limit (buttons, the confirm
 * dialog, the header, the accessibility label) arrive whole: a translation too long fails here, it is never cut.
 */
import type { ActionsBlock, Button, HeaderBlock, ModalView, SectionBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { type ContactModalModel, buildContactModalView } from '../../../src/slack/contact/contact-modal.js';
import { LANGUAGES, type MessageKey, type Translator, translatorFor } from '../../../src/slack/i18n/index.js';
import { channelLabel } from '../../../src/slack/shared/format.js';
import { ACTION, BLOCK } from '../../../src/slack/shared/ids.js';
import { buildMessageModalView } from '../../../src/slack/shared/notice-modal.js';
import { assertBlockKitLimits } from '../../support/block-kit-limits.js';
import { CHANNEL_TYPES, NOW, contact, worstContact } from '../fixtures.js';

const CODES = LANGUAGES.map((l) => [l.code] as const);

/** An 80-character Arabic name (first and last). */
const ARABIC_NAME = { firstName: 'عبد الرحمن بن محمد', lastName: 'آل سعود '.repeat(10).slice(0, 61).trim() };

function model(i: number, overrides: Partial<ContactModalModel> = {}): ContactModalModel {
  const w = worstContact(i);
  return {
    contact: { ...w.contact, status: 'open' },
    channels: w.statuses.map((s) => ({ ...s, sandbox: i % 2 === 0 })),
    viewerId: 'U0001',
    canSend: true,
    privateMetadata: 'm'.repeat(3000),
    now: NOW,
    ...overrides,
  };
}

const buttons = (view: ModalView) =>
  (view.blocks.find((b) => b.block_id === BLOCK.contactActions) as ActionsBlock | undefined)?.elements as
    | Button[]
    | undefined;

/** The longest channel name in this language: what the Follow up label must hold. */
function longestChannel(t: Translator): string {
  return CHANNEL_TYPES.map((c) => channelLabel(t, c)).sort((a, b) => b.length - a.length)[0]!;
}

describe.each(CODES)('the contact view in %s', (code) => {
  const t = translatorFor(code);

  it('is in the language: title, close, field labels, buttons and confirm dialog, whole', () => {
    const view = buildContactModalView(t, model(1));
    assertBlockKitLimits('modal', view);
    expect(view.title.text).toBe(t.t('contact.title'));
    expect(view.close?.text).toBe(t.t('contact.close'));
    const [assign, close] = buttons(view)!;
    expect(assign!.text.text).toBe(t.t('contact.assignMe'));
    expect(close!.text.text).toBe(t.t('contact.closeConversation'));
    expect(close!.confirm).toMatchObject({
      title: { text: t.t('contact.closeConfirm.title') },
      text: { text: t.t('contact.closeConfirm.text') },
      confirm: { text: t.t('contact.closeConfirm.confirm') },
      deny: { text: t.t('contact.closeConfirm.deny') },
    });
    const fields = (view.blocks[1] as SectionBlock).fields!.map((f) => f.text);
    expect(fields[4]).toMatch(new RegExp(`^${escapeRegExp(t.t('contact.field.conversation', { conversation: '' }))}`));
    const header = view.blocks.find((b) => b.type === 'header') as HeaderBlock;
    expect(header.text.text).toBe(t.t('contact.channels', { count: 10 }));
  });

  it('stays within limits for worst-case contacts, sandboxed or not, allowed to send or not', () => {
    for (let i = 0; i < 100; i += 9) {
      for (const canSend of [true, false]) {
        const view = buildContactModalView(t, model(i, { canSend }));
        assertBlockKitLimits('modal', view);
        expect(view.title.text).toBe(t.t('contact.title'));
      }
    }
  });

  it('labels every Follow up button whole, with the longest channel name of the language', () => {
    const view = buildContactModalView(t, model(2));
    const followUps = view.blocks.flatMap((b) =>
      (b as SectionBlock).accessory ? [(b as SectionBlock).accessory] : [],
    );
    expect(followUps.length).toBeGreaterThan(0);
    for (const b of followUps as Button[]) {
      expect(b.text.text).toBe(t.t('contact.followUp'));
      expect(b.accessibility_label).toMatch(/\S/);
    }
    const label = t.t('contact.followUpLabel', { channel: longestChannel(t) });
    expect(label.length, label).toBeLessThanOrEqual(75);
  });

  it('an Arabic name, a contact without email, phone or language, and no channel', () => {
    const c = contact({ ...ARABIC_NAME, email: '', phone: '', language: '', assignee: null, status: 'open' });
    const view = buildContactModalView(t, { ...model(3), contact: c, channels: [] });
    assertBlockKitLimits('modal', view);
    const fields = (view.blocks[1] as SectionBlock).fields!.map((f) => f.text);
    expect(fields[2]).toBe(t.t('contact.field.languageUnknown'));
    expect(JSON.stringify(view)).toContain(JSON.stringify(t.t('contact.noChannels')).slice(1, -1));
  });

  it('says how many channels are not shown, within limits', () => {
    const w = model(5);
    const channels = Array.from({ length: 6 }, () => w.channels).flat();
    const view = buildContactModalView(t, { ...w, channels });
    assertBlockKitLimits('modal', view);
    expect(JSON.stringify(view)).toContain(JSON.stringify(t.t('contact.moreChannels', { count: 20 })).slice(1, -1));
  });

  it('titles its small answers within 24 characters (not found, not allowed)', () => {
    const answers: Array<[MessageKey, MessageKey]> = [
      ['contact.notFoundTitle', 'contact.notFound'],
      ['contact.notAllowedTitle', 'contact.notAllowed'],
    ];
    for (const [title, text] of answers) {
      const view = buildMessageModalView(t, t.t(title), t.t(text));
      assertBlockKitLimits('modal', view);
      expect(view.title.text).toBe(t.t(title));
    }
  });
});

describe('the contact view follows the viewer', () => {
  it('renders the same contact in each language with its own words', () => {
    const titles = new Set(LANGUAGES.map((l) => buildContactModalView(translatorFor(l.code), model(1)).title.text));
    const assignButtons = new Set(
      LANGUAGES.map((l) => buttons(buildContactModalView(translatorFor(l.code), model(1)))![0]!.action_id),
    );
    expect(assignButtons).toEqual(new Set([ACTION.assignMe]));
    // Catalogs may share a word ("Contact" in English and French), but not all of them.
    if (LANGUAGES.length > 2) expect(titles.size).toBeGreaterThan(1);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
