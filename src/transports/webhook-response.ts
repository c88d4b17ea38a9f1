/**
 * What every webhook does alike: read a JSON body, refuse a request (logged by the route, never applied),
 * acknowledge one.
 */
import type { z } from 'zod';
import { stripByteOrderMark } from '../contract/byte-order-mark.js';
import type { DeliveryStatus } from '../contract/delivery-reports.js';
import type { ProviderIngestEvent } from '../contract/ingest-events.js';
import { parseJson } from './http.js';
import type { WebhookResponse } from './provider.js';

/** The body as JSON (a leading byte-order mark allowed) in the shape `schema` reads, or undefined. */
export function jsonBody<S extends z.ZodType>(rawBody: string, schema: S): z.output<S> | undefined {
  const parsed = schema.safeParse(parseJson(stripByteOrderMark(rawBody)));
  return parsed.success ? parsed.data : undefined;
}

/** Refused: nothing is applied; `why` is logged, never echoed to the caller. */
export function refused(status: number, why: string): WebhookResponse {
  return { status, events: [], refused: why };
}

/** 200 with what to apply (delivery reports only where there are some). */
export function acknowledged(
  events: ProviderIngestEvent[] = [],
  statuses: DeliveryStatus[] = [],
  reply: Pick<WebhookResponse, 'body' | 'contentType'> = {},
): WebhookResponse {
  return { status: 200, ...reply, events, ...(statuses.length > 0 ? { statuses } : {}) };
}
