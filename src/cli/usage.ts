/** The CLI's usage text and the error that prints it (exit code 2). */
export const USAGE = `Usage: followup <command> [options]

Commands:
  import FILE|-            Apply ingest events from an NDJSON file (or a JSON array; - reads stdin).
                           Prints "accepted N, duplicate N, rejected N" and the first rejections.
  search [QUERY…]          Find contacts: names (accents optional), emails, phone digits.
      --inbox all|mine     mine needs --agent U…           (default all)
      --agent USER_ID      the asking agent's Slack user id
      --status closed|open|any                             (default closed)
      --channel TYPE       whatsapp, messenger, instagram, viber, wechat, telegram, line, webchat, sms, email
      --window STATE       no_window, open, human_agent, template_only, tag_only, chatbot_initiated,
                           closed, closing_soon
      --limit N            1–100                                (default 20)
      --cursor CURSOR      the next page (printed after a full page)
      --json               machine-readable output
  status CONTACT_ID        Each channel's window: state, when it closes, messages left, what may be sent
      --json               now, and why.
  seed-demo                Fill the store with demo contacts (en, fr, es, de, ar, vi) on all ten channels,
                           windows in every state as of now ("npm run seed:demo").
      --count N            how many contacts                  (default 300)
      --agent USER_ID      assign contacts to this Slack user (repeatable) so "Mine" shows them
  help                     This text.

Options for every command:
  --store URL              Store to use (default: $STORE_URL, else sqlite://data/followup.sqlite).

Exit codes: 0 done; 1 failed, or import rejected at least one event; 2 usage error.
Test only: FOLLOWUP_NOW=<ISO time> fixes the clock the commands evaluate windows at.
`;

export class UsageError extends Error {
  override name = 'UsageError';
}
