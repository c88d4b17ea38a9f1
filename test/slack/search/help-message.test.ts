import { describe, expect, it } from 'vitest';
import { english as en } from '../../../src/slack/i18n/index.js';
import { buildHelpMessage } from '../../../src/slack/search/help-message.js';
import { assertBlockKitLimits } from '../../support/block-kit-limits.js';
import { EVERY_LANGUAGE, cutPlainTexts } from '../language/in-every-language.js';

const json = (v: unknown) => JSON.stringify(v);

describe('buildHelpMessage', () => {
  it('explains the command, the language setting, search syntax per field and every window state', () => {
    const msg = buildHelpMessage(en);
    expect(msg.text).toMatch(/\/followup/);
    const text = json(msg.blocks);
    expect(text).toContain('/followup maria');
    expect(text).toContain('*`/followup language`* sets the language Followup speaks to you: `en`');
    expect(text).toContain('or `auto` to follow Slack');
    expect(text).toMatch(/accents optional/);
    expect(text).toContain('`nguyen` finds “Nguyễn”');
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
      '🚫 *no address — cannot send*: This contact has no address on this channel',
    ]) {
      expect(text).toContain(s);
    }
    assertBlockKitLimits('message', msg);
  });

  it.each(EVERY_LANGUAGE)('%s: in the language, within the message limits, every language code listed', (_c, t) => {
    const msg = buildHelpMessage(t);
    assertBlockKitLimits('message', msg);
    expect(cutPlainTexts(msg)).toEqual([]);
    expect(msg.text).toBe(t.t('help.text', { command: '/followup' }));
    expect(msg.blocks[0]).toMatchObject({ type: 'header', text: { text: t.t('help.title') } });
    const text = json(msg.blocks);
    for (const [code] of EVERY_LANGUAGE) expect(text).toContain(`\`${code}\``);
    expect(text).toContain(json(t.t('help.footer')).slice(1, -1));
  });
});
