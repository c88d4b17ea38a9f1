/**
 * splitKeyRange: the ranges loading threads read are back to back and cover the whole range exactly, also
 * when the keys found at the offsets repeat or go backwards (rows deleted between two lookups).
 */
import { describe, expect, it } from 'vitest';
import { namespaceKeys, splitKeyRange } from '../../src/store/records.js';

const whole = namespaceKeys('contacts');

describe('splitKeyRange', () => {
  it('cuts at the keys found at count / parts offsets', async () => {
    const keys = Array.from({ length: 90 }, (_, i) => `contacts:${String(i).padStart(3, '0')}`);
    const asked: number[] = [];
    const ranges = await splitKeyRange(whole, 90, 3, async (_, offset) => {
      asked.push(offset);
      return keys[offset];
    });
    expect(asked).toEqual([30, 60]);
    expect(ranges).toEqual([
      { from: 'contacts:', to: 'contacts:030' },
      { from: 'contacts:030', to: 'contacts:060' },
      { from: 'contacts:060', to: 'contacts;' },
    ]);
  });

  it('leaves out cuts that repeat, go backwards or find nothing, and never cuts before the first key', async () => {
    const found = ['contacts:b', 'contacts:b', 'contacts:a', undefined, 'contacts:c'];
    let k = 0;
    const ranges = await splitKeyRange(whole, 12, 6, async () => found[k++]);
    expect(ranges).toEqual([
      { from: 'contacts:', to: 'contacts:b' },
      { from: 'contacts:b', to: 'contacts:c' },
      { from: 'contacts:c', to: 'contacts;' },
    ]);
    expect(await splitKeyRange(whole, 2, 8, async () => 'contacts:x')).toHaveLength(2);
    expect(await splitKeyRange(whole, 0, 4, async () => undefined)).toEqual([whole]);
  });
});
