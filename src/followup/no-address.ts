/**
 * A contact channel without the provider's address for the person: nothing can reach them whatever the window
 * says. One reason code (its plain words are the policy's, src/policy/reasons.ts) and one short badge, shared
 * by the send path, Slack and the CLI.
 */
import type { ChannelType, WindowStatus } from '../policy/index.js';

export function noAddressReason(type: ChannelType): string {
  return `${type}.no_address`;
}

/** Short words in place of a window state wherever a badge is shown. */
export const NO_ADDRESS_BADGE = 'no address — cannot send';

export function lacksAddress(status: Pick<WindowStatus, 'channel' | 'reason'>): boolean {
  return status.reason === noAddressReason(status.channel);
}
