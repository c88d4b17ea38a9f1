/**
 * English: the reference catalog. Keys are `<screen>.<what>`; values are ICU MessageFormat (plural, select,
 * `{n, number}`); mrkdwn markup stays in the message so a translation can move it with the words. A new
 * language is a copy of this file under its own code (README → Languages), every message translated.
 */
export default {
  language: { code: 'en', name: 'English', intlLocale: 'en', direction: 'ltr' },
  messages: {
    // ── shared ──
    // Words every screen shares: channels, window states, badges, counts, what can be sent.
    'channel.whatsapp': 'WhatsApp',
    'channel.messenger': 'Messenger',
    'channel.instagram': 'Instagram',
    'channel.viber': 'Viber',
    'channel.wechat': 'WeChat',
    'channel.telegram': 'Telegram',
    'channel.line': 'LINE',
    'channel.webchat': 'Website chat',
    'channel.sms': 'SMS',
    'channel.email': 'Email',
    'state.open.badge': 'open',
    'state.open.filter': 'Open',
    'state.open.meaning': 'free text allowed until the window closes',
    'state.human_agent.badge': 'agent only',
    'state.human_agent.filter': 'Agent only (HUMAN_AGENT)',
    'state.human_agent.meaning':
      'Messenger/Instagram after 24 h: a person may still write (HUMAN_AGENT tag), automations may not',
    'state.template_only.badge': 'template only',
    'state.template_only.filter': 'Template only',
    'state.template_only.meaning': 'WhatsApp after 24 h: only an approved template in the contact’s language',
    'state.tag_only.badge': 'tag only',
    'state.tag_only.filter': 'Tag only',
    'state.tag_only.meaning': 'Messenger after 7 days: only a message with an allowed message tag',
    'state.chatbot_initiated.badge': 'chatbot-initiated',
    'state.chatbot_initiated.filter': 'Chatbot-initiated',
    'state.chatbot_initiated.meaning': 'Viber after the session: counts against the free monthly quota, or is billable',
    'state.closed.badge': 'closed',
    'state.closed.filter': 'Closed',
    'state.closed.meaning': 'nothing can be sent until the contact writes again',
    'state.no_window.badge': 'any time',
    'state.no_window.filter': 'Any time (no window)',
    'state.no_window.meaning': 'Telegram, LINE, website chat, SMS, email: write any time',
    'badge.noAddress': 'no address — cannot send',
    'badge.until': '{state} until {when}',
    'badge.billable': 'billable',
    'badge.freeLeft': '{left, number} free left',
    'badge.left': '{left, number} left',
    'badge.changes': 'changes {when}',
    'left.sessionCap': '{left, plural, one {# message left in this window} other {# messages left in this window}}',
    'left.monthlyFree':
      '{left, plural, one {# free chatbot-initiated message left this month} other {# free chatbot-initiated messages left this month}}',
    'left.monthlyBillable': 'Free chatbot-initiated quota used up this month: messages are billable',
    'left.other': '{left, plural, one {# message left} other {# messages left}}',
    'allowed.nothing': 'Nothing can be sent now.',
    'allowed.kind.text': 'free text',
    'allowed.kind.template': 'an approved template',
    'allowed.kind.tag': 'a tagged message',
    'allowed.canSend': 'Can send now: {kinds}.',
    'allowed.canSendHuman': 'Can send now: {kinds} written by you (HUMAN_AGENT).',
    'allowed.canSendChatbot': 'Can send now: {kinds} (chatbot-initiated).',
    'assignee.none': 'Unassigned',
    'conversation.closed': 'Closed {when}',
    'conversation.closedUndated': 'Closed',
    'conversation.openSince': 'Open since {when}',
    'conversation.openUndated': 'Open',
    // ── reasons ──
    // Policy reasons in plain words: `reason.<code>`, `reason.<channel>.<code>` where a channel's words differ.
    'reason.no_window': 'No messaging window: you can write any time.',
    'reason.open': 'The messaging window is open: free text allowed.',
    'reason.human_agent':
      'Standard window over; a person may still reply (sent with the HUMAN_AGENT tag). Automations may not.',
    'reason.window_closed': 'The messaging window has closed.',
    'reason.window_closed.reopens': 'The window reopens when the contact writes again.',
    'reason.never_inbound': 'The contact has never written on this channel, so no window was ever opened.',
    'reason.never_inbound.reopens': 'A window opens when the contact writes first.',
    'reason.window_closed_no_tags': 'The 7-day window has closed and no message tags are enabled for after it.',
    'reason.window_closed_no_tags.reopens': 'The window reopens when the contact writes again.',
    'reason.never_inbound_no_tags': 'The contact has never written on this channel.',
    'reason.never_inbound_no_tags.reopens': 'A window opens when the contact writes first.',
    'reason.window_expired': 'The 48-hour window has expired; messages sent now would not be delivered.',
    'reason.window_expired.reopens': 'The window and the message count reset when the contact writes again.',
    'reason.outbound_cap_reached':
      'The outbound limit for this window is used up; more messages would not be delivered.',
    'reason.outbound_cap_reached.reopens': 'The window and the message count reset when the contact writes again.',
    'reason.not_subscribed': 'The contact is not subscribed to the bot (or unsubscribed), so nothing reaches them.',
    'reason.not_subscribed.reopens': 'Messaging is possible again when the contact subscribes or writes again.',
    'reason.chatbot_initiated':
      'Session over: a message now counts as chatbot-initiated against the free monthly quota.',
    'reason.chatbot_initiated_billable':
      'Session over and the free monthly quota is used: a message now is billable (Chatbot Commercial Terms).',
    'reason.free_quota_exhausted': 'Session over and the free chatbot-initiated quota for this month is used up.',
    'reason.free_quota_exhausted.reopens':
      'Free text reopens when the contact writes again; the quota resets on the 1st of next month (UTC), or accept the Chatbot Commercial Terms.',
    'reason.provider_error':
      'The provider did not take the message (network or server error); it is retried automatically.',
    'reason.no_address': 'This contact has no address on this channel, so the provider cannot reach them.',
    'reason.auth_failed': 'The provider refused our credentials: an admin must renew the channel’s token.',
    'reason.permission_denied':
      'The provider says this account may not send this message: check the channel’s permissions.',
    'reason.rate_limited': 'The provider is rate-limiting us; the message is retried automatically.',
    'reason.pair_rate_limited':
      'Too many messages to this contact in a short time; the message is retried automatically.',
    'reason.undeliverable': 'The provider could not deliver the message to this contact.',
    'reason.person_unavailable':
      'This person is not available on the channel (blocked the page or deleted the account).',
    'reason.tag_not_accepted': 'The provider rejected the message tag (Meta retired most tags in 2026).',
    'reason.invalid_request': 'The provider rejected the request as invalid.',
    'reason.template_not_found':
      'The provider does not know this template (any more): sync templates and pick another.',
    'reason.template_params_mismatch': 'The template’s variables do not match what the provider expects.',
    'reason.template_paused': 'The provider paused this template.',
    'reason.template_disabled': 'The provider disabled this template.',
    'reason.no_balance': 'The provider account has no balance for billable messages.',
    'reason.blocked': 'The contact blocked the bot.',
    'reason.quota_exhausted': 'The account’s monthly message quota is used up.',
    'reason.opted_out': 'The contact opted out (replied STOP); nothing may be sent until they opt in again.',
    'reason.invalid_address': 'The contact’s address is not valid for this channel.',
    'reason.rejected': 'The receiving side rejected the message.',
    'reason.in_doubt':
      'Followup stopped while sending; the message may have reached the contact. Check before sending again.',
    'reason.template_not_supported': 'This channel has no message templates (they are a WhatsApp feature).',
    'reason.tag_not_supported': 'This channel has no message tags (they are a Messenger feature).',
    'reason.text_empty': 'The message is empty.',
    'reason.text_too_long': 'The message is longer than the channel accepts.',
    'reason.template_not_approved': 'Only APPROVED templates can be sent.',
    'reason.template_wrong_language': 'The template is not in the contact’s language.',
    'reason.template_missing_variables': 'Every template variable needs a value.',
    'reason.template_too_long': 'The filled-in template is longer than the channel accepts.',
    'reason.tag_not_allowed': 'That message tag is not accepted.',
    'reason.human_agent_requires_person': 'Only a person may write after the standard 24-hour window.',
    'reason.whatsapp.window_closed': 'The 24-hour window has closed: only an approved WhatsApp template can be sent.',
    'reason.whatsapp.window_closed.reopens':
      'Free text reopens when the contact replies (a template alone does not reopen it).',
    'reason.whatsapp.never_inbound':
      'The contact has never written on WhatsApp: only an approved template can be sent.',
    'reason.whatsapp.never_inbound.reopens': 'Free text opens when the contact replies.',
    'reason.messenger.window_closed': 'The 7-day window has closed: only a tagged message can be sent.',
    'reason.messenger.window_closed.reopens': 'Free text reopens when the contact writes again.',
    'reason.messenger.never_inbound': 'The contact has never written on Messenger, so the page cannot message them.',
    'reason.messenger.never_inbound.reopens': 'Messaging opens when the contact writes to the page.',
    'reason.instagram.window_closed':
      'The 7-day window has closed: Instagram allows nothing until the contact writes again.',
    'reason.instagram.window_closed.reopens': 'The window reopens when the contact writes again.',
    'reason.instagram.never_inbound': 'The contact has never written on Instagram, so nothing can be sent.',
    'reason.instagram.never_inbound.reopens': 'Messaging opens when the contact writes first.',
    'reason.viber.open': 'The 24-hour session is open: free text allowed, not counted.',
    // ── search ──
    // The search modal (`search.*`), the `/followup help` message (`help.*`) and `/followup language`
    // (`language.*`). Commands, search examples and `auto` are values, not words: they stay as typed in every
    // language.
    'search.title': 'Follow up',
    'search.submit': 'Search',
    'search.close': 'Close',
    'search.sandbox': '🧪 *Sandbox*: follow-ups are recorded in Slack, not delivered to anyone.',
    'search.allInboxNotAllowed':
      ':warning: You can search your own inbox only (the All inbox is limited by your team’s settings).',
    'search.input.label': 'Search',
    'search.input.hint': 'Name (accents optional), email or @domain, phone digits or the last digits',
    'search.input.placeholder': 'Name, email, @domain or phone',
    'search.filter.inbox': 'Inbox',
    'search.filter.status': 'Status',
    'search.filter.channel': 'Channel',
    'search.filter.window': 'Window',
    'search.inbox.mine': 'Inbox: Mine',
    'search.inbox.all': 'Inbox: All',
    'search.status.closed': 'Status: Closed',
    'search.status.open': 'Status: Open',
    'search.status.any': 'Any status',
    'search.channel.any': 'Any channel',
    'search.window.any': 'Any window',
    'search.window.closingSoon': '⏳ Closing within 24 h',
    'search.noResults': 'No contacts match',
    'search.hint.fewerLetters':
      '• Type fewer letters: names match from the start of a word, with or without accents; ' +
      'emails by part or `@domain`; phones by their last digits.',
    'search.hint.allInbox': '• Set the inbox to *All* to include contacts assigned to others.',
    'search.hint.ownInboxOnly': '• Only contacts assigned to you are shown.',
    'search.hint.anyStatus': '• Choose *Any status* to include conversations that are still open.',
    'search.hint.anyFilters': '• Set the channel and window filters to *Any*.',
    'search.hint.noContacts': '• No contacts yet: import them with `{importCommand}` or connect a channel.',
    'search.count': '{total, plural, one {# contact} other {# contacts}}',
    'search.firstOfPage':
      'Showing the first {shown, number} of {count, number} on this page; narrow the search to see the rest.',
    'search.pagePosition': 'Page {page, number} of {pages, number} · {first, number}–{last, number} of {total, number}',
    'search.previous': '◀ Previous',
    'search.next': 'Next ▶',
    'search.open': 'Open',
    'search.openLabel': 'Open {name}',
    'search.noChannels': 'No channels on record',
    'search.contactLoading': 'Contact',
    'search.problem.nothingSearchable':
      ':mag: Nothing to search for in "{text}": type part of a name, an email, ' +
      'or at least {digits, number} digits of a phone number.',
    'search.problem.phoneTooShort':
      ':mag: Too few digits in "{text}" to search phone numbers: type at least {digits, number} digits ' +
      '(the last digits are enough), or part of a name or an email.',
    'search.openFailed': ':warning: Followup could not open the search ({error}). Please try again.',
    'search.openFailedSearched':
      ':warning: Followup could not open the search ({error}). Please try again. You searched for: {text}',

    'help.text':
      'How to use {command}: search contacts whose conversation is closed and follow up within each channel’s rules.',
    'help.title': 'Followup: follow up on closed conversations',
    'help.usage':
      '*`{command}`* opens the search. *`{searchExample}`* searches right away. *`{helpCommand}`* shows this message.',
    'help.language':
      '*`{languageCommand}`* sets the language Followup speaks to you: {codes}, or `{auto}` to follow Slack.',
    'help.start': 'You can also start from the ⚡ shortcuts menu, or from the app’s Home tab.',
    'help.search.title': '*Search*',
    'help.search.name':
      '• *Name*: the start of any part of the name, accents optional ' +
      '(`{example1}` finds “{match1}”, `{example2}` finds “{match2}”).',
    'help.search.email': '• *Email*: any part of the address, or `{domainExample}` for everyone at a domain.',
    'help.search.phone': '• *Phone*: digits only, in any format; the last digits are enough (`{phoneExample}`).',
    'help.search.filters':
      '• *Filters*: inbox (*Mine* or *All*), conversation status (*Closed* by default), channel, ' +
      'window state, and *closing within 24 h*.',
    'help.states.title': '*What each channel allows now*',
    'help.states.line': '{emoji} *{state}*: {meaning}',
    'help.footer':
      'Times show in your own time zone. Sending a follow-up reopens the conversation and assigns it to you. ' +
      'The rules are checked again at the moment you press Send.',

    'language.changed': 'Followup now speaks {language} to you.',
    'language.changedAuto': 'Followup now follows your Slack language: {language}.',
    'language.current': 'Followup speaks {language} to you (your choice).',
    'language.currentAuto': 'Followup speaks {language} to you: it follows your Slack language.',
    'language.unknown': 'Followup does not speak “{code}”.',
    'language.choose': 'Choose with `{command}`:',
    'language.choice': '• `{code}`: {name}',
    'language.choiceAuto': '• `{code}`: follow my Slack language',
    'language.failed': ':warning: Followup could not change your language ({error}). Please try again.',
    // ── contact ──
    // contact: the contact modal (details, assign and close, each channel's window) and its answers. Limits that a
    // translation must keep (test/slack/contact/contact-i18n.test.ts checks every catalog): modal titles and the
    // close button ≤ 24 characters, buttons ≤ 75, the confirm dialog's title ≤ 100, text ≤ 300, buttons ≤ 30.
    /** Modal title: ≤ 24 characters. */
    'contact.title': 'Contact',
    /** Modal close button: ≤ 24 characters. */
    'contact.close': 'Close',
    'contact.field.email': '*Email*\n{email}',
    'contact.field.phone': '*Phone*\n{phone}',
    'contact.field.language': '*Language*\n{language}',
    'contact.field.languageUnknown': '*Language*\nUnknown',
    'contact.field.assignee': '*Assigned to*\n{assignee}',
    'contact.field.conversation': '*Conversation*\n{conversation}',
    /** Button: ≤ 75 characters. */
    'contact.assignMe': 'Assign to me',
    /** Button: ≤ 75 characters. */
    'contact.closeConversation': 'Close conversation',
    /** Confirm dialog title: ≤ 100 characters. */
    'contact.closeConfirm.title': 'Close the conversation?',
    /** Confirm dialog text (plain text): ≤ 300 characters. */
    'contact.closeConfirm.text':
      'The conversation is marked closed. Your team’s closing logic decides whether it stays assigned. ' +
      'Messaging windows are not affected.',
    /** Confirm dialog buttons: ≤ 30 characters each. */
    'contact.closeConfirm.confirm': 'Close it',
    'contact.closeConfirm.deny': 'Cancel',
    /** Header: ≤ 150 characters. */
    'contact.channels': '{count, plural, one {Channel} other {Channels (#)}}',
    'contact.noChannels':
      'This contact has no channel on record, so nothing can be sent. ' +
      'A channel appears when the contact writes or is imported with an address.',
    'contact.moreChannels':
      '{count, plural, one {…and # more channel not shown.} other {…and # more channels not shown.}}',
    /** A channel's first line: its badge, in bold, marked as served by the sandbox. */
    'contact.channel.badgeSandbox': '*{badge}* · 🧪 sandbox',
    'contact.channel.account': 'Account: {account}',
    'contact.channel.freeTextThenAgent':
      'Free text until {freeUntil}, then agent only (HUMAN_AGENT) until {agentUntil}',
    'contact.channel.windowCloses': 'Window closes {when}',
    'contact.channel.cannotSend': '_You cannot send follow-ups: your team limits who may send._',
    'contact.channel.sandboxNote': '_Sandbox: a follow-up is recorded here, not delivered._',
    /** Button: ≤ 75 characters. */
    'contact.followUp': 'Follow up',
    /** The Follow up button's screen-reader label: ≤ 75 characters with the longest channel name. */
    'contact.followUpLabel': 'Follow up on {channel}',
    /** Modal title: ≤ 24 characters. */
    'contact.notAllowedTitle': 'Not allowed',
    'contact.notAllowed': 'Your team limits who may assign and close conversations. Ask an admin.',
    /** Modal title: ≤ 24 characters. */
    'contact.notFoundTitle': 'Contact not found',
    'contact.notFound': 'This contact no longer exists (it may have been merged or deleted).',
    // ── compose ──
    // compose: writing a follow-up (free text, a template with its variables and preview, a message tag), the
    // answers to a submission (field errors, refusals, sent, queued, not sent) and the confirmation DM. Limits a
    // translation must keep (test/slack/compose/compose-i18n.test.ts checks every catalog): modal titles, submit
    // and close ≤ 24 characters; placeholders ≤ 150; option descriptions ≤ 75.
    /** Modal title: ≤ 24 characters. */
    'compose.title': 'Follow up',
    /** Modal buttons: ≤ 24 characters each. */
    'compose.send': 'Send',
    'compose.sendSandbox': 'Send (sandbox)',
    'compose.cancel': 'Cancel',
    'compose.close': 'Close',
    /** `{name}` is the contact's name in bold, `{channel}` the channel (and account), `{badge}` its window. */
    'compose.header': 'To {name} on {channel}\n{badge}',
    'compose.sandbox': '🧪 *Sandbox*: this follow-up is recorded, not delivered.',

    // Free text
    'compose.text.label': 'Message',
    /** Placeholder: ≤ 150 characters. */
    'compose.text.placeholder': 'Write to {channel}…',
    'compose.text.draftTooLong':
      ':warning: Your draft ({length, plural, one {# character} other {# characters}}) is longer than this box ' +
      'holds ({max, number}); it was not kept.',
    'compose.text.hintNoLimit':
      'No length limit on {channel}; this box holds {max, plural, one {# character} other {# characters}}.',
    'compose.text.hintBoxSmaller':
      '{channel} accepts up to {limit, plural, one {# character} other {# characters}}; this box holds {max, number}.',
    'compose.text.hintBoxSmallerUtf16':
      '{channel} accepts up to {limit, plural, one {# character} other {# characters}} ({channel} counts UTF-16 ' +
      'units: most emoji count 2); this box holds {max, number}.',
    'compose.text.hintUpTo': 'Up to {limit, plural, one {# character} other {# characters}} on {channel}.',
    'compose.text.hintUpToUtf16':
      'Up to {limit, plural, one {# character} other {# characters}} on {channel} ({channel} counts UTF-16 units: ' +
      'most emoji count 2).',
    'compose.text.humanAgent': 'Sent with the HUMAN_AGENT tag: write it yourself; automations may not use it.',
    'compose.text.chatbotBillable':
      ':warning: Counts as chatbot-initiated and is billable (free monthly quota used; Chatbot Commercial Terms).',
    'compose.text.chatbotFree':
      ':warning: Counts as chatbot-initiated: ' +
      '{left, plural, one {# free left this month} other {# free left this month}}.',

    // Templates (WhatsApp). `{language}` is the contact's language code as stored (customer data).
    'compose.template.none':
      ':warning: *No APPROVED {channel} templates in {language}.*\n' +
      'A template must be approved and in the contact’s language before it can be sent. Ask an admin to add or ' +
      'approve one; nothing else can be sent on {channel} until the contact writes again.',
    'compose.template.noneLanguageUnknown':
      ':warning: *No APPROVED {channel} templates in the contact’s language (unknown).*\n' +
      'A template must be approved and in the contact’s language before it can be sent. Ask an admin to add or ' +
      'approve one; nothing else can be sent on {channel} until the contact writes again.',
    'compose.template.label': 'Template',
    /** Placeholder: ≤ 150 characters. */
    'compose.template.placeholder': 'Choose an approved template',
    'compose.template.hidden':
      '{hidden, plural, one {# more template is not listed (a menu holds {max, number}).} ' +
      'other {# more templates are not listed (a menu holds {max, number}).}}',
    'compose.template.noReopen': 'A template does not reopen free text: only the contact’s reply does.',
    'compose.template.tooManyVariables':
      ':warning: This template has {count, plural, one {# variable} other {# variables}}; at most {max, number} fit ' +
      'in this form. Choose another template.',
    /** `{preview}` is the filled-in template, already quoted. */
    'compose.template.preview': '*Preview*\n{preview}',
    /** `{names}` lists the empty variables, e.g. `{{2}}` and `{{first_name}}`. */
    'compose.template.fillIn': 'Fill in {names}',
    'compose.template.fillInMore': 'Fill in {names} and {more, plural, one {# more} other {# more}}',
    'compose.template.length': '{length, number} / {max, plural, one {# character} other {# characters}}',
    'compose.template.tooLong':
      ':warning: {length, plural, one {# character} other {# characters}}: {channel} allows {max, number} in a template',

    // Message tags (Messenger, after the 7-day window). Tag names (POST_PURCHASE_UPDATE…) stay as they are.
    'compose.tag.none':
      ':no_entry: No message tags are enabled for {channel} after the window, so nothing can be sent now.',
    'compose.tag.label': 'Message tag',
    'compose.tag.hint':
      'Use a tag only for what it is for; Meta may refuse the message or restrict the page otherwise.',
    /** Placeholder: ≤ 150 characters. */
    'compose.tag.placeholder': 'Choose what this message is about',
    /** What each tag is for, shown under it in the menu: ≤ 75 characters each. */
    'compose.tagUse.ACCOUNT_UPDATE': 'A change to their account (e.g. status changed, suspicious activity)',
    'compose.tagUse.CONFIRMED_EVENT_UPDATE': 'A reminder or update about an event they registered for',
    'compose.tagUse.POST_PURCHASE_UPDATE': 'An update about a purchase they made (receipt, shipping, order status)',
    'compose.tagUse.HUMAN_AGENT': 'A reply written by a person, up to 7 days after their last message',
    'compose.tagUse.other': 'Message tag',

    // Nothing may be sent
    'compose.closed.notYou': ':no_entry: You cannot send this follow-up.',
    'compose.closed.nothing': ':no_entry: *Nothing can be sent on {channel} now.*',
    'compose.notAllowedNotice':
      'You are not allowed to send follow-ups (your team limits it). Ask an admin, or assign {name} to someone ' +
      'who can.',
    'compose.gone': 'This contact or channel no longer exists.',

    // Answers to a submission
    'compose.outOfDate': 'This form is out of date. Open the contact again and follow up from there.',
    'compose.goneNothingSent': 'This contact or channel no longer exists. Nothing was sent.',
    /** Modal title: ≤ 24 characters. */
    'compose.notAllowedTitle': 'Not allowed',
    'compose.notAllowedNothingSent': 'Your team limits who may send follow-ups. Nothing was sent.',
    /** The policy's plain-words reason (and what would reopen the window) follow this sentence. */
    'compose.windowChanged': ':warning: The window changed while you were writing.',
    /** `{quote}` is the agent's own text, quoted line by line. */
    'compose.draftKept': 'Your message, kept so nothing is lost:\n{quote}',
    'compose.sending': 'Sending…',
    /** Modal titles: ≤ 24 characters each. */
    'compose.sent.title': 'Sent',
    'compose.sent.titleSandbox': 'Sent (sandbox)',
    'compose.sent.text':
      ':white_check_mark: {kind, select, ' +
      'template {Sent: template *{template}* to {name} on {channel}.} ' +
      'tag {Sent: tagged message ({tag}) to {name} on {channel}.} ' +
      'other {Sent: message to {name} on {channel}.}}',
    'compose.sent.textAgain':
      ':white_check_mark: {kind, select, ' +
      'template {Already sent: template *{template}* to {name} on {channel}.} ' +
      'tag {Already sent: tagged message ({tag}) to {name} on {channel}.} ' +
      'other {Already sent: message to {name} on {channel}.}}',
    'compose.sent.reopened': 'The conversation is reopened and assigned to you.',
    'compose.sent.assigned': 'The conversation is assigned to you.',
    'compose.sent.sandbox':
      ':test_tube: *Sandbox*: no transport is configured for this channel, so nothing left Slack. ' +
      'The follow-up is recorded as if sent.',
    /** Modal title: ≤ 24 characters. */
    'compose.queued.title': 'Queued',
    /** `{detail}` is the provider's own answer; `{time}` a Slack time token. */
    'compose.queued.text':
      ':hourglass_flowing_sand: {channel} did not take the follow-up to {name} yet ({detail}). It is kept in the ' +
      'outbox and retried automatically from {time}; you will see it under *Your recent follow-ups* in the App Home.',
    /** Modal title: ≤ 24 characters. */
    'compose.notSent.title': 'Not sent',
    /** `{why}` is a technical error code (Slack's or the store's). */
    'compose.notSent.checkFailed':
      ':x: Not sent: Followup could not check this follow-up ({why}). Nothing was sent; try again.',
    'compose.notSent.recordFailed':
      ':x: Not sent: Followup could not record the follow-up ({why}). Nothing was sent; try again.',
    'compose.notSent.sendFailed':
      ':x: Something went wrong while sending ({why}). Check the App Home before trying again.',
    /** `{reason}` is the policy's plain-words reason; the draft, when there is one, follows. */
    'compose.notSent.refused': ':warning: Not sent. {reason}',
    /** `{reason}` is the plain-words reason, `{detail}` the provider's own answer. */
    'compose.notSent.failed': ':x: The follow-up to {name} on {channel} was not sent. {reason} ({detail})',
    'compose.notSent.failedNoDetail': ':x: The follow-up to {name} on {channel} was not sent. {reason}',
    'compose.notSent.gone':
      ':x: The follow-up to {name} on {channel} was not sent. This contact or channel no longer exists.',

    // Why the policy refused a send (field errors and notices); the generic words are `reason.*`.
    'compose.refusal.nothing': 'Nothing can be sent on {channel} now. {reason}',
    /** `{kinds}` is a list such as "free text or an approved template" (`allowed.kind.*`). */
    'compose.refusal.onlyKinds': '{channel} accepts only {kinds} now.',
    'compose.refusal.templateNotApproved': 'Template “{template}” is {status}, not APPROVED.',
    'compose.refusal.templateWrongLanguage':
      'Template “{template}” is in {templateLanguage}; the contact’s language is {contactLanguage}.',
    'compose.refusal.missingVariables': 'Fill in {names}.',
    'compose.refusal.templateTooLong':
      'The filled-in template is {length, plural, one {# character} other {# characters}}; {channel} allows ' +
      '{max, number}.',
    'compose.refusal.textEmpty': 'Write a message first.',
    'compose.refusal.textTooLong':
      '{length, plural, one {# character} other {# characters}}; {channel} allows {max, number}. Shorten it ' +
      '(nothing is cut for you).',
    'compose.refusal.tagNotAllowed': 'The {tag} tag is not accepted on {channel}.',
    'compose.refusal.pickTemplate': 'Pick an approved template.',
    'compose.refusal.pickTag': 'Pick the message tag that fits this follow-up.',

    // The confirmation DM after a send. `{name}` is the contact's name in bold.
    'compose.confirm.sent':
      '✅ {kind, select, template {*Sent*: template to {name} on {channel}} ' +
      'tag {*Sent*: tagged message to {name} on {channel}} other {*Sent*: message to {name} on {channel}}}',
    'compose.confirm.sentSandbox':
      '🧪 {kind, select, template {*Recorded in the sandbox* (not delivered): template to {name} on {channel}} ' +
      'tag {*Recorded in the sandbox* (not delivered): tagged message to {name} on {channel}} ' +
      'other {*Recorded in the sandbox* (not delivered): message to {name} on {channel}}}',
    /** The notification text (plain, no markup): `{name}` is the contact's name, escaped. */
    'compose.confirm.fallback':
      '{kind, select, template {Sent: template to {name} on {channel}} tag {Sent: tagged message to {name} on ' +
      '{channel}} other {Sent: message to {name} on {channel}}}',
    'compose.confirm.fallbackSandbox':
      '{kind, select, template {Recorded (sandbox): template to {name} on {channel}} tag {Recorded (sandbox): ' +
      'tagged message to {name} on {channel}} other {Recorded (sandbox): message to {name} on {channel}}}',
    'compose.confirm.reopenedAssigned': 'The conversation was reopened and assigned to {assignee}.',
    'compose.confirm.reopened': 'The conversation was reopened.',
    'compose.confirm.assigned': 'Assigned to {assignee}.',
    'compose.confirm.templateNoReopen': 'Free text opens again only when the contact replies.',
    'compose.confirm.notDelivered': '“Sent” is not “delivered”: a later provider error will be reported.',
    // ── home ──
    // App Home (`home.*`), its language picker included.
    'home.title': 'Followup',
    'home.greeting':
      'Hi {agent}: find a contact whose conversation is closed, see what each channel allows now, ' +
      'and follow up within its rules.',
    'home.findContact': 'Find a contact',
    'home.sandbox': '🧪 *Sandbox*: no channel is connected yet, so follow-ups are recorded here and delivered nowhere.',
    'home.followUps.title': 'Follow up before the window closes',
    'home.followUps.none': 'Nothing to follow up right now: none of your closed conversations has a window still open.',
    'home.followUps.intro': 'Your closed conversations whose window is still open, soonest close first.',
    'home.followUps.more': '…and {more, number} more. Use *Find a contact* with the window filter to see them all.',
    'home.open': 'Open',
    'home.openLabel': 'Open {name}',
    'home.noChannels': 'No channels on record',
    'home.recent.title': 'Your recent follow-ups',
    'home.recent.none': 'You have not sent any follow-ups yet.',
    'home.recent.line':
      '{emoji} *{name}* · {channel} · {kind, select, template {template} tag {tagged message} other {text}} · ' +
      '{status} · {when}{sandbox, select, yes { · 🧪 sandbox} other {}}',
    'home.recent.queued': 'queued',
    'home.recent.sent': 'sent',
    'home.recent.failed': 'failed',
    'home.recent.more': '…and {more, number} more.',
    'home.language.text': '*Language*: Followup speaks {language} to you.',
    'home.language.placeholder': 'Choose a language',
    'home.language.auto': 'Follow my Slack language',
    // ── notifications ──
    // notifications: the reminder before a window closes, the notice when it has closed, and the digest of many,
    // posted to the notification channel (config `notifications.language`) or DMed to an assignee (their
    // language).
    'notifications.reminder': '⏳ The {channel} window for {name} closes {when}.',
    'notifications.reminderFreeTextEnds':
      '⏳ Free text to {name} on {channel} ends {when}; after that only a person can write (HUMAN_AGENT) until {until}.',
    'notifications.closed': '🔴 The {channel} window for {name} closed {when}.',
    'notifications.now': 'Now: {badge}. {reason}',
    'notifications.assigned': 'Assigned to {assignee}',
    'notifications.lateReminder': 'Sent late: Followup was not running when this reminder was due.',
    'notifications.lateNotice': 'Reported late: Followup was not running when the window closed.',
    'notifications.followUp': 'Follow up',
    'notifications.followUpOn': 'Follow up on {channel}',
    'notifications.digest.reminderTitle':
      '⏳ {count, plural, one {# window closing soon} other {# windows closing soon}}',
    'notifications.digest.noticeTitle': '🔴 {count, plural, one {# window closed} other {# windows closed}}',
    'notifications.digest.reminderIntro':
      'Closed conversations whose messaging window ends soon, as of {time}. Follow up while free text is still allowed.',
    'notifications.digest.noticeIntro':
      'Messaging windows that closed, as of {time}. What can still be sent is shown on each follow-up.',
    'notifications.digest.closes': 'closes {when}',
    'notifications.digest.freeTextEnds': 'free text ends {when}',
    'notifications.digest.closed': 'closed {when}',
    'notifications.digest.now': 'now {state}',
    'notifications.digest.late': 'late',
    'notifications.digest.more':
      '…and {count, plural, one {# more} other {# more}}. Find them with `{command}` and the window filter.',
    'notifications.digest.others': '{count, plural, one {# other} other {# others}}',
    'notifications.digest.fallback': '{title}: {names}',
    // ── app ──
    // app: answers every screen shares (loading, failure, store down, not connected) and the small message modals.
    'app.title': 'Follow up',
    'app.storeDownTitle': 'Followup',
    'app.close': 'Close',
    'app.loading': 'Loading…',
    'app.failedTitle': 'Something went wrong',
    'app.failed':
      ':warning: Followup could not load this. Try again; if it keeps happening, tell your Slack admin ' +
      '(the app logs have the details).',
    'app.storeDown': 'Followup cannot reach its store, try again in a minute.',
    'app.notConnected':
      'Followup cannot reach Slack’s Web API yet, so it cannot open or send anything: try again in a minute.',
  },
} as const;
