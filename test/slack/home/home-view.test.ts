import type { ActionsBlock, Button, SectionBlock, StaticSelect } from '@slack/types';
import { describe, expect, it } from 'vitest';
import type { ContactChannel } from '../../../src/contacts/model.js';
import { CHANNEL_TYPES, evaluateWindow } from '../../../src/policy/index.js';
import {
  HOME_FOLLOW_UPS_MAX,
  HOME_RECENT_MAX,
  type HomeModel,
  type HomeRecentFollowUp,
  buildHomeView,
} from '../../../src/slack/home/home-view.js';
import { LANGUAGES, english as en, translatorFor } from '../../../src/slack/i18n/index.js';
import { ACTION, BLOCK, actionPattern } from '../../../src/slack/shared/ids.js';
import { assertBlockKitLimits } from '../../support/block-kit-limits.js';
import { EVERY_LANGUAGE, cutPlainTexts, worstResults } from '../language/in-every-language.js';
import {
  HOUR,
  INJECTION,
  INJECTION_ESCAPED,
  NOW,
  ago,
  contact,
  expectNoRawControl,
  injectionContact,
  iso,
  vietnameseName,
  worstContact,
} from '../fixtures.js';

function model(overrides: Partial<HomeModel> = {}): HomeModel {
  return { agentId: 'U0001', followUps: [], recent: [], sandbox: false, languageChoice: null, now: NOW, ...overrides };
}

/** A closed contact whose WhatsApp window closes `hoursLeft` from NOW. */
function closing(id: string, hoursLeft: number) {
  const at = ago((24 - hoursLeft) * HOUR);
  const channel: ContactChannel = {
    type: 'whatsapp',
    lastInboundAt: iso(at),
    lastOutboundAt: null,
    outboundSinceInbound: 0,
  };
  return {
    contact: contact({ id, firstName: id, lastName: '', channels: [channel] }),
    statuses: [{ channel, status: evaluateWindow({ channel: 'whatsapp', now: NOW, lastInboundAt: at }) }],
  };
}

function recent(i: number, overrides: Partial<HomeRecentFollowUp> = {}): HomeRecentFollowUp {
  const name = vietnameseName(i);
  return {
    contactName: `${name.firstName} ${name.lastName}`,
    channel: CHANNEL_TYPES[i % CHANNEL_TYPES.length]!,
    sentAt: ago(i * HOUR),
    kind: (['text', 'template', 'tag'] as const)[i % 3]!,
    sandbox: i % 2 === 0,
    status: 'delivered',
    ...overrides,
  };
}

const json = (v: unknown) => JSON.stringify(v);
const openButtons = (blocks: unknown[]) =>
  (blocks as SectionBlock[])
    .filter((b) => b.type === 'section' && b.accessory?.type === 'button')
    .map((b) => b.accessory as Button);

describe('buildHomeView', () => {
  it('has a header, a greeting and the "Find a contact" button', () => {
    const view = buildHomeView(en, model());
    expect(view.type).toBe('home');
    expect(view.blocks[0]).toMatchObject({ type: 'header', text: { text: 'Followup' } });
    expect(json(view.blocks[1])).toContain('Hi <@U0001>');
    const acts = view.blocks.find((b) => b.block_id === BLOCK.homeActions) as ActionsBlock;
    expect(acts.elements[0]).toMatchObject({
      type: 'button',
      action_id: ACTION.homeOpenSearch,
      text: { text: 'Find a contact' },
      style: 'primary',
    });
    assertBlockKitLimits('home', view);
  });

  it('shows empty states', () => {
    const text = json(buildHomeView(en, model()));
    expect(text).toContain('Nothing to follow up right now');
    expect(text).toContain('You have not sent any follow-ups yet.');
  });

  it('lists follow-ups soonest close first, each with an Open button and its badges', () => {
    const view = buildHomeView(en, model({ followUps: [closing('late', 10), closing('soon', 1), closing('mid', 5)] }));
    const buttons = openButtons(view.blocks);
    expect(buttons.map((b) => b.value)).toEqual(['soon', 'mid', 'late']);
    for (const b of buttons) expect(actionPattern(ACTION.openContact).test(b.action_id!)).toBe(true);
    expect(new Set(buttons.map((b) => b.action_id)).size).toBe(3);
    const soon = view.blocks.findIndex((b) => json(b).includes('*soon*'));
    expect(json(view.blocks[soon + 1])).toMatch(/🟢 WhatsApp · open until <!date\^\d+\^[^>]+> ⏳/);
  });

  it('lists recent follow-ups with channel, kind, status, time and sandbox', () => {
    const view = buildHomeView(
      en,
      model({
        recent: [
          recent(0, { contactName: 'Ana', channel: 'whatsapp', kind: 'template', sandbox: true, status: 'sent' }),
        ],
      }),
    );
    expect(json(view)).toMatch(/📱 \*Ana\* · WhatsApp · template · sent · <!date\^\d+\^[^>]+> · 🧪 sandbox/);
  });

  it('marks the sandbox', () => {
    expect(json(buildHomeView(en, model({ sandbox: true })))).toContain('Sandbox');
  });

  it('stays ≤ 100 blocks whatever the input size, and says how many more there are', () => {
    const followUps = Array.from({ length: 500 }, (_, i) => worstContact(i));
    const recents = Array.from({ length: 200 }, (_, i) => recent(i));
    const view = buildHomeView(en, model({ followUps, recent: recents, sandbox: true }));
    assertBlockKitLimits('home', view);
    expect(openButtons(view.blocks)).toHaveLength(HOME_FOLLOW_UPS_MAX);
    expect(json(view)).toContain(`and ${500 - HOME_FOLLOW_UPS_MAX} more. Use *Find a contact*`);
    expect(json(view)).toContain(`and ${200 - HOME_RECENT_MAX} more.`);
  });

  it('escapes contact names in follow-ups and recent sends', () => {
    const view = buildHomeView(
      en,
      model({ followUps: [injectionContact()], recent: [recent(1, { contactName: INJECTION, status: '<!here>' })] }),
    );
    expect(expectNoRawControl(view)).toEqual([]);
    expect(json(view)).toContain(`*${INJECTION_ESCAPED}*`);
    assertBlockKitLimits('home', view);
  });
});

const STARRY = { firstName: 'Ann*Marie', lastName: '_VIP_' };
const STARRY_BOLD = '*Ann\u2217Marie \u02CDVIP\u02CD*';

describe('buildHomeView: names in bold', () => {
  it('keeps a name with * and _ in one bold run, in closing windows and recent follow-ups', () => {
    const soon = closing('c-1', 2);
    const view = buildHomeView(
      en,
      model({
        followUps: [{ ...soon, contact: { ...soon.contact, ...STARRY } }],
        recent: [recent(0, { contactName: `${STARRY.firstName} ${STARRY.lastName}` })],
      }),
    );
    const text = json(view);
    expect(text.split(JSON.stringify(STARRY_BOLD).slice(1, -1))).toHaveLength(3);
    expect(text).not.toContain('*Ann*');
  });
});

const picker = (view: { blocks: unknown[] }) =>
  (view.blocks as SectionBlock[]).find((b) => b.block_id === BLOCK.homeLanguage)?.accessory as StaticSelect;

describe('buildHomeView: the language picker', () => {
  it('offers "Follow my Slack language" and every language in its own name, the current choice selected', () => {
    const view = buildHomeView(en, model());
    const select = picker(view);
    expect(select).toMatchObject({ type: 'static_select', action_id: ACTION.homeLanguage });
    expect(select.options!.map((o) => [o.value, o.text.text])).toEqual([
      ['auto', 'Follow my Slack language'],
      ...LANGUAGES.map((l) => [l.code, l.name]),
    ]);
    expect(select.initial_option?.value).toBe('auto');
    expect(json(view)).toContain('*Language*: Followup speaks English to you.');
    const fr = translatorFor('fr');
    const chosen = buildHomeView(fr, model({ languageChoice: 'fr' }));
    expect(picker(chosen).initial_option).toMatchObject({ value: 'fr', text: { text: 'Français' } });
    expect(picker(chosen).options![0]!.text.text).toBe(fr.t('home.language.auto'));
  });

  it('says recent statuses in words, and shows one it does not know as recorded (escaped)', () => {
    const text = json(
      buildHomeView(en, model({ recent: [recent(0, { status: 'failed' }), recent(1, { status: 'x<y' })] })),
    );
    expect(text).toContain('· failed ·');
    expect(text).toContain('· x&lt;y ·');
  });
});

describe('buildHomeView in every language', () => {
  it.each(EVERY_LANGUAGE)('%s: worst-case lists stay within Block Kit limits, in the language', (code, t) => {
    const followUps = worstResults(100);
    const recents = Array.from({ length: 100 }, (_, i) =>
      recent(i, { status: (['queued', 'sent', 'failed'] as const)[i % 3]!, sandbox: true }),
    );
    const view = buildHomeView(t, model({ followUps, recent: recents, sandbox: true, languageChoice: code }));
    assertBlockKitLimits('home', view);
    expect(cutPlainTexts(view)).toEqual([]);
    expect(view.blocks[0]).toMatchObject({ type: 'header', text: { text: t.t('home.title') } });
    const acts = view.blocks.find((b) => b.block_id === BLOCK.homeActions) as ActionsBlock;
    expect((acts.elements[0] as Button).text.text).toBe(t.t('home.findContact'));
    expect(openButtons(view.blocks)[0]!.text.text).toBe(t.t('home.open'));
    expect(picker(view).initial_option?.value).toBe(code);
    expect(json(view)).toContain(json(t.t('home.followUps.more', { more: 80 })).slice(1, -1));
    expect(json(view)).toContain(json(t.t('home.recent.more', { more: 85 })).slice(1, -1));
    for (const b of openButtons(view.blocks)) expect(b.accessibility_label!.length).toBeLessThanOrEqual(75);
    const empty = buildHomeView(t, model());
    assertBlockKitLimits('home', empty);
    expect(json(empty)).toContain(json(t.t('home.followUps.none')).slice(1, -1));
    expect(json(empty)).toContain(json(t.t('home.recent.none')).slice(1, -1));
  });
});
