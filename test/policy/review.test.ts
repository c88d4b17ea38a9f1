/** Rules settled in review: refusal codes for unsupported kinds, the 7-day cap on carried windows, assignment. */
import { describe, expect, it } from 'vitest';
import { afterOutboundSend, evaluateWindow, planOutbound } from '../../src/policy/index.js';
import { DAY, HOUR, T0, after, template } from './helpers.js';

describe('a kind the channel never offers has its own reason', () => {
  it('a template on Telegram is refused as template_not_supported, not as a window reason', () => {
    const s = evaluateWindow({ channel: 'telegram', now: T0, lastInboundAt: null });
    const plan = planOutbound(s, { kind: 'template', template: template(), variables: ['a', 'b'] });
    expect(plan.ok).toBe(false);
    if (!plan.ok) expect(plan.reason).toBe('telegram.template_not_supported');
  });
  it('a tag on WhatsApp inside the window is refused as tag_not_supported', () => {
    const s = evaluateWindow({ channel: 'whatsapp', now: after(HOUR), lastInboundAt: T0 });
    const plan = planOutbound(s, { kind: 'tag', tag: 'ACCOUNT_UPDATE', text: 'hi' });
    expect(plan.ok).toBe(false);
    if (!plan.ok) expect(plan.reason).toBe('whatsapp.tag_not_supported');
  });
});

describe('a window carried by the inbound event is capped at 7 days', () => {
  const base = { channel: 'messenger' as const, lastInboundAt: T0, anchorWindowHours: 240 };
  it('just inside 7 days the standard window is open', () => {
    expect(evaluateWindow({ ...base, now: after(7 * DAY - 1) }).state).toBe('open');
  });
  it('at exactly 7 days it is closed to free text (tag only)', () => {
    expect(evaluateWindow({ ...base, now: after(7 * DAY) }).state).toBe('tag_only');
  });
  it('past 7 days a 240 h claim does not keep it open', () => {
    expect(evaluateWindow({ ...base, now: after(7 * DAY + 1) }).state).toBe('tag_only');
  });
});

describe('assignment on an open conversation', () => {
  it('keeps a colleague as assignee', () => {
    const r = afterOutboundSend({ status: 'open', assignee: 'UOTHER', statusChangedAt: T0 }, 'UME', after(HOUR));
    expect(r).toMatchObject({ status: 'open', assignee: 'UOTHER', reopened: false, reassigned: false });
  });
  it('takes an unassigned open conversation', () => {
    const r = afterOutboundSend({ status: 'open', assignee: null, statusChangedAt: T0 }, 'UME', after(HOUR));
    expect(r).toMatchObject({ assignee: 'UME', reassigned: true });
  });
  it('a closed one goes to the sender even if a colleague had it', () => {
    const r = afterOutboundSend({ status: 'closed', assignee: 'UOTHER', statusChangedAt: T0 }, 'UME', after(HOUR));
    expect(r).toMatchObject({ status: 'open', assignee: 'UME', reopened: true, reassigned: true });
    expect(r.statusChangedAt).toEqual(after(HOUR));
  });
});

describe('a provider-reported closure (e.g. WhatsApp 131047) ends the window until the contact writes again', () => {
  it('closes a window our clock still thinks open', () => {
    const s = evaluateWindow({
      channel: 'whatsapp',
      now: after(2 * HOUR),
      lastInboundAt: T0,
      closedByProviderAt: after(HOUR),
    });
    expect(s.state).toBe('template_only');
  });
  it('just before the provider instant the window is still open', () => {
    const s = evaluateWindow({
      channel: 'whatsapp',
      now: after(HOUR - 1),
      lastInboundAt: T0,
      closedByProviderAt: after(HOUR),
    });
    expect(s.state).toBe('open');
    expect(s.windowClosesAt).toEqual(after(HOUR));
  });
  it('an inbound after the closure reopens it', () => {
    const s = evaluateWindow({
      channel: 'whatsapp',
      now: after(3 * HOUR),
      lastInboundAt: after(2 * HOUR),
      closedByProviderAt: after(HOUR),
    });
    expect(s.state).toBe('open');
  });
});
