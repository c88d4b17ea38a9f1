/** A reminder names what is left of a per-session cap (WeChat); a monthly quota (Viber) is not the window's. */
import { describe, expect, it } from 'vitest';
import { type Notice, describeNotice } from '../../src/notify/index.js';
import { type ChannelType, channelLabel, evaluateWindow } from '../../src/policy/index.js';

const HOUR = 3_600_000;
const anchor = new Date('2026-11-21T00:00:00Z');

function reminder(channel: ChannelType, now: Date, closes: Date): Notice {
  return {
    key: `c1|${channel}|${anchor.toISOString()}|reminder`,
    kind: 'reminder',
    edge: 'close',
    contactId: 'c1',
    contactName: 'Linh',
    assignee: null,
    conversation: 'closed',
    channel,
    channelKey: channel,
    channelLabel: channelLabel(channel),
    address: 'a-1',
    anchor,
    windowClosesAt: closes,
    dueAt: now,
    late: false,
    redelivery: false,
    slackChannel: 'C1',
    current: evaluateWindow({
      channel,
      now,
      lastInboundAt: anchor,
      outboundSinceInbound: 5,
      chatbotInitiatedThisMonth: 2,
    }),
    after: evaluateWindow({ channel, now: closes, lastInboundAt: anchor }),
  };
}

describe('describeNotice: messages left in a reminder', () => {
  it('WeChat: the cap left this session', () => {
    const now = new Date(anchor.getTime() + 47 * HOUR);
    const text = describeNotice(reminder('wechat', now, new Date(anchor.getTime() + 48 * HOUR)), now);
    expect(text).toBe(
      'Linh – WeChat window closes in 60 min (15 messages left); then: nothing until the contact writes again',
    );
  });

  it('Viber: no count before the close (its free quota outlives the session)', () => {
    const now = new Date(anchor.getTime() + 23 * HOUR);
    const text = describeNotice(reminder('viber', now, new Date(anchor.getTime() + 24 * HOUR)), now);
    expect(text).toMatch(/^Linh – Viber window closes in 60 min; then: chatbot-initiated/);
  });
});
