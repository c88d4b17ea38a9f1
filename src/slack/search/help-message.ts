/** The `/followup help` answer: usage, search syntax and what each window state means, in `t`'s language. Pure. */
import { WINDOW_STATES } from '../../policy/index.js';
import { LANGUAGES, type Translator } from '../i18n/index.js';
import { AUTO, LANGUAGE_WORD } from '../language/language-choice.js';
import { type SlackMessage, context, header, section } from '../shared/blocks.js';
import { NO_ADDRESS_EMOJI, WINDOW_STATE_EMOJI, reasonText, windowStateText } from '../shared/format.js';
import { COMMAND } from '../shared/ids.js';

/** Search examples: typed text and what it finds, the same in every language (they are data, not words). */
const EXAMPLES = {
  search: `${COMMAND} maria`,
  name1: ['nguyen', 'Nguyễn'],
  name2: ['jo', 'Jo Smith'],
  domain: '@example.com',
  phone: '4567',
} as const;

export function buildHelpMessage(t: Translator): SlackMessage {
  const states = WINDOW_STATES.map((s) =>
    t.t('help.states.line', {
      emoji: WINDOW_STATE_EMOJI[s],
      state: windowStateText(t, s, 'badge'),
      meaning: windowStateText(t, s, 'meaning'),
    }),
  );
  // Not a window state: no window helps when the provider has no address for the person.
  states.push(
    t.t('help.states.line', {
      emoji: NO_ADDRESS_EMOJI,
      state: t.t('badge.noAddress'),
      meaning: reasonText(t, { reason: 'no_address' }),
    }),
  );
  const codes = t.list(LANGUAGES.map((l) => `\`${l.code}\``));
  return {
    text: t.t('help.text', { command: COMMAND }),
    blocks: [
      header(t.t('help.title')),
      section(
        [
          t.t('help.usage', { command: COMMAND, searchExample: EXAMPLES.search, helpCommand: `${COMMAND} help` }),
          t.t('help.language', { languageCommand: `${COMMAND} ${LANGUAGE_WORD}`, codes, auto: AUTO }),
          t.t('help.start'),
        ].join('\n'),
      ),
      section(
        [
          t.t('help.search.title'),
          t.t('help.search.name', {
            example1: EXAMPLES.name1[0],
            match1: EXAMPLES.name1[1],
            example2: EXAMPLES.name2[0],
            match2: EXAMPLES.name2[1],
          }),
          t.t('help.search.email', { domainExample: EXAMPLES.domain }),
          t.t('help.search.phone', { phoneExample: EXAMPLES.phone }),
          t.t('help.search.filters'),
        ].join('\n'),
      ),
      section([t.t('help.states.title'), ...states].join('\n')),
      context([t.t('help.footer')]),
    ],
  };
}
