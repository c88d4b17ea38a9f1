/**
 * Assignment rules: an outbound follow-up on a closed conversation reopens it and assigns the contact to the
 * sender, even if someone else had it; closing unassigns or keeps the agent per the team's closing logic.
 */
import { describe, expect, it } from 'vitest';
import { type Conversation, afterClose, afterOutboundSend } from '../../src/policy/index.js';
import { DAY, HOUR, T0, after } from './helpers.js';

const closedAt = T0;
const sendAt = after(3 * DAY);

describe('afterOutboundSend', () => {
  it('closed, assigned to someone else: reopens and assigns the sender', () => {
    const conv: Conversation = { status: 'closed', assignee: 'U_ALICE', statusChangedAt: closedAt };
    expect(afterOutboundSend(conv, 'U_BOB', sendAt)).toEqual({
      status: 'open',
      assignee: 'U_BOB',
      statusChangedAt: sendAt,
      reopened: true,
      reassigned: true,
    });
  });

  it('closed, unassigned: reopens and assigns the sender', () => {
    const conv: Conversation = { status: 'closed', assignee: null, statusChangedAt: closedAt };
    expect(afterOutboundSend(conv, 'U_BOB', sendAt)).toEqual({
      status: 'open',
      assignee: 'U_BOB',
      statusChangedAt: sendAt,
      reopened: true,
      reassigned: true,
    });
  });

  it('closed, already the sender: reopens, not a reassignment', () => {
    const conv: Conversation = { status: 'closed', assignee: 'U_BOB', statusChangedAt: closedAt };
    const next = afterOutboundSend(conv, 'U_BOB', sendAt);
    expect(next.status).toBe('open');
    expect(next.assignee).toBe('U_BOB');
    expect(next.reopened).toBe(true);
    expect(next.reassigned).toBe(false);
    expect(next.statusChangedAt).toEqual(sendAt);
  });

  it('open: stays open and keeps statusChangedAt', () => {
    const openedAt = after(-2 * HOUR, sendAt);
    const conv: Conversation = { status: 'open', assignee: 'U_BOB', statusChangedAt: openedAt };
    const next = afterOutboundSend(conv, 'U_BOB', sendAt);
    expect(next).toEqual({
      status: 'open',
      assignee: 'U_BOB',
      statusChangedAt: openedAt,
      reopened: false,
      reassigned: false,
    });
  });

  it('open and unassigned: the sender is assigned, statusChangedAt kept', () => {
    const openedAt = after(-2 * HOUR, sendAt);
    const next = afterOutboundSend({ status: 'open', assignee: null, statusChangedAt: openedAt }, 'U_BOB', sendAt);
    expect(next.status).toBe('open');
    expect(next.assignee).toBe('U_BOB');
    expect(next.reopened).toBe(false);
    expect(next.statusChangedAt).toEqual(openedAt);
  });

  it('does not mutate the input', () => {
    const conv: Conversation = { status: 'closed', assignee: 'U_ALICE', statusChangedAt: closedAt };
    const snapshot = structuredClone(conv);
    afterOutboundSend(conv, 'U_BOB', sendAt);
    expect(conv).toEqual(snapshot);
  });
});

describe('afterClose', () => {
  const openedAt = after(-1 * DAY, sendAt);
  const open: Conversation = { status: 'open', assignee: 'U_BOB', statusChangedAt: openedAt };

  it("'unassign': closes and unassigns the agent", () => {
    expect(afterClose(open, 'unassign', sendAt)).toEqual({
      status: 'closed',
      assignee: null,
      statusChangedAt: sendAt,
      reopened: false,
      reassigned: true,
    });
  });

  it("'keep': closes and keeps the agent", () => {
    expect(afterClose(open, 'keep', sendAt)).toEqual({
      status: 'closed',
      assignee: 'U_BOB',
      statusChangedAt: sendAt,
      reopened: false,
      reassigned: false,
    });
  });

  it("'unassign' on an unassigned conversation: nothing to reassign", () => {
    const next = afterClose({ ...open, assignee: null }, 'unassign', sendAt);
    expect(next.assignee).toBeNull();
    expect(next.reassigned).toBe(false);
  });

  it('closing an already closed conversation keeps its statusChangedAt', () => {
    const closed: Conversation = { status: 'closed', assignee: 'U_BOB', statusChangedAt: closedAt };
    expect(afterClose(closed, 'keep', sendAt).statusChangedAt).toEqual(closedAt);
    expect(afterClose(closed, 'unassign', sendAt).statusChangedAt).toEqual(closedAt);
  });

  it('close, then a follow-up by another agent: reopened and assigned to that agent', () => {
    const closed = afterClose(open, 'keep', sendAt);
    const reopened = afterOutboundSend(closed, 'U_CAROL', after(HOUR, sendAt));
    expect(reopened.status).toBe('open');
    expect(reopened.assignee).toBe('U_CAROL');
    expect(reopened.reopened).toBe(true);
    expect(reopened.statusChangedAt).toEqual(after(HOUR, sendAt));
  });
});
