/**
 * Reading Slack payloads we rely on: `private_metadata` (our own JSON, validated like any other boundary; each
 * screen owns its schema) and the values of a view's inputs, found by action_id so layout changes do not
 * break them.
 */
import type { z } from 'zod';
import type { ViewStateValues } from './blocks.js';

export function stateValues(view: unknown): ViewStateValues {
  return (view as { state?: { values?: ViewStateValues } })?.state?.values ?? {};
}

export function parseMeta<T>(schema: z.ZodType<T>, view: unknown): T | null {
  const raw = (view as { private_metadata?: string })?.private_metadata;
  if (!raw) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The block that holds an action: field errors are keyed by block_id. */
export function blockIdOf(view: unknown, actionId: string): string | undefined {
  for (const [blockId, block] of Object.entries(stateValues(view))) if (actionId in block) return blockId;
  return undefined;
}

export function hasAction(view: unknown, actionId: string): boolean {
  return blockIdOf(view, actionId) !== undefined;
}
