/**
 * Before anyone types: a channel without an address shows "no address — cannot send" (the policy's
 * `no_address` reason in its plain words) in the contact view, the search badges and the compose view, with
 * nothing to send; and search text with nothing searchable shows one line instead of everyone.
 * Statuses come from `evaluateChannel`, the path every surface takes.
 */
import type { ModalView, SectionBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import type { ContactChannel } from '../../src/contacts/model.js';
import { evaluateChannel } from '../../src/followup/index.js';
import { describeReason, ruleFor } from '../../src/policy/index.js';
import { buildComposeModalView } from '../../src/slack/compose/compose-modal.js';
import { buildContactModalView } from '../../src/slack/contact/contact-modal.js';
import { english } from '../../src/slack/i18n/index.js';
import { badge } from '../../src/slack/shared/format.js';
import { ACTION, BLOCK } from '../../src/slack/shared/ids.js';
import { buildSearchModalView } from '../../src/slack/search/search-modal.js';
import { assertBlockKitLimits } from '../support/block-kit-limits.js';
import { HOUR, INJECTION, NOW, ago, contact, iso } from './fixtures.js';

const NO_ADDRESS_WORDS = describeReason('no_address').summary;

function ch(type: ContactChannel['type'], address?: string): ContactChannel {
  // An inbound an hour ago: the window alone would allow free text.
  return {
    type,
    lastInboundAt: iso(ago(HOUR)),
    lastOutboundAt: null,
    outboundSinceInbound: 0,
    ...(address ? { address } : {}),
  };
}

const telegramNoAddress = ch('telegram');
const whatsappWithAddress = ch('whatsapp', '+84912345678');
const person = contact({ channels: [telegramNoAddress, whatsappWithAddress] });
const statuses = person.channels.map((channel) => ({ channel, status: evaluateChannel(channel, NOW, {}) }));
const json = (v: unknown) => JSON.stringify(v);

describe('a channel without an address', () => {
  it('has its own badge; a channel with an address keeps its window badge', () => {
    expect(badge(english, statuses[0]!.status, NOW)).toBe('🚫 Telegram · no address — cannot send');
    expect(badge(english, statuses[1]!.status, NOW)).toMatch(/^🟢 WhatsApp · open until /);
  });

  it('contact view: the badge, the reason in the policy’s words, and no Follow up for it', () => {
    const view = buildContactModalView(english, {
      contact: person,
      channels: statuses.map((s) => ({ ...s, sandbox: false })),
      viewerId: 'U0001',
      canSend: true,
      privateMetadata: '{}',
      now: NOW,
    });
    assertBlockKitLimits('modal', view);
    const sections = view.blocks.filter((b): b is SectionBlock => b.type === 'section');
    const telegram = sections.find((b) => b.text?.text.includes('Telegram'))!;
    expect(telegram.text!.text).toContain('no address — cannot send');
    expect(telegram.text!.text).toContain(NO_ADDRESS_WORDS);
    expect(telegram.text!.text).toContain('Nothing can be sent now.');
    expect(telegram.accessory).toBeUndefined();
    const whatsapp = sections.find((b) => b.text?.text.includes('WhatsApp'))!;
    expect(whatsapp.accessory).toMatchObject({ type: 'button' });
  });

  it('search results: the badge on the result, before anyone opens it', () => {
    const view = buildSearchModalView(english, {
      query: { text: 'ana', inbox: 'all', status: 'closed' },
      canSeeAll: true,
      results: [{ contact: person, statuses }],
      total: 1,
      page: 0,
      pageSize: 10,
      hasNext: false,
      privateMetadata: '{}',
      sandbox: false,
      now: NOW,
    });
    assertBlockKitLimits('modal', view);
    expect(json(view)).toContain('🚫 Telegram · no address — cannot send');
  });

  it('compose view: the badge and the reason, no input and no send button', () => {
    const view: ModalView = buildComposeModalView(english, {
      contact: person,
      channel: telegramNoAddress,
      status: statuses[0]!.status,
      mode: 'closed',
      rule: ruleFor('telegram'),
      templates: [],
      variableValues: {},
      tags: [],
      sandbox: false,
      privateMetadata: '{}',
      now: NOW,
    });
    assertBlockKitLimits('modal', view);
    expect(view.submit).toBeUndefined();
    expect(view.blocks.some((b) => b.type === 'input')).toBe(false);
    expect(json(view)).toContain('no address — cannot send');
    expect(json(view)).toContain(NO_ADDRESS_WORDS);
  });
});

describe('search text with nothing to search for', () => {
  it('shows the line (escaped) instead of results or "No contacts match"', () => {
    const text = `🦄 ${INJECTION.replace(/[\p{L}\p{N}]/gu, '')}`;
    const view = buildSearchModalView(english, {
      query: { text, inbox: 'all', status: 'closed' },
      canSeeAll: true,
      results: [],
      total: 0,
      page: 0,
      pageSize: 10,
      hasNext: false,
      privateMetadata: '{}',
      queryProblem: 'nothing_searchable',
      sandbox: false,
      now: NOW,
    });
    assertBlockKitLimits('modal', view);
    const results = view.blocks.find((b) => b.block_id === BLOCK.searchResults) as SectionBlock;
    expect(results.text!.text).toContain('Nothing to search for in "🦄 ');
    expect(results.text!.text).not.toMatch(/<!|<@/);
    expect(json(view)).not.toContain('No contacts match');
    // The search box stays, with the text, so it can be corrected.
    expect(json(view)).toContain(ACTION.searchText);
  });
});
