/**
 * Assignment rules (the seed's last paragraph): an outbound follow-up on a closed conversation reopens it
 * and assigns the contact to the agent who sent it, even if someone else had it (an unassigned open one
 * goes to the sender too; an open one a colleague holds stays theirs); closing unassigns the
 * agent or keeps them, per the team's closing logic.
 */
export type ConversationStatus = 'open' | 'closed';
export type ClosingLogic = 'unassign' | 'keep';

export interface Conversation {
  status: ConversationStatus;
  assignee: string | null;
  statusChangedAt: Date;
}

export interface ConversationChange extends Conversation {
  reopened: boolean;
  reassigned: boolean;
}

export function afterOutboundSend(conv: Conversation, senderId: string, at: Date): ConversationChange {
  const reopened = conv.status === 'closed';
  // Reopening hands the contact to the sender; on an open conversation a colleague's assignment stands.
  const assignee = reopened || conv.assignee === null ? senderId : conv.assignee;
  return {
    status: 'open',
    assignee,
    statusChangedAt: reopened ? at : conv.statusChangedAt,
    reopened,
    reassigned: conv.assignee !== assignee,
  };
}

export function afterClose(conv: Conversation, logic: ClosingLogic, at: Date): ConversationChange {
  const assignee = logic === 'unassign' ? null : conv.assignee;
  return {
    status: 'closed',
    assignee,
    statusChangedAt: conv.status === 'closed' ? conv.statusChangedAt : at,
    reopened: false,
    reassigned: assignee !== conv.assignee,
  };
}
