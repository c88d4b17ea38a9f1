import type { ActionsBlock, AnyBlock, Button, SectionBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { english } from '../../../src/slack/i18n/index.js';
import { channelKey } from '../../../src/contacts/model.js';
import { evaluateWindow } from '../../../src/policy/index.js';
import { type ContactModalModel, buildContactModalView } from '../../../src/slack/contact/contact-modal.js';
import { ACTION, BLOCK, CALLBACK, actionPattern, parseFollowUpValue } from '../../../src/slack/shared/ids.js';
import { assertBlockKitLimits } from '../../support/block-kit-limits.js';
import {
  DAY,
  HOUR,
  INJECTION_ESCAPED,
  NOW,
  ago,
  contact,
  expectNoRawControl,
  injectionContact,
  iso,
  worstContact,
} from '../fixtures.js';

function fromWorst(i: number, overrides: Partial<ContactModalModel> = {}): ContactModalModel {
  const w = worstContact(i);
  return {
    contact: w.contact,
    channels: w.statuses.map((s) => ({ ...s, sandbox: false })),
    viewerId: 'U0001',
    canSend: true,
    privateMetadata: '{"k":"contact","contactId":"c-1"}',
    now: NOW,
    ...overrides,
  };
}

const json = (v: unknown) => JSON.stringify(v);
const channelSections = (blocks: AnyBlock[]) =>
  blocks.filter(
    (b): b is SectionBlock =>
      b.type === 'section' && /^\*(🟢|🟡|📝|🏷️|🤖|🔴|⚪) /.test((b as SectionBlock).text?.text ?? ''),
  );

describe('buildContactModalView', () => {
  it('is the contact modal: callback, short title, metadata, no submit', () => {
    const view = buildContactModalView(english, fromWorst(1));
    expect(view).toMatchObject({
      type: 'modal',
      callback_id: CALLBACK.contact,
      title: { text: 'Contact' },
      private_metadata: '{"k":"contact","contactId":"c-1"}',
    });
    expect(view.submit).toBeUndefined();
    assertBlockKitLimits('modal', view);
  });

  it('shows name, email, phone, language, assignee and conversation status with its date', () => {
    const c = contact({ assignee: 'U0777', status: 'closed', language: 'pt-BR', statusChangedAt: iso(ago(5 * HOUR)) });
    const view = buildContactModalView(english, { ...fromWorst(1), contact: c, channels: [] });
    expect(view.blocks[0]).toMatchObject({ type: 'section', text: { text: '*Ana Silva*' } });
    const fields = (view.blocks[1] as SectionBlock).fields!.map((f) => f.text);
    expect(fields).toEqual([
      '*Email*\nana@example.com',
      '*Phone*\n+351 912 345 678',
      '*Language*\npt-BR',
      '*Assigned to*\n<@U0777>',
      expect.stringMatching(/^\*Conversation\*\nClosed <!date\^\d+\^/),
    ]);
    expect(json(view)).toContain('no channel on record');
  });

  it('offers "Assign to me" unless the viewer already has it, and "Close" with a confirm unless closed', () => {
    const open = contact({ assignee: 'U0999', status: 'open' });
    const both = buildContactModalView(english, { ...fromWorst(1), contact: open });
    const acts = both.blocks.find((b) => b.block_id === BLOCK.contactActions) as ActionsBlock;
    expect(acts.elements.map((e) => (e as Button).action_id)).toEqual([ACTION.assignMe, ACTION.closeConversation]);
    const close = acts.elements[1] as Button;
    expect(close.value).toBe(open.id);
    expect(close.confirm).toMatchObject({
      title: { text: 'Close the conversation?' },
      confirm: { text: 'Close it' },
      deny: { text: 'Cancel' },
    });

    const mineClosed = buildContactModalView(english, {
      ...fromWorst(1),
      contact: contact({ assignee: 'U0001', status: 'closed' }),
    });
    expect(mineClosed.blocks.find((b) => b.block_id === BLOCK.contactActions)).toBeUndefined();
    const mineOpen = buildContactModalView(english, {
      ...fromWorst(1),
      contact: contact({ assignee: 'U0001', status: 'open' }),
    });
    const only = mineOpen.blocks.find((b) => b.block_id === BLOCK.contactActions) as ActionsBlock;
    expect(only.elements.map((e) => (e as Button).action_id)).toEqual([ACTION.closeConversation]);
  });

  it('lists every channel with its badge, reason, what can be sent, and a Follow up button only where allowed', () => {
    const m = fromWorst(3);
    const view = buildContactModalView(english, m);
    const sections = channelSections(view.blocks);
    expect(sections).toHaveLength(10);
    const byType = Object.fromEntries(m.channels.map((c, i) => [c.channel.type, sections[i]!]));

    const wa = byType.whatsapp!;
    expect(wa.text!.text).toMatch(/^\*📝 WhatsApp · template only\*/);
    expect(wa.text!.text).toContain('only an approved WhatsApp template');
    expect(wa.text!.text).toContain(
      '_Free text reopens when the contact replies (a template alone does not reopen it)._',
    );
    expect(wa.text!.text).toContain('Can send now: an approved template.');
    const button = wa.accessory as Button;
    expect(button).toMatchObject({ type: 'button', text: { text: 'Follow up' }, style: 'primary' });
    expect(actionPattern(ACTION.composeOpen).test(button.action_id!)).toBe(true);
    expect(parseFollowUpValue(button.value!)).toEqual({
      contactId: m.contact.id,
      channelKey: channelKey(m.channels[0]!.channel),
    });

    const ig = byType.instagram!;
    expect(ig.accessory).toBeUndefined();
    expect(ig.text!.text).toContain('Nothing can be sent now.');
    expect(ig.text!.text).toContain('_The window reopens when the contact writes again._');

    expect(byType.messenger!.text!.text).toMatch(/Window closes <!date\^/);
    expect(byType.wechat!.text!.text).toContain('17 messages left in this window');
    expect(byType.viber!.text!.text).toContain('9,988 free chatbot-initiated messages left this month');
    expect(byType.telegram!.text!.text).toContain('No messaging window: you can write any time.');
    expect(byType.whatsapp!.text!.text).toContain('Account: 📱 WhatsApp (wa-account-');

    const actionIds = sections.flatMap((s) => (s.accessory ? [(s.accessory as Button).action_id] : []));
    expect(new Set(actionIds).size).toBe(actionIds.length);
  });

  it('explains free text then agent-only time on an open Messenger window', () => {
    const ch = {
      type: 'messenger' as const,
      lastInboundAt: iso(ago(2 * HOUR)),
      lastOutboundAt: null,
      outboundSinceInbound: 0,
    };
    const status = evaluateWindow({ channel: 'messenger', now: NOW, lastInboundAt: ago(2 * HOUR) });
    const view = buildContactModalView(english, {
      ...fromWorst(1),
      channels: [{ channel: ch, status, sandbox: false }],
    });
    expect(json(view)).toMatch(/Free text until <!date\^\d+\^[^>]+>, then agent only \(HUMAN_AGENT\) until <!date/);
    expect(json(view)).toContain('"text":"Channel"');
  });

  it('omits every Follow up button and says why when the viewer may not send', () => {
    const view = buildContactModalView(english, fromWorst(1, { canSend: false }));
    expect(channelSections(view.blocks).some((s) => s.accessory)).toBe(false);
    expect(json(view)).toContain('You cannot send follow-ups');
  });

  it('marks sandbox channels', () => {
    const m = fromWorst(1);
    const view = buildContactModalView(english, { ...m, channels: m.channels.map((c) => ({ ...c, sandbox: true })) });
    expect(channelSections(view.blocks)[0]!.text!.text).toMatch(/template only\* · 🧪 sandbox/);
    expect(json(view)).toContain('recorded here, not delivered');
  });

  it('stays within limits with many channel accounts, and says how many are not shown', () => {
    const w = worstContact(5);
    const channels = Array.from({ length: 6 }, () => w.statuses)
      .flat()
      .map((s) => ({ ...s, sandbox: true }));
    const view = buildContactModalView(english, { ...fromWorst(5), channels });
    assertBlockKitLimits('modal', view);
    expect(json(view)).toContain('and 20 more channels not shown');
  });

  it('stays within limits for worst-case contacts', () => {
    for (let i = 0; i < 100; i += 7) {
      assertBlockKitLimits(
        'modal',
        buildContactModalView(english, fromWorst(i, { privateMetadata: 'm'.repeat(3000) })),
      );
    }
    const old = evaluateWindow({ channel: 'whatsapp', now: NOW, lastInboundAt: ago(400 * DAY) });
    expect(old.state).toBe('template_only');
  });

  it('escapes a contact named with mrkdwn control sequences everywhere', () => {
    const evil = injectionContact();
    const view = buildContactModalView(english, {
      contact: evil.contact,
      channels: evil.statuses.map((s) => ({ ...s, sandbox: false })),
      viewerId: 'U0001',
      canSend: true,
      privateMetadata: '',
      now: NOW,
    });
    expect(expectNoRawControl(view)).toEqual([]);
    expect(json(view)).toContain(`*${INJECTION_ESCAPED}*`);
    expect(json(view)).toContain('&lt;!subteam^S1&gt;');
    assertBlockKitLimits('modal', view);
  });
});

const STARRY = { firstName: 'Ann*Marie', lastName: '_VIP_' };
const STARRY_BOLD = '*Ann\u2217Marie \u02CDVIP\u02CD*';

describe('buildContactModalView: names in bold', () => {
  it('keeps a name with * and _ in one bold run', () => {
    const view = buildContactModalView(english, fromWorst(1, { contact: { ...worstContact(1).contact, ...STARRY } }));
    expect(json(view)).toContain(JSON.stringify(STARRY_BOLD).slice(1, -1));
    expect(json(view)).not.toContain('*Ann*');
  });
});
