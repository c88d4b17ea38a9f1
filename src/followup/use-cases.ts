/**
 * The use cases a front-end calls, bound once to the store, the transports and the team's settings (the
 * composition root builds it). The Slack screens get this object, never the store or the transports.
 */
import type { ContactIndex } from '../contacts/index.js';
import { type Contact, type ContactChannel, channelKey } from '../contacts/model.js';
import type { SearchQuery } from '../contacts/query.js';
import {
  type ChannelRule,
  type OutboundMessage,
  type PlannedSend,
  type RefusedSend,
  type Template,
  type WindowStatus,
  planOutbound,
  ruleFor,
} from '../policy/index.js';
import { assignContact, closeConversation } from './conversation.js';
import type { FollowupDeps, OutboxEntry } from './ports.js';
import { type SearchPage, searchContacts } from './search.js';
import {
  type EnqueueFollowUpOutcome,
  type SendFollowUpInput,
  type SendFollowUpOutcome,
  deliverQueued,
  enqueueFollowUp,
} from './send-follow-up.js';
import { templatesFor } from './templates.js';
import { channelStatusAt, windowStatusFor } from './window-status.js';

type ChannelRef = Pick<ContactChannel, 'type' | 'channelId'>;

export interface ContactDetail {
  contact: Contact;
  channels: Array<{ channel: ContactChannel; status: WindowStatus; sandbox: boolean }>;
}

/** What one channel of a contact allows at an instant: everything a compose view or a submission decides on. */
export interface ComposeContext {
  contact: Contact;
  channel: ContactChannel;
  rule: ChannelRule;
  status: WindowStatus;
  /** Approved templates in the contact's language; empty on channels whose rule offers none. */
  templates: Template[];
  sandbox: boolean;
}

export interface FollowupUseCases {
  /** One page of contacts, each with every channel's window at `now`. */
  search(query: SearchQuery, now: Date): Promise<SearchPage>;
  /** A contact and every channel's window at `now`; undefined when the contact is gone. */
  contactDetail(contactId: string, now: Date): Promise<ContactDetail | undefined>;
  /** One channel of a contact at `now`; undefined when the contact or the channel is gone. */
  composeContext(contactId: string, channelKey: string, now: Date): Promise<ComposeContext | undefined>;
  /** The policy's answer for a message on a channel in this state, with the team's rule overrides. */
  planFollowUp(status: WindowStatus, message: OutboundMessage): PlannedSend | RefusedSend;
  /** Decides again and writes the outbox entry (durable before anyone is told "Sending…"). */
  enqueueFollowUp(input: SendFollowUpInput): Promise<EnqueueFollowUpOutcome>;
  /** Delivers an entry `enqueueFollowUp` wrote, once. */
  deliverFollowUp(entry: OutboxEntry, now: Date, duplicate: boolean): Promise<SendFollowUpOutcome>;
  assign(input: { contactId: string; assignee: string | null; now: Date }): Promise<Contact | undefined>;
  close(input: { contactId: string; by: string; now: Date }): Promise<Contact | undefined>;
  /** The follow-ups an agent sent lately, newest first. */
  recentFollowUps(sentBy: string, limit: number): Promise<OutboxEntry[]>;
  /** The channel is served by the sandbox transport: what is sent there is recorded, delivered nowhere. */
  isSandbox(channel: ChannelRef): boolean;
}

export interface FollowupUseCaseDeps extends FollowupDeps {
  index: Pick<ContactIndex, 'search'>;
}

export function createFollowupUseCases(deps: FollowupUseCaseDeps): FollowupUseCases {
  const { store, transports, settings, index } = deps;
  const rules = settings.rules;
  const isSandbox = (channel: ChannelRef) => transports.for(channel).sandbox;
  return {
    search: (query, now) => searchContacts(query, now, { index, store, rules }),
    async contactDetail(contactId, now) {
      const contact = await store.contacts.get(contactId);
      if (!contact) return undefined;
      const statuses = await windowStatusFor(contact, now, { store, rules });
      const channels = statuses.map(({ channel, status }) => ({ channel, status, sandbox: isSandbox(channel) }));
      return { contact, channels };
    },
    async composeContext(contactId, key, now) {
      const contact = await store.contacts.get(contactId);
      const channel = contact?.channels.find((c) => channelKey(c) === key);
      if (!contact || !channel) return undefined;
      const rule = ruleFor(channel.type, rules);
      const { status } = await channelStatusAt(channel, now, { store, rules });
      // Only a channel whose rule falls back to templates (WhatsApp) has any to offer.
      const offersTemplates = rule.afterWindow === 'template' || rule.neverInbound === 'template';
      const templates = offersTemplates ? await templatesFor(contact, channel.channelId, store) : [];
      return { contact, channel, rule, status, templates, sandbox: isSandbox(channel) };
    },
    planFollowUp: (status, message) => planOutbound(status, message, rules),
    enqueueFollowUp: (input) => enqueueFollowUp(input, deps),
    deliverFollowUp: (entry, now, duplicate) => deliverQueued(entry, deps, now, duplicate),
    assign: (input) => assignContact(input, deps),
    close: (input) => closeConversation(input, deps),
    recentFollowUps: (sentBy, limit) => store.outbox.recent({ sentBy, limit }),
    isSandbox,
  };
}
