import { describe, expect, it } from 'vitest';
import { buildHelpMessage } from '../../../src/slack/search/help-message.js';
import { assertBlockKitLimits } from '../../support/block-kit-limits.js';

const json = (v: unknown) => JSON.stringify(v);

describe('buildHelpMessage', () => {
  it('explains the command, search syntax per field and every window state', () => {
    const msg = buildHelpMessage();
    expect(msg.text).toMatch(/\/followup/);
    const text = json(msg.blocks);
    expect(text).toContain('/followup maria');
    expect(text).toMatch(/accents optional/);
    expect(text).toContain('@example.com');
    expect(text).toMatch(/last digits/);
    for (const s of [
      '🟢 *open*',
      '🟡 *agent only*',
      '📝 *template only*',
      '🏷️ *tag only*',
      '🤖 *chatbot-initiated*',
      '🔴 *closed*',
      '⚪ *any time*',
    ]) {
      expect(text).toContain(s);
    }
    assertBlockKitLimits('message', msg);
  });
});
