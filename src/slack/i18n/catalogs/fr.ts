/** French. Terms follow the help article in ../shared/seeds/ (see the glossary at the end of this file). */
import type { Catalog } from '../catalog.js';

export default {
  language: { code: 'fr', name: 'Français', intlLocale: 'fr', direction: 'ltr' },
  messages: {
    // shared
    'channel.whatsapp': 'WhatsApp',
    'channel.messenger': 'Messenger',
    'channel.instagram': 'Instagram',
    'channel.viber': 'Viber',
    'channel.wechat': 'WeChat',
    'channel.telegram': 'Telegram',
    'channel.line': 'LINE',
    'channel.webchat': 'Chat du site web',
    'channel.sms': 'SMS',
    'channel.email': 'E-mail',
    'state.open.badge': 'ouverte',
    'state.open.filter': 'Ouverte',
    'state.open.meaning': 'texte libre autorisé jusqu’à la fermeture de la fenêtre',
    'state.human_agent.badge': 'agent uniquement',
    'state.human_agent.filter': 'Agent uniquement (HUMAN_AGENT)',
    'state.human_agent.meaning':
      'Messenger/Instagram après 24 h : une personne peut encore écrire (balise HUMAN_AGENT), pas les automatisations',
    'state.template_only.badge': 'modèle uniquement',
    'state.template_only.filter': 'Modèle uniquement',
    'state.template_only.meaning': 'WhatsApp après 24 h : uniquement un modèle approuvé dans la langue du contact',
    'state.tag_only.badge': 'balise uniquement',
    'state.tag_only.filter': 'Balise uniquement',
    'state.tag_only.meaning': 'Messenger après 7 jours : uniquement un message avec une balise de message autorisée',
    'state.chatbot_initiated.badge': 'initié par le chatbot',
    'state.chatbot_initiated.filter': 'Initié par le chatbot',
    'state.chatbot_initiated.meaning': 'Viber après la session : décompté du quota mensuel gratuit, ou facturable',
    'state.closed.badge': 'fermée',
    'state.closed.filter': 'Fermée',
    'state.closed.meaning': 'aucun envoi possible tant que le contact n’a pas réécrit',
    'state.no_window.badge': 'à tout moment',
    'state.no_window.filter': 'À tout moment (sans fenêtre)',
    'state.no_window.meaning': 'Telegram, LINE, chat du site web, SMS, e-mail : écriture possible à tout moment',
    'badge.noAddress': 'pas d’adresse — envoi impossible',
    'badge.until': '{state} jusqu’à {when}',
    'badge.billable': 'facturable',
    'badge.freeLeft': 'gratuits restants : {left, number}',
    'badge.left': 'messages restants : {left, number}',
    'badge.changes': 'change d’état {when}',
    'left.sessionCap':
      '{left, plural, one {# message restant dans cette fenêtre} other {# messages restants dans cette fenêtre}}',
    'left.monthlyFree':
      '{left, plural, one {# message gratuit initié par le chatbot restant ce mois-ci} other {# messages gratuits ' +
      'initiés par le chatbot restants ce mois-ci}}',
    'left.monthlyBillable':
      'Quota gratuit de messages initiés par le chatbot épuisé ce mois-ci : les messages sont facturables',
    'left.other': '{left, plural, one {# message restant} other {# messages restants}}',
    'allowed.nothing': 'Aucun envoi possible pour le moment.',
    'allowed.kind.text': 'du texte libre',
    'allowed.kind.template': 'un modèle approuvé',
    'allowed.kind.tag': 'un message avec balise',
    'allowed.canSend': 'Envoi possible maintenant : {kinds}.',
    'allowed.canSendHuman': 'Envoi possible maintenant : {kinds}, rédigé par vous (HUMAN_AGENT).',
    'allowed.canSendChatbot': 'Envoi possible maintenant : {kinds} (initié par le chatbot).',
    'assignee.none': 'Non assigné',
    'conversation.closed': 'Fermée {when}',
    'conversation.closedUndated': 'Fermée',
    'conversation.openSince': 'Ouverte depuis {when}',
    'conversation.openUndated': 'Ouverte',

    // reasons
    'reason.no_window': 'Pas de fenêtre de messagerie : vous pouvez écrire à tout moment.',
    'reason.open': 'La fenêtre de messagerie est ouverte : texte libre autorisé.',
    'reason.human_agent':
      'Fenêtre standard terminée ; une personne peut encore répondre (envoi avec la balise HUMAN_AGENT), les ' +
      'automatisations non.',
    'reason.window_closed': 'La fenêtre de messagerie est fermée.',
    'reason.window_closed.reopens': 'La fenêtre se rouvre quand le contact écrit à nouveau.',
    'reason.never_inbound': 'Le contact n’a jamais écrit sur ce canal : aucune fenêtre n’a donc jamais été ouverte.',
    'reason.never_inbound.reopens': 'Une fenêtre s’ouvre quand le contact écrit en premier.',
    'reason.window_closed_no_tags':
      'La fenêtre de 7 jours est fermée et aucune balise de message n’est activée pour envoyer au-delà.',
    'reason.window_closed_no_tags.reopens': 'La fenêtre se rouvre quand le contact écrit à nouveau.',
    'reason.never_inbound_no_tags': 'Le contact n’a jamais écrit sur ce canal.',
    'reason.never_inbound_no_tags.reopens': 'Une fenêtre s’ouvre quand le contact écrit en premier.',
    'reason.window_expired':
      'La fenêtre de 48 heures a expiré ; les messages envoyés maintenant ne seraient pas délivrés.',
    'reason.window_expired.reopens':
      'La fenêtre et le compteur de messages sont réinitialisés quand le contact écrit à nouveau.',
    'reason.outbound_cap_reached':
      'La limite de messages sortants de cette fenêtre est atteinte ; d’autres messages ne seraient pas délivrés.',
    'reason.outbound_cap_reached.reopens':
      'La fenêtre et le compteur de messages sont réinitialisés quand le contact écrit à nouveau.',
    'reason.not_subscribed': 'Le contact n’est pas abonné au bot (ou s’est désabonné) : aucun message ne lui parvient.',
    'reason.not_subscribed.reopens': 'L’envoi redevient possible quand le contact s’abonne ou écrit à nouveau.',
    'reason.chatbot_initiated':
      'Session terminée : un message compte désormais comme initié par le chatbot et est décompté du quota ' +
      'mensuel gratuit.',
    'reason.chatbot_initiated_billable':
      'Session terminée et quota mensuel gratuit épuisé : un message est désormais facturable (Conditions ' +
      'commerciales des chatbots).',
    'reason.free_quota_exhausted':
      'Session terminée et quota gratuit de messages initiés par le chatbot épuisé pour ce mois.',
    'reason.free_quota_exhausted.reopens':
      'Le texte libre redevient possible quand le contact écrit à nouveau ; le quota est réinitialisé le 1er du ' +
      'mois prochain (UTC). Sinon, acceptez les Conditions commerciales des chatbots.',
    'reason.provider_error':
      'Le fournisseur n’a pas accepté le message (erreur réseau ou serveur) ; il est renvoyé automatiquement.',
    'reason.no_address': 'Ce contact n’a pas d’adresse sur ce canal : le fournisseur ne peut pas le joindre.',
    'reason.auth_failed':
      'Le fournisseur a refusé nos identifiants : un administrateur doit renouveler le jeton du canal.',
    'reason.permission_denied':
      'Selon le fournisseur, ce compte n’a pas le droit d’envoyer ce message : vérifiez les autorisations du canal.',
    'reason.rate_limited': 'Le fournisseur limite notre débit ; le message est renvoyé automatiquement.',
    'reason.pair_rate_limited':
      'Trop de messages envoyés à ce contact en peu de temps ; le message est renvoyé automatiquement.',
    'reason.undeliverable': 'Le fournisseur n’a pas pu délivrer le message à ce contact.',
    'reason.person_unavailable':
      'Cette personne n’est pas joignable sur ce canal (elle a bloqué la page ou supprimé son compte).',
    'reason.tag_not_accepted':
      'Le fournisseur a refusé la balise de message (Meta a retiré la plupart des balises en 2026).',
    'reason.invalid_request': 'Le fournisseur a rejeté la requête, jugée non valide.',
    'reason.template_not_found':
      'Le fournisseur ne connaît pas (ou plus) ce modèle : synchronisez les modèles et choisissez-en un autre.',
    'reason.template_params_mismatch': 'Les variables du modèle ne correspondent pas à ce qu’attend le fournisseur.',
    'reason.template_paused': 'Le fournisseur a mis ce modèle en pause.',
    'reason.template_disabled': 'Le fournisseur a désactivé ce modèle.',
    'reason.no_balance': 'Le compte du fournisseur n’a pas de solde pour les messages facturables.',
    'reason.blocked': 'Le contact a bloqué le bot.',
    'reason.quota_exhausted': 'Le quota mensuel de messages du compte est épuisé.',
    'reason.opted_out':
      'Le contact s’est désinscrit (réponse STOP) : aucun envoi possible tant qu’il ne s’est pas réinscrit.',
    'reason.invalid_address': 'L’adresse du contact n’est pas valide pour ce canal.',
    'reason.rejected': 'Le destinataire a rejeté le message.',
    'reason.in_doubt':
      'Followup s’est arrêté pendant l’envoi ; le message a peut-être atteint le contact. Vérifiez avant de renvoyer.',
    'reason.template_not_supported': 'Ce canal n’a pas de modèles de message (c’est une fonctionnalité WhatsApp).',
    'reason.tag_not_supported': 'Ce canal n’a pas de balises de message (c’est une fonctionnalité Messenger).',
    'reason.text_empty': 'Le message est vide.',
    'reason.text_too_long': 'Le message dépasse la longueur acceptée par le canal.',
    'reason.template_not_approved': 'Seuls les modèles au statut APPROVED peuvent être envoyés.',
    'reason.template_wrong_language': 'Le modèle n’est pas dans la langue du contact.',
    'reason.template_missing_variables': 'Chaque variable du modèle doit avoir une valeur.',
    'reason.template_too_long': 'Le modèle rempli dépasse la longueur acceptée par le canal.',
    'reason.tag_not_allowed': 'Cette balise de message n’est pas acceptée.',
    'reason.human_agent_requires_person': 'Seule une personne peut écrire après la fenêtre standard de 24 heures.',
    'reason.whatsapp.window_closed':
      'La fenêtre de 24 heures est fermée : seul un modèle WhatsApp approuvé peut être envoyé.',
    'reason.whatsapp.window_closed.reopens':
      'Le texte libre redevient possible quand le contact répond (un modèle seul ne rouvre pas la fenêtre).',
    'reason.whatsapp.never_inbound':
      'Le contact n’a jamais écrit sur WhatsApp : seul un modèle approuvé peut être envoyé.',
    'reason.whatsapp.never_inbound.reopens': 'Le texte libre devient possible quand le contact répond.',
    'reason.messenger.window_closed':
      'La fenêtre de 7 jours est fermée : seul un message avec balise peut être envoyé.',
    'reason.messenger.window_closed.reopens': 'Le texte libre redevient possible quand le contact écrit à nouveau.',
    'reason.messenger.never_inbound':
      'Le contact n’a jamais écrit sur Messenger : la page ne peut donc pas lui écrire.',
    'reason.messenger.never_inbound.reopens': 'L’envoi devient possible quand le contact écrit à la page.',
    'reason.instagram.window_closed':
      'La fenêtre de 7 jours est fermée : Instagram n’autorise rien tant que le contact n’a pas réécrit.',
    'reason.instagram.window_closed.reopens': 'La fenêtre se rouvre quand le contact écrit à nouveau.',
    'reason.instagram.never_inbound': 'Le contact n’a jamais écrit sur Instagram : rien ne peut être envoyé.',
    'reason.instagram.never_inbound.reopens': 'L’envoi devient possible quand le contact écrit en premier.',
    'reason.viber.open': 'La session de 24 heures est ouverte : texte libre autorisé, non décompté.',

    // search, help, language
    'search.title': 'Suivi',
    'search.submit': 'Rechercher',
    'search.close': 'Fermer',
    'search.sandbox':
      '🧪 *Bac à sable* : les messages de suivi sont enregistrés dans Slack et ne sont envoyés à personne.',
    'search.allInboxNotAllowed':
      ':warning: Vous ne pouvez chercher que dans votre propre boîte de réception (la boîte de réception Tout est ' +
      'limitée par les paramètres de votre équipe).',
    'search.input.label': 'Rechercher',
    'search.input.hint':
      'Nom (accents facultatifs), e-mail ou @domaine, chiffres du téléphone ou ses derniers chiffres',
    'search.input.placeholder': 'Nom, e-mail, @domaine ou téléphone',
    'search.filter.inbox': 'Boîte de réception',
    'search.filter.status': 'Statut',
    'search.filter.channel': 'Canal',
    'search.filter.window': 'Fenêtre',
    'search.inbox.mine': 'Boîte de réception : Moi',
    'search.inbox.all': 'Boîte de réception : Tout',
    'search.status.closed': 'Statut : Fermé',
    'search.status.open': 'Statut : Ouvert',
    'search.status.any': 'Tous les statuts',
    'search.channel.any': 'Tous les canaux',
    'search.window.any': 'Toutes les fenêtres',
    'search.window.closingSoon': '⏳ Se ferme dans moins de 24 h',
    'search.noResults': 'Aucun contact trouvé',
    'search.hint.fewerLetters':
      '• Tapez moins de lettres : les noms se cherchent à partir du début d’un mot, avec ou sans accents ; les ' +
      'e-mails par fragment ou `@domaine` ; les téléphones par leurs derniers chiffres.',
    'search.hint.allInbox':
      '• Réglez la boîte de réception sur *Tout* pour inclure les contacts assignés à d’autres agents.',
    'search.hint.ownInboxOnly': '• Seuls les contacts qui vous sont assignés sont affichés.',
    'search.hint.anyStatus': '• Choisissez *Tous les statuts* pour inclure les conversations encore ouvertes.',
    'search.hint.anyFilters': '• Réglez les filtres sur *Tous les canaux* et *Toutes les fenêtres*.',
    'search.hint.noContacts':
      '• Aucun contact pour l’instant : importez-les avec `{importCommand}` ou connectez un canal.',
    'search.count': '{total, plural, one {# contact trouvé} other {# contacts trouvés}}',
    'search.firstOfPage':
      'Affichage des {shown, number} premiers sur {count, number} de cette page ; affinez la recherche pour voir ' +
      'les autres.',
    'search.pagePosition':
      'Page {page, number} sur {pages, number} · {first, number}–{last, number} sur {total, number}',
    'search.previous': '◀ Précédent',
    'search.next': 'Suivant ▶',
    'search.open': 'Ouvrir',
    'search.openLabel': 'Ouvrir {name}',
    'search.noChannels': 'Aucun canal enregistré',
    'search.contactLoading': 'Fiche contact',
    'search.problem.nothingSearchable':
      ':mag: Rien à rechercher dans « {text} » : tapez une partie d’un nom, un e-mail ou au moins {digits, ' +
      'number} chiffres d’un numéro de téléphone.',
    'search.problem.phoneTooShort':
      ':mag: Trop peu de chiffres dans « {text} » pour chercher un numéro de téléphone : tapez au moins {digits, ' +
      'number} chiffres (les derniers suffisent), ou une partie d’un nom ou d’un e-mail.',
    'search.openFailed': ':warning: Followup n’a pas pu ouvrir la recherche ({error}). Veuillez réessayer.',
    'search.openFailedSearched':
      ':warning: Followup n’a pas pu ouvrir la recherche ({error}). Veuillez réessayer. Votre recherche : {text}',
    'help.text':
      'Utilisation de {command} : recherchez les contacts dont la conversation est fermée et assurez leur suivi ' +
      'selon les règles de chaque canal.',
    'help.title': 'Followup : suivi des conversations fermées',
    'help.usage':
      '*`{command}`* ouvre la recherche. *`{searchExample}`* lance directement la recherche. *`{helpCommand}`* ' +
      'affiche ce message.',
    'help.language':
      '*`{languageCommand}`* choisit la langue dans laquelle Followup vous parle : {codes}, ou `{auto}` pour ' +
      'suivre Slack.',
    'help.start': 'Vous pouvez aussi commencer depuis le menu des raccourcis ⚡ ou depuis l’onglet Accueil de l’app.',
    'help.search.title': '*Recherche*',
    'help.search.name':
      '• *Nom* : le début de n’importe quelle partie du nom, accents facultatifs (`{example1}` trouve ' +
      '« {match1} », `{example2}` trouve « {match2} »).',
    'help.search.email':
      '• *E-mail* : n’importe quelle partie de l’adresse, ou `{domainExample}` pour tout un domaine.',
    'help.search.phone':
      '• *Téléphone* : chiffres uniquement, dans n’importe quel format ; les derniers chiffres suffisent ' +
      '(`{phoneExample}`).',
    'help.search.filters':
      '• *Filtres* : boîte de réception (*Moi* ou *Tout*), statut de la conversation (*Fermé* par défaut), canal, ' +
      'état de la fenêtre et *se ferme dans moins de 24 h*.',
    'help.states.title': '*Ce que chaque canal autorise maintenant*',
    'help.states.line': '{emoji} *{state}* : {meaning}',
    'help.footer':
      'Les heures s’affichent dans votre fuseau horaire. Envoyer un message de suivi rouvre la conversation et ' +
      'vous l’assigne. Les règles sont revérifiées au moment où vous cliquez sur Envoyer.',
    'language.changed': 'Langue de Followup modifiée : {language}.',
    'language.changedAuto': 'Followup suit désormais la langue de votre Slack : {language}.',
    'language.current': 'Langue de Followup : {language} (votre choix).',
    'language.currentAuto': 'Langue de Followup : {language} (celle de votre Slack).',
    'language.unknown': 'Followup ne propose pas la langue « {code} ».',
    'language.choose': 'Choisissez avec `{command}` :',
    'language.choice': '• `{code}` : {name}',
    'language.choiceAuto': '• `{code}` : suivre la langue de mon Slack',
    'language.failed': ':warning: Followup n’a pas pu changer votre langue ({error}). Veuillez réessayer.',

    // home
    'home.title': 'Followup',
    'home.greeting':
      'Bonjour {agent} : trouvez un contact dont la conversation est fermée, voyez ce que chaque canal autorise ' +
      'maintenant et assurez le suivi selon ses règles.',
    'home.findContact': 'Trouver un contact',
    'home.sandbox':
      '🧪 *Bac à sable* : aucun canal n’est encore connecté ; les messages de suivi sont donc enregistrés ici et ' +
      'ne sont envoyés nulle part.',
    'home.followUps.title': 'À suivre avant la fermeture de la fenêtre',
    'home.followUps.none':
      'Rien à suivre pour le moment : aucune de vos conversations fermées n’a de fenêtre encore ouverte.',
    'home.followUps.intro':
      'Vos conversations fermées dont la fenêtre est encore ouverte, par fermeture la plus proche.',
    'home.followUps.more':
      '…et {more, number} de plus. Utilisez *Trouver un contact* avec le filtre de fenêtre pour toutes les voir.',
    'home.open': 'Ouvrir',
    'home.openLabel': 'Ouvrir {name}',
    'home.noChannels': 'Aucun canal enregistré',
    'home.recent.title': 'Vos messages de suivi récents',
    'home.recent.none': 'Vous n’avez encore envoyé aucun message de suivi.',
    'home.recent.line':
      '{emoji} *{name}* · {channel} · {kind, select, template {modèle} tag {message avec balise} other {texte}} · ' +
      '{status} · {when}{sandbox, select, yes { · 🧪 bac à sable} other {}}',
    'home.recent.queued': 'en file d’attente',
    'home.recent.sent': 'envoyé',
    'home.recent.failed': 'échec',
    'home.recent.more': '…et {more, number} de plus.',
    'home.language.text': '*Langue* : Followup s’affiche en {language}.',
    'home.language.placeholder': 'Choisir une langue',
    'home.language.auto': 'Suivre la langue de mon Slack',

    // notifications
    'notifications.reminder': '⏳ La fenêtre {channel} de {name} se ferme {when}.',
    'notifications.reminderFreeTextEnds':
      '⏳ Le texte libre vers {name} sur {channel} prend fin {when} ; ensuite, seule une personne peut écrire ' +
      '(HUMAN_AGENT) jusqu’à {until}.',
    'notifications.closed': '🔴 La fenêtre {channel} de {name} s’est fermée {when}.',
    'notifications.now': 'Actuellement : {badge}. {reason}',
    'notifications.assigned': 'Assigné à {assignee}',
    'notifications.lateReminder': 'Envoyé en retard : Followup ne fonctionnait pas à l’heure prévue pour ce rappel.',
    'notifications.lateNotice': 'Signalé en retard : Followup ne fonctionnait pas à la fermeture de la fenêtre.',
    'notifications.followUp': 'Faire un suivi',
    'notifications.followUpOn': 'Faire un suivi sur {channel}',
    'notifications.digest.reminderTitle':
      '⏳ {count, plural, one {# fenêtre se ferme bientôt} other {# fenêtres se ferment bientôt}}',
    'notifications.digest.noticeTitle': '🔴 {count, plural, one {# fenêtre fermée} other {# fenêtres fermées}}',
    'notifications.digest.reminderIntro':
      'Conversations fermées dont la fenêtre de messagerie se ferme bientôt (état à {time}). Faites le suivi tant ' +
      'que le texte libre est encore autorisé.',
    'notifications.digest.noticeIntro':
      'Fenêtres de messagerie qui se sont fermées (état à {time}). Ce qui peut encore être envoyé est indiqué ' +
      'pour chaque suivi.',
    'notifications.digest.closes': 'se ferme {when}',
    'notifications.digest.freeTextEnds': 'fin du texte libre {when}',
    'notifications.digest.closed': 'fermée {when}',
    'notifications.digest.now': 'actuellement : {state}',
    'notifications.digest.late': 'en retard',
    'notifications.digest.more':
      '{count, plural, one {…et # autre. Retrouvez-la avec `{command}` et le filtre de fenêtre.} other {…et # ' +
      'autres. Retrouvez-les avec `{command}` et le filtre de fenêtre.}}',
    'notifications.digest.others': '{count, plural, one {# autre} other {# autres}}',
    'notifications.digest.fallback': '{title} : {names}',

    // contact
    'contact.title': 'Fiche contact',
    'contact.close': 'Fermer',
    'contact.field.email': '*E-mail*\n{email}',
    'contact.field.phone': '*Téléphone*\n{phone}',
    'contact.field.language': '*Langue*\n{language}',
    'contact.field.languageUnknown': '*Langue*\nInconnue',
    'contact.field.assignee': '*Assigné à*\n{assignee}',
    'contact.field.conversation': '*État de la conversation*\n{conversation}',
    'contact.assignMe': 'M’assigner',
    'contact.closeConversation': 'Fermer la conversation',
    'contact.closeConfirm.title': 'Fermer la conversation ?',
    'contact.closeConfirm.text':
      'La conversation est marquée comme fermée. La logique de fermeture de votre équipe décide si elle reste ' +
      'assignée. Les fenêtres de messagerie ne changent pas.',
    'contact.closeConfirm.confirm': 'Fermer',
    'contact.closeConfirm.deny': 'Annuler',
    'contact.channels': '{count, plural, one {Canal} other {Canaux (#)}}',
    'contact.noChannels':
      'Ce contact n’a aucun canal enregistré : rien ne peut être envoyé. Un canal apparaît quand le contact écrit ' +
      'ou est importé avec une adresse.',
    'contact.moreChannels':
      '{count, plural, one {…et # autre canal non affiché.} other {…et # autres canaux non affichés.}}',
    'contact.channel.badgeSandbox': '*{badge}* · 🧪 bac à sable',
    'contact.channel.account': 'Compte : {account}',
    'contact.channel.freeTextThenAgent':
      'Texte libre jusqu’à {freeUntil}, puis agent uniquement (HUMAN_AGENT) jusqu’à {agentUntil}',
    'contact.channel.windowCloses': 'La fenêtre se ferme {when}',
    'contact.channel.cannotSend':
      '_Vous ne pouvez pas envoyer de messages de suivi : votre équipe limite qui peut envoyer._',
    'contact.channel.sandboxNote': '_Bac à sable : un message de suivi est enregistré ici, mais pas envoyé._',
    'contact.followUp': 'Faire un suivi',
    'contact.followUpLabel': 'Faire un suivi sur {channel}',
    'contact.notAllowedTitle': 'Action non autorisée',
    'contact.notAllowed':
      'Votre équipe limite qui peut assigner et fermer les conversations. Adressez-vous à un administrateur.',
    'contact.notFoundTitle': 'Contact introuvable',
    'contact.notFound': 'Ce contact n’existe plus (il a peut-être été fusionné ou supprimé).',

    // compose
    'compose.title': 'Message de suivi',
    'compose.send': 'Envoyer',
    'compose.sendSandbox': 'Envoyer (bac à sable)',
    'compose.cancel': 'Annuler',
    'compose.close': 'Fermer',
    'compose.header': 'À {name} sur {channel}\n{badge}',
    'compose.sandbox': '🧪 *Bac à sable* : ce message de suivi est enregistré, mais pas délivré.',
    'compose.text.label': 'Votre message',
    'compose.text.placeholder': 'Écrire sur {channel}…',
    'compose.text.draftTooLong':
      ':warning: Votre brouillon ({length, plural, one {# caractère} other {# caractères}}) dépasse la capacité ' +
      'de cette zone ({max, number}) ; il n’a pas été conservé.',
    'compose.text.hintNoLimit':
      'Aucune limite de longueur sur {channel} ; cette zone contient au plus {max, plural, one {# caractère} ' +
      'other {# caractères}}.',
    'compose.text.hintBoxSmaller':
      '{channel} accepte jusqu’à {limit, plural, one {# caractère} other {# caractères}} ; cette zone en contient ' +
      'au plus {max, number}.',
    'compose.text.hintBoxSmallerUtf16':
      '{channel} accepte jusqu’à {limit, plural, one {# caractère} other {# caractères}} ({channel} compte en ' +
      'unités UTF-16 : la plupart des emoji comptent pour 2) ; cette zone en contient au plus {max, number}.',
    'compose.text.hintUpTo': 'Jusqu’à {limit, plural, one {# caractère} other {# caractères}} sur {channel}.',
    'compose.text.hintUpToUtf16':
      'Jusqu’à {limit, plural, one {# caractère} other {# caractères}} sur {channel} ({channel} compte en unités ' +
      'UTF-16 : la plupart des emoji comptent pour 2).',
    'compose.text.humanAgent':
      'Envoyé avec la balise HUMAN_AGENT : rédigez-le vous-même ; les automatisations ne peuvent pas l’utiliser.',
    'compose.text.chatbotBillable':
      ':warning: Compte comme initié par le chatbot et est facturable (quota mensuel gratuit épuisé ; Conditions ' +
      'commerciales des chatbots).',
    'compose.text.chatbotFree':
      ':warning: Compte comme initié par le chatbot : {left, plural, one {# gratuit restant ce mois-ci} other {# ' +
      'gratuits restants ce mois-ci}}.',
    'compose.template.none':
      ':warning: *Aucun modèle {channel} APPROVED pour la langue {language}.*\nUn modèle doit être approuvé et ' +
      'dans la langue du contact pour pouvoir être envoyé. Demandez à un administrateur d’en ajouter ou d’en ' +
      'approuver un ; rien d’autre ne peut être envoyé sur {channel} tant que le contact n’a pas réécrit.',
    'compose.template.noneLanguageUnknown':
      ':warning: *Aucun modèle {channel} APPROVED dans la langue du contact (inconnue).*\nUn modèle doit être ' +
      'approuvé et dans la langue du contact pour pouvoir être envoyé. Demandez à un administrateur d’en ajouter ' +
      'ou d’en approuver un ; rien d’autre ne peut être envoyé sur {channel} tant que le contact n’a pas réécrit.',
    'compose.template.label': 'Modèle',
    'compose.template.placeholder': 'Choisir un modèle approuvé',
    'compose.template.hidden':
      '{hidden, plural, one {# autre modèle n’est pas listé (un menu en contient au plus {max, number}).} other ' +
      '{# autres modèles ne sont pas listés (un menu en contient au plus {max, number}).}}',
    'compose.template.noReopen': 'Un modèle ne rouvre pas le texte libre : seule la réponse du contact le fait.',
    'compose.template.tooManyVariables':
      ':warning: Ce modèle a {count, plural, one {# variable} other {# variables}} ; ce formulaire en accepte au ' +
      'plus {max, number}. Choisissez un autre modèle.',
    'compose.template.preview': '*Aperçu*\n{preview}',
    'compose.template.fillIn': 'Remplissez {names}',
    'compose.template.fillInMore': 'Remplissez {names} et {more, plural, one {# autre} other {# autres}}',
    'compose.template.length': '{length, number} / {max, plural, one {# caractère} other {# caractères}}',
    'compose.template.tooLong':
      ':warning: {length, plural, one {# caractère} other {# caractères}} : {channel} en autorise {max, number} ' +
      'dans un modèle',
    'compose.tag.none':
      ':no_entry: Aucune balise de message n’est activée pour {channel} après la fenêtre : rien ne peut être ' +
      'envoyé pour le moment.',
    'compose.tag.label': 'Balise de message',
    'compose.tag.hint':
      'N’utilisez une balise que pour son usage prévu ; sinon, Meta peut refuser le message ou restreindre la page.',
    'compose.tag.placeholder': 'Choisir le sujet de ce message',
    'compose.tagUse.ACCOUNT_UPDATE': 'Un changement sur son compte (ex. : statut modifié, activité suspecte)',
    'compose.tagUse.CONFIRMED_EVENT_UPDATE': 'Rappel ou mise à jour sur un événement auquel il s’est inscrit',
    'compose.tagUse.POST_PURCHASE_UPDATE': 'Mise à jour sur un achat effectué (reçu, livraison, statut de commande)',
    'compose.tagUse.HUMAN_AGENT': 'Réponse écrite par une personne, jusqu’à 7 jours après son dernier message',
    'compose.tagUse.other': 'Balise de message',
    'compose.closed.notYou': ':no_entry: Vous ne pouvez pas envoyer ce message de suivi.',
    'compose.closed.nothing': ':no_entry: *Rien ne peut être envoyé sur {channel} pour le moment.*',
    'compose.notAllowedNotice':
      'Vous n’êtes pas autorisé à envoyer des messages de suivi (votre équipe le limite). Adressez-vous à un ' +
      'administrateur, ou assignez {name} à quelqu’un qui le peut.',
    'compose.gone': 'Ce contact ou ce canal n’existe plus.',
    'compose.outOfDate': 'Ce formulaire n’est plus à jour. Rouvrez le contact et faites le suivi depuis sa fiche.',
    'compose.goneNothingSent': 'Ce contact ou ce canal n’existe plus. Rien n’a été envoyé.',
    'compose.notAllowedTitle': 'Action non autorisée',
    'compose.notAllowedNothingSent': 'Votre équipe limite qui peut envoyer des messages de suivi. Rien n’a été envoyé.',
    'compose.windowChanged': ':warning: La fenêtre a changé pendant que vous écriviez.',
    'compose.draftKept': 'Votre message, conservé pour que rien ne soit perdu :\n{quote}',
    'compose.sending': 'Envoi en cours…',
    'compose.sent.title': 'Envoyé',
    'compose.sent.titleSandbox': 'Envoyé (bac à sable)',
    'compose.sent.text':
      ':white_check_mark: {kind, select, template {Envoyé : modèle *{template}* à {name} sur {channel}.} tag ' +
      '{Envoyé : message avec balise ({tag}) à {name} sur {channel}.} other {Envoyé : message à {name} sur ' +
      '{channel}.}}',
    'compose.sent.textAgain':
      ':white_check_mark: {kind, select, template {Déjà envoyé : modèle *{template}* à {name} sur {channel}.} tag ' +
      '{Déjà envoyé : message avec balise ({tag}) à {name} sur {channel}.} other {Déjà envoyé : message à {name} ' +
      'sur {channel}.}}',
    'compose.sent.reopened': 'La conversation est rouverte et vous est assignée.',
    'compose.sent.assigned': 'La conversation vous est assignée.',
    'compose.sent.sandbox':
      ':test_tube: *Bac à sable* : aucun transport n’est configuré pour ce canal, donc rien n’a quitté Slack. Le ' +
      'message de suivi est enregistré comme s’il avait été envoyé.',
    'compose.queued.title': 'En file d’attente',
    'compose.queued.text':
      ':hourglass_flowing_sand: {channel} n’a pas encore accepté le message de suivi pour {name} ({detail}). Il ' +
      'est conservé dans la boîte d’envoi et renvoyé automatiquement à partir de {time} ; vous le verrez sous ' +
      '*Vos messages de suivi récents* dans l’onglet Accueil de l’app.',
    'compose.notSent.title': 'Non envoyé',
    'compose.notSent.checkFailed':
      ':x: Non envoyé : Followup n’a pas pu vérifier ce message de suivi ({why}). Rien n’a été envoyé ; réessayez.',
    'compose.notSent.recordFailed':
      ':x: Non envoyé : Followup n’a pas pu enregistrer le message de suivi ({why}). Rien n’a été envoyé ; réessayez.',
    'compose.notSent.sendFailed':
      ':x: Une erreur s’est produite pendant l’envoi ({why}). Vérifiez l’onglet Accueil de l’app avant de réessayer.',
    'compose.notSent.refused': ':warning: Non envoyé. {reason}',
    'compose.notSent.failed':
      ':x: Le message de suivi pour {name} sur {channel} n’a pas été envoyé. {reason} ({detail})',
    'compose.notSent.failedNoDetail': ':x: Le message de suivi pour {name} sur {channel} n’a pas été envoyé. {reason}',
    'compose.notSent.gone':
      ':x: Le message de suivi pour {name} sur {channel} n’a pas été envoyé. Ce contact ou ce canal n’existe plus.',
    'compose.refusal.nothing': 'Rien ne peut être envoyé sur {channel} pour le moment. {reason}',
    'compose.refusal.onlyKinds': '{channel} n’accepte que {kinds} pour le moment.',
    'compose.refusal.templateNotApproved': 'Le modèle « {template} » a le statut {status}, pas APPROVED.',
    'compose.refusal.templateWrongLanguage':
      'Le modèle « {template} » est dans la langue {templateLanguage} ; celle du contact est {contactLanguage}.',
    'compose.refusal.missingVariables': 'Remplissez {names}.',
    'compose.refusal.templateTooLong':
      'Le modèle rempli fait {length, plural, one {# caractère} other {# caractères}} ; {channel} en autorise ' +
      '{max, number}.',
    'compose.refusal.textEmpty': 'Écrivez d’abord un message.',
    'compose.refusal.textTooLong':
      '{length, plural, one {# caractère} other {# caractères}} ; {channel} en autorise {max, number}. ' +
      'Raccourcissez le message (rien n’est coupé automatiquement).',
    'compose.refusal.tagNotAllowed': 'La balise {tag} n’est pas acceptée sur {channel}.',
    'compose.refusal.pickTemplate': 'Choisissez un modèle approuvé.',
    'compose.refusal.pickTag': 'Choisissez la balise de message adaptée à ce suivi.',
    'compose.confirm.sent':
      '✅ {kind, select, template {*Envoyé* : modèle à {name} sur {channel}} tag {*Envoyé* : message avec balise à ' +
      '{name} sur {channel}} other {*Envoyé* : message à {name} sur {channel}}}',
    'compose.confirm.sentSandbox':
      '🧪 {kind, select, template {*Enregistré dans le bac à sable* (non délivré) : modèle à {name} sur {channel}} ' +
      'tag {*Enregistré dans le bac à sable* (non délivré) : message avec balise à {name} sur {channel}} other ' +
      '{*Enregistré dans le bac à sable* (non délivré) : message à {name} sur {channel}}}',
    'compose.confirm.fallback':
      '{kind, select, template {Envoyé : modèle à {name} sur {channel}} tag {Envoyé : message avec balise à ' +
      '{name} sur {channel}} other {Envoyé : message à {name} sur {channel}}}',
    'compose.confirm.fallbackSandbox':
      '{kind, select, template {Enregistré (bac à sable) : modèle à {name} sur {channel}} tag {Enregistré (bac à ' +
      'sable) : message avec balise à {name} sur {channel}} other {Enregistré (bac à sable) : message à {name} ' +
      'sur {channel}}}',
    'compose.confirm.reopenedAssigned': 'La conversation a été rouverte et assignée à {assignee}.',
    'compose.confirm.reopened': 'La conversation a été rouverte.',
    'compose.confirm.assigned': 'Assignée à {assignee}.',
    'compose.confirm.templateNoReopen': 'Le texte libre ne redevient possible que lorsque le contact répond.',
    'compose.confirm.notDelivered':
      '« Envoyé » ne veut pas dire « délivré » : une éventuelle erreur ultérieure du fournisseur sera signalée.',

    // app
    'app.title': 'Suivi',
    'app.storeDownTitle': 'Followup',
    'app.close': 'Fermer',
    'app.loading': 'Chargement…',
    'app.failedTitle': 'Erreur inattendue',
    'app.failed':
      ':warning: Followup n’a pas pu charger cet élément. Réessayez ; si le problème persiste, prévenez votre ' +
      'administrateur Slack (les journaux de l’app contiennent les détails).',
    'app.storeDown': 'Followup ne parvient pas à joindre sa base de données : réessayez dans une minute.',
    'app.notConnected':
      'Followup ne parvient pas encore à joindre l’API Web de Slack et ne peut donc rien ouvrir ni envoyer : ' +
      'réessayez dans une minute.',
  },
} satisfies Catalog;
// Glossary (seed term ← English): conversation ← conversation, contact ← contact, fermée ← closed,
// agent assigné ← assignee, modèle (de message) ← template, balise de message ← message tag,
// fenêtre de messagerie ← messaging window, agent ← agent, boîte de réception ← inbox, suivi ← follow-up
