/**
 * The order both stores keep their keys in: UTF-8 bytes (SQLite's BINARY collation, PostgreSQL's "C"),
 * which is code point order. JavaScript's `<` compares UTF-16 code units instead, and the two disagree
 * when a character above U+FFFF (a surrogate pair, D800–DFFF) meets one in E000–FFFF.
 */
export function compareKeyOrder(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates stand for code points past FFFF: move them above E000–FFFF, the rest keeps its order.
    if (x >= 0xd800 && y >= 0xd800) {
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x - y;
  }
  return a.length - b.length;
}
