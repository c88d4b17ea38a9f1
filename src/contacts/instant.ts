/**
 * Milliseconds of an ISO-8601 instant, as Date.parse gives them. Records carry `toISOString()`'s form
 * (`2025-03-10T12:00:00.000Z`), which is read here with integer arithmetic: Date.parse cost more than
 * the rest of an upsert whose text did not change, and a bulk load reads two or three per contact.
 * Any other form (offsets, no milliseconds) goes through Date.parse. NaN when unreadable.
 */
export function parseInstant(value: string): number {
  if (value.length === 24 && value.charCodeAt(23) === 90 /* Z */ && value.charCodeAt(10) === 84 /* T */) {
    const y = digitsAt(value, 0, 4);
    const mo = digitsAt(value, 5, 2);
    const d = digitsAt(value, 8, 2);
    const h = digitsAt(value, 11, 2);
    const mi = digitsAt(value, 14, 2);
    const s = digitsAt(value, 17, 2);
    const ms = digitsAt(value, 20, 3);
    if (
      value.charCodeAt(4) === 45 &&
      value.charCodeAt(7) === 45 &&
      value.charCodeAt(13) === 58 &&
      value.charCodeAt(16) === 58 &&
      value.charCodeAt(19) === 46 &&
      y >= 0 &&
      mo >= 1 &&
      mo <= 12 &&
      d >= 1 &&
      d <= daysInMonth(y, mo) &&
      h >= 0 &&
      h < 24 &&
      mi >= 0 &&
      mi < 60 &&
      s >= 0 &&
      s < 60 &&
      ms >= 0
    ) {
      return ((daysFromCivil(y, mo, d) * 24 + h) * 60 + mi) * 60_000 + s * 1000 + ms;
    }
  }
  return Date.parse(value);
}

/** Digits value[at .. at+len) as a number, or -1 when one is not a digit. */
function digitsAt(value: string, at: number, len: number): number {
  let n = 0;
  for (let i = at; i < at + len; i++) {
    const digit = value.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    n = n * 10 + digit;
  }
  return n;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`). */
function daysFromCivil(year: number, m: number, d: number): number {
  const y = m <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}
