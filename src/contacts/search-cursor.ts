/**
 * The opaque `nextCursor` of a contact search: the sort position (activity, id) of the last contact of a
 * page. Keyset, not offset, so a page after an upsert neither repeats nor skips contacts that did not move.
 */

/** Thrown for a `cursor` this index did not produce; the caller should restart from the first page. */
export class InvalidCursorError extends Error {
  constructor(cursor: string) {
    super(`Invalid search cursor "${cursor.slice(0, 40)}": start the search again without a cursor.`);
    this.name = 'InvalidCursorError';
  }
}

export interface CursorPosition {
  /** lastActivityAt of the last contact shown, ms. */
  activity: number;
  id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.activity, position.id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): CursorPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError(cursor);
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 2 ||
    typeof parsed[0] !== 'number' ||
    !Number.isFinite(parsed[0]) ||
    typeof parsed[1] !== 'string'
  ) {
    throw new InvalidCursorError(cursor);
  }
  return { activity: parsed[0], id: parsed[1] };
}
