import { describe, expect, it } from 'vitest';
import { firstIndexAtLeast, partitionPoint } from '../../src/contacts/sorted-search.js';

describe('firstIndexAtLeast', () => {
  it('gives the first index whose value is not below the one asked, as a linear scan would', () => {
    const sorted = [1, 3, 3, 3, 7, 10];
    for (let value = 0; value <= 11; value++) {
      const scanned = sorted.findIndex((v) => v >= value);
      expect(firstIndexAtLeast(sorted, value), `value ${value}`).toBe(scanned === -1 ? sorted.length : scanned);
    }
  });

  it('is 0 for an empty list, and works on typed arrays', () => {
    expect(firstIndexAtLeast([], 5)).toBe(0);
    expect(firstIndexAtLeast(new Float64Array([2, 4, 6]), 5)).toBe(2);
  });
});

describe('partitionPoint', () => {
  it('finds where a predicate stops holding, within the range asked', () => {
    const keys = ['ann', 'linh', 'linda', 'lin', 'mai'].sort();
    const start = partitionPoint(0, keys.length, (i) => keys[i]! < 'lin');
    const end = partitionPoint(start, keys.length, (i) => keys[i]!.startsWith('lin'));
    expect(keys.slice(start, end)).toEqual(['lin', 'linda', 'linh']);
    expect(partitionPoint(2, 2, () => true)).toBe(2);
  });
});
