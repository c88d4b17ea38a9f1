export {
  sendFollowUp,
  enqueueFollowUp,
  deliverQueued,
  retryQueued,
  attemptDelivery,
  MAX_ATTEMPTS,
  backoffMs,
} from './send-follow-up.js';
export { OutboxWorker } from './outbox-worker.js';
export type { EnqueueFollowUpOutcome, SendFollowUpInput, SendFollowUpOutcome } from './send-follow-up.js';
export { closeConversation, assignContact } from './conversation.js';
export { windowStatusFor, evaluateChannel, channelStatusAt } from './window-status.js';
export { windowInputFor, readStoredCounts } from './window-input.js';
export type { StoredCounts, StoredCountsAt } from './window-input.js';
export { noAddressReason, lacksAddress, NO_ADDRESS_BADGE } from './no-address.js';
export type { ChannelStatus, WindowStatusDeps } from './window-status.js';
export { templatesFor } from './templates.js';
export type { FollowupDeps, FollowupStore, FollowupSettings, OutboxEntry } from './ports.js';
export { OUTBOX_BY_PROVIDER_ID } from './ports.js';
export { searchContacts } from './search.js';
export type { SearchPage, ContactWithStatus } from './search.js';
export { createFollowupUseCases } from './use-cases.js';
export type { ComposeContext, ContactDetail, FollowupUseCaseDeps, FollowupUseCases } from './use-cases.js';
export { AGENT_PREFERENCES, agentPreferenceSchema, createAgentPreferences } from './agent-preferences.js';
export type { AgentPreference, AgentPreferences } from './agent-preferences.js';
