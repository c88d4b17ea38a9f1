/** The shared policy core: pure rules, no I/O, no clock reads (time is a parameter), no Slack types. */
export {
  CHANNEL_TYPES,
  WINDOW_STATES,
  DEFAULT_RULES,
  MESSENGER_TAGS,
  MESSAGE_TAG_USES,
  channelTypeSchema,
  windowStateSchema,
  channelRuleOverrideSchema,
  ruleOverridesSchema,
  ruleFor,
  isChannelType,
  providerClosedWindow,
  quotaCounterKey,
  channelQuota,
} from './channels.js';
export type {
  ChannelType,
  WindowState,
  ChannelRule,
  ChannelRuleOverride,
  RuleOverrides,
  Fallback,
  LengthUnit,
  Quota,
} from './channels.js';
export { evaluateWindow, nextUtcMonth } from './window.js';
export type { WindowInput, WindowStatus, SendKind } from './window.js';
export { planOutbound } from './outbound.js';
export type { OutboundMessage, OutboundPlan, PlannedSend, RefusedSend, Author } from './outbound.js';
export {
  templateSchema,
  templateVariables,
  renderTemplate,
  sameLanguage,
  missingVariables,
  TEMPLATE_STATUSES,
  TEMPLATE_CATEGORIES,
} from './templates.js';
export type { Template } from './templates.js';
export { measureText } from './text.js';
export { afterOutboundSend, afterClose } from './conversation.js';
export type { Conversation, ConversationChange, ConversationStatus, ClosingLogic } from './conversation.js';
export { describeReason, channelLabel, REASON_CODES } from './reasons.js';
