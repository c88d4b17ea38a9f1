import type { SectionBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { english } from '../../../src/slack/i18n/index.js';
import { buildSentConfirmation } from '../../../src/slack/compose/send-messages.js';
import { assertBlockKitLimits } from '../../support/block-kit-limits.js';
import { ARABIC_TEXT, INJECTION, INJECTION_ESCAPED, expectNoRawControl } from '../fixtures.js';

const json = (v: unknown) => JSON.stringify(v);

describe('buildSentConfirmation', () => {
  it('confirms a real send, quotes the text and says the conversation was reopened and assigned', () => {
    const msg = buildSentConfirmation(english, {
      contactName: 'Ana Silva',
      channel: 'whatsapp',
      kind: 'template',
      text: 'Hello Ana,\nyour order shipped.',
      sandbox: false,
      reopened: true,
      assignedTo: 'U0001',
    });
    expect(msg.text).toBe('Sent: template to Ana Silva on WhatsApp');
    expect((msg.blocks[0] as SectionBlock).text!.text).toBe('✅ *Sent*: template to *Ana Silva* on 📱 WhatsApp');
    expect((msg.blocks[1] as SectionBlock).text!.text).toBe('>Hello Ana,\n>your order shipped.');
    const notes = json(msg.blocks[2]);
    expect(notes).toContain('The conversation was reopened and assigned to <@U0001>.');
    expect(notes).toContain('Free text opens again only when the contact replies.');
    assertBlockKitLimits('message', msg);
  });

  it('says a sandbox send was recorded, not delivered', () => {
    const msg = buildSentConfirmation(english, {
      contactName: 'Ana',
      channel: 'sms',
      kind: 'text',
      text: 'x',
      sandbox: true,
      reopened: false,
      assignedTo: 'U0001',
    });
    expect(msg.text).toBe('Recorded (sandbox): message to Ana on SMS');
    expect(json(msg.blocks)).toContain('🧪 *Recorded in the sandbox* (not delivered)');
    expect(json(msg.blocks)).toContain('Assigned to <@U0001>.');
  });

  it('stays within limits with a long Arabic message, and escapes', () => {
    const msg = buildSentConfirmation(english, {
      contactName: INJECTION,
      channel: 'viber',
      kind: 'text',
      text: `${INJECTION} ${ARABIC_TEXT}`,
      sandbox: false,
      reopened: false,
      assignedTo: null,
    });
    assertBlockKitLimits('message', msg);
    expect(expectNoRawControl(msg)).toEqual([]);
    expect(msg.text).toContain(INJECTION_ESCAPED);
  });
});

const STARRY = { firstName: 'Ann*Marie', lastName: '_VIP_' };
const STARRY_BOLD = '*Ann\u2217Marie \u02CDVIP\u02CD*';

describe('names in bold', () => {
  it('keeps a name with * and _ in one bold run in every message after a send', () => {
    const fullName = `${STARRY.firstName} ${STARRY.lastName}`;
    const messages = [
      buildSentConfirmation(english, {
        contactName: fullName,
        channel: 'whatsapp',
        kind: 'text',
        text: 'hi',
        sandbox: false,
        reopened: false,
        assignedTo: null,
      }),
    ];
    for (const msg of messages) {
      expect(json(msg.blocks)).toContain(STARRY_BOLD);
      expect(json(msg.blocks)).not.toContain('*Ann*');
    }
  });
});
