import { describe, expect, it } from 'vitest';
import { LANGUAGES, english as en } from '../../../src/slack/i18n/index.js';
import {
  buildLanguageChangedMessage,
  buildLanguageFailedMessage,
  buildLanguageStatusMessage,
  buildUnknownLanguageMessage,
} from '../../../src/slack/language/language-messages.js';
import { assertBlockKitLimits } from '../../support/block-kit-limits.js';
import { EVERY_LANGUAGE } from './in-every-language.js';

const json = (v: unknown) => JSON.stringify(v);

describe('the /followup language answers', () => {
  it('in English: the change, the current setting with the choices, an unknown word with the choices', () => {
    expect(buildLanguageChangedMessage(en, false).text).toBe('Followup now speaks English to you.');
    expect(buildLanguageChangedMessage(en, true).text).toBe('Followup now follows your Slack language: English.');
    const status = buildLanguageStatusMessage(en, true);
    expect(status.text).toBe('Followup speaks English to you: it follows your Slack language.');
    expect(json(status)).toContain('Choose with `/followup language`:');
    expect(json(status)).toContain('• `en`: English');
    expect(json(status)).toContain('• `auto`: follow my Slack language');
    const unknown = buildUnknownLanguageMessage(en, '<!here> klingon');
    expect(unknown.text).toBe('Followup does not speak “&lt;!here&gt; klingon”.');
    expect(json(buildLanguageFailedMessage(en, 'store <down>'))).toContain('(store &lt;down&gt;)');
  });

  it.each(EVERY_LANGUAGE)('%s: every answer is in the language, lists every language, and fits', (_code, t) => {
    const long = 'x'.repeat(3000);
    const all = [
      buildLanguageChangedMessage(t, false),
      buildLanguageChangedMessage(t, true),
      buildLanguageStatusMessage(t, false),
      buildLanguageStatusMessage(t, true),
      buildUnknownLanguageMessage(t, long),
      buildLanguageFailedMessage(t, long),
    ];
    for (const m of all) assertBlockKitLimits('message', m);
    expect(all[0]!.text).toBe(t.t('language.changed', { language: t.language.name }));
    expect(all[2]!.text).toBe(t.t('language.current', { language: t.language.name }));
    for (const m of [all[2]!, all[4]!]) {
      for (const l of LANGUAGES)
        expect(json(m)).toContain(json(t.t('language.choice', { code: l.code, name: l.name })).slice(1, -1));
    }
  });
});
