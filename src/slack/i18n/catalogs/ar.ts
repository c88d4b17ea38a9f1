/** Arabic. Terms follow the help article in ../shared/seeds/ (see the glossary at the end of this file). */
import type { Catalog } from '../catalog.js';

export default {
  language: { code: 'ar', name: 'العربية', intlLocale: 'ar-u-nu-arab', direction: 'rtl' },
  messages: {
    // shared
    'channel.whatsapp': '\u2068WhatsApp\u2069',
    'channel.messenger': '\u2068Messenger\u2069',
    'channel.instagram': '\u2068Instagram\u2069',
    'channel.viber': '\u2068Viber\u2069',
    'channel.wechat': '\u2068WeChat\u2069',
    'channel.telegram': '\u2068Telegram\u2069',
    'channel.line': '\u2068LINE\u2069',
    'channel.webchat': 'دردشة الموقع',
    'channel.sms': '\u2068SMS\u2069',
    'channel.email': 'البريد الإلكتروني',
    'state.open.badge': 'مفتوحة',
    'state.open.filter': 'مفتوحة',
    'state.open.meaning': 'النص الحر مسموح حتى تُغلق نافذة المراسلة',
    'state.human_agent.badge': 'للوكيل فقط',
    'state.human_agent.filter': 'للوكيل فقط (\u2068HUMAN_AGENT\u2069)',
    'state.human_agent.meaning':
      'على \u2068Messenger\u2069 و\u2068Instagram\u2069 بعد ٢٤ ساعة: يمكن لشخص أن يكتب (علامة \u2068HUMAN_AGENT\u2069)، ولا يمكن للأتمتة',
    'state.template_only.badge': 'قالب فقط',
    'state.template_only.filter': 'قالب فقط',
    'state.template_only.meaning': 'على \u2068WhatsApp\u2069 بعد ٢٤ ساعة: قالب معتمد بلغة جهة الاتصال فقط',
    'state.tag_only.badge': 'علامة رسالة فقط',
    'state.tag_only.filter': 'علامة رسالة فقط',
    'state.tag_only.meaning': 'على \u2068Messenger\u2069 بعد ٧ أيام: رسالة تحمل علامة رسالة مسموحًا بها فقط',
    'state.chatbot_initiated.badge': 'بمبادرة البوت',
    'state.chatbot_initiated.filter': 'بمبادرة البوت',
    'state.chatbot_initiated.meaning': 'على \u2068Viber\u2069 بعد الجلسة: تُحتسب من الحد الشهري المجاني، أو تكون مدفوعة',
    'state.closed.badge': 'مغلقة',
    'state.closed.filter': 'مغلقة',
    'state.closed.meaning': 'لا يمكن إرسال شيء حتى تكتب جهة الاتصال مجددًا',
    'state.no_window.badge': 'في أي وقت',
    'state.no_window.filter': 'في أي وقت (بلا نافذة)',
    'state.no_window.meaning':
      'اكتب في أي وقت: \u2068Telegram\u2069 و\u2068LINE\u2069 ودردشة الموقع و\u2068SMS\u2069 والبريد الإلكتروني',
    'badge.noAddress': 'بلا عنوان — لا يمكن الإرسال',
    'badge.until': 'الحالة {state} حتى {when}',
    'badge.billable': 'مدفوعة',
    'badge.freeLeft': 'المتبقي مجانًا: {left, number}',
    'badge.left': 'المتبقي: {left, number}',
    'badge.changes': 'تتغير {when}',
    'left.sessionCap':
      '{left, plural, zero {لم تبقَ أي رسالة في هذه النافذة} one {بقيت رسالة واحدة في هذه النافذة} two {بقيت رسالتان في هذه النافذة} few {بقيت # رسائل في هذه النافذة} many {بقيت # رسالة في هذه النافذة} other {بقيت # رسالة في هذه النافذة}}',
    'left.monthlyFree':
      '{left, plural, zero {لم تبقَ أي رسالة مجانية بمبادرة البوت هذا الشهر} one {بقيت رسالة مجانية واحدة بمبادرة البوت هذا الشهر} two {بقيت رسالتان مجانيتان بمبادرة البوت هذا الشهر} few {بقيت # رسائل مجانية بمبادرة البوت هذا الشهر} many {بقيت # رسالة مجانية بمبادرة البوت هذا الشهر} other {بقيت # رسالة مجانية بمبادرة البوت هذا الشهر}}',
    'left.monthlyBillable': 'استُنفد الحد المجاني للرسائل بمبادرة البوت هذا الشهر: الرسائل مدفوعة',
    'left.other':
      '{left, plural, zero {لم تبقَ أي رسالة} one {بقيت رسالة واحدة} two {بقيت رسالتان} few {بقيت # رسائل} many {بقيت # رسالة} other {بقيت # رسالة}}',
    'allowed.nothing': 'لا يمكن إرسال أي شيء الآن.',
    'allowed.kind.text': 'نص حر',
    'allowed.kind.template': 'قالب معتمد',
    'allowed.kind.tag': 'رسالة تحمل علامة',
    'allowed.canSend': 'يمكن الإرسال الآن: {kinds}.',
    'allowed.canSendHuman': 'يمكنك الآن أن ترسل بنفسك: {kinds} (\u2068HUMAN_AGENT\u2069).',
    'allowed.canSendChatbot': 'يمكن الإرسال الآن: {kinds} (بمبادرة البوت).',
    'assignee.none': 'بلا تعيين',
    'conversation.closed': 'أُغلقت {when}',
    'conversation.closedUndated': 'مغلقة',
    'conversation.openSince': 'مفتوحة منذ {when}',
    'conversation.openUndated': 'مفتوحة',

    // reasons
    'reason.no_window': 'لا توجد نافذة مراسلة: يمكنك الكتابة في أي وقت.',
    'reason.open': 'نافذة المراسلة مفتوحة: النص الحر مسموح.',
    'reason.human_agent':
      'انتهت النافذة القياسية؛ لا يزال بإمكان شخص الرد (يُرسل بعلامة \u2068HUMAN_AGENT\u2069). أما الأتمتة فلا.',
    'reason.window_closed': 'أُغلقت نافذة المراسلة.',
    'reason.window_closed.reopens': 'تُفتح النافذة من جديد عندما تكتب جهة الاتصال مرة أخرى.',
    'reason.never_inbound': 'لم تكتب جهة الاتصال قط على هذه القناة، لذا لم تُفتح أي نافذة.',
    'reason.never_inbound.reopens': 'تُفتح نافذة عندما تبدأ جهة الاتصال بالكتابة.',
    'reason.window_closed_no_tags': 'أُغلقت نافذة المراسلة (٧ أيام) ولا توجد علامات رسائل مفعَّلة لما بعدها.',
    'reason.window_closed_no_tags.reopens': 'تُفتح النافذة من جديد عندما تكتب جهة الاتصال مرة أخرى.',
    'reason.never_inbound_no_tags': 'لم تكتب جهة الاتصال قط على هذه القناة.',
    'reason.never_inbound_no_tags.reopens': 'تُفتح نافذة عندما تبدأ جهة الاتصال بالكتابة.',
    'reason.window_expired': 'انتهت نافذة المراسلة (٤٨ ساعة)؛ لن تُسلَّم الرسائل المرسلة الآن.',
    'reason.window_expired.reopens': 'يُعاد ضبط النافذة وعدد الرسائل عندما تكتب جهة الاتصال مرة أخرى.',
    'reason.outbound_cap_reached': 'استُنفد حد الرسائل الصادرة لهذه النافذة؛ لن تُسلَّم أي رسائل إضافية.',
    'reason.outbound_cap_reached.reopens': 'يُعاد ضبط النافذة وعدد الرسائل عندما تكتب جهة الاتصال مرة أخرى.',
    'reason.not_subscribed': 'جهة الاتصال غير مشتركة في البوت (أو ألغت اشتراكها)، لذا لا يصلها شيء.',
    'reason.not_subscribed.reopens': 'تصبح المراسلة ممكنة مجددًا عندما تشترك جهة الاتصال أو تكتب مرة أخرى.',
    'reason.chatbot_initiated': 'انتهت الجلسة: الرسالة الآن بمبادرة البوت وتُحتسب من الحد الشهري المجاني.',
    'reason.chatbot_initiated_billable':
      'انتهت الجلسة واستُنفد الحد الشهري المجاني: الرسالة الآن مدفوعة (الشروط التجارية لبرنامج الدردشة الآلي).',
    'reason.free_quota_exhausted': 'انتهت الجلسة واستُنفد الحد المجاني للرسائل بمبادرة البوت لهذا الشهر.',
    'reason.free_quota_exhausted.reopens':
      'يُتاح النص الحر مجددًا عندما تكتب جهة الاتصال مرة أخرى؛ ويُعاد ضبط الحد في أول الشهر القادم (\u2068UTC\u2069)، أو وافق على الشروط التجارية لبرنامج الدردشة الآلي.',
    'reason.provider_error': 'لم يقبل المزوِّد الرسالة (خطأ في الشبكة أو الخادم)؛ ستُعاد المحاولة تلقائيًا.',
    'reason.no_address': 'ليس لجهة الاتصال هذه عنوان على هذه القناة، لذا لا يستطيع المزوِّد الوصول إليها.',
    'reason.auth_failed': 'رفض المزوِّد بيانات اعتمادنا: على المسؤول تجديد رمز القناة.',
    'reason.permission_denied': 'يقول المزوِّد إن هذا الحساب لا يحق له إرسال هذه الرسالة: تحقَّق من أذونات القناة.',
    'reason.rate_limited': 'يحدّ المزوِّد من معدل طلباتنا؛ ستُعاد محاولة إرسال الرسالة تلقائيًا.',
    'reason.pair_rate_limited': 'رسائل كثيرة جدًا إلى جهة الاتصال هذه في وقت قصير؛ ستُعاد محاولة إرسال الرسالة تلقائيًا.',
    'reason.undeliverable': 'تعذَّر على المزوِّد تسليم الرسالة إلى جهة الاتصال هذه.',
    'reason.person_unavailable': 'هذا الشخص غير متاح على القناة (حظر الصفحة أو حذف حسابه).',
    'reason.tag_not_accepted': 'رفض المزوِّد علامة الرسالة (أوقفت \u2068Meta\u2069 معظم العلامات في ٢٠٢٦).',
    'reason.invalid_request': 'رفض المزوِّد الطلب لأنه غير صالح.',
    'reason.template_not_found': 'لا يعرف المزوِّد هذا القالب (أو لم يعد يعرفه): زامِن القوالب واختر قالبًا آخر.',
    'reason.template_params_mismatch': 'متغيرات القالب لا تطابق ما يتوقعه المزوِّد.',
    'reason.template_paused': 'أوقف المزوِّد هذا القالب مؤقتًا.',
    'reason.template_disabled': 'عطَّل المزوِّد هذا القالب.',
    'reason.no_balance': 'لا يوجد رصيد في حساب المزوِّد للرسائل المدفوعة.',
    'reason.blocked': 'حظرت جهة الاتصال البوت.',
    'reason.quota_exhausted': 'استُنفدت حصة الرسائل الشهرية للحساب.',
    'reason.opted_out': 'ألغت جهة الاتصال الاشتراك (ردَّت بـ\u2068STOP\u2069)؛ لا يجوز إرسال أي شيء حتى تشترك مجددًا.',
    'reason.invalid_address': 'عنوان جهة الاتصال غير صالح لهذه القناة.',
    'reason.rejected': 'رفض الطرف المستقبِل الرسالة.',
    'reason.in_doubt':
      'توقف \u2068Followup\u2069 أثناء الإرسال؛ ربما وصلت الرسالة إلى جهة الاتصال. تحقَّق قبل الإرسال مرة أخرى.',
    'reason.template_not_supported': 'لا تدعم هذه القناة قوالب الرسائل (فهي ميزة في \u2068WhatsApp\u2069).',
    'reason.tag_not_supported': 'لا تدعم هذه القناة علامات الرسائل (فهي ميزة في \u2068Messenger\u2069).',
    'reason.text_empty': 'الرسالة فارغة.',
    'reason.text_too_long': 'الرسالة أطول مما تقبله القناة.',
    'reason.template_not_approved': 'لا يمكن إرسال إلا القوالب بحالة \u2068APPROVED\u2069.',
    'reason.template_wrong_language': 'القالب ليس بلغة جهة الاتصال.',
    'reason.template_missing_variables': 'يجب إعطاء قيمة لكل متغير في القالب.',
    'reason.template_too_long': 'القالب بعد ملئه أطول مما تقبله القناة.',
    'reason.tag_not_allowed': 'علامة الرسالة هذه غير مقبولة.',
    'reason.human_agent_requires_person': 'بعد النافذة القياسية (٢٤ ساعة) لا يكتب إلا شخص.',
    'reason.whatsapp.window_closed':
      'أُغلقت نافذة المراسلة (٢٤ ساعة): لا يمكن إرسال إلا قالب \u2068WhatsApp\u2069 معتمد.',
    'reason.whatsapp.window_closed.reopens':
      'يُتاح النص الحر مجددًا عندما ترد جهة الاتصال (القالب وحده لا يعيد فتح النافذة).',
    'reason.whatsapp.never_inbound': 'لم تكتب جهة الاتصال قط على \u2068WhatsApp\u2069: لا يمكن إرسال إلا قالب معتمد.',
    'reason.whatsapp.never_inbound.reopens': 'يُتاح النص الحر عندما ترد جهة الاتصال.',
    'reason.messenger.window_closed': 'أُغلقت نافذة المراسلة (٧ أيام): لا يمكن إرسال إلا رسالة تحمل علامة رسالة.',
    'reason.messenger.window_closed.reopens': 'يُتاح النص الحر مجددًا عندما تكتب جهة الاتصال مرة أخرى.',
    'reason.messenger.never_inbound':
      'لم تكتب جهة الاتصال قط على \u2068Messenger\u2069، لذا لا تستطيع الصفحة مراسلتها.',
    'reason.messenger.never_inbound.reopens': 'تُتاح المراسلة عندما تكتب جهة الاتصال إلى الصفحة.',
    'reason.instagram.window_closed':
      'أُغلقت نافذة المراسلة (٧ أيام): لا يسمح \u2068Instagram\u2069 بأي شيء حتى تكتب جهة الاتصال مرة أخرى.',
    'reason.instagram.window_closed.reopens': 'تُفتح النافذة من جديد عندما تكتب جهة الاتصال مرة أخرى.',
    'reason.instagram.never_inbound': 'لم تكتب جهة الاتصال قط على \u2068Instagram\u2069، لذا لا يمكن إرسال أي شيء.',
    'reason.instagram.never_inbound.reopens': 'تُتاح المراسلة عندما تبدأ جهة الاتصال بالكتابة.',
    'reason.viber.open': 'الجلسة (٢٤ ساعة) مفتوحة: النص الحر مسموح ولا يُحتسب.',

    // app
    'app.title': 'متابعة',
    'app.storeDownTitle': '\u2068Followup\u2069',
    'app.close': 'إغلاق',
    'app.loading': 'جارٍ التحميل…',
    'app.failedTitle': 'حدث خطأ ما',
    'app.failed':
      ':warning: تعذَّر على \u2068Followup\u2069 تحميل هذا. حاول مرة أخرى؛ وإن تكرر ذلك، فأبلغ مسؤول \u2068Slack\u2069 لديك (التفاصيل في سجلات التطبيق).',
    'app.storeDown': 'يتعذَّر على \u2068Followup\u2069 الوصول إلى مخزن بياناته، حاول مرة أخرى بعد دقيقة.',
    'app.notConnected':
      'لا يستطيع \u2068Followup\u2069 الوصول إلى واجهة \u2068Slack Web API\u2069 بعد، لذا لا يمكنه فتح أي شيء أو إرساله: حاول مرة أخرى بعد دقيقة.',

    // search, help, language
    'search.title': 'متابعة',
    'search.submit': 'بحث',
    'search.close': 'إغلاق',
    'search.sandbox': '🧪 *وضع تجريبي*: تُسجَّل المتابعات في \u2068Slack\u2069 ولا تُسلَّم إلى أحد.',
    'search.allInboxNotAllowed':
      ':warning: يمكنك البحث في صندوق الوارد الخاص بك فقط (صندوق الوارد «الكل» مقيَّد بإعدادات فريقك).',
    'search.input.label': 'بحث',
    'search.input.hint': 'الاسم (التشكيل اختياري)، أو البريد الإلكتروني أو @النطاق، أو أرقام الهاتف أو آخرها',
    'search.input.placeholder': 'الاسم أو البريد أو @النطاق أو الهاتف',
    'search.filter.inbox': 'صندوق الوارد',
    'search.filter.status': 'الحالة',
    'search.filter.channel': 'القناة',
    'search.filter.window': 'النافذة',
    'search.inbox.mine': 'صندوق الوارد: الخاص بي',
    'search.inbox.all': 'صندوق الوارد: الكل',
    'search.status.closed': 'الحالة: مغلقة',
    'search.status.open': 'الحالة: مفتوحة',
    'search.status.any': 'أي حالة',
    'search.channel.any': 'أي قناة',
    'search.window.any': 'أي نافذة',
    'search.window.closingSoon': '⏳ تُغلق خلال ٢٤ ساعة',
    'search.noResults': 'لا توجد جهات اتصال مطابقة',
    'search.hint.fewerLetters':
      '• اكتب أحرفًا أقل: تُطابَق الأسماء من بداية أي كلمة، مع التشكيل أو بدونه؛ والبريد الإلكتروني بجزء منه أو بـ `\u2068@domain\u2069`؛ والهواتف بأرقامها الأخيرة.',
    'search.hint.allInbox': '• اضبط صندوق الوارد على *الكل* لتشمل جهات الاتصال المعيَّنة لغيرك.',
    'search.hint.ownInboxOnly': '• تظهر فقط جهات الاتصال المعيَّنة لك.',
    'search.hint.anyStatus': '• اختر *أي حالة* لتشمل المحادثات التي لا تزال مفتوحة.',
    'search.hint.anyFilters': '• اضبط فلتر القناة على *أي قناة* وفلتر النافذة على *أي نافذة*.',
    'search.hint.noContacts': '• لا توجد جهات اتصال بعد: استوردها باستخدام `{importCommand}` أو اربط قناة.',
    'search.count':
      '{total, plural, zero {لم يُعثر على أي جهة اتصال} one {عُثر على جهة اتصال واحدة} two {عُثر على جهتَي اتصال} few {عُثر على # جهات اتصال} many {عُثر على # جهة اتصال} other {عُثر على # جهة اتصال}}',
    'search.firstOfPage': 'يُعرض أول {shown, number} من {count, number} في هذه الصفحة؛ ضيِّق البحث لرؤية البقية.',
    'search.pagePosition':
      'الصفحة {page, number} من {pages, number} · {first, number}–{last, number} من {total, number}',
    'search.previous': 'السابق ◀',
    'search.next': 'التالي ▶',
    'search.open': 'فتح',
    'search.openLabel': 'فتح {name}',
    'search.noChannels': 'لا توجد قنوات مسجَّلة',
    'search.contactLoading': 'جهة الاتصال',
    'search.problem.nothingSearchable':
      ':mag: لا يوجد ما يُبحث عنه في «{text}»: اكتب جزءًا من اسم أو بريد إلكتروني، أو ما لا يقل عن {digits, number} من أرقام الهاتف.',
    'search.problem.phoneTooShort':
      ':mag: الأرقام في «{text}» أقل من أن يُبحث بها في أرقام الهواتف: اكتب ما لا يقل عن {digits, number} من الأرقام (تكفي الأرقام الأخيرة)، أو جزءًا من اسم أو بريد إلكتروني.',
    'search.openFailed': ':warning: تعذَّر على \u2068Followup\u2069 فتح البحث ({error}). يُرجى المحاولة مرة أخرى.',
    'search.openFailedSearched':
      ':warning: تعذَّر على \u2068Followup\u2069 فتح البحث ({error}). يُرجى المحاولة مرة أخرى. بحثت عن: {text}',

    'help.text': 'طريقة استخدام {command}: ابحث عن جهات الاتصال ذات المحادثات المغلقة وتابِع معها وفق قواعد كل قناة.',
    'help.title': 'متابعة المحادثات المغلقة مع \u2068Followup\u2069',
    'help.usage': 'يفتح *`{command}`* البحث. ويبحث *`{searchExample}`* مباشرةً. ويعرض *`{helpCommand}`* هذه الرسالة.',
    'help.language':
      'يضبط *`{languageCommand}`* اللغة التي يخاطبك بها \u2068Followup\u2069: {codes}، أو `{auto}` لاتباع لغة \u2068Slack\u2069.',
    'help.start': 'يمكنك أيضًا البدء من قائمة الاختصارات ⚡، أو من تبويب \u2068Home\u2069 في التطبيق.',
    'help.search.title': '*البحث*',
    'help.search.name':
      '• *الاسم*: بداية أي جزء من الاسم، والتشكيل اختياري (بكتابة `{example1}` تجد «{match1}»، وبكتابة `{example2}` تجد «{match2}»).',
    'help.search.email': '• *البريد الإلكتروني*: أي جزء من العنوان، أو `{domainExample}` لكل العناوين في نطاق واحد.',
    'help.search.phone': '• *الهاتف*: الأرقام فقط، بأي تنسيق؛ وتكفي الأرقام الأخيرة (`{phoneExample}`).',
    'help.search.filters':
      '• *الفلاتر*: صندوق الوارد (*الخاص بي* أو *الكل*)، وحالة المحادثة (*مغلقة* افتراضيًا)، والقناة، وحالة النافذة، وخيار *تُغلق خلال ٢٤ ساعة*.',
    'help.states.title': '*ما تسمح به كل قناة الآن*',
    'help.states.line': '\u200f{emoji} *{state}*: {meaning}',
    'help.footer':
      'تظهر الأوقات بمنطقتك الزمنية. إرسال متابعة يعيد فتح المحادثة ويعيِّنها إليك. وتُفحص القواعد مجددًا لحظة الضغط على «إرسال».',

    'language.changed': 'يخاطبك \u2068Followup\u2069 الآن باللغة {language}.',
    'language.changedAuto': 'يتبع \u2068Followup\u2069 الآن لغة \u2068Slack\u2069 لديك: {language}.',
    'language.current': 'يخاطبك \u2068Followup\u2069 باللغة {language} (باختيارك).',
    'language.currentAuto': 'يخاطبك \u2068Followup\u2069 باللغة {language}: وفق لغة \u2068Slack\u2069 لديك.',
    'language.unknown': 'لا يدعم \u2068Followup\u2069 اللغة «{code}».',
    'language.choose': 'اختر باستخدام `{command}`:',
    'language.choice': '\u200f• `{code}`: {name}',
    'language.choiceAuto': '\u200f• `{code}`: اتباع لغة \u2068Slack\u2069 لديّ',
    'language.failed': ':warning: تعذَّر على \u2068Followup\u2069 تغيير لغتك ({error}). يُرجى المحاولة مرة أخرى.',

    // home
    'home.title': '\u2068Followup\u2069',
    'home.greeting':
      'مرحبًا {agent}: ابحث عن جهة اتصال محادثتها مغلقة، واطّلع على ما تسمح به كل قناة الآن، وتابِع وفق قواعدها.',
    'home.findContact': 'البحث عن جهة اتصال',
    'home.sandbox': '🧪 *وضع تجريبي*: لا توجد قناة متصلة بعد، لذا تُسجَّل المتابعات هنا ولا تُسلَّم إلى أي مكان.',
    'home.followUps.title': 'تابِع قبل أن تُغلق النافذة',
    'home.followUps.none': 'لا شيء للمتابعة الآن: لا توجد لديك محادثة مغلقة ما زالت نافذتها مفتوحة.',
    'home.followUps.intro': 'محادثاتك المغلقة التي ما زالت نافذتها مفتوحة، والأقرب إغلاقًا أولًا.',
    'home.followUps.more': '…و{more, number} أخرى. استخدم *البحث عن جهة اتصال* مع فلتر النافذة لرؤيتها كلها.',
    'home.open': 'فتح',
    'home.openLabel': 'فتح {name}',
    'home.noChannels': 'لا توجد قنوات مسجَّلة',
    'home.recent.title': 'متابعاتك الأخيرة',
    'home.recent.none': 'لم ترسل أي متابعة بعد.',
    'home.recent.line':
      '{emoji} {kind, select, template {قالب} tag {رسالة تحمل علامة} other {نص}} إلى *{name}* · {channel} · {status} · {when}{sandbox, select, yes { · 🧪 تجريبي} other {}}',
    'home.recent.queued': 'في الانتظار',
    'home.recent.sent': 'أُرسلت',
    'home.recent.failed': 'فشلت',
    'home.recent.more': '…و{more, number} أخرى.',
    'home.language.text': '*اللغة*: يخاطبك \u2068Followup\u2069 باللغة {language}.',
    'home.language.placeholder': 'اختر لغة',
    'home.language.auto': 'اتباع لغة \u2068Slack\u2069 لديّ',

    // notifications
    'notifications.reminder': '⏳ تُغلق نافذة {channel} مع {name} {when}.',
    'notifications.reminderFreeTextEnds':
      '⏳ ينتهي النص الحر إلى {name} على {channel} {when}؛ وبعدها لا يكتب إلا شخص (\u2068HUMAN_AGENT\u2069) حتى {until}.',
    'notifications.closed': '🔴 أُغلقت نافذة {channel} مع {name} {when}.',
    'notifications.now': 'الآن: {badge}. {reason}',
    'notifications.assigned': 'الوكيل المعيَّن: {assignee}',
    'notifications.lateReminder': 'أُرسل متأخرًا: لم يكن \u2068Followup\u2069 يعمل عندما حان موعد هذا التذكير.',
    'notifications.lateNotice': 'أُبلغ عنه متأخرًا: لم يكن \u2068Followup\u2069 يعمل عندما أُغلقت النافذة.',
    'notifications.followUp': 'متابعة',
    'notifications.followUpOn': 'متابعة على {channel}',
    'notifications.digest.reminderTitle':
      '⏳ {count, plural, zero {لا نافذة تُغلق قريبًا} one {تُغلق نافذة واحدة قريبًا} two {تُغلق نافذتان قريبًا} few {تُغلق # نوافذ قريبًا} many {تُغلق # نافذة قريبًا} other {تُغلق # نافذة قريبًا}}',
    'notifications.digest.noticeTitle':
      '🔴 {count, plural, zero {لم تُغلق أي نافذة} one {أُغلقت نافذة واحدة} two {أُغلقت نافذتان} few {أُغلقت # نوافذ} many {أُغلقت # نافذة} other {أُغلقت # نافذة}}',
    'notifications.digest.reminderIntro':
      'محادثات مغلقة تنتهي نافذة المراسلة فيها قريبًا، حتى الساعة {time}. تابِع ما دام النص الحر مسموحًا.',
    'notifications.digest.noticeIntro':
      'نوافذ المراسلة التي أُغلقت حتى الساعة {time}. يظهر مع كل متابعة ما لا يزال يمكن إرساله.',
    'notifications.digest.closes': 'تُغلق {when}',
    'notifications.digest.freeTextEnds': 'ينتهي النص الحر {when}',
    'notifications.digest.closed': 'أُغلقت {when}',
    'notifications.digest.now': 'الآن {state}',
    'notifications.digest.late': 'متأخر',
    'notifications.digest.more':
      '…و{count, plural, zero {لا نوافذ أخرى} one {نافذة أخرى} two {نافذتان أخريان} few {# نوافذ أخرى} many {# نافذة أخرى} other {# نافذة أخرى}}. اعثر عليها باستخدام `{command}` وفلتر النافذة.',
    'notifications.digest.others':
      '{count, plural, zero {لا أحد آخر} one {واحد آخر} two {اثنان آخران} few {آخرون (#)} many {آخرون (#)} other {آخرون (#)}}',
    'notifications.digest.fallback': '\u200f{title}: {names}',

    // contact
    'contact.title': 'جهة الاتصال',
    'contact.close': 'إغلاق',
    'contact.field.email': '*البريد الإلكتروني*\n{email}',
    'contact.field.phone': '*الهاتف*\n{phone}',
    'contact.field.language': '*اللغة*\n{language}',
    'contact.field.languageUnknown': '*اللغة*\nغير معروفة',
    'contact.field.assignee': '*الوكيل المعيَّن*\n{assignee}',
    'contact.field.conversation': '*المحادثة*\n{conversation}',
    'contact.assignMe': 'تعيين إليّ',
    'contact.closeConversation': 'إغلاق المحادثة',
    'contact.closeConfirm.title': 'إغلاق المحادثة؟',
    'contact.closeConfirm.text':
      'ستُعلَّم المحادثة على أنها مغلقة. ويحدد منطق إغلاق المحادثة لدى فريقك ما إذا كانت ستبقى معيَّنة. ولا تتأثر نوافذ المراسلة.',
    'contact.closeConfirm.confirm': 'أغلِقها',
    'contact.closeConfirm.deny': 'إلغاء',
    'contact.channels':
      '{count, plural, zero {القنوات (#)} one {القناة} two {القناتان} few {القنوات (#)} many {القنوات (#)} other {القنوات (#)}}',
    'contact.noChannels':
      'ليس لجهة الاتصال هذه أي قناة مسجَّلة، لذا لا يمكن إرسال شيء. تظهر القناة عندما تكتب جهة الاتصال أو عند استيرادها مع عنوان.',
    'contact.moreChannels':
      '{count, plural, zero {…ولا توجد قنوات أخرى غير معروضة.} one {…وقناة أخرى غير معروضة.} two {…وقناتان أخريان غير معروضتين.} few {…و# قنوات أخرى غير معروضة.} many {…و# قناة أخرى غير معروضة.} other {…و# قناة أخرى غير معروضة.}}',
    'contact.channel.badgeSandbox': 'تجريبي 🧪 · *{badge}*',
    'contact.channel.account': 'الحساب: {account}',
    'contact.channel.freeTextThenAgent':
      'النص الحر حتى {freeUntil}، ثم للوكيل فقط (\u2068HUMAN_AGENT\u2069) حتى {agentUntil}',
    'contact.channel.windowCloses': 'تُغلق النافذة {when}',
    'contact.channel.cannotSend': '_لا يمكنك إرسال متابعات: يحدّ فريقك من يحق له الإرسال._',
    'contact.channel.sandboxNote': '_وضع تجريبي: تُسجَّل المتابعة هنا ولا تُسلَّم._',
    'contact.followUp': 'متابعة',
    'contact.followUpLabel': 'متابعة على {channel}',
    'contact.notAllowedTitle': 'غير مسموح',
    'contact.notAllowed': 'يحدّ فريقك من يحق له تعيين المحادثات وإغلاقها. اسأل المسؤول.',
    'contact.notFoundTitle': 'جهة الاتصال غير موجودة',
    'contact.notFound': 'لم تعد جهة الاتصال هذه موجودة (ربما دُمجت أو حُذفت).',

    // compose
    'compose.title': 'متابعة',
    'compose.send': 'إرسال',
    'compose.sendSandbox': 'إرسال (تجريبي)',
    'compose.cancel': 'إلغاء',
    'compose.close': 'إغلاق',
    'compose.header': 'إلى {name} على {channel}\n\u200f{badge}',
    'compose.sandbox': '🧪 *وضع تجريبي*: تُسجَّل هذه المتابعة ولا تُسلَّم.',
    'compose.text.label': 'الرسالة',
    'compose.text.placeholder': 'اكتب رسالتك على {channel}…',
    'compose.text.draftTooLong':
      ':warning: مسودتك ({length, plural, zero {# حرف} one {حرف واحد} two {حرفان} few {# أحرف} many {# حرفًا} other {# حرف}}) أطول مما يتسع له هذا الحقل ({max, number})؛ لذا لم يُحتفظ بها.',
    'compose.text.hintNoLimit':
      'لا حد للطول على {channel}؛ وسعة هذا الحقل {max, plural, zero {# حرف} one {حرف واحد} two {حرفان} few {# أحرف} many {# حرفًا} other {# حرف}}.',
    'compose.text.hintBoxSmaller':
      'يقبل {channel} حتى {limit, plural, zero {# حرف} one {حرف واحد} two {حرفان} few {# أحرف} many {# حرفًا} other {# حرف}}؛ وسعة هذا الحقل {max, number}.',
    'compose.text.hintBoxSmallerUtf16':
      'يقبل {channel} حتى {limit, plural, zero {# حرف} one {حرف واحد} two {حرفان} few {# أحرف} many {# حرفًا} other {# حرف}} (يعدّ {channel} بوحدات \u2068UTF-16\u2069: معظم الرموز التعبيرية تُحتسب بوحدتين)؛ وسعة هذا الحقل {max, number}.',
    'compose.text.hintUpTo':
      'حتى {limit, plural, zero {# حرف} one {حرف واحد} two {حرفان} few {# أحرف} many {# حرفًا} other {# حرف}} على {channel}.',
    'compose.text.hintUpToUtf16':
      'حتى {limit, plural, zero {# حرف} one {حرف واحد} two {حرفان} few {# أحرف} many {# حرفًا} other {# حرف}} على {channel} (يعدّ {channel} بوحدات \u2068UTF-16\u2069: معظم الرموز التعبيرية تُحتسب بوحدتين).',
    'compose.text.humanAgent': 'تُرسل الرسالة بعلامة \u2068HUMAN_AGENT\u2069: اكتبها بنفسك؛ ولا يجوز للأتمتة استخدامها.',
    'compose.text.chatbotBillable':
      ':warning: تُحتسب بمبادرة البوت وهي مدفوعة (استُنفد الحد الشهري المجاني؛ الشروط التجارية لبرنامج الدردشة الآلي).',
    'compose.text.chatbotFree':
      ':warning: تُحتسب بمبادرة البوت: {left, plural, zero {لم تبقَ رسائل مجانية هذا الشهر} one {بقيت رسالة مجانية واحدة هذا الشهر} two {بقيت رسالتان مجانيتان هذا الشهر} few {بقيت # رسائل مجانية هذا الشهر} many {بقيت # رسالة مجانية هذا الشهر} other {بقيت # رسالة مجانية هذا الشهر}}.',
    'compose.template.none':
      ':warning: *لا توجد قوالب {channel} بحالة \u2068APPROVED\u2069 باللغة {language}.*\nيجب أن يكون القالب معتمدًا وبلغة جهة الاتصال قبل إرساله. اطلب من المسؤول إضافة قالب أو اعتماده؛ ولا يمكن إرسال أي شيء آخر على {channel} حتى تكتب جهة الاتصال مرة أخرى.',
    'compose.template.noneLanguageUnknown':
      ':warning: *لا توجد قوالب {channel} بحالة \u2068APPROVED\u2069 بلغة جهة الاتصال (غير معروفة).*\nيجب أن يكون القالب معتمدًا وبلغة جهة الاتصال قبل إرساله. اطلب من المسؤول إضافة قالب أو اعتماده؛ ولا يمكن إرسال أي شيء آخر على {channel} حتى تكتب جهة الاتصال مرة أخرى.',
    'compose.template.label': 'القالب',
    'compose.template.placeholder': 'اختر قالبًا معتمدًا',
    'compose.template.hidden':
      '{hidden, plural, zero {لا قوالب أخرى غير مدرجة (تتسع القائمة لـ{max, number} فقط).} one {لم يُدرج قالب آخر (تتسع القائمة لـ{max, number} فقط).} two {لم يُدرج قالبان آخران (تتسع القائمة لـ{max, number} فقط).} few {لم تُدرج # قوالب أخرى (تتسع القائمة لـ{max, number} فقط).} many {لم يُدرج # قالبًا آخر (تتسع القائمة لـ{max, number} فقط).} other {لم يُدرج # قالب آخر (تتسع القائمة لـ{max, number} فقط).}}',
    'compose.template.noReopen': 'لا يعيد القالب فتح النص الحر: وحده رد جهة الاتصال يفعل ذلك.',
    'compose.template.tooManyVariables':
      ':warning: في هذا القالب {count, plural, zero {لا متغيرات} one {متغير واحد} two {متغيران} few {# متغيرات} many {# متغيرًا} other {# متغير}}؛ ولا يتسع هذا النموذج إلا لـ{max, number} على الأكثر. اختر قالبًا آخر.',
    'compose.template.preview': '*معاينة*\n{preview}',
    'compose.template.fillIn': 'املأ {names}',
    'compose.template.fillInMore':
      'املأ {names} و{more, plural, zero {لا غير} one {متغيرًا آخر} two {متغيرَين آخرَين} few {# متغيرات أخرى} many {# متغيرًا آخر} other {# متغير آخر}}',
    'compose.template.length':
      'الطول: {length, number} / {max, plural, zero {# حرف} one {حرف واحد} two {حرفان} few {# أحرف} many {# حرفًا} other {# حرف}}',
    'compose.template.tooLong':
      ':warning: الطول {length, plural, zero {# حرف} one {حرف واحد} two {حرفان} few {# أحرف} many {# حرفًا} other {# حرف}}: يسمح {channel} بحد أقصى {max, number} في القالب',
    'compose.tag.none':
      ':no_entry: لا توجد علامات رسائل مفعَّلة على {channel} بعد انتهاء النافذة، لذا لا يمكن إرسال أي شيء الآن.',
    'compose.tag.label': 'علامة الرسالة',
    'compose.tag.hint': 'استخدم العلامة لغرضها فقط؛ وإلا فقد ترفض \u2068Meta\u2069 الرسالة أو تقيّد الصفحة.',
    'compose.tag.placeholder': 'اختر موضوع هذه الرسالة',
    'compose.tagUse.ACCOUNT_UPDATE': 'تغيير في حساب العميل (مثل تغيّر حالته أو نشاط مريب)',
    'compose.tagUse.CONFIRMED_EVENT_UPDATE': 'تذكير أو تحديث بشأن فعالية سجّل فيها العميل',
    'compose.tagUse.POST_PURCHASE_UPDATE': 'تحديث بشأن عملية شراء أجراها العميل (إيصال، شحن، حالة الطلب)',
    'compose.tagUse.HUMAN_AGENT': 'رد يكتبه شخص، حتى ٧ أيام بعد آخر رسالة من العميل',
    'compose.tagUse.other': 'علامة رسالة',
    'compose.closed.notYou': ':no_entry: لا يمكنك إرسال هذه المتابعة.',
    'compose.closed.nothing': ':no_entry: *لا يمكن إرسال أي شيء على {channel} الآن.*',
    'compose.notAllowedNotice':
      'غير مسموح لك بإرسال المتابعات (يحدّ فريقك من ذلك). اسأل المسؤول، أو عيِّن {name} إلى من يستطيع ذلك.',
    'compose.gone': 'لم تعد جهة الاتصال هذه أو القناة موجودة.',
    'compose.outOfDate': 'هذا النموذج قديم. افتح جهة الاتصال مجددًا وتابِع من هناك.',
    'compose.goneNothingSent': 'لم تعد جهة الاتصال هذه أو القناة موجودة. لم يُرسل شيء.',
    'compose.notAllowedTitle': 'غير مسموح',
    'compose.notAllowedNothingSent': 'يحدّ فريقك من يحق له إرسال المتابعات. لم يُرسل شيء.',
    'compose.windowChanged': ':warning: تغيّرت النافذة أثناء كتابتك.',
    'compose.draftKept': 'رسالتك، محفوظة حتى لا يضيع شيء:\n{quote}',
    'compose.sending': 'جارٍ الإرسال…',
    'compose.sent.title': 'تم الإرسال',
    'compose.sent.titleSandbox': 'تم الإرسال (تجريبي)',
    'compose.sent.text':
      ':white_check_mark: {kind, select, template {تم الإرسال: القالب *{template}* إلى {name} على {channel}.} tag {تم الإرسال: رسالة تحمل علامة ({tag}) إلى {name} على {channel}.} other {تم الإرسال: رسالة إلى {name} على {channel}.}}',
    'compose.sent.textAgain':
      ':white_check_mark: {kind, select, template {تم الإرسال سابقًا: القالب *{template}* إلى {name} على {channel}.} tag {تم الإرسال سابقًا: رسالة تحمل علامة ({tag}) إلى {name} على {channel}.} other {تم الإرسال سابقًا: رسالة إلى {name} على {channel}.}}',
    'compose.sent.reopened': 'أُعيد فتح المحادثة وعُيِّنت إليك.',
    'compose.sent.assigned': 'عُيِّنت المحادثة إليك.',
    'compose.sent.sandbox':
      ':test_tube: *وضع تجريبي*: لم تُهيَّأ وسيلة إرسال لهذه القناة، لذا لم يغادر شيء \u2068Slack\u2069. سُجِّلت المتابعة كأنها أُرسلت.',
    'compose.queued.title': 'في قائمة الانتظار',
    'compose.queued.text':
      ':hourglass_flowing_sand: لم يقبل {channel} المتابعة إلى {name} بعد ({detail}). إنها محفوظة في صندوق الصادر وستُعاد المحاولة تلقائيًا بدءًا من {time}؛ وستراها تحت *متابعاتك الأخيرة* في تبويب \u2068Home\u2069 للتطبيق.',
    'compose.notSent.title': 'لم يتم الإرسال',
    'compose.notSent.checkFailed':
      ':x: لم يتم الإرسال: تعذَّر على \u2068Followup\u2069 التحقق من هذه المتابعة ({why}). لم يُرسل شيء؛ حاول مرة أخرى.',
    'compose.notSent.recordFailed':
      ':x: لم يتم الإرسال: تعذَّر على \u2068Followup\u2069 تسجيل المتابعة ({why}). لم يُرسل شيء؛ حاول مرة أخرى.',
    'compose.notSent.sendFailed':
      ':x: حدث خطأ ما أثناء الإرسال ({why}). تحقَّق من تبويب \u2068Home\u2069 للتطبيق قبل المحاولة مرة أخرى.',
    'compose.notSent.refused': ':warning: لم يتم الإرسال. {reason}',
    'compose.notSent.failed': ':x: لم تُرسل المتابعة إلى {name} على {channel}. {reason} ({detail})',
    'compose.notSent.failedNoDetail': ':x: لم تُرسل المتابعة إلى {name} على {channel}. {reason}',
    'compose.notSent.gone': ':x: لم تُرسل المتابعة إلى {name} على {channel}. لم تعد جهة الاتصال هذه أو القناة موجودة.',
    'compose.refusal.nothing': 'لا يمكن إرسال أي شيء على {channel} الآن. {reason}',
    'compose.refusal.onlyKinds': 'لا يقبل {channel} الآن إلا {kinds}.',
    'compose.refusal.templateNotApproved': 'حالة القالب «{template}» هي {status}، وليست \u2068APPROVED\u2069.',
    'compose.refusal.templateWrongLanguage':
      'القالب «{template}» بلغة {templateLanguage}؛ ولغة جهة الاتصال {contactLanguage}.',
    'compose.refusal.missingVariables': 'املأ {names}.',
    'compose.refusal.templateTooLong':
      'طول القالب بعد ملئه {length, plural, zero {# حرف} one {حرف واحد} two {حرفان} few {# أحرف} many {# حرفًا} other {# حرف}}؛ ويسمح {channel} بحد أقصى {max, number}.',
    'compose.refusal.textEmpty': 'اكتب رسالة أولًا.',
    'compose.refusal.textTooLong':
      'الطول {length, plural, zero {# حرف} one {حرف واحد} two {حرفان} few {# أحرف} many {# حرفًا} other {# حرف}}؛ ويسمح {channel} بحد أقصى {max, number}. اختصر الرسالة (لن يُقتطع منها شيء تلقائيًا).',
    'compose.refusal.tagNotAllowed': 'العلامة {tag} غير مقبولة على {channel}.',
    'compose.refusal.pickTemplate': 'اختر قالبًا معتمدًا.',
    'compose.refusal.pickTag': 'اختر علامة الرسالة المناسبة لهذه المتابعة.',
    'compose.confirm.sent':
      '✅ {kind, select, template {*تم الإرسال*: قالب إلى {name} على {channel}} tag {*تم الإرسال*: رسالة تحمل علامة إلى {name} على {channel}} other {*تم الإرسال*: رسالة إلى {name} على {channel}}}',
    'compose.confirm.sentSandbox':
      '🧪 {kind, select, template {*سُجِّلت في الوضع التجريبي* (دون تسليم): قالب إلى {name} على {channel}} tag {*سُجِّلت في الوضع التجريبي* (دون تسليم): رسالة تحمل علامة إلى {name} على {channel}} other {*سُجِّلت في الوضع التجريبي* (دون تسليم): رسالة إلى {name} على {channel}}}',
    'compose.confirm.fallback':
      '{kind, select, template {تم الإرسال: قالب إلى {name} على {channel}} tag {تم الإرسال: رسالة تحمل علامة إلى {name} على {channel}} other {تم الإرسال: رسالة إلى {name} على {channel}}}',
    'compose.confirm.fallbackSandbox':
      '{kind, select, template {سُجِّلت (تجريبي): قالب إلى {name} على {channel}} tag {سُجِّلت (تجريبي): رسالة تحمل علامة إلى {name} على {channel}} other {سُجِّلت (تجريبي): رسالة إلى {name} على {channel}}}',
    'compose.confirm.reopenedAssigned': 'أُعيد فتح المحادثة وعُيِّنت إلى {assignee}.',
    'compose.confirm.reopened': 'أُعيد فتح المحادثة.',
    'compose.confirm.assigned': 'عُيِّنت إلى {assignee}.',
    'compose.confirm.templateNoReopen': 'لا يُتاح النص الحر مجددًا إلا عندما ترد جهة الاتصال.',
    'compose.confirm.notDelivered': 'الإرسال لا يعني التسليم: سيُبلَّغ عن أي خطأ لاحق من المزوِّد.',
  },
} satisfies Catalog;
// Glossary (seed term ← English): conversation ← محادثة, contact ← جهة الاتصال, closed ← مغلقة (مغلق),
// assignee ← الوكيل المعيَّن (تعيين), template ← قالب (قالب رسالة WhatsApp), message tag ← علامة رسالة,
// messaging window ← نافذة المراسلة, agent ← وكيل (وكلاء الدعم), inbox ← صندوق الوارد, follow-up ← المتابعة
