import { describe, expect, it } from 'vitest';
import { clip, context, option, pack, section, stateSelected, stateText } from '../../../src/slack/shared/blocks.js';

describe('Block Kit primitives', () => {
  it('clips mrkdwn at the limit without breaking an entity, a token or an emoji', () => {
    expect(clip('abc', 3)).toBe('abc');
    expect(clip('ab &amp; cd', 6)).toBe('ab …');
    expect(clip('see <!date^1^{time}|x> now', 12)).toBe('see …');
    expect(clip('a😀b', 3)).toBe('a…');
    const long = section(`${'x'.repeat(2998)}&amp;`);
    expect(long.text!.text.length).toBeLessThanOrEqual(3000);
    expect(long.text!.text.endsWith('x…')).toBe(true);
  });

  it('packs more than 10 context elements into 10, keeping them all', () => {
    const items = Array.from({ length: 23 }, (_, i) => `b${i}`);
    expect(pack(items, 10, ' ')).toHaveLength(8);
    expect(pack(items, 10, ' ').join(' ')).toBe(items.join(' '));
    expect(context(items).elements.length).toBeLessThanOrEqual(10);
    expect(context([]).elements).toHaveLength(1);
  });

  it('builds options with one-line, shortened text and description', () => {
    const o = option('a\nb', 'v', `${'d'.repeat(100)}\n`);
    expect(o.text.text).toBe('a b');
    expect(o.description!.text.length).toBe(75);
    expect(option('x', 'v', '  ').description).toBeUndefined();
  });

  it('reads state values by block and action id', () => {
    const values = { b: { a: { value: 'text' }, s: { selected_option: { value: 'opt' } } } };
    expect(stateText(values, 'b', 'a')).toBe('text');
    expect(stateSelected(values, 'b', 's')).toBe('opt');
    expect(stateText(values, 'b', 'missing')).toBeUndefined();
    expect(stateSelected(undefined, 'b', 's')).toBeUndefined();
  });
});
