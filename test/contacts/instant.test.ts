import { describe, expect, it } from 'vitest';
import { parseInstant } from '../../src/contacts/instant.js';

describe('parseInstant', () => {
  it('reads toISOString() output exactly as Date.parse does', () => {
    let ms = Date.UTC(1899, 11, 31, 23, 59, 59, 999);
    const end = Date.UTC(2101, 0, 1);
    // A stride that lands on every month, day, hour and millisecond pattern, leap years included.
    while (ms < end) {
      const iso = new Date(ms).toISOString();
      expect(parseInstant(iso), iso).toBe(ms);
      ms += 86_400_000 * 3 + 3_600_000 * 7 + 60_000 * 13 + 1000 * 17 + 19;
    }
  });

  it('handles leap days and century rules', () => {
    for (const iso of [
      '2024-02-29T00:00:00.000Z',
      '2000-02-29T12:00:00.000Z',
      '1970-01-01T00:00:00.000Z',
      '1969-12-31T23:59:59.999Z',
    ]) {
      expect(parseInstant(iso), iso).toBe(Date.parse(iso));
    }
  });

  it('falls back to Date.parse for other forms', () => {
    expect(parseInstant('2025-03-10T14:00:00+02:00')).toBe(Date.parse('2025-03-10T12:00:00.000Z'));
    expect(parseInstant('2025-03-10T12:00:00Z')).toBe(Date.parse('2025-03-10T12:00:00.000Z'));
  });

  it('gives NaN for what is not a date', () => {
    expect(parseInstant('yesterday')).toBeNaN();
    expect(parseInstant('2025-13-01T00:00:00.000Z')).toBeNaN();
    expect(parseInstant('2025-03-10X12:00:00.000Z')).toBeNaN();
  });

  it('agrees with Date.parse (and so with new Date() elsewhere) on days a month does not have', () => {
    // V8 rolls 30 February over to 2 March; the index must sort such a record where everyone else does.
    for (const iso of ['2025-02-30T00:00:00.000Z', '2023-02-29T00:00:00.000Z', '2025-04-31T08:00:00.000Z']) {
      expect(parseInstant(iso), iso).toBe(Date.parse(iso));
    }
  });
});
