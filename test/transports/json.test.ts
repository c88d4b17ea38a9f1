import { describe, expect, it } from 'vitest';
import { idString, parseJsonLossless } from '../../src/transports/json.js';

describe('parseJsonLossless', () => {
  it('keeps 64-bit integers exact as strings and leaves safe numbers alone', () => {
    expect(
      parseJsonLossless('{"a":5595771666503728439,"b":-9223372036854775807,"c":42,"d":1.5e300,"e":-0.25}'),
    ).toEqual({
      a: '5595771666503728439',
      b: '-9223372036854775807',
      c: 42,
      d: 1.5e300,
      e: -0.25,
    });
  });

  it('does not touch digits inside strings, including after escaped quotes', () => {
    const text = '{"t":"say \\"12345678901234567890\\" twice","n":[12345678901234567890]}';
    expect(parseJsonLossless(text)).toEqual({ t: 'say "12345678901234567890" twice', n: ['12345678901234567890'] });
  });

  it('still throws on malformed JSON', () => {
    expect(() => parseJsonLossless('{"a":')).toThrow();
    expect(() => parseJsonLossless('')).toThrow();
  });

  it('idString accepts strings and safe integers only', () => {
    expect(idString('77')).toBe('77');
    expect(idString(77)).toBe('77');
    expect(idString(1.5)).toBeNull();
    expect(idString('')).toBeNull();
    expect(idString(undefined)).toBeNull();
  });
});
