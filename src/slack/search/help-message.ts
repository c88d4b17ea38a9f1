/** The `/followup help` answer: usage, search syntax and what each window state means. Pure. */
import { describeReason, WINDOW_STATES } from '../../policy/index.js';
import { NO_ADDRESS_BADGE } from '../../followup/no-address.js';
import { type SlackMessage, context, header, section } from '../shared/blocks.js';
import { NO_ADDRESS_EMOJI, WINDOW_STATE_PRESENTATION } from '../shared/format.js';
import { COMMAND } from '../shared/ids.js';

export function buildHelpMessage(): SlackMessage {
  const states = WINDOW_STATES.map((s) => {
    const p = WINDOW_STATE_PRESENTATION[s];
    return `${p.emoji} *${p.badge}*: ${p.meaning}`;
  });
  // Not a window state: no window helps when the provider has no address for the person.
  states.push(`${NO_ADDRESS_EMOJI} *${NO_ADDRESS_BADGE}*: ${describeReason('no_address').summary}`);
  return {
    text:
      `How to use ${COMMAND}: search contacts whose conversation is closed ` +
      "and follow up within each channel's rules.",
    blocks: [
      header('Followup: follow up on closed conversations'),
      section(
        [
          `*\`${COMMAND}\`* opens the search. *\`${COMMAND} maria\`* searches right away. ` +
            `*\`${COMMAND} help\`* shows this message.`,
          'You can also start from the ⚡ shortcuts menu, or from the app’s Home tab.',
        ].join('\n'),
      ),
      section(
        [
          '*Search*',
          '• *Name*: the start of any part of the name, accents optional ' +
            '(`nguyen` finds “Nguyễn”, `jo` finds “Jo Smith”).',
          '• *Email*: any part of the address, or `@example.com` for everyone at a domain.',
          '• *Phone*: digits only, in any format; the last digits are enough (`4567`).',
          '• *Filters*: inbox (*Mine* or *All*), conversation status (*Closed* by default), channel, ' +
            'window state, and *closing within 24 h*.',
        ].join('\n'),
      ),
      section(['*What each channel allows now*', ...states].join('\n')),
      context([
        'Times show in your own time zone. Sending a follow-up reopens the conversation and assigns it to you. ' +
          'The rules are checked again at the moment you press Send.',
      ]),
    ],
  };
}
