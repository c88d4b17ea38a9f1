/**
 * compareKeyOrder sorts as both stores sort their keys (UTF-8 bytes), and AddressBook.load, fed contacts in
 * any order, gives a shared address to the contact first in that order — as a load in key order does.
 */
import { describe, expect, it } from 'vitest';
import { AddressBook } from '../../src/contacts/address-book.js';
import { compareKeyOrder } from '../../src/contacts/key-order.js';
import { mulberry32 } from '../../src/demo/demo-events.js';

const rand = mulberry32(77);
/** Characters where code units and bytes disagree (surrogate pairs against E000–FFFF) and plain ones. */
const ALPHABET = ['a', 'b', 'Z', '-', 'é', 'ữ', '\uE000', '\uFFFD', '😀', '𝄞', '中', ''];
const randomId = () =>
  Array.from({ length: 1 + Math.floor(rand() * 4) }, () => ALPHABET[Math.floor(rand() * 12)]).join('');
const sign = (n: number) => Math.sign(n);

describe('compareKeyOrder', () => {
  it('agrees with the byte order of UTF-8 on random strings, surrogate pairs included', () => {
    for (let k = 0; k < 5000; k++) {
      const a = randomId();
      const b = randomId();
      expect(sign(compareKeyOrder(a, b)), `${a} vs ${b}`).toBe(sign(Buffer.compare(Buffer.from(a), Buffer.from(b))));
    }
    // Where JavaScript's own < is wrong: U+1F600 is after U+FFFD in bytes, before it in code units.
    expect('😀' < '\uFFFD').toBe(true);
    expect(compareKeyOrder('😀', '\uFFFD')).toBeGreaterThan(0);
  });
});

describe('AddressBook.load', () => {
  it('gives a shared address to the contact first in key order, whatever order the load hands them on in', () => {
    const contacts = Array.from({ length: 400 }, (_, i) => ({
      id: `${randomId()}-${i}`,
      channels: [
        { type: 'whatsapp' as const, address: `+84 ${Math.floor(rand() * 40)}` },
        { type: 'email' as const, address: `Ops${Math.floor(rand() * 40)}@Example.com` },
      ],
    }));
    const inKeyOrder = new AddressBook();
    for (const c of [...contacts].sort((a, b) => compareKeyOrder(a.id, b.id))) inKeyOrder.upsert(c);
    for (let run = 0; run < 5; run++) {
      const shuffled = [...contacts].sort(() => rand() - 0.5);
      const book = new AddressBook();
      for (const c of shuffled) book.load(c);
      for (let n = 0; n < 40; n++) {
        expect(book.resolve('whatsapp', `+84 ${n}`)).toBe(inKeyOrder.resolve('whatsapp', `+84 ${n}`));
        expect(book.resolve('email', `ops${n}@example.com`)).toBe(inKeyOrder.resolve('email', `ops${n}@example.com`));
      }
      // After the load, a write follows the usual rule: a later duplicate does not take the address.
      const holder = book.resolve('whatsapp', '+84 1')!;
      book.upsert({ id: '\u0000first', channels: [{ type: 'whatsapp', address: '+84 1' }] });
      expect(book.resolve('whatsapp', '+84 1')).toBe(holder);
    }
  });
});
