import { describe, expect, it } from 'vitest';
import { LIMITS, assertBlockKitLimits, blockKitViolations, blocksTextLength } from './block-kit-limits.js';

const t = (text: string) => ({ type: 'plain_text', text });
const m = (text: string) => ({ type: 'mrkdwn', text });
const x = (n: number) => 'x'.repeat(n);
const opt = (text: string, value: string, description?: string) => ({
  text: t(text),
  value,
  ...(description ? { description: t(description) } : {}),
});

function modal(blocks: unknown[], extra: Record<string, unknown> = {}) {
  return { type: 'modal', title: t('Follow up'), close: t('Close'), blocks, ...extra };
}

/** The single violation a payload has, so each test proves the checker names the right rule. */
function only(surface: 'modal' | 'home' | 'message', payload: unknown): string {
  const v = blockKitViolations(surface, payload);
  expect(v, JSON.stringify(v)).toHaveLength(1);
  return v[0]!;
}

describe('assertBlockKitLimits', () => {
  it('accepts a valid modal, home and message', () => {
    const blocks = [
      { type: 'header', text: t('Hello') },
      {
        type: 'section',
        text: m('*bold*'),
        accessory: { type: 'button', text: t('Open'), action_id: 'a1', value: 'v' },
      },
      { type: 'context', elements: [m('one'), m('two')] },
      { type: 'divider' },
    ];
    expect(() => assertBlockKitLimits('modal', modal(blocks))).not.toThrow();
    expect(() => assertBlockKitLimits('home', { type: 'home', blocks })).not.toThrow();
    expect(() => assertBlockKitLimits('message', { text: 'fallback', blocks })).not.toThrow();
    expect(() => assertBlockKitLimits('message', blocks)).not.toThrow();
  });

  it('throws one error listing every violation', () => {
    const payload = modal(
      [
        { type: 'header', text: t(x(151)) },
        { type: 'section', text: m(x(3001)) },
      ],
      { title: t(x(25)) },
    );
    expect(() => assertBlockKitLimits('modal', payload)).toThrowError(
      /\(3\)[\s\S]*title[\s\S]*blocks\[0\]\.text[\s\S]*blocks\[1\]\.text/,
    );
  });

  it('counts blocks: 50 per message, 100 per modal or home', () => {
    const div = { type: 'divider' };
    expect(blockKitViolations('message', { text: 'x', blocks: Array(50).fill(div) })).toEqual([]);
    expect(only('message', { text: 'x', blocks: Array(51).fill(div) })).toMatch(/number of blocks is 51, limit 50/);
    expect(blockKitViolations('modal', modal(Array(100).fill(div)))).toEqual([]);
    expect(only('modal', modal(Array(101).fill(div)))).toMatch(/number of blocks is 101, limit 100/);
    expect(only('home', { type: 'home', blocks: Array(101).fill(div) })).toMatch(/limit 100/);
  });

  it('limits modal title, submit and close to 24 characters, plain_text only', () => {
    expect(only('modal', modal([], { title: t(x(25)) }))).toMatch(/^title: text length is 25, limit 24/);
    expect(only('modal', modal([], { submit: t(x(25)) }))).toMatch(/^submit: text length is 25/);
    expect(only('modal', modal([], { close: t(x(25)) }))).toMatch(/^close: text length is 25/);
    expect(only('modal', modal([], { title: m('Title') }))).toMatch(/title: must be plain_text/);
    expect(only('modal', { type: 'modal', blocks: [] })).toMatch(/title: missing text object/);
  });

  it('checks the view type matches the surface', () => {
    expect(only('home', { ...modal([]), title: undefined })).toMatch(/type: expected "home"/);
  });

  it('limits private_metadata to 3000, callback_id and external_id to 255', () => {
    expect(blockKitViolations('modal', modal([], { private_metadata: x(3000) }))).toEqual([]);
    expect(only('modal', modal([], { private_metadata: x(3001) }))).toMatch(
      /private_metadata: private_metadata length is 3001, limit 3000/,
    );
    expect(only('modal', modal([], { callback_id: x(256) }))).toMatch(/callback_id: .*256, limit 255/);
    expect(only('home', { type: 'home', blocks: [], external_id: x(256) })).toMatch(/external_id/);
  });

  it('limits a whole view to 250 kB', () => {
    const blocks = Array.from({ length: 90 }, () => ({ type: 'section', text: m(x(2900)) }));
    expect(only('modal', modal(blocks))).toMatch(/view: JSON size in bytes is \d+, limit 250000/);
  });

  it('limits block_id and action_id to 255 and rejects duplicates', () => {
    expect(only('modal', modal([{ type: 'divider', block_id: x(256) }]))).toMatch(
      /blocks\[0\]\.block_id: length is 256/,
    );
    expect(
      only(
        'modal',
        modal([
          { type: 'divider', block_id: 'b' },
          { type: 'divider', block_id: 'b' },
        ]),
      ),
    ).toMatch(/duplicate block_id "b"/);
    const btn = (id: string) => ({ type: 'button', text: t('Go'), action_id: id });
    expect(only('modal', modal([{ type: 'actions', elements: [btn(x(256))] }]))).toMatch(/action_id: length is 256/);
  });

  it('wants action_ids unique within a view, and within a block for messages', () => {
    const btn = { type: 'button', text: t('Go'), action_id: 'same' };
    const twoBlocks = [
      { type: 'actions', elements: [btn] },
      { type: 'actions', elements: [btn] },
    ];
    expect(only('modal', modal(twoBlocks))).toMatch(
      /blocks\[1\]\.elements\[0\]\.action_id: duplicate action_id "same" \(first at blocks\[0\]/,
    );
    expect(only('home', { type: 'home', blocks: twoBlocks })).toMatch(/duplicate action_id/);
    expect(blockKitViolations('message', { text: 'x', blocks: twoBlocks })).toEqual([]);
    expect(only('message', { text: 'x', blocks: [{ type: 'actions', elements: [btn, btn] }] })).toMatch(
      /duplicate action_id/,
    );
  });

  it('limits section text to 3000 and fields to 10 × 2000', () => {
    expect(only('modal', modal([{ type: 'section', text: m(x(3001)) }]))).toMatch(
      /blocks\[0\]\.text: text length is 3001, limit 3000/,
    );
    expect(only('modal', modal([{ type: 'section', text: m('') }]))).toMatch(/text is empty/);
    expect(only('modal', modal([{ type: 'section', fields: Array(11).fill(m('f')) }]))).toMatch(
      /number of fields is 11, limit 10/,
    );
    expect(only('modal', modal([{ type: 'section', fields: [m(x(2001))] }]))).toMatch(
      /fields\[0\]: text length is 2001, limit 2000/,
    );
    expect(only('modal', modal([{ type: 'section' }]))).toMatch(/needs text or fields/);
  });

  it('limits header text to 150 and wants plain_text', () => {
    expect(only('modal', modal([{ type: 'header', text: t(x(151)) }]))).toMatch(/limit 150/);
    expect(only('modal', modal([{ type: 'header', text: m('x') }]))).toMatch(/must be plain_text/);
  });

  it('limits placeholders to 150', () => {
    const el = { type: 'plain_text_input', action_id: 'a', placeholder: t(x(151)) };
    expect(only('modal', modal([{ type: 'input', label: t('L'), element: el }], { submit: t('Send') }))).toMatch(
      /element\.placeholder: text length is 151, limit 150/,
    );
  });

  it('limits option text, description and value to 75', () => {
    const select = (o: unknown) => ({
      type: 'actions',
      elements: [{ type: 'static_select', action_id: 's', options: [o] }],
    });
    expect(blockKitViolations('modal', modal([select(opt(x(75), x(75), x(75)))]))).toEqual([]);
    expect(only('modal', modal([select(opt(x(76), 'v'))]))).toMatch(/options\[0\]\.text: text length is 76, limit 75/);
    expect(only('modal', modal([select(opt('a', 'v', x(76)))]))).toMatch(
      /options\[0\]\.description: text length is 76, limit 75/,
    );
    expect(only('modal', modal([select(opt('a', x(76)))]))).toMatch(/options\[0\]\.value: length is 76, limit 75/);
    expect(only('modal', modal([select({ text: m('a'), value: 'v' })]))).toMatch(
      /options\[0\]\.text: must be plain_text/,
    );
  });

  it('limits static selects to 100 options or groups, and checks the initial option is one of them', () => {
    const options = (n: number) => Array.from({ length: n }, (_, i) => opt(`o${i}`, `v${i}`));
    const sel = (extra: Record<string, unknown>) =>
      modal([{ type: 'actions', elements: [{ type: 'static_select', action_id: 's', ...extra }] }]);
    expect(blockKitViolations('modal', sel({ options: options(100) }))).toEqual([]);
    expect(only('modal', sel({ options: options(101) }))).toMatch(/number of options is 101, limit 100/);
    expect(only('modal', sel({ options: options(2), initial_option: opt('zz', 'zz') }))).toMatch(
      /initial option "zz" is not one of the options/,
    );
    expect(only('modal', sel({ options: [opt('a', 'v'), opt('b', 'v')] }))).toMatch(/duplicate option value "v"/);
    const groups = Array.from({ length: 101 }, (_, i) => ({ label: t(`g${i}`), options: [opt(`o${i}`, `v${i}`)] }));
    expect(only('modal', sel({ option_groups: groups }))).toMatch(/number of option groups is 101, limit 100/);
    expect(only('modal', sel({ option_groups: [{ label: t(x(76)), options: [opt('a', 'a')] }] }))).toMatch(
      /label: text length is 76, limit 75/,
    );
    expect(only('modal', sel({}))).toMatch(/needs options or option_groups/);
  });

  it('limits overflow to 5 options and radio buttons / checkboxes to 10', () => {
    const options = (n: number) => Array.from({ length: n }, (_, i) => opt(`o${i}`, `v${i}`));
    const acts = (el: Record<string, unknown>) => modal([{ type: 'actions', elements: [{ action_id: 'a', ...el }] }]);
    expect(only('modal', acts({ type: 'overflow', options: options(6) }))).toMatch(/number of options is 6, limit 5/);
    expect(only('modal', acts({ type: 'radio_buttons', options: options(11) }))).toMatch(
      /number of options is 11, limit 10/,
    );
    expect(only('modal', acts({ type: 'checkboxes', options: options(11) }))).toMatch(/limit 10/);
    expect(
      blockKitViolations('modal', acts({ type: 'checkboxes', options: [{ text: m('*md ok*'), value: 'v' }] })),
    ).toEqual([]);
  });

  it('limits context to 10 elements and actions to 25', () => {
    expect(only('message', { text: 'x', blocks: [{ type: 'context', elements: Array(11).fill(m('c')) }] })).toMatch(
      /number of elements is 11, limit 10/,
    );
    const buttons = Array.from({ length: 26 }, (_, i) => ({ type: 'button', text: t('b'), action_id: `b${i}` }));
    expect(only('message', { text: 'x', blocks: [{ type: 'actions', elements: buttons }] })).toMatch(
      /number of elements is 26, limit 25/,
    );
    expect(only('message', { text: 'x', blocks: [{ type: 'actions', elements: [] }] })).toMatch(
      /needs at least one element/,
    );
  });

  it('limits input labels and hints to 2000 and plain_text_input values and lengths to 3000', () => {
    const input = (label: string, el: Record<string, unknown>, hint?: string) =>
      modal(
        [
          {
            type: 'input',
            label: t(label),
            ...(hint ? { hint: t(hint) } : {}),
            element: { type: 'plain_text_input', action_id: 'i', ...el },
          },
        ],
        {
          submit: t('Send'),
        },
      );
    expect(blockKitViolations('modal', input('L', { initial_value: x(3000), max_length: 3000 }))).toEqual([]);
    expect(only('modal', input(x(2001), {}))).toMatch(/label: text length is 2001, limit 2000/);
    expect(only('modal', input('L', {}, x(2001)))).toMatch(/hint: text length is 2001, limit 2000/);
    expect(only('modal', input('L', { initial_value: x(3001) }))).toMatch(
      /initial_value: initial_value length is 3001, limit 3000/,
    );
    expect(only('modal', input('L', { max_length: 3001 }))).toMatch(/max_length: value is 3001, limit 3000/);
    expect(only('modal', input('L', { initial_value: 'abcdef', max_length: 5 }))).toMatch(
      /exceeds the element's max_length 5/,
    );
  });

  it('requires submit on a modal with an input block', () => {
    const payload = modal([{ type: 'input', label: t('L'), element: { type: 'plain_text_input', action_id: 'i' } }]);
    expect(only('modal', payload)).toMatch(/^submit: a modal with an input block must define submit/);
    expect(blockKitViolations('modal', { ...payload, submit: t('Send') })).toEqual([]);
  });

  it('limits button text to 75 and value to 2000', () => {
    const btn = (el: Record<string, unknown>) =>
      modal([{ type: 'actions', elements: [{ type: 'button', action_id: 'b', text: t('Go'), ...el }] }]);
    expect(only('modal', btn({ text: t(x(76)) }))).toMatch(/text: text length is 76, limit 75/);
    expect(only('modal', btn({ value: x(2001) }))).toMatch(/value: value length is 2001, limit 2000/);
    expect(only('modal', btn({ url: x(3001) }))).toMatch(/url length is 3001, limit 3000/);
    expect(only('modal', btn({ text: m('Go') }))).toMatch(/must be plain_text/);
  });

  it('checks confirmation dialogs', () => {
    const confirm = { title: t(x(101)), text: t('Sure?'), confirm: t('Yes'), deny: t('No') };
    const payload = modal([
      { type: 'actions', elements: [{ type: 'button', action_id: 'b', text: t('Go'), confirm }] },
    ]);
    expect(only('modal', payload)).toMatch(/confirm\.title: text length is 101, limit 100/);
  });

  it('keeps a message within the ~12,000-character block text budget and wants a fallback text', () => {
    const blocks = Array.from({ length: 5 }, () => ({ type: 'section', text: m(x(2500)) }));
    expect(blocksTextLength(blocks)).toBe(12_500);
    expect(only('message', { text: 'x', blocks })).toMatch(/total text characters is 12500, limit 12000/);
    expect(only('message', { blocks: [{ type: 'divider' }] })).toMatch(/needs a fallback text/);
    expect(only('message', { text: x(LIMITS.messageText + 1), blocks: [] })).toMatch(/limit 40000/);
  });

  it('counts lengths in UTF-16 units (an emoji is 2)', () => {
    expect(only('modal', modal([], { title: t('😀'.repeat(13)) }))).toMatch(/text length is 26, limit 24/);
  });

  it('rejects input blocks in messages and non-objects', () => {
    expect(
      only('message', {
        text: 'x',
        blocks: [{ type: 'input', label: t('L'), element: { type: 'plain_text_input', action_id: 'i' } }],
      }),
    ).toMatch(/input blocks belong in modals/);
    expect(blockKitViolations('modal', 'nope')).toEqual(['modal: payload must be a view object']);
    expect(only('modal', { ...modal([]), blocks: 'x' })).toMatch(/blocks: must be an array/);
  });
});
