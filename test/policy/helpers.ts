/** Shared fixtures for the policy tests: a fixed anchor and millisecond arithmetic, never the wall clock. */
import type { Template } from '../../src/policy/index.js';

export const MS = 1;
export const SECOND = 1_000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** The contact's last inbound event (provider timestamp) in most tests. */
export const T0 = new Date(Date.UTC(2026, 2, 10, 12, 0, 0, 0));

/** `T0 + offset` milliseconds. */
export function after(offsetMs: number, from: Date = T0): Date {
  return new Date(from.getTime() + offsetMs);
}

/** The instants every window rule is tested at: one millisecond before, exactly at, one after the end. */
export function boundaryInstants(windowMs: number, from: Date = T0): { before: Date; exactly: Date; afterEnd: Date } {
  return {
    before: after(windowMs - 1, from),
    exactly: after(windowMs, from),
    afterEnd: after(windowMs + 1, from),
  };
}

export function template(overrides: Partial<Template> = {}): Template {
  return {
    name: 'order_update',
    language: 'en_US',
    category: 'UTILITY',
    status: 'APPROVED',
    body: 'Hello {{1}}, your order {{2}} has shipped.',
    ...overrides,
  };
}
