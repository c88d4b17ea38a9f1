/** Text length as each provider counts it (POLICY.md trap 8: reject, never truncate). */
import type { LengthUnit } from './channels.js';

export function measureText(text: string, unit: LengthUnit): number {
  if (unit === 'utf16') return text.length;
  let n = 0;
  for (const _ of text) n++; // code points: an emoji is one character, not two
  return n;
}
