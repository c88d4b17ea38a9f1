/** German. Terms follow the help article in ../shared/seeds/ (see the glossary at the end of this file). */
import type { Catalog } from '../catalog.js';

export default {
  language: { code: 'de', name: 'Deutsch', intlLocale: 'de', direction: 'ltr' },
  messages: {
    // shared
    'channel.whatsapp': 'WhatsApp',
    'channel.messenger': 'Messenger',
    'channel.instagram': 'Instagram',
    'channel.viber': 'Viber',
    'channel.wechat': 'WeChat',
    'channel.telegram': 'Telegram',
    'channel.line': 'LINE',
    'channel.webchat': 'Website-Chat',
    'channel.sms': 'SMS',
    'channel.email': 'E-Mail',
    'state.open.badge': 'offen',
    'state.open.filter': 'Offen',
    'state.open.meaning': 'Freitext möglich, bis sich das Nachrichtenfenster schließt',
    'state.human_agent.badge': 'nur Agent',
    'state.human_agent.filter': 'Nur Agent (HUMAN_AGENT)',
    'state.human_agent.meaning':
      'Messenger/Instagram nach 24 Std.: Ein Mensch darf noch schreiben (HUMAN_AGENT-Tag), Automatisierungen nicht',
    'state.template_only.badge': 'nur Vorlage',
    'state.template_only.filter': 'Nur Vorlage',
    'state.template_only.meaning': 'WhatsApp nach 24 Std.: nur genehmigte Vorlage in der Sprache des Kontakts',
    'state.tag_only.badge': 'nur Message-Tag',
    'state.tag_only.filter': 'Nur Message-Tag',
    'state.tag_only.meaning': 'Messenger nach 7 Tagen: nur eine Nachricht mit zulässigem Message-Tag',
    'state.chatbot_initiated.badge': 'chatbot-initiiert',
    'state.chatbot_initiated.filter': 'Chatbot-initiiert',
    'state.chatbot_initiated.meaning':
      'Viber nach der Sitzung: zählt zum kostenlosen Monatskontingent oder ist kostenpflichtig',
    'state.closed.badge': 'geschlossen',
    'state.closed.filter': 'Geschlossen',
    'state.closed.meaning': 'bis der Kontakt erneut schreibt, kann nichts gesendet werden',
    'state.no_window.badge': 'jederzeit',
    'state.no_window.filter': 'Jederzeit (kein Fenster)',
    'state.no_window.meaning': 'Telegram, LINE, Website-Chat, SMS, E-Mail: jederzeit schreiben',
    'badge.noAddress': 'keine Adresse – kein Versand',
    'badge.until': '{state} bis {when}',
    'badge.billable': 'kostenpflichtig',
    'badge.freeLeft': 'noch {left, number} kostenlos',
    'badge.left': 'noch {left, number}',
    'badge.changes': 'ändert sich {when}',
    'left.sessionCap':
      '{left, plural, one {Noch # Nachricht in diesem Fenster} other {Noch # Nachrichten in diesem Fenster}}',
    'left.monthlyFree':
      '{left, plural, one {Noch # kostenlose chatbot-initiierte Nachricht in diesem Monat} other {Noch # kostenlose chatbot-initiierte Nachrichten in diesem Monat}}',
    'left.monthlyBillable':
      'Kostenloses Kontingent für chatbot-initiierte Nachrichten in diesem Monat aufgebraucht: Nachrichten sind kostenpflichtig',
    'left.other': '{left, plural, one {Noch # Nachricht} other {Noch # Nachrichten}}',
    'allowed.nothing': 'Derzeit kann nichts gesendet werden.',
    'allowed.kind.text': 'Freitext',
    'allowed.kind.template': 'eine genehmigte Vorlage',
    'allowed.kind.tag': 'eine Nachricht mit Message-Tag',
    'allowed.canSend': 'Jetzt sendbar: {kinds}.',
    'allowed.canSendHuman': 'Jetzt sendbar: {kinds}, von Ihnen selbst geschrieben (HUMAN_AGENT).',
    'allowed.canSendChatbot': 'Jetzt sendbar: {kinds} (chatbot-initiiert).',
    'assignee.none': 'Nicht zugewiesen',
    'conversation.closed': 'Geschlossen {when}',
    'conversation.closedUndated': 'Geschlossen',
    'conversation.openSince': 'Offen seit {when}',
    'conversation.openUndated': 'Offen',

    // reasons
    'reason.no_window': 'Kein Nachrichtenfenster: Sie können jederzeit schreiben.',
    'reason.open': 'Das Nachrichtenfenster ist offen: Freitext erlaubt.',
    'reason.human_agent':
      'Standardfenster abgelaufen; ein Mensch darf noch antworten (mit dem HUMAN_AGENT-Tag gesendet). Automatisierungen nicht.',
    'reason.window_closed': 'Das Nachrichtenfenster ist geschlossen.',
    'reason.window_closed.reopens': 'Das Fenster öffnet sich wieder, wenn der Kontakt erneut schreibt.',
    'reason.never_inbound':
      'Der Kontakt hat auf diesem Kanal noch nie geschrieben, daher wurde nie ein Fenster geöffnet.',
    'reason.never_inbound.reopens': 'Ein Fenster öffnet sich, sobald der Kontakt zuerst schreibt.',
    'reason.window_closed_no_tags':
      'Das 7-Tage-Fenster ist geschlossen, und für die Zeit danach sind keine Message-Tags aktiviert.',
    'reason.window_closed_no_tags.reopens': 'Das Fenster öffnet sich wieder, wenn der Kontakt erneut schreibt.',
    'reason.never_inbound_no_tags': 'Der Kontakt hat auf diesem Kanal noch nie geschrieben.',
    'reason.never_inbound_no_tags.reopens': 'Ein Fenster öffnet sich, sobald der Kontakt zuerst schreibt.',
    'reason.window_expired':
      'Das 48-Stunden-Fenster ist abgelaufen; jetzt gesendete Nachrichten würden nicht zugestellt.',
    'reason.window_expired.reopens':
      'Fenster und Nachrichtenzähler werden zurückgesetzt, wenn der Kontakt erneut schreibt.',
    'reason.outbound_cap_reached':
      'Das Limit für ausgehende Nachrichten in diesem Fenster ist erreicht; weitere Nachrichten würden nicht zugestellt.',
    'reason.outbound_cap_reached.reopens':
      'Fenster und Nachrichtenzähler werden zurückgesetzt, wenn der Kontakt erneut schreibt.',
    'reason.not_subscribed': 'Der Kontakt hat den Bot nicht abonniert (oder abbestellt), daher erreicht ihn nichts.',
    'reason.not_subscribed.reopens':
      'Nachrichten sind wieder möglich, wenn der Kontakt den Bot abonniert oder erneut schreibt.',
    'reason.chatbot_initiated':
      'Sitzung beendet: Eine Nachricht zählt jetzt als chatbot-initiiert und wird auf das kostenlose Monatskontingent angerechnet.',
    'reason.chatbot_initiated_billable':
      'Sitzung beendet und kostenloses Monatskontingent aufgebraucht: Eine Nachricht ist jetzt kostenpflichtig (Chatbot-Handelsbedingungen).',
    'reason.free_quota_exhausted':
      'Sitzung beendet und das kostenlose Kontingent für chatbot-initiierte Nachrichten ist für diesen Monat aufgebraucht.',
    'reason.free_quota_exhausted.reopens':
      'Freitext ist wieder möglich, wenn der Kontakt erneut schreibt; das Kontingent wird am 1. des nächsten Monats (UTC) zurückgesetzt – oder Sie akzeptieren die Chatbot-Handelsbedingungen.',
    'reason.provider_error':
      'Der Anbieter hat die Nachricht nicht angenommen (Netzwerk- oder Serverfehler); sie wird automatisch erneut gesendet.',
    'reason.no_address':
      'Dieser Kontakt hat auf diesem Kanal keine Adresse, daher kann der Anbieter ihn nicht erreichen.',
    'reason.auth_failed':
      'Der Anbieter hat unsere Zugangsdaten abgelehnt: Ein Admin muss das Token des Kanals erneuern.',
    'reason.permission_denied':
      'Laut Anbieter darf dieses Konto diese Nachricht nicht senden: Prüfen Sie die Berechtigungen des Kanals.',
    'reason.rate_limited': 'Der Anbieter drosselt unsere Anfragen; die Nachricht wird automatisch erneut gesendet.',
    'reason.pair_rate_limited':
      'Zu viele Nachrichten an diesen Kontakt in kurzer Zeit; die Nachricht wird automatisch erneut gesendet.',
    'reason.undeliverable': 'Der Anbieter konnte die Nachricht diesem Kontakt nicht zustellen.',
    'reason.person_unavailable':
      'Diese Person ist auf dem Kanal nicht erreichbar (hat die Seite blockiert oder das Konto gelöscht).',
    'reason.tag_not_accepted':
      'Der Anbieter hat den Message-Tag abgelehnt (Meta hat 2026 die meisten Tags eingestellt).',
    'reason.invalid_request': 'Der Anbieter hat die Anfrage als ungültig abgelehnt.',
    'reason.template_not_found':
      'Der Anbieter kennt diese Vorlage nicht (mehr): Synchronisieren Sie die Vorlagen und wählen Sie eine andere.',
    'reason.template_params_mismatch': 'Die Variablen der Vorlage passen nicht zu dem, was der Anbieter erwartet.',
    'reason.template_paused': 'Der Anbieter hat diese Vorlage pausiert.',
    'reason.template_disabled': 'Der Anbieter hat diese Vorlage deaktiviert.',
    'reason.no_balance': 'Das Anbieterkonto hat kein Guthaben für kostenpflichtige Nachrichten.',
    'reason.blocked': 'Der Kontakt hat den Bot blockiert.',
    'reason.quota_exhausted': 'Das monatliche Nachrichtenkontingent des Kontos ist aufgebraucht.',
    'reason.opted_out':
      'Der Kontakt hat sich abgemeldet (mit STOP geantwortet); bis zur erneuten Anmeldung darf nichts gesendet werden.',
    'reason.invalid_address': 'Die Adresse des Kontakts ist für diesen Kanal ungültig.',
    'reason.rejected': 'Die Empfängerseite hat die Nachricht abgelehnt.',
    'reason.in_doubt':
      'Followup wurde während des Sendens beendet; die Nachricht hat den Kontakt eventuell erreicht. Prüfen Sie das, bevor Sie erneut senden.',
    'reason.template_not_supported': 'Dieser Kanal hat keine Nachrichtenvorlagen (sie sind eine WhatsApp-Funktion).',
    'reason.tag_not_supported': 'Dieser Kanal hat keine Message-Tags (sie sind eine Messenger-Funktion).',
    'reason.text_empty': 'Die Nachricht ist leer.',
    'reason.text_too_long': 'Die Nachricht ist länger, als der Kanal zulässt.',
    'reason.template_not_approved': 'Nur genehmigte Vorlagen (APPROVED) können gesendet werden.',
    'reason.template_wrong_language': 'Die Vorlage ist nicht in der Sprache des Kontakts.',
    'reason.template_missing_variables': 'Jede Variable der Vorlage braucht einen Wert.',
    'reason.template_too_long': 'Die ausgefüllte Vorlage ist länger, als der Kanal zulässt.',
    'reason.tag_not_allowed': 'Dieser Message-Tag wird nicht akzeptiert.',
    'reason.human_agent_requires_person': 'Nach dem 24-Stunden-Standardfenster darf nur ein Mensch schreiben.',
    'reason.whatsapp.window_closed':
      'Das 24-Stunden-Fenster ist geschlossen: Nur eine genehmigte WhatsApp-Nachrichtenvorlage kann gesendet werden.',
    'reason.whatsapp.window_closed.reopens':
      'Freitext ist wieder möglich, wenn der Kontakt antwortet (eine Vorlage allein öffnet das Fenster nicht).',
    'reason.whatsapp.never_inbound':
      'Der Kontakt hat noch nie auf WhatsApp geschrieben: Nur eine genehmigte Vorlage kann gesendet werden.',
    'reason.whatsapp.never_inbound.reopens': 'Freitext ist möglich, sobald der Kontakt antwortet.',
    'reason.messenger.window_closed':
      'Das 7-Tage-Fenster ist geschlossen: Nur eine Nachricht mit Message-Tag kann gesendet werden.',
    'reason.messenger.window_closed.reopens': 'Freitext ist wieder möglich, wenn der Kontakt erneut schreibt.',
    'reason.messenger.never_inbound':
      'Der Kontakt hat noch nie auf Messenger geschrieben, daher kann die Seite ihm keine Nachricht senden.',
    'reason.messenger.never_inbound.reopens': 'Nachrichten sind möglich, sobald der Kontakt der Seite schreibt.',
    'reason.instagram.window_closed':
      'Das 7-Tage-Fenster ist geschlossen: Instagram erlaubt nichts, bis der Kontakt erneut schreibt.',
    'reason.instagram.window_closed.reopens': 'Das Fenster öffnet sich wieder, wenn der Kontakt erneut schreibt.',
    'reason.instagram.never_inbound':
      'Der Kontakt hat noch nie auf Instagram geschrieben, daher kann nichts gesendet werden.',
    'reason.instagram.never_inbound.reopens': 'Nachrichten sind möglich, sobald der Kontakt zuerst schreibt.',
    'reason.viber.open': 'Die 24-Stunden-Sitzung ist offen: Freitext erlaubt, wird nicht gezählt.',
    // search, help, language
    'search.title': 'Nachfassen',
    'search.submit': 'Suchen',
    'search.close': 'Schließen',
    'search.sandbox': '🧪 *Sandbox*: Follow-ups werden in Slack protokolliert, aber an niemanden zugestellt.',
    'search.allInboxNotAllowed':
      ':warning: Sie können nur Ihren eigenen Posteingang durchsuchen (der Posteingang „Alle“ ist durch die Einstellungen Ihres Teams gesperrt).',
    'search.input.label': 'Suche',
    'search.input.hint': 'Name (Akzente optional), E-Mail oder @domain, Telefonnummer oder ihre letzten Ziffern',
    'search.input.placeholder': 'Name, E-Mail, @domain oder Telefon',
    'search.filter.inbox': 'Posteingang',
    'search.filter.status': 'Gesprächsstatus',
    'search.filter.channel': 'Kanal',
    'search.filter.window': 'Nachrichtenfenster',
    'search.inbox.mine': 'Posteingang: Meine',
    'search.inbox.all': 'Posteingang: Alle',
    'search.status.closed': 'Status: Geschlossen',
    'search.status.open': 'Status: Offen',
    'search.status.any': 'Jeder Status',
    'search.channel.any': 'Jeder Kanal',
    'search.window.any': 'Jedes Fenster',
    'search.window.closingSoon': '⏳ Schließt in den nächsten 24 Std.',
    'search.noResults': 'Keine passenden Kontakte',
    'search.hint.fewerLetters':
      '• Geben Sie weniger Buchstaben ein: Namen passen ab dem Wortanfang, mit oder ohne Akzente; E-Mails über einen Teil oder `@domain`; Telefonnummern über die letzten Ziffern.',
    'search.hint.allInbox':
      '• Stellen Sie den Posteingang auf *Alle*, um auch Kontakte anderer Agenten einzuschließen.',
    'search.hint.ownInboxOnly': '• Es werden nur Kontakte angezeigt, die Ihnen zugewiesen sind.',
    'search.hint.anyStatus': '• Wählen Sie *Jeder Status*, um auch noch offene Gespräche einzuschließen.',
    'search.hint.anyFilters': '• Setzen Sie die Filter für Kanal und Fenster auf *Jeder Kanal* bzw. *Jedes Fenster*.',
    'search.hint.noContacts':
      '• Noch keine Kontakte: Importieren Sie sie mit `{importCommand}` oder verbinden Sie einen Kanal.',
    'search.count': '{total, plural, one {# Kontakt} other {# Kontakte}}',
    'search.firstOfPage':
      'Angezeigt werden die ersten {shown, number} von {count, number} auf dieser Seite; grenzen Sie die Suche ein, um den Rest zu sehen.',
    'search.pagePosition':
      'Seite {page, number} von {pages, number} · {first, number}–{last, number} von {total, number}',
    'search.previous': '◀ Zurück',
    'search.next': 'Weiter ▶',
    'search.open': 'Öffnen',
    'search.openLabel': '{name} öffnen',
    'search.noChannels': 'Keine Kanäle erfasst',
    'search.contactLoading': 'Kontakt',
    'search.problem.nothingSearchable':
      ':mag: In „{text}“ gibt es nichts zu suchen: Geben Sie einen Teil eines Namens, eine E-Mail oder mindestens {digits, number} Ziffern einer Telefonnummer ein.',
    'search.problem.phoneTooShort':
      ':mag: Zu wenige Ziffern in „{text}“ für eine Suche nach Telefonnummern: Geben Sie mindestens {digits, number} Ziffern ein (die letzten Ziffern genügen) oder einen Teil eines Namens oder einer E-Mail.',
    'search.openFailed': ':warning: Followup konnte die Suche nicht öffnen ({error}). Bitte versuchen Sie es erneut.',
    'search.openFailedSearched':
      ':warning: Followup konnte die Suche nicht öffnen ({error}). Bitte versuchen Sie es erneut. Ihre Suche: {text}',

    'help.text':
      'So verwenden Sie {command}: Kontakte mit geschlossenem Gespräch suchen und nach den Regeln jedes Kanals nachfassen.',
    'help.title': 'Followup: bei geschlossenen Gesprächen nachfassen',
    'help.usage':
      '*`{command}`* öffnet die Suche. *`{searchExample}`* sucht sofort. *`{helpCommand}`* zeigt diese Nachricht.',
    'help.language':
      '*`{languageCommand}`* legt fest, in welcher Sprache Followup mit Ihnen spricht: {codes} oder `{auto}`, um Slack zu folgen.',
    'help.start': 'Sie können auch über das ⚡-Shortcut-Menü oder den Home-Tab der App starten.',
    'help.search.title': '*Suche*',
    'help.search.name':
      '• *Name*: der Anfang eines beliebigen Namensteils, Akzente optional (`{example1}` findet „{match1}“, `{example2}` findet „{match2}“).',
    'help.search.email':
      '• *E-Mail*: ein beliebiger Teil der Adresse oder `{domainExample}` für alle Adressen einer Domain.',
    'help.search.phone':
      '• *Telefon*: nur Ziffern, in beliebigem Format; die letzten Ziffern genügen (`{phoneExample}`).',
    'help.search.filters':
      '• *Filter*: Posteingang (*Meine* oder *Alle*), Gesprächsstatus (standardmäßig *Geschlossen*), Kanal, Fensterstatus und *schließt in den nächsten 24 Std.*',
    'help.states.title': '*Was jeder Kanal jetzt erlaubt*',
    'help.states.line': '{emoji} *{state}*: {meaning}',
    'help.footer':
      'Zeiten werden in Ihrer eigenen Zeitzone angezeigt. Ein Follow-up öffnet das Gespräch erneut und weist es Ihnen zu. Die Regeln werden beim Klick auf „Senden“ erneut geprüft.',

    'language.changed': 'Followup spricht jetzt {language} mit Ihnen.',
    'language.changedAuto': 'Followup folgt jetzt Ihrer Slack-Sprache: {language}.',
    'language.current': 'Followup spricht {language} mit Ihnen (Ihre Wahl).',
    'language.currentAuto': 'Followup spricht {language} mit Ihnen: Es folgt Ihrer Slack-Sprache.',
    'language.unknown': 'Followup unterstützt „{code}“ nicht.',
    'language.choose': 'Wählen Sie mit `{command}`:',
    'language.choice': '• `{code}`: {name}',
    'language.choiceAuto': '• `{code}`: meiner Slack-Sprache folgen',
    'language.failed': ':warning: Followup konnte Ihre Sprache nicht ändern ({error}). Bitte versuchen Sie es erneut.',

    // contact
    'contact.title': 'Kontakt',
    'contact.close': 'Schließen',
    'contact.field.email': '*E-Mail*\n{email}',
    'contact.field.phone': '*Telefon*\n{phone}',
    'contact.field.language': '*Sprache*\n{language}',
    'contact.field.languageUnknown': '*Sprache*\nUnbekannt',
    'contact.field.assignee': '*Zugewiesen an*\n{assignee}',
    'contact.field.conversation': '*Gespräch*\n{conversation}',
    'contact.assignMe': 'Mir zuweisen',
    'contact.closeConversation': 'Gespräch schließen',
    'contact.closeConfirm.title': 'Gespräch schließen?',
    'contact.closeConfirm.text':
      'Das Gespräch wird als geschlossen markiert. Die Abschlusslogik Ihres Teams entscheidet, ob es zugewiesen bleibt. Nachrichtenfenster sind davon nicht betroffen.',
    'contact.closeConfirm.confirm': 'Schließen',
    'contact.closeConfirm.deny': 'Abbrechen',
    'contact.channels': '{count, plural, one {Kanal} other {Kanäle (#)}}',
    'contact.noChannels':
      'Für diesen Kontakt ist kein Kanal erfasst, daher kann nichts gesendet werden. Ein Kanal erscheint, wenn der Kontakt schreibt oder mit einer Adresse importiert wird.',
    'contact.moreChannels':
      '{count, plural, one {…und # weiterer, nicht angezeigter Kanal.} other {…und # weitere, nicht angezeigte Kanäle.}}',
    'contact.channel.badgeSandbox': '*{badge}* · 🧪 Sandbox',
    'contact.channel.account': 'Konto: {account}',
    'contact.channel.freeTextThenAgent': 'Freitext bis {freeUntil}, danach nur Agent (HUMAN_AGENT) bis {agentUntil}',
    'contact.channel.windowCloses': 'Fenster schließt {when}',
    'contact.channel.cannotSend': '_Sie können keine Follow-ups senden: Ihr Team beschränkt, wer senden darf._',
    'contact.channel.sandboxNote': '_Sandbox: Ein Follow-up wird hier protokolliert, nicht zugestellt._',
    'contact.followUp': 'Nachfassen',
    'contact.followUpLabel': 'Über {channel} nachfassen',
    'contact.notAllowedTitle': 'Nicht erlaubt',
    'contact.notAllowed': 'Ihr Team beschränkt, wer Gespräche zuweisen und schließen darf. Fragen Sie einen Admin.',
    'contact.notFoundTitle': 'Kontakt nicht gefunden',
    'contact.notFound': 'Diesen Kontakt gibt es nicht mehr (er wurde evtl. zusammengeführt oder gelöscht).',

    // compose
    'compose.title': 'Nachfassen',
    'compose.send': 'Senden',
    'compose.sendSandbox': 'Senden (Sandbox)',
    'compose.cancel': 'Abbrechen',
    'compose.close': 'Schließen',
    'compose.header': 'An {name} über {channel}\n{badge}',
    'compose.sandbox': '🧪 *Sandbox*: Dieses Follow-up wird protokolliert, nicht zugestellt.',
    'compose.text.label': 'Nachricht',
    'compose.text.placeholder': 'Über {channel} schreiben…',
    'compose.text.draftTooLong':
      ':warning: Ihr Entwurf ({length, plural, one {# Zeichen} other {# Zeichen}}) ist länger, als dieses Feld fasst ({max, number}); er wurde nicht übernommen.',
    'compose.text.hintNoLimit':
      'Keine Längenbegrenzung auf {channel}; dieses Feld fasst {max, plural, one {# Zeichen} other {# Zeichen}}.',
    'compose.text.hintBoxSmaller':
      '{channel} akzeptiert bis zu {limit, plural, one {# Zeichen} other {# Zeichen}}; dieses Feld fasst {max, number}.',
    'compose.text.hintBoxSmallerUtf16':
      '{channel} akzeptiert bis zu {limit, plural, one {# Zeichen} other {# Zeichen}} ({channel} zählt UTF-16-Einheiten: die meisten Emojis zählen als 2); dieses Feld fasst {max, number}.',
    'compose.text.hintUpTo': 'Bis zu {limit, plural, one {# Zeichen} other {# Zeichen}} auf {channel}.',
    'compose.text.hintUpToUtf16':
      'Bis zu {limit, plural, one {# Zeichen} other {# Zeichen}} auf {channel} ({channel} zählt UTF-16-Einheiten: die meisten Emojis zählen als 2).',
    'compose.text.humanAgent':
      'Wird mit dem HUMAN_AGENT-Tag gesendet: Schreiben Sie selbst; Automatisierungen dürfen ihn nicht verwenden.',
    'compose.text.chatbotBillable':
      ':warning: Zählt als chatbot-initiiert und ist kostenpflichtig (kostenloses Monatskontingent aufgebraucht; Chatbot-Handelsbedingungen).',
    'compose.text.chatbotFree':
      ':warning: Zählt als chatbot-initiiert: {left, plural, one {noch # kostenlos in diesem Monat} other {noch # kostenlos in diesem Monat}}.',
    'compose.template.none':
      ':warning: *Keine genehmigten {channel}-Nachrichtenvorlagen (APPROVED) in der Sprache {language}.*\nEine Vorlage muss genehmigt sein und in der Sprache des Kontakts vorliegen, bevor sie gesendet werden kann. Bitten Sie einen Admin, eine hinzuzufügen oder zu genehmigen; bis der Kontakt erneut schreibt, kann auf {channel} nichts anderes gesendet werden.',
    'compose.template.noneLanguageUnknown':
      ':warning: *Keine genehmigten {channel}-Nachrichtenvorlagen (APPROVED) in der Sprache des Kontakts (unbekannt).*\nEine Vorlage muss genehmigt sein und in der Sprache des Kontakts vorliegen, bevor sie gesendet werden kann. Bitten Sie einen Admin, eine hinzuzufügen oder zu genehmigen; bis der Kontakt erneut schreibt, kann auf {channel} nichts anderes gesendet werden.',
    'compose.template.label': 'Nachrichtenvorlage',
    'compose.template.placeholder': 'Genehmigte Vorlage wählen',
    'compose.template.hidden':
      '{hidden, plural, one {# weitere Vorlage ist nicht aufgeführt (ein Menü fasst {max, number}).} other {# weitere Vorlagen sind nicht aufgeführt (ein Menü fasst {max, number}).}}',
    'compose.template.noReopen': 'Eine Vorlage öffnet den Freitext nicht wieder: Das tut nur die Antwort des Kontakts.',
    'compose.template.tooManyVariables':
      ':warning: Diese Vorlage hat {count, plural, one {# Variable} other {# Variablen}}; höchstens {max, number} passen in dieses Formular. Wählen Sie eine andere Vorlage.',
    'compose.template.preview': '*Vorschau*\n{preview}',
    'compose.template.fillIn': 'Bitte ausfüllen: {names}',
    'compose.template.fillInMore': 'Bitte ausfüllen: {names} und {more, plural, one {# weitere} other {# weitere}}',
    'compose.template.length': '{length, number} / {max, plural, one {# Zeichen} other {# Zeichen}}',
    'compose.template.tooLong':
      ':warning: {length, plural, one {# Zeichen} other {# Zeichen}}: {channel} erlaubt {max, number} in einer Vorlage',
    'compose.tag.none':
      ':no_entry: Für {channel} sind nach dem Fenster keine Message-Tags aktiviert, daher kann jetzt nichts gesendet werden.',
    'compose.tag.label': 'Message-Tag',
    'compose.tag.hint':
      'Verwenden Sie einen Tag nur für seinen Zweck; sonst kann Meta die Nachricht ablehnen oder die Seite einschränken.',
    'compose.tag.placeholder': 'Worum geht es in dieser Nachricht?',
    'compose.tagUse.ACCOUNT_UPDATE': 'Änderung am Kundenkonto (z. B. Statusänderung, verdächtige Aktivität)',
    'compose.tagUse.CONFIRMED_EVENT_UPDATE': 'Erinnerung oder Neuigkeit zu einer angemeldeten Veranstaltung',
    'compose.tagUse.POST_PURCHASE_UPDATE': 'Update zu einem getätigten Kauf (Beleg, Versand, Bestellstatus)',
    'compose.tagUse.HUMAN_AGENT': 'Persönliche Antwort, bis 7 Tage nach der letzten Nachricht des Kontakts',
    'compose.tagUse.other': 'Message-Tag',
    'compose.closed.notYou': ':no_entry: Sie können dieses Follow-up nicht senden.',
    'compose.closed.nothing': ':no_entry: *Auf {channel} kann jetzt nichts gesendet werden.*',
    'compose.notAllowedNotice':
      'Sie dürfen keine Follow-ups senden (Ihr Team beschränkt das). Fragen Sie einen Admin oder weisen Sie {name} jemandem zu, der es darf.',
    'compose.gone': 'Dieser Kontakt oder Kanal existiert nicht mehr.',
    'compose.outOfDate': 'Dieses Formular ist veraltet. Öffnen Sie den Kontakt erneut und fassen Sie von dort nach.',
    'compose.goneNothingSent': 'Dieser Kontakt oder Kanal existiert nicht mehr. Es wurde nichts gesendet.',
    'compose.notAllowedTitle': 'Nicht erlaubt',
    'compose.notAllowedNothingSent': 'Ihr Team beschränkt, wer Follow-ups senden darf. Es wurde nichts gesendet.',
    'compose.windowChanged': ':warning: Das Fenster hat sich geändert, während Sie geschrieben haben.',
    'compose.draftKept': 'Ihre Nachricht, aufbewahrt, damit nichts verloren geht:\n{quote}',
    'compose.sending': 'Wird gesendet…',
    'compose.sent.title': 'Gesendet',
    'compose.sent.titleSandbox': 'Gesendet (Sandbox)',
    'compose.sent.text':
      ':white_check_mark: {kind, select, template {Gesendet: Vorlage *{template}* an {name} über {channel}.} tag {Gesendet: Nachricht mit Message-Tag ({tag}) an {name} über {channel}.} other {Gesendet: Nachricht an {name} über {channel}.}}',
    'compose.sent.textAgain':
      ':white_check_mark: {kind, select, template {Bereits gesendet: Vorlage *{template}* an {name} über {channel}.} tag {Bereits gesendet: Nachricht mit Message-Tag ({tag}) an {name} über {channel}.} other {Bereits gesendet: Nachricht an {name} über {channel}.}}',
    'compose.sent.reopened': 'Das Gespräch ist wieder geöffnet und Ihnen zugewiesen.',
    'compose.sent.assigned': 'Das Gespräch ist Ihnen zugewiesen.',
    'compose.sent.sandbox':
      ':test_tube: *Sandbox*: Für diesen Kanal ist kein Transport konfiguriert, daher hat nichts Slack verlassen. Das Follow-up wird protokolliert, als wäre es gesendet worden.',
    'compose.queued.title': 'In Warteschlange',
    'compose.queued.text':
      ':hourglass_flowing_sand: {channel} hat das Follow-up an {name} noch nicht angenommen ({detail}). Es bleibt im Postausgang und wird ab {time} automatisch erneut gesendet; Sie sehen es unter *Ihre letzten Follow-ups* im App-Home.',
    'compose.notSent.title': 'Nicht gesendet',
    'compose.notSent.checkFailed':
      ':x: Nicht gesendet: Followup konnte dieses Follow-up nicht prüfen ({why}). Es wurde nichts gesendet; versuchen Sie es erneut.',
    'compose.notSent.recordFailed':
      ':x: Nicht gesendet: Followup konnte das Follow-up nicht protokollieren ({why}). Es wurde nichts gesendet; versuchen Sie es erneut.',
    'compose.notSent.sendFailed':
      ':x: Beim Senden ist etwas schiefgelaufen ({why}). Prüfen Sie das App-Home, bevor Sie es erneut versuchen.',
    'compose.notSent.refused': ':warning: Nicht gesendet. {reason}',
    'compose.notSent.failed': ':x: Das Follow-up an {name} über {channel} wurde nicht gesendet. {reason} ({detail})',
    'compose.notSent.failedNoDetail': ':x: Das Follow-up an {name} über {channel} wurde nicht gesendet. {reason}',
    'compose.notSent.gone':
      ':x: Das Follow-up an {name} über {channel} wurde nicht gesendet. Dieser Kontakt oder Kanal existiert nicht mehr.',
    'compose.refusal.nothing': 'Auf {channel} kann jetzt nichts gesendet werden. {reason}',
    'compose.refusal.onlyKinds': '{channel} akzeptiert jetzt nur {kinds}.',
    'compose.refusal.templateNotApproved': 'Die Vorlage „{template}“ hat den Status {status}, nicht APPROVED.',
    'compose.refusal.templateWrongLanguage':
      'Die Vorlage „{template}“ ist in {templateLanguage}; die Sprache des Kontakts ist {contactLanguage}.',
    'compose.refusal.missingVariables': 'Bitte ausfüllen: {names}.',
    'compose.refusal.templateTooLong':
      'Die ausgefüllte Vorlage hat {length, plural, one {# Zeichen} other {# Zeichen}}; {channel} erlaubt {max, number}.',
    'compose.refusal.textEmpty': 'Schreiben Sie zuerst eine Nachricht.',
    'compose.refusal.textTooLong':
      '{length, plural, one {# Zeichen} other {# Zeichen}}; {channel} erlaubt {max, number}. Kürzen Sie den Text (es wird nichts automatisch abgeschnitten).',
    'compose.refusal.tagNotAllowed': 'Der Tag {tag} wird auf {channel} nicht akzeptiert.',
    'compose.refusal.pickTemplate': 'Wählen Sie eine genehmigte Vorlage.',
    'compose.refusal.pickTag': 'Wählen Sie den Message-Tag, der zu diesem Follow-up passt.',
    'compose.confirm.sent':
      '✅ {kind, select, template {*Gesendet*: Vorlage an {name} über {channel}} tag {*Gesendet*: Nachricht mit Message-Tag an {name} über {channel}} other {*Gesendet*: Nachricht an {name} über {channel}}}',
    'compose.confirm.sentSandbox':
      '🧪 {kind, select, template {*In der Sandbox protokolliert* (nicht zugestellt): Vorlage an {name} über {channel}} tag {*In der Sandbox protokolliert* (nicht zugestellt): Nachricht mit Message-Tag an {name} über {channel}} other {*In der Sandbox protokolliert* (nicht zugestellt): Nachricht an {name} über {channel}}}',
    'compose.confirm.fallback':
      '{kind, select, template {Gesendet: Vorlage an {name} über {channel}} tag {Gesendet: Nachricht mit Message-Tag an {name} über {channel}} other {Gesendet: Nachricht an {name} über {channel}}}',
    'compose.confirm.fallbackSandbox':
      '{kind, select, template {Protokolliert (Sandbox): Vorlage an {name} über {channel}} tag {Protokolliert (Sandbox): Nachricht mit Message-Tag an {name} über {channel}} other {Protokolliert (Sandbox): Nachricht an {name} über {channel}}}',
    'compose.confirm.reopenedAssigned': 'Das Gespräch wurde wieder geöffnet und {assignee} zugewiesen.',
    'compose.confirm.reopened': 'Das Gespräch wurde wieder geöffnet.',
    'compose.confirm.assigned': 'Zugewiesen an {assignee}.',
    'compose.confirm.templateNoReopen': 'Freitext ist erst wieder möglich, wenn der Kontakt antwortet.',
    'compose.confirm.notDelivered':
      '„Gesendet“ heißt nicht „zugestellt“: Ein späterer Fehler des Anbieters wird gemeldet.',

    // home
    'home.title': 'Followup',
    'home.greeting':
      'Hallo {agent}: Finden Sie einen Kontakt mit geschlossenem Gespräch, sehen Sie, was jeder Kanal jetzt erlaubt, und fassen Sie regelkonform nach.',
    'home.findContact': 'Kontakt finden',
    'home.sandbox':
      '🧪 *Sandbox*: Noch ist kein Kanal verbunden, daher werden Follow-ups hier protokolliert und nirgendwohin zugestellt.',
    'home.followUps.title': 'Nachfassen, bevor das Fenster schließt',
    'home.followUps.none':
      'Gerade gibt es nichts nachzufassen: Bei keinem Ihrer geschlossenen Gespräche ist noch ein Fenster offen.',
    'home.followUps.intro': 'Ihre geschlossenen Gespräche mit noch offenem Fenster, zuerst schließende oben.',
    'home.followUps.more':
      '…und {more, number} weitere. Nutzen Sie *Kontakt finden* mit dem Fensterfilter, um alle zu sehen.',
    'home.open': 'Öffnen',
    'home.openLabel': '{name} öffnen',
    'home.noChannels': 'Keine Kanäle erfasst',
    'home.recent.title': 'Ihre letzten Follow-ups',
    'home.recent.none': 'Sie haben noch keine Follow-ups gesendet.',
    'home.recent.line':
      '{emoji} *{name}* · {channel} · {kind, select, template {Vorlage} tag {Nachricht mit Message-Tag} other {Text}} · {status} · {when}{sandbox, select, yes { · 🧪 Sandbox} other {}}',
    'home.recent.queued': 'in Warteschlange',
    'home.recent.sent': 'gesendet',
    'home.recent.failed': 'fehlgeschlagen',
    'home.recent.more': '…und {more, number} weitere.',
    'home.language.text': '*Sprache*: Followup spricht {language} mit Ihnen.',
    'home.language.placeholder': 'Sprache wählen',
    'home.language.auto': 'Meiner Slack-Sprache folgen',

    // notifications
    'notifications.reminder': '⏳ Das {channel}-Nachrichtenfenster für {name} schließt {when}.',
    'notifications.reminderFreeTextEnds':
      '⏳ Freitext an {name} auf {channel} endet {when}; danach darf nur noch ein Mensch schreiben (HUMAN_AGENT), bis {until}.',
    'notifications.closed': '🔴 Das {channel}-Nachrichtenfenster für {name} hat sich {when} geschlossen.',
    'notifications.now': 'Jetzt: {badge}. {reason}',
    'notifications.assigned': 'Zugewiesen an {assignee}',
    'notifications.lateReminder': 'Verspätet gesendet: Followup lief nicht, als diese Erinnerung fällig war.',
    'notifications.lateNotice': 'Verspätet gemeldet: Followup lief nicht, als sich das Fenster geschlossen hat.',
    'notifications.followUp': 'Nachfassen',
    'notifications.followUpOn': 'Über {channel} nachfassen',
    'notifications.digest.reminderTitle':
      '⏳ {count, plural, one {# Fenster schließt bald} other {# Fenster schließen bald}}',
    'notifications.digest.noticeTitle': '🔴 {count, plural, one {# Fenster geschlossen} other {# Fenster geschlossen}}',
    'notifications.digest.reminderIntro':
      'Geschlossene Gespräche, deren Nachrichtenfenster bald endet, Stand {time}. Fassen Sie nach, solange Freitext noch erlaubt ist.',
    'notifications.digest.noticeIntro':
      'Geschlossene Nachrichtenfenster, Stand {time}. Was noch gesendet werden kann, steht bei jedem Follow-up.',
    'notifications.digest.closes': 'schließt {when}',
    'notifications.digest.freeTextEnds': 'Freitext endet {when}',
    'notifications.digest.closed': 'geschlossen {when}',
    'notifications.digest.now': 'jetzt {state}',
    'notifications.digest.late': 'verspätet',
    'notifications.digest.more':
      '…und {count, plural, one {# weiterer Eintrag} other {# weitere Einträge}}. Zu finden mit `{command}` und dem Fensterfilter.',
    'notifications.digest.others': '{count, plural, one {# weiterer} other {# weitere}}',
    'notifications.digest.fallback': '{title}: {names}',

    // app
    'app.title': 'Nachfassen',
    'app.storeDownTitle': 'Followup',
    'app.close': 'Schließen',
    'app.loading': 'Wird geladen…',
    'app.failedTitle': 'Etwas lief schief',
    'app.failed':
      ':warning: Followup konnte dies nicht laden. Versuchen Sie es erneut; falls das wieder passiert, wenden Sie sich an Ihren Slack-Admin (Details stehen in den App-Logs).',
    'app.storeDown': 'Followup erreicht seinen Datenspeicher nicht, versuchen Sie es in einer Minute erneut.',
    'app.notConnected':
      'Followup erreicht die Web-API von Slack noch nicht und kann daher nichts öffnen oder senden: Versuchen Sie es in einer Minute erneut.',
  },
} satisfies Catalog;
// Glossary (seed term ← English): conversation ← Gespräch, contact ← Kontakt, closed ← geschlossen,
// assignee ← zugewiesener Agent (zugewiesen), template ← (WhatsApp-)Nachrichtenvorlage / Vorlage,
// message tag ← Message-Tag, messaging window ← Nachrichtenfenster, agent ← Agent, inbox ← Posteingang,
// follow-up ← Follow-up
