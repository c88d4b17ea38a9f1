/**
 * A local fake of the Graph API on 127.0.0.1 (port 0): records every request exactly as received and answers
 * with what the test scripted.
 */
import { contactSchema } from '../../../src/contacts/model.js';
import type { PlannedSend } from '../../../src/policy/index.js';
import type { ProviderDeps } from '../../../src/transports/provider.js';
import { type FakeApi, type RecordedRequest, startFakeApi } from '../../support/fake-api.js';
import { plannedSend } from '../../support/planned-send.js';

export interface Scripted {
  status: number;
  body?: unknown;
  /** Never answer (to exercise timeouts). */
  hang?: boolean;
}

export interface FakeGraph {
  baseUrl: string;
  requests: RecordedRequest[];
  /** Answers by request, in order; the last one repeats. */
  answer(fn: (req: RecordedRequest, base: string) => Scripted): void;
  close(): Promise<void>;
}

/** The project's fake API (support/fake-api.ts), answering JSON as Graph does, its handler told its own URL. */
export async function startFakeGraph(): Promise<FakeGraph> {
  let handler: (req: RecordedRequest, base: string) => Scripted = () => ({
    status: 500,
    body: { error: { message: 'not scripted' } },
  });
  const api: FakeApi = await startFakeApi((req) => {
    const out = handler(req, api.url); // requests come once it listens, so api is set
    if (out.hang) return 'hang'; // left open until the client aborts
    return { status: out.status, body: out.body, headers: { 'content-type': 'application/json' } };
  });
  return {
    baseUrl: api.url,
    requests: api.requests,
    answer(fn) {
      handler = fn;
    },
    close: () => api.close(),
  };
}

export interface LogLine {
  level: 'info' | 'warn' | 'error';
  args: unknown[];
}

export function testDeps(now = new Date('2026-03-01T10:00:00Z')): ProviderDeps & { logs: LogLine[] } {
  const logs: LogLine[] = [];
  return {
    fetch: globalThis.fetch,
    now: () => now,
    logs,
    logger: {
      info: (...args: unknown[]) => logs.push({ level: 'info', args }),
      warn: (...args: unknown[]) => logs.push({ level: 'warn', args }),
      error: (...args: unknown[]) => logs.push({ level: 'error', args }),
    },
  };
}

export const PHONE_NUMBER_ID = '106540352242922';
export const WABA_ID = '102290129340398';
export const ACCESS_TOKEN = 'EAAJB-test-access-token-0123456789';
export const APP_SECRET = 'app-secret-for-tests-9f8e7d';
export const VERIFY_TOKEN = 'verify-me-please';

export function contactWith(address: string | undefined) {
  const at = '2026-03-01T09:00:00.000Z';
  return contactSchema.parse({
    id: 'c-1',
    firstName: 'Linh',
    statusChangedAt: at,
    lastActivityAt: at,
    createdAt: at,
    updatedAt: at,
    channels: [{ type: 'whatsapp', channelId: PHONE_NUMBER_ID, ...(address ? { address } : {}) }],
  });
}

export function textPlan(text: string): PlannedSend {
  return plannedSend('whatsapp', text);
}

export function templatePlan(
  name: string,
  language: string,
  named: Record<string, string>,
  text = 'rendered',
): PlannedSend {
  return plannedSend('whatsapp', text, {
    kind: 'template',
    billable: true,
    state: 'template_only',
    template: { name, language, parameters: Object.values(named), named },
  });
}
