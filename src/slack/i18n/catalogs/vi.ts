/** Vietnamese. Terms follow the help article in ../shared/seeds/ (see the glossary at the end of this file). */
import type { Catalog } from '../catalog.js';

export default {
  language: { code: 'vi', name: 'Tiếng Việt', intlLocale: 'vi', direction: 'ltr' },
  messages: {
    // shared
    'channel.whatsapp': 'WhatsApp',
    'channel.messenger': 'Messenger',
    'channel.instagram': 'Instagram',
    'channel.viber': 'Viber',
    'channel.wechat': 'WeChat',
    'channel.telegram': 'Telegram',
    'channel.line': 'LINE',
    'channel.webchat': 'Trò chuyện trên trang web',
    'channel.sms': 'SMS',
    'channel.email': 'Thư điện tử',
    'state.open.badge': 'đang mở',
    'state.open.filter': 'Đang mở',
    'state.open.meaning': 'được gửi văn bản tự do cho đến khi cửa sổ đóng lại',
    'state.human_agent.badge': 'chỉ nhân viên',
    'state.human_agent.filter': 'Chỉ nhân viên (HUMAN_AGENT)',
    'state.human_agent.meaning':
      'Messenger/Instagram sau 24 giờ: người thật vẫn được nhắn (thẻ HUMAN_AGENT), tự động hóa thì không',
    'state.template_only.badge': 'chỉ mẫu tin nhắn',
    'state.template_only.filter': 'Chỉ mẫu tin nhắn',
    'state.template_only.meaning': 'WhatsApp sau 24 giờ: chỉ gửi được mẫu tin nhắn đã duyệt bằng ngôn ngữ của liên hệ',
    'state.tag_only.badge': 'chỉ thẻ tin nhắn',
    'state.tag_only.filter': 'Chỉ thẻ tin nhắn',
    'state.tag_only.meaning': 'Messenger sau 7 ngày: chỉ gửi được tin nhắn có thẻ tin nhắn được phép',
    'state.chatbot_initiated.badge': 'do chatbot khởi tạo',
    'state.chatbot_initiated.filter': 'Do chatbot khởi tạo',
    'state.chatbot_initiated.meaning': 'Viber sau phiên: trừ vào giới hạn miễn phí hàng tháng, hoặc bị tính phí',
    'state.closed.badge': 'đã đóng',
    'state.closed.filter': 'Đã đóng',
    'state.closed.meaning': 'không gửi được gì cho đến khi liên hệ nhắn lại',
    'state.no_window.badge': 'bất kỳ lúc nào',
    'state.no_window.filter': 'Bất kỳ lúc nào (không có cửa sổ)',
    'state.no_window.meaning': 'Telegram, LINE, trò chuyện trên trang web, SMS, thư điện tử: nhắn bất kỳ lúc nào',
    'badge.noAddress': 'không có địa chỉ — không gửi được',
    'badge.until': '{state} đến {when}',
    'badge.billable': 'tính phí',
    'badge.freeLeft': 'còn {left, number} tin miễn phí',
    'badge.left': 'còn {left, number} tin',
    'badge.changes': 'thay đổi vào {when}',
    'left.sessionCap': '{left, plural, other {Còn # tin nhắn trong cửa sổ này}}',
    'left.monthlyFree': '{left, plural, other {Còn # tin nhắn miễn phí do chatbot khởi tạo trong tháng này}}',
    'left.monthlyBillable':
      'Đã dùng hết giới hạn miễn phí tin nhắn do chatbot khởi tạo của tháng này: tin nhắn sẽ bị tính phí',
    'left.other': '{left, plural, other {Còn # tin nhắn}}',
    'allowed.nothing': 'Hiện không gửi được gì.',
    'allowed.kind.text': 'văn bản tự do',
    'allowed.kind.template': 'mẫu tin nhắn đã duyệt',
    'allowed.kind.tag': 'tin nhắn có thẻ',
    'allowed.canSend': 'Có thể gửi ngay: {kinds}.',
    'allowed.canSendHuman': 'Có thể gửi ngay: {kinds} do chính bạn viết (HUMAN_AGENT).',
    'allowed.canSendChatbot': 'Có thể gửi ngay: {kinds} (do chatbot khởi tạo).',
    'assignee.none': 'Chưa chỉ định',
    'conversation.closed': 'Đã đóng {when}',
    'conversation.closedUndated': 'Đã đóng',
    'conversation.openSince': 'Đang mở từ {when}',
    'conversation.openUndated': 'Đang mở',

    // reasons
    'reason.no_window': 'Không có cửa sổ nhắn tin: bạn có thể nhắn bất kỳ lúc nào.',
    'reason.open': 'Cửa sổ nhắn tin đang mở: được gửi văn bản tự do.',
    'reason.human_agent':
      'Cửa sổ tiêu chuẩn đã hết; người thật vẫn có thể trả lời (gửi kèm thẻ HUMAN_AGENT). Tự động hóa thì không.',
    'reason.window_closed': 'Cửa sổ nhắn tin đã đóng.',
    'reason.window_closed.reopens': 'Cửa sổ sẽ mở lại khi liên hệ nhắn lại.',
    'reason.never_inbound': 'Liên hệ chưa từng nhắn trên kênh này nên chưa có cửa sổ nào được mở.',
    'reason.never_inbound.reopens': 'Cửa sổ sẽ mở khi liên hệ nhắn trước.',
    'reason.window_closed_no_tags':
      'Cửa sổ 7 ngày đã đóng và không có thẻ tin nhắn nào được bật để gửi sau thời hạn đó.',
    'reason.window_closed_no_tags.reopens': 'Cửa sổ sẽ mở lại khi liên hệ nhắn lại.',
    'reason.never_inbound_no_tags': 'Liên hệ chưa từng nhắn trên kênh này.',
    'reason.never_inbound_no_tags.reopens': 'Cửa sổ sẽ mở khi liên hệ nhắn trước.',
    'reason.window_expired': 'Cửa sổ 48 giờ đã hết hạn; tin nhắn gửi bây giờ sẽ không được chuyển đến.',
    'reason.window_expired.reopens': 'Cửa sổ và số tin nhắn sẽ được đặt lại khi liên hệ nhắn lại.',
    'reason.outbound_cap_reached':
      'Đã dùng hết giới hạn tin nhắn gửi đi của cửa sổ này; các tin nhắn tiếp theo sẽ không được chuyển đến.',
    'reason.outbound_cap_reached.reopens': 'Cửa sổ và số tin nhắn sẽ được đặt lại khi liên hệ nhắn lại.',
    'reason.not_subscribed': 'Liên hệ chưa đăng ký bot (hoặc đã hủy đăng ký) nên không tin nhắn nào đến được với họ.',
    'reason.not_subscribed.reopens': 'Có thể nhắn tin lại khi liên hệ đăng ký hoặc nhắn lại.',
    'reason.chatbot_initiated':
      'Phiên đã kết thúc: tin nhắn gửi bây giờ được tính là do chatbot khởi tạo, trừ vào giới hạn miễn phí hàng tháng.',
    'reason.chatbot_initiated_billable':
      'Phiên đã kết thúc và đã dùng hết giới hạn miễn phí hàng tháng: tin nhắn gửi bây giờ sẽ bị tính phí (Điều ' +
      'khoản thương mại Chatbot).',
    'reason.free_quota_exhausted':
      'Phiên đã kết thúc và đã dùng hết giới hạn tin nhắn miễn phí do chatbot khởi tạo của tháng này.',
    'reason.free_quota_exhausted.reopens':
      'Văn bản tự do sẽ mở lại khi liên hệ nhắn lại; giới hạn được đặt lại vào ngày 1 tháng sau (UTC), hoặc hãy ' +
      'chấp nhận Điều khoản thương mại Chatbot.',
    'reason.provider_error':
      'Nhà cung cấp chưa nhận tin nhắn (lỗi mạng hoặc máy chủ); tin nhắn sẽ được tự động gửi lại.',
    'reason.no_address': 'Liên hệ này không có địa chỉ trên kênh này nên nhà cung cấp không thể gửi đến họ.',
    'reason.auth_failed':
      'Nhà cung cấp đã từ chối thông tin xác thực của chúng tôi: quản trị viên cần gia hạn mã truy cập (token) ' +
      'của kênh.',
    'reason.permission_denied':
      'Nhà cung cấp cho biết tài khoản này không được phép gửi tin nhắn này: hãy kiểm tra quyền của kênh.',
    'reason.rate_limited': 'Nhà cung cấp đang giới hạn tốc độ gửi; tin nhắn sẽ được tự động gửi lại.',
    'reason.pair_rate_limited':
      'Quá nhiều tin nhắn gửi đến liên hệ này trong thời gian ngắn; tin nhắn sẽ được tự động gửi lại.',
    'reason.undeliverable': 'Nhà cung cấp không thể chuyển tin nhắn đến liên hệ này.',
    'reason.person_unavailable': 'Không thể liên lạc với người này trên kênh (họ đã chặn trang hoặc xóa tài khoản).',
    'reason.tag_not_accepted': 'Nhà cung cấp đã từ chối thẻ tin nhắn (Meta đã ngừng hầu hết các thẻ vào năm 2026).',
    'reason.invalid_request': 'Nhà cung cấp đã từ chối yêu cầu vì không hợp lệ.',
    'reason.template_not_found':
      'Nhà cung cấp không (còn) nhận ra mẫu tin nhắn này: hãy đồng bộ mẫu tin nhắn và chọn mẫu khác.',
    'reason.template_params_mismatch': 'Các biến của mẫu tin nhắn không khớp với yêu cầu của nhà cung cấp.',
    'reason.template_paused': 'Nhà cung cấp đã tạm dừng mẫu tin nhắn này.',
    'reason.template_disabled': 'Nhà cung cấp đã vô hiệu hóa mẫu tin nhắn này.',
    'reason.no_balance': 'Tài khoản nhà cung cấp không đủ số dư để gửi tin nhắn tính phí.',
    'reason.blocked': 'Liên hệ đã chặn bot.',
    'reason.quota_exhausted': 'Tài khoản đã dùng hết hạn mức tin nhắn hàng tháng.',
    'reason.opted_out':
      'Liên hệ đã từ chối nhận tin (trả lời STOP); không được gửi gì cho đến khi họ đồng ý nhận tin trở lại.',
    'reason.invalid_address': 'Địa chỉ của liên hệ không hợp lệ với kênh này.',
    'reason.rejected': 'Phía nhận đã từ chối tin nhắn.',
    'reason.in_doubt': 'Followup đã dừng khi đang gửi; tin nhắn có thể đã đến liên hệ. Hãy kiểm tra trước khi gửi lại.',
    'reason.template_not_supported': 'Kênh này không có mẫu tin nhắn (đây là tính năng của WhatsApp).',
    'reason.tag_not_supported': 'Kênh này không có thẻ tin nhắn (đây là tính năng của Messenger).',
    'reason.text_empty': 'Tin nhắn đang trống.',
    'reason.text_too_long': 'Tin nhắn dài hơn mức kênh cho phép.',
    'reason.template_not_approved': 'Chỉ gửi được mẫu tin nhắn ở trạng thái APPROVED.',
    'reason.template_wrong_language': 'Mẫu tin nhắn không dùng ngôn ngữ của liên hệ.',
    'reason.template_missing_variables': 'Mọi biến của mẫu tin nhắn đều cần có giá trị.',
    'reason.template_too_long': 'Mẫu tin nhắn sau khi điền dài hơn mức kênh cho phép.',
    'reason.tag_not_allowed': 'Thẻ tin nhắn đó không được chấp nhận.',
    'reason.human_agent_requires_person': 'Sau cửa sổ tiêu chuẩn 24 giờ, chỉ người thật mới được nhắn.',
    'reason.whatsapp.window_closed': 'Cửa sổ 24 giờ đã đóng: chỉ gửi được Mẫu tin nhắn WhatsApp đã duyệt.',
    'reason.whatsapp.window_closed.reopens':
      'Văn bản tự do sẽ mở lại khi liên hệ trả lời (chỉ gửi mẫu tin nhắn thì không mở lại được).',
    'reason.whatsapp.never_inbound': 'Liên hệ chưa từng nhắn trên WhatsApp: chỉ gửi được mẫu tin nhắn đã duyệt.',
    'reason.whatsapp.never_inbound.reopens': 'Văn bản tự do sẽ mở khi liên hệ trả lời.',
    'reason.messenger.window_closed': 'Cửa sổ 7 ngày đã đóng: chỉ gửi được tin nhắn có thẻ.',
    'reason.messenger.window_closed.reopens': 'Văn bản tự do sẽ mở lại khi liên hệ nhắn lại.',
    'reason.messenger.never_inbound': 'Liên hệ chưa từng nhắn trên Messenger nên trang không thể nhắn cho họ.',
    'reason.messenger.never_inbound.reopens': 'Có thể nhắn tin khi liên hệ nhắn cho trang.',
    'reason.instagram.window_closed': 'Cửa sổ 7 ngày đã đóng: Instagram không cho gửi gì cho đến khi liên hệ nhắn lại.',
    'reason.instagram.window_closed.reopens': 'Cửa sổ sẽ mở lại khi liên hệ nhắn lại.',
    'reason.instagram.never_inbound': 'Liên hệ chưa từng nhắn trên Instagram nên không gửi được gì.',
    'reason.instagram.never_inbound.reopens': 'Có thể nhắn tin khi liên hệ nhắn trước.',
    'reason.viber.open': 'Phiên 24 giờ đang mở: được gửi văn bản tự do, không bị tính vào giới hạn.',

    // search, help, language
    'search.title': 'Theo dõi khách hàng',
    'search.submit': 'Tìm kiếm',
    'search.close': 'Đóng',
    'search.sandbox': '🧪 *Thử nghiệm*: tin nhắn theo dõi được ghi lại trong Slack, không gửi đến ai cả.',
    'search.allInboxNotAllowed':
      ':warning: Bạn chỉ có thể tìm trong hộp thư đến của mình (Hộp thư đến Tất cả bị giới hạn theo cài đặt của ' +
      'nhóm bạn).',
    'search.input.label': 'Tìm kiếm',
    'search.input.hint': 'Tên (có dấu hoặc không), email hoặc @tên-miền, số điện thoại hoặc vài số cuối',
    'search.input.placeholder': 'Tên, email, @tên-miền hoặc số điện thoại',
    'search.filter.inbox': 'Hộp thư đến',
    'search.filter.status': 'Trạng thái',
    'search.filter.channel': 'Kênh',
    'search.filter.window': 'Cửa sổ',
    'search.inbox.mine': 'Hộp thư đến: Của tôi',
    'search.inbox.all': 'Hộp thư đến: Tất cả',
    'search.status.closed': 'Trạng thái: Đã đóng',
    'search.status.open': 'Trạng thái: Đang mở',
    'search.status.any': 'Mọi trạng thái',
    'search.channel.any': 'Mọi kênh',
    'search.window.any': 'Mọi cửa sổ',
    'search.window.closingSoon': '⏳ Đóng trong vòng 24 giờ',
    'search.noResults': 'Không có liên hệ nào phù hợp',
    'search.hint.fewerLetters':
      '• Gõ ít chữ hơn: tên được khớp từ đầu mỗi từ, có dấu hoặc không; email theo một phần hoặc `@tên-miền`; số ' +
      'điện thoại theo các số cuối.',
    'search.hint.allInbox': '• Chọn hộp thư đến *Tất cả* để xem cả liên hệ được chỉ định cho người khác.',
    'search.hint.ownInboxOnly': '• Chỉ hiển thị các liên hệ được chỉ định cho bạn.',
    'search.hint.anyStatus': '• Chọn *Mọi trạng thái* để xem cả các cuộc trò chuyện vẫn đang mở.',
    'search.hint.anyFilters': '• Đặt bộ lọc kênh và cửa sổ thành *Mọi kênh* và *Mọi cửa sổ*.',
    'search.hint.noContacts': '• Chưa có liên hệ nào: hãy nhập bằng `{importCommand}` hoặc kết nối một kênh.',
    'search.count': '{total, plural, other {# liên hệ}}',
    'search.firstOfPage':
      'Đang hiển thị {shown, number} kết quả đầu tiên trong số {count, number} của trang này; hãy thu hẹp tìm ' +
      'kiếm để xem phần còn lại.',
    'search.pagePosition':
      'Trang {page, number}/{pages, number} · {first, number}–{last, number} trong số {total, number}',
    'search.previous': '◀ Trước',
    'search.next': 'Tiếp ▶',
    'search.open': 'Mở',
    'search.openLabel': 'Mở {name}',
    'search.noChannels': 'Chưa ghi nhận kênh nào',
    'search.contactLoading': 'Liên hệ',
    'search.problem.nothingSearchable':
      ':mag: Không có gì để tìm trong “{text}”: hãy gõ một phần của tên, một email hoặc ít nhất {digits, number} ' +
      'chữ số của số điện thoại.',
    'search.problem.phoneTooShort':
      ':mag: “{text}” có quá ít chữ số để tìm số điện thoại: hãy gõ ít nhất {digits, number} chữ số (vài số cuối ' +
      'là đủ), hoặc một phần của tên hay email.',
    'search.openFailed': ':warning: Followup không thể mở tìm kiếm ({error}). Vui lòng thử lại.',
    'search.openFailedSearched':
      ':warning: Followup không thể mở tìm kiếm ({error}). Vui lòng thử lại. Bạn đã tìm: {text}',
    'help.text':
      'Cách dùng {command}: tìm liên hệ có cuộc trò chuyện đã đóng và gửi tin nhắn theo dõi theo quy định của ' +
      'từng kênh.',
    'help.title': 'Followup: theo dõi cuộc trò chuyện đã đóng',
    'help.usage':
      '*`{command}`* mở tìm kiếm. *`{searchExample}`* tìm kiếm ngay. *`{helpCommand}`* hiển thị tin nhắn này.',
    'help.language': '*`{languageCommand}`* đặt ngôn ngữ Followup dùng với bạn: {codes}, hoặc `{auto}` để theo Slack.',
    'help.start': 'Bạn cũng có thể bắt đầu từ menu lối tắt ⚡ hoặc từ tab Trang chủ của ứng dụng.',
    'help.search.title': '*Tìm kiếm*',
    'help.search.name':
      '• *Tên*: phần đầu của bất kỳ chữ nào trong tên, có dấu hoặc không (`{example1}` tìm ra “{match1}”, ' +
      '`{example2}` tìm ra “{match2}”).',
    'help.search.email':
      '• *Email*: bất kỳ phần nào của địa chỉ, hoặc `{domainExample}` để tìm mọi người thuộc một tên miền.',
    'help.search.phone':
      '• *Số điện thoại*: chỉ chữ số, định dạng nào cũng được; vài số cuối là đủ (`{phoneExample}`).',
    'help.search.filters':
      '• *Bộ lọc*: hộp thư đến (*Của tôi* hoặc *Tất cả*), trạng thái cuộc trò chuyện (mặc định là *Đã đóng*), ' +
      'kênh, trạng thái cửa sổ và *đóng trong vòng 24 giờ*.',
    'help.states.title': '*Mỗi kênh đang cho phép gửi gì*',
    'help.states.line': '{emoji} *{state}*: {meaning}',
    'help.footer':
      'Thời gian hiển thị theo múi giờ của bạn. Gửi tin nhắn theo dõi sẽ mở lại cuộc trò chuyện và chỉ định cuộc ' +
      'trò chuyện đó cho bạn. Các quy định được kiểm tra lại đúng lúc bạn nhấn Gửi.',
    'language.changed': 'Đã đổi ngôn ngữ của Followup sang {language}.',
    'language.changedAuto': 'Followup giờ theo ngôn ngữ Slack của bạn: {language}.',
    'language.current': 'Ngôn ngữ của Followup: {language} (do bạn chọn).',
    'language.currentAuto': 'Ngôn ngữ của Followup: {language} (theo ngôn ngữ Slack của bạn).',
    'language.unknown': 'Followup không hỗ trợ ngôn ngữ “{code}”.',
    'language.choose': 'Chọn bằng `{command}`:',
    'language.choice': '• `{code}`: {name}',
    'language.choiceAuto': '• `{code}`: theo ngôn ngữ Slack của tôi',
    'language.failed': ':warning: Followup không thể đổi ngôn ngữ của bạn ({error}). Vui lòng thử lại.',

    // home
    'home.title': 'Followup',
    'home.greeting':
      'Chào {agent}: hãy tìm một liên hệ có cuộc trò chuyện đã đóng, xem từng kênh đang cho phép gửi gì và gửi ' +
      'tin nhắn theo dõi theo quy định của kênh đó.',
    'home.findContact': 'Tìm liên hệ',
    'home.sandbox':
      '🧪 *Thử nghiệm*: chưa có kênh nào được kết nối nên tin nhắn theo dõi chỉ được ghi lại ở đây, không gửi đi ' +
      'đâu cả.',
    'home.followUps.title': 'Theo dõi trước khi cửa sổ đóng',
    'home.followUps.none':
      'Hiện không có gì cần theo dõi: không cuộc trò chuyện đã đóng nào của bạn còn cửa sổ đang mở.',
    'home.followUps.intro':
      'Các cuộc trò chuyện đã đóng của bạn có cửa sổ vẫn đang mở, cửa sổ sắp đóng nhất xếp trước.',
    'home.followUps.more':
      '…và {more, number} cuộc trò chuyện khác. Dùng *Tìm liên hệ* với bộ lọc cửa sổ để xem tất cả.',
    'home.open': 'Mở',
    'home.openLabel': 'Mở {name}',
    'home.noChannels': 'Chưa ghi nhận kênh nào',
    'home.recent.title': 'Tin nhắn theo dõi gần đây của bạn',
    'home.recent.none': 'Bạn chưa gửi tin nhắn theo dõi nào.',
    'home.recent.line':
      '{emoji} *{name}* · {channel} · {kind, select, template {mẫu tin nhắn} tag {tin nhắn có thẻ} other {văn ' +
      'bản}} · {status} · {when}{sandbox, select, yes { · 🧪 thử nghiệm} other {}}',
    'home.recent.queued': 'đang chờ gửi',
    'home.recent.sent': 'đã gửi',
    'home.recent.failed': 'thất bại',
    'home.recent.more': '…và {more, number} tin nhắn khác.',
    'home.language.text': '*Ngôn ngữ*: Followup đang hiển thị bằng {language}.',
    'home.language.placeholder': 'Chọn ngôn ngữ',
    'home.language.auto': 'Theo ngôn ngữ Slack của tôi',

    // notifications
    'notifications.reminder': '⏳ Cửa sổ {channel} của {name} sẽ đóng vào {when}.',
    'notifications.reminderFreeTextEnds':
      '⏳ Văn bản tự do gửi {name} trên {channel} sẽ kết thúc vào {when}; sau đó chỉ người thật mới được nhắn ' +
      '(HUMAN_AGENT) cho đến {until}.',
    'notifications.closed': '🔴 Cửa sổ {channel} của {name} đã đóng vào {when}.',
    'notifications.now': 'Hiện tại: {badge}. {reason}',
    'notifications.assigned': 'Đã chỉ định cho {assignee}',
    'notifications.lateReminder': 'Gửi trễ: Followup không chạy vào lúc đến hạn gửi lời nhắc này.',
    'notifications.lateNotice': 'Báo trễ: Followup không chạy vào lúc cửa sổ đóng.',
    'notifications.followUp': 'Gửi tin theo dõi',
    'notifications.followUpOn': 'Gửi tin theo dõi qua {channel}',
    'notifications.digest.reminderTitle': '⏳ {count, plural, other {# cửa sổ sắp đóng}}',
    'notifications.digest.noticeTitle': '🔴 {count, plural, other {# cửa sổ đã đóng}}',
    'notifications.digest.reminderIntro':
      'Các cuộc trò chuyện đã đóng có cửa sổ nhắn tin sắp kết thúc, tính đến {time}. Hãy gửi tin nhắn theo dõi ' +
      'khi vẫn còn được gửi văn bản tự do.',
    'notifications.digest.noticeIntro':
      'Các cửa sổ nhắn tin đã đóng, tính đến {time}. Những gì vẫn gửi được hiển thị ở từng mục bên dưới.',
    'notifications.digest.closes': 'đóng vào {when}',
    'notifications.digest.freeTextEnds': 'văn bản tự do kết thúc vào {when}',
    'notifications.digest.closed': 'đã đóng vào {when}',
    'notifications.digest.now': 'hiện tại: {state}',
    'notifications.digest.late': 'trễ',
    'notifications.digest.more':
      '…và {count, plural, other {# cửa sổ khác}}. Tìm chúng bằng `{command}` và bộ lọc cửa sổ.',
    'notifications.digest.others': '{count, plural, other {# liên hệ khác}}',
    'notifications.digest.fallback': '{title}: {names}',

    // contact
    'contact.title': 'Liên hệ',
    'contact.close': 'Đóng',
    'contact.field.email': '*Địa chỉ email*\n{email}',
    'contact.field.phone': '*Số điện thoại*\n{phone}',
    'contact.field.language': '*Ngôn ngữ*\n{language}',
    'contact.field.languageUnknown': '*Ngôn ngữ*\nKhông rõ',
    'contact.field.assignee': '*Người được chỉ định*\n{assignee}',
    'contact.field.conversation': '*Cuộc trò chuyện*\n{conversation}',
    'contact.assignMe': 'Chỉ định cho tôi',
    'contact.closeConversation': 'Đóng cuộc trò chuyện',
    'contact.closeConfirm.title': 'Đóng cuộc trò chuyện?',
    'contact.closeConfirm.text':
      'Cuộc trò chuyện sẽ được đánh dấu là đã đóng. Logic kết thúc cuộc trò chuyện của nhóm bạn quyết định nó có ' +
      'còn được chỉ định hay không. Cửa sổ nhắn tin không bị ảnh hưởng.',
    'contact.closeConfirm.confirm': 'Đóng',
    'contact.closeConfirm.deny': 'Hủy',
    'contact.channels': '{count, plural, other {Kênh (#)}}',
    'contact.noChannels':
      'Liên hệ này chưa có kênh nào được ghi nhận nên không gửi được gì. Kênh sẽ xuất hiện khi liên hệ nhắn tin ' +
      'hoặc được nhập kèm địa chỉ.',
    'contact.moreChannels': '{count, plural, other {…và # kênh khác không được hiển thị.}}',
    'contact.channel.badgeSandbox': '*{badge}* · 🧪 thử nghiệm',
    'contact.channel.account': 'Tài khoản: {account}',
    'contact.channel.freeTextThenAgent':
      'Văn bản tự do đến {freeUntil}, sau đó chỉ nhân viên (HUMAN_AGENT) đến {agentUntil}',
    'contact.channel.windowCloses': 'Cửa sổ đóng vào {when}',
    'contact.channel.cannotSend': '_Bạn không thể gửi tin nhắn theo dõi: nhóm của bạn giới hạn người được gửi._',
    'contact.channel.sandboxNote': '_Thử nghiệm: tin nhắn theo dõi được ghi lại ở đây, không được gửi đi._',
    'contact.followUp': 'Gửi tin theo dõi',
    'contact.followUpLabel': 'Gửi tin theo dõi qua {channel}',
    'contact.notAllowedTitle': 'Không được phép',
    'contact.notAllowed': 'Nhóm của bạn giới hạn người được chỉ định và đóng cuộc trò chuyện. Hãy hỏi quản trị viên.',
    'contact.notFoundTitle': 'Không tìm thấy liên hệ',
    'contact.notFound': 'Liên hệ này không còn tồn tại (có thể đã bị gộp hoặc xóa).',

    // compose
    'compose.title': 'Tin nhắn theo dõi',
    'compose.send': 'Gửi',
    'compose.sendSandbox': 'Gửi (thử nghiệm)',
    'compose.cancel': 'Hủy',
    'compose.close': 'Đóng',
    'compose.header': 'Gửi đến {name} qua {channel}\n{badge}',
    'compose.sandbox': '🧪 *Thử nghiệm*: tin nhắn theo dõi này được ghi lại, không được gửi đi.',
    'compose.text.label': 'Tin nhắn',
    'compose.text.placeholder': 'Nhắn qua {channel}…',
    'compose.text.draftTooLong':
      ':warning: Bản nháp của bạn ({length, plural, other {# ký tự}}) dài hơn sức chứa của ô này ({max, number}); ' +
      'bản nháp không được giữ lại.',
    'compose.text.hintNoLimit': '{channel} không giới hạn độ dài; ô này chứa tối đa {max, plural, other {# ký tự}}.',
    'compose.text.hintBoxSmaller':
      '{channel} nhận tối đa {limit, plural, other {# ký tự}}; ô này chứa tối đa {max, number}.',
    'compose.text.hintBoxSmallerUtf16':
      '{channel} nhận tối đa {limit, plural, other {# ký tự}} ({channel} đếm theo đơn vị UTF-16: hầu hết emoji ' +
      'tính là 2); ô này chứa tối đa {max, number}.',
    'compose.text.hintUpTo': 'Tối đa {limit, plural, other {# ký tự}} trên {channel}.',
    'compose.text.hintUpToUtf16':
      'Tối đa {limit, plural, other {# ký tự}} trên {channel} ({channel} đếm theo đơn vị UTF-16: hầu hết emoji ' +
      'tính là 2).',
    'compose.text.humanAgent':
      'Gửi kèm thẻ HUMAN_AGENT: hãy tự tay viết tin nhắn; tự động hóa không được dùng thẻ này.',
    'compose.text.chatbotBillable':
      ':warning: Được tính là do chatbot khởi tạo và bị tính phí (đã dùng hết giới hạn miễn phí hàng tháng; Điều ' +
      'khoản thương mại Chatbot).',
    'compose.text.chatbotFree':
      ':warning: Được tính là do chatbot khởi tạo: {left, plural, other {còn # tin miễn phí trong tháng này}}.',
    'compose.template.none':
      ':warning: *Không có mẫu tin nhắn {channel} nào ở trạng thái APPROVED bằng ngôn ngữ {language}.*\nMẫu tin ' +
      'nhắn phải được duyệt và dùng ngôn ngữ của liên hệ thì mới gửi được. Hãy nhờ quản trị viên thêm hoặc duyệt ' +
      'một mẫu; không thể gửi gì khác trên {channel} cho đến khi liên hệ nhắn lại.',
    'compose.template.noneLanguageUnknown':
      ':warning: *Không có mẫu tin nhắn {channel} nào ở trạng thái APPROVED bằng ngôn ngữ của liên hệ (không ' +
      'rõ).*\nMẫu tin nhắn phải được duyệt và dùng ngôn ngữ của liên hệ thì mới gửi được. Hãy nhờ quản trị viên ' +
      'thêm hoặc duyệt một mẫu; không thể gửi gì khác trên {channel} cho đến khi liên hệ nhắn lại.',
    'compose.template.label': 'Mẫu tin nhắn',
    'compose.template.placeholder': 'Chọn một mẫu tin nhắn đã duyệt',
    'compose.template.hidden':
      '{hidden, plural, other {Còn # mẫu tin nhắn khác không được liệt kê (menu chỉ chứa được {max, number} mục).}}',
    'compose.template.noReopen':
      'Mẫu tin nhắn không mở lại văn bản tự do: chỉ câu trả lời của liên hệ mới làm được điều đó.',
    'compose.template.tooManyVariables':
      ':warning: Mẫu tin nhắn này có {count, plural, other {# biến}}; biểu mẫu này chỉ chứa được tối đa {max, ' +
      'number}. Hãy chọn mẫu khác.',
    'compose.template.preview': '*Xem trước*\n{preview}',
    'compose.template.fillIn': 'Hãy điền {names}',
    'compose.template.fillInMore': 'Hãy điền {names} và {more, plural, other {# biến khác}}',
    'compose.template.length': '{length, number} / {max, plural, other {# ký tự}}',
    'compose.template.tooLong':
      ':warning: {length, plural, other {# ký tự}}: {channel} cho phép tối đa {max, number} trong một mẫu tin nhắn',
    'compose.tag.none':
      ':no_entry: Không có thẻ tin nhắn nào được bật cho {channel} sau cửa sổ nên hiện không gửi được gì.',
    'compose.tag.label': 'Thẻ tin nhắn',
    'compose.tag.hint':
      'Chỉ dùng thẻ đúng mục đích của nó; nếu không, Meta có thể từ chối tin nhắn hoặc hạn chế trang.',
    'compose.tag.placeholder': 'Chọn chủ đề của tin nhắn này',
    'compose.tagUse.ACCOUNT_UPDATE': 'Thay đổi về tài khoản của họ (vd: đổi trạng thái, hoạt động đáng ngờ)',
    'compose.tagUse.CONFIRMED_EVENT_UPDATE': 'Lời nhắc hoặc cập nhật về sự kiện mà họ đã đăng ký',
    'compose.tagUse.POST_PURCHASE_UPDATE': 'Cập nhật về đơn hàng họ đã mua (biên nhận, giao hàng, trạng thái đơn)',
    'compose.tagUse.HUMAN_AGENT': 'Câu trả lời do người thật viết, trong 7 ngày sau tin nhắn cuối của họ',
    'compose.tagUse.other': 'Thẻ tin nhắn',
    'compose.closed.notYou': ':no_entry: Bạn không thể gửi tin nhắn theo dõi này.',
    'compose.closed.nothing': ':no_entry: *Hiện không gửi được gì trên {channel}.*',
    'compose.notAllowedNotice':
      'Bạn không được phép gửi tin nhắn theo dõi (nhóm của bạn giới hạn việc này). Hãy hỏi quản trị viên, hoặc ' +
      'chỉ định {name} cho người có quyền gửi.',
    'compose.gone': 'Liên hệ hoặc kênh này không còn tồn tại.',
    'compose.outOfDate': 'Biểu mẫu này đã cũ. Hãy mở lại liên hệ và gửi tin nhắn theo dõi từ đó.',
    'compose.goneNothingSent': 'Liên hệ hoặc kênh này không còn tồn tại. Chưa có gì được gửi.',
    'compose.notAllowedTitle': 'Không được phép',
    'compose.notAllowedNothingSent': 'Nhóm của bạn giới hạn người được gửi tin nhắn theo dõi. Chưa có gì được gửi.',
    'compose.windowChanged': ':warning: Cửa sổ đã thay đổi trong lúc bạn soạn tin.',
    'compose.draftKept': 'Tin nhắn của bạn, được giữ lại để không bị mất:\n{quote}',
    'compose.sending': 'Đang gửi…',
    'compose.sent.title': 'Đã gửi',
    'compose.sent.titleSandbox': 'Đã gửi (thử nghiệm)',
    'compose.sent.text':
      ':white_check_mark: {kind, select, template {Đã gửi: mẫu tin nhắn *{template}* đến {name} qua {channel}.} ' +
      'tag {Đã gửi: tin nhắn có thẻ ({tag}) đến {name} qua {channel}.} other {Đã gửi: tin nhắn đến {name} qua ' +
      '{channel}.}}',
    'compose.sent.textAgain':
      ':white_check_mark: {kind, select, template {Đã gửi trước đó: mẫu tin nhắn *{template}* đến {name} qua ' +
      '{channel}.} tag {Đã gửi trước đó: tin nhắn có thẻ ({tag}) đến {name} qua {channel}.} other {Đã gửi trước ' +
      'đó: tin nhắn đến {name} qua {channel}.}}',
    'compose.sent.reopened': 'Cuộc trò chuyện đã được mở lại và chỉ định cho bạn.',
    'compose.sent.assigned': 'Cuộc trò chuyện đã được chỉ định cho bạn.',
    'compose.sent.sandbox':
      ':test_tube: *Thử nghiệm*: kênh này chưa được cấu hình phương thức gửi nên không có gì rời khỏi Slack. Tin ' +
      'nhắn theo dõi được ghi lại như thể đã gửi.',
    'compose.queued.title': 'Đang chờ gửi',
    'compose.queued.text':
      ':hourglass_flowing_sand: {channel} chưa nhận tin nhắn theo dõi gửi {name} ({detail}). Tin nhắn được giữ ' +
      'trong hộp thư đi và sẽ tự động gửi lại từ {time}; bạn sẽ thấy nó trong mục *Tin nhắn theo dõi gần đây của ' +
      'bạn* ở tab Trang chủ của ứng dụng.',
    'compose.notSent.title': 'Chưa gửi',
    'compose.notSent.checkFailed':
      ':x: Chưa gửi: Followup không thể kiểm tra tin nhắn theo dõi này ({why}). Chưa có gì được gửi; hãy thử lại.',
    'compose.notSent.recordFailed':
      ':x: Chưa gửi: Followup không thể ghi lại tin nhắn theo dõi ({why}). Chưa có gì được gửi; hãy thử lại.',
    'compose.notSent.sendFailed':
      ':x: Đã xảy ra lỗi khi gửi ({why}). Hãy kiểm tra tab Trang chủ của ứng dụng trước khi thử lại.',
    'compose.notSent.refused': ':warning: Chưa gửi. {reason}',
    'compose.notSent.failed': ':x: Không gửi được tin nhắn theo dõi đến {name} qua {channel}. {reason} ({detail})',
    'compose.notSent.failedNoDetail': ':x: Không gửi được tin nhắn theo dõi đến {name} qua {channel}. {reason}',
    'compose.notSent.gone':
      ':x: Không gửi được tin nhắn theo dõi đến {name} qua {channel}. Liên hệ hoặc kênh này không còn tồn tại.',
    'compose.refusal.nothing': 'Hiện không gửi được gì trên {channel}. {reason}',
    'compose.refusal.onlyKinds': 'Hiện {channel} chỉ nhận {kinds}.',
    'compose.refusal.templateNotApproved': 'Mẫu tin nhắn “{template}” đang ở trạng thái {status}, không phải APPROVED.',
    'compose.refusal.templateWrongLanguage':
      'Mẫu tin nhắn “{template}” dùng ngôn ngữ {templateLanguage}; ngôn ngữ của liên hệ là {contactLanguage}.',
    'compose.refusal.missingVariables': 'Hãy điền {names}.',
    'compose.refusal.templateTooLong':
      'Mẫu tin nhắn sau khi điền có {length, plural, other {# ký tự}}; {channel} cho phép tối đa {max, number}.',
    'compose.refusal.textEmpty': 'Hãy viết tin nhắn trước.',
    'compose.refusal.textTooLong':
      '{length, plural, other {# ký tự}}; {channel} cho phép tối đa {max, number}. Hãy rút gọn tin nhắn (hệ thống ' +
      'không tự cắt bớt).',
    'compose.refusal.tagNotAllowed': 'Thẻ {tag} không được chấp nhận trên {channel}.',
    'compose.refusal.pickTemplate': 'Hãy chọn một mẫu tin nhắn đã duyệt.',
    'compose.refusal.pickTag': 'Hãy chọn thẻ tin nhắn phù hợp với tin nhắn theo dõi này.',
    'compose.confirm.sent':
      '✅ {kind, select, template {*Đã gửi*: mẫu tin nhắn đến {name} qua {channel}} tag {*Đã gửi*: tin nhắn có thẻ ' +
      'đến {name} qua {channel}} other {*Đã gửi*: tin nhắn đến {name} qua {channel}}}',
    'compose.confirm.sentSandbox':
      '🧪 {kind, select, template {*Đã ghi lại trong môi trường thử nghiệm* (không gửi đi): mẫu tin nhắn đến ' +
      '{name} qua {channel}} tag {*Đã ghi lại trong môi trường thử nghiệm* (không gửi đi): tin nhắn có thẻ đến ' +
      '{name} qua {channel}} other {*Đã ghi lại trong môi trường thử nghiệm* (không gửi đi): tin nhắn đến {name} ' +
      'qua {channel}}}',
    'compose.confirm.fallback':
      '{kind, select, template {Đã gửi: mẫu tin nhắn đến {name} qua {channel}} tag {Đã gửi: tin nhắn có thẻ đến ' +
      '{name} qua {channel}} other {Đã gửi: tin nhắn đến {name} qua {channel}}}',
    'compose.confirm.fallbackSandbox':
      '{kind, select, template {Đã ghi lại (thử nghiệm): mẫu tin nhắn đến {name} qua {channel}} tag {Đã ghi lại ' +
      '(thử nghiệm): tin nhắn có thẻ đến {name} qua {channel}} other {Đã ghi lại (thử nghiệm): tin nhắn đến ' +
      '{name} qua {channel}}}',
    'compose.confirm.reopenedAssigned': 'Cuộc trò chuyện đã được mở lại và chỉ định cho {assignee}.',
    'compose.confirm.reopened': 'Cuộc trò chuyện đã được mở lại.',
    'compose.confirm.assigned': 'Đã chỉ định cho {assignee}.',
    'compose.confirm.templateNoReopen': 'Văn bản tự do chỉ mở lại khi liên hệ trả lời.',
    'compose.confirm.notDelivered':
      '“Đã gửi” chưa có nghĩa là “đã chuyển đến”: nếu sau đó nhà cung cấp báo lỗi, bạn sẽ được thông báo.',

    // app
    'app.title': 'Theo dõi khách hàng',
    'app.storeDownTitle': 'Followup',
    'app.close': 'Đóng',
    'app.loading': 'Đang tải…',
    'app.failedTitle': 'Đã xảy ra lỗi',
    'app.failed':
      ':warning: Followup không thể tải nội dung này. Hãy thử lại; nếu lỗi vẫn tiếp diễn, hãy báo quản trị viên ' +
      'Slack của bạn (nhật ký của ứng dụng có thông tin chi tiết).',
    'app.storeDown': 'Followup không kết nối được với kho dữ liệu, hãy thử lại sau một phút.',
    'app.notConnected':
      'Followup chưa kết nối được với Web API của Slack nên chưa thể mở hay gửi gì: hãy thử lại sau một phút.',
  },
} satisfies Catalog;
// Glossary (seed term ← English): cuộc trò chuyện ← conversation, liên hệ (Liên hệ) ← contact, đã đóng ← closed,
// người được chỉ định (chỉ định cho) ← assignee, mẫu tin nhắn ← template, thẻ tin nhắn ← message tag,
// cửa sổ nhắn tin ← messaging window, nhân viên (hỗ trợ) ← agent, Hộp thư đến ← inbox,
// (tin nhắn) theo dõi ← follow-up
