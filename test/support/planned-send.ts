/**
 * A send as the policy core plans it, for tests that hand one to a transport or the outbox: free text inside an
 * open window unless `overrides` say otherwise (another kind, state, tag, template…).
 */
import type { ChannelType, PlannedSend } from '../../src/policy/index.js';

export function plannedSend(channel: ChannelType, text: string, overrides: Partial<PlannedSend> = {}): PlannedSend {
  return {
    ok: true,
    channel,
    kind: 'text',
    messagingType: null,
    tag: null,
    text,
    template: null,
    chatbotInitiated: false,
    billable: false,
    countsTowardCap: false,
    state: 'open',
    ...overrides,
  };
}
