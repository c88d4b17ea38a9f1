/** The example lines from the issue. */
export const EXAMPLE_NDJSON = [
  '{"id":"e1","type":"contact.upserted","at":"2026-11-20T09:00:00Z",' +
    '"contact":{"id":"c-42","firstName":"Linh","lastName":"Nguyễn","email":"linh@example.vn",' +
    '"phone":"+84 912 345 678","language":"vi","channels":[{"type":"whatsapp","address":"+84912345678"}]}}',
  '{"id":"e2","type":"message.received","at":"2026-11-20T10:00:00Z",' +
    '"contactId":"c-42","channel":"whatsapp","text":"Cảm ơn!"}',
  '{"id":"e3","type":"contact.assigned","at":"2026-11-20T10:05:00Z","contactId":"c-42","assignee":"U024BE7LH"}',
  '{"id":"e4","type":"conversation.closed","at":"2026-11-20T10:30:00Z","contactId":"c-42","by":"U024BE7LH"}',
  '{"id":"e5","type":"template.upserted","at":"2026-11-20T08:00:00Z",' +
    '"template":{"name":"order_update","language":"vi","category":"UTILITY","status":"APPROVED",' +
    '"body":"Xin chào {{1}}, đơn hàng {{2}} đã được giao."}}',
].join('\n');
