export { sendFollowUp } from './send-follow-up.js';
export type { SendFollowUpInput, SendFollowUpOutcome } from './send-follow-up.js';
export { closeConversation, assignContact } from './conversation.js';
export { windowStatusFor, evaluateChannel, viberCounterKey } from './window-status.js';
export type { ChannelStatus } from './window-status.js';
export { templatesFor } from './templates.js';
export type { FollowupDeps, FollowupStore, FollowupSettings, OutboxEntry } from './ports.js';
export { searchContacts } from './search.js';
export type { SearchPage, ContactWithStatus } from './search.js';
