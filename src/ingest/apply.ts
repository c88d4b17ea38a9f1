/**
 * applyEvents: validate, de-duplicate and apply a batch of ingest events. One bad event never blocks the
 * good ones; events about one contact apply in the order given; a replayed event id is `duplicate`, and only
 * an applied id counts: a copy re-sent after its first copy was rejected gets its own chance.
 * Event times more than MAX_CLOCK_SKEW_MS ahead of our clock are rejected (they would anchor windows).
 *
 * Bulk path: events are grouped by contact and applied a batch of contacts at a time under their locks —
 * one read (`getMany`), one write (`putMany`) and one write of the applied event ids per batch.
 *
 * Order of writes per batch: contacts, then counters, then the applied ids. A crash in between re-applies
 * that batch on replay (at least once): anchors and statuses are unaffected (they only move forward), the
 * outbound counts may come out one higher, which errs on the side of sending less.
 */
import type { Contact } from '../contacts/model.js';
import type { RuleOverrides } from '../policy/index.js';
import { type Store, formatZodError } from '../store/index.js';
import {
  type ContactEvent,
  EVENT_TYPES,
  type IngestEvent,
  contactIdOf,
  eventProblem,
  ingestEventSchema,
} from './events.js';
import { reduceContactEvent } from './reduce.js';

export type IngestStatus = 'accepted' | 'duplicate' | 'rejected';

export interface IngestResult {
  /** Position of the event in the request (JSON array index, or running count for NDJSON). */
  index: number;
  /** NDJSON line number, when the event came from one. */
  line?: number;
  id?: string;
  status: IngestStatus;
  /** One line: where (`events[3].contact.email`, `line 4: contact.email`) and what. */
  reason?: string;
}

/** Where an event came from, for results and reasons. */
export interface EventSource {
  index: number;
  line?: number | null;
}

export interface ApplyOptions {
  /** Our clock (record `updatedAt`, applied-at of event ids, the limit on event times). Default: the system clock. */
  now?: () => Date;
  /** The operator's channel rule overrides (Viber window length decides chatbot-initiated counting). */
  rules?: RuleOverrides;
  /** One per event; default `{ index: i }`. */
  sources?: ReadonlyArray<EventSource>;
  /** Contacts per read/write batch. */
  batchSize?: number;
}

const DEFAULT_BATCH = 1000;

type Located<E> = { i: number; event: E };
type EventOutcome = { i: number; status: IngestStatus; reason?: string };

interface GroupOutcome {
  contact: Contact | undefined;
  changed: boolean;
  outcomes: EventOutcome[];
  counters: string[];
}

/** Every event of one contact, in order, on top of its stored record. */
function reduceGroup(
  current: Contact | undefined,
  group: ReadonlyArray<Located<ContactEvent>>,
  now: Date,
  rules: RuleOverrides | undefined,
): GroupOutcome {
  let contact = current;
  let changed = false;
  const outcomes: EventOutcome[] = [];
  const counters: string[] = [];
  // A re-sent copy is a duplicate only once an earlier copy applied.
  const appliedIds = new Set<string>();
  for (const { i, event } of group) {
    if (appliedIds.has(event.id)) {
      outcomes.push({ i, status: 'duplicate' });
      continue;
    }
    const r = reduceContactEvent(contact, event, { now, rules });
    if (!r.ok) {
      outcomes.push({ i, status: 'rejected', reason: r.reason });
      continue;
    }
    changed ||= r.contact !== contact;
    contact = r.contact;
    counters.push(...r.counters);
    appliedIds.add(event.id);
    outcomes.push({ i, status: 'accepted' });
  }
  return { contact, changed, outcomes, counters };
}

function aboutOf(event: IngestEvent): string {
  const contactId = contactIdOf(event);
  return contactId === null ? 'a template' : `contact "${contactId}"`;
}

export async function applyEvents(
  store: Store,
  events: readonly unknown[],
  opts: ApplyOptions = {},
): Promise<IngestResult[]> {
  // One batch at a time per process: the duplicate check and the recording of ids must not interleave.
  return store.withLock('ingest:apply', () => applyUnlocked(store, events, opts));
}

async function applyUnlocked(store: Store, events: readonly unknown[], opts: ApplyOptions): Promise<IngestResult[]> {
  const clock = opts.now ?? (() => new Date());
  const receivedAt = clock();
  const batchSize = opts.batchSize ?? DEFAULT_BATCH;
  const results = new Array<IngestResult>(events.length);

  const sourceOf = (i: number): EventSource => opts.sources?.[i] ?? { index: i };
  const locate = (i: number, path = ''): string => {
    const s = sourceOf(i);
    if (s.line != null) return path ? `line ${s.line}: ${path}` : `line ${s.line}`;
    return path ? `events[${s.index}].${path}` : `events[${s.index}]`;
  };
  const settle = (i: number, status: IngestStatus, id: string | undefined, reason?: string) => {
    const s = sourceOf(i);
    results[i] = {
      index: s.index,
      ...(s.line != null ? { line: s.line } : {}),
      ...(id !== undefined ? { id } : {}),
      status,
      ...(reason !== undefined ? { reason } : {}),
    };
  };

  // 1. Validate.
  const valid: Array<Located<IngestEvent>> = [];
  events.forEach((raw, i) => {
    const rawId = typeof (raw as { id?: unknown })?.id === 'string' ? (raw as { id: string }).id : undefined;
    const type = (raw as { type?: unknown })?.type;
    if (typeof type === 'string' && !(EVENT_TYPES as string[]).includes(type)) {
      settle(
        i,
        'rejected',
        rawId,
        `${locate(i, 'type')}: unknown event type "${type}" (expected ${EVENT_TYPES.join(', ')})`,
      );
      return;
    }
    const parsed = ingestEventSchema.safeParse(raw);
    if (!parsed.success) {
      const s = sourceOf(i);
      const reason =
        s.line != null
          ? `${locate(i)}: ${formatZodError(parsed.error, '', 2)}`
          : formatZodError(parsed.error, locate(i), 2);
      settle(i, 'rejected', rawId, reason);
      return;
    }
    const problem = eventProblem(parsed.data, receivedAt, opts.rules);
    if (problem) {
      settle(i, 'rejected', parsed.data.id, `${locate(i, problem.path)}: ${problem.message}`);
      return;
    }
    valid.push({ i, event: parsed.data });
  });

  // 2. Duplicates of ids applied before. Copies within this batch are settled as they apply (below).
  const applied = new Set<string>();
  const ids = [...new Set(valid.map((v) => v.event.id))];
  for (let b = 0; b < ids.length; b += 5000) {
    for (const id of await store.events.applied(ids.slice(b, b + 5000))) applied.add(id);
  }

  // 3. Group by contact, keeping the given order within each contact. An id belongs to the contact (or the
  // templates) of its first event; a copy about something else waits for that event's outcome.
  const firstWithId = new Map<string, Located<IngestEvent>>();
  const elsewhere: Array<Located<IngestEvent> & { first: Located<IngestEvent> }> = [];
  const groups = new Map<string, Array<Located<ContactEvent>>>();
  const templates: Array<Located<Extract<IngestEvent, { type: 'template.upserted' }>>> = [];
  for (const v of valid) {
    if (applied.has(v.event.id)) {
      settle(v.i, 'duplicate', v.event.id);
      continue;
    }
    const first = firstWithId.get(v.event.id);
    if (!first) firstWithId.set(v.event.id, v);
    else if (contactIdOf(first.event) !== contactIdOf(v.event)) {
      elsewhere.push({ ...v, first });
      continue;
    }
    const contactId = contactIdOf(v.event);
    if (v.event.type === 'template.upserted') templates.push({ i: v.i, event: v.event });
    else if (contactId !== null) {
      let group = groups.get(contactId);
      if (!group) groups.set(contactId, (group = []));
      group.push({ i: v.i, event: v.event });
    }
  }

  const eventOf = new Map(valid.map((v) => [v.i, v.event]));
  const toRecord: Array<{ id: string; type: string }> = [];
  const appliedNow = new Set<string>();
  const accept = (i: number) => {
    const event = eventOf.get(i)!;
    settle(i, 'accepted', event.id);
    toRecord.push({ id: event.id, type: event.type });
    appliedNow.add(event.id);
  };

  // 4. Templates: few, one by one.
  for (const { i, event } of templates) {
    if (appliedNow.has(event.id)) {
      settle(i, 'duplicate', event.id);
      continue;
    }
    try {
      await store.templates.upsert(event.template);
      accept(i);
    } catch (error) {
      settle(i, 'rejected', event.id, `${locate(i)}: ${(error as Error).message}`);
    }
  }

  // 5. Contacts, a batch at a time.
  const contactIds = [...groups.keys()];
  for (let b = 0; b < contactIds.length; b += batchSize) {
    const chunk = contactIds.slice(b, b + batchSize);
    const now = clock();
    const outcomes = new Map<string, GroupOutcome>();
    try {
      await store.contacts.updateMany(chunk, (current) => {
        const changed: Contact[] = [];
        for (const id of chunk) {
          const outcome = reduceGroup(current.get(id), groups.get(id)!, now, opts.rules);
          outcomes.set(id, outcome);
          if (outcome.changed && outcome.contact) changed.push(outcome.contact);
        }
        return changed;
      });
    } catch {
      // One unreadable or unwritable contact must not sink the batch: redo it contact by contact.
      outcomes.clear();
      for (const id of chunk) {
        try {
          await store.contacts.updateOrCreate(id, (current) => {
            const outcome = reduceGroup(current, groups.get(id)!, now, opts.rules);
            outcomes.set(id, outcome);
            return outcome.changed ? outcome.contact : undefined;
          });
        } catch (error) {
          outcomes.set(id, {
            contact: undefined,
            changed: false,
            counters: [],
            outcomes: groups.get(id)!.map(({ i }) => ({
              i,
              status: 'rejected',
              reason: `not stored: ${(error as Error).message}`,
            })),
          });
        }
      }
    }

    const counterDeltas = new Map<string, number>();
    for (const outcome of outcomes.values()) {
      for (const key of outcome.counters) counterDeltas.set(key, (counterDeltas.get(key) ?? 0) + 1);
      for (const o of outcome.outcomes) {
        if (o.status === 'accepted') accept(o.i);
        else if (o.status === 'duplicate') settle(o.i, 'duplicate', eventOf.get(o.i)?.id);
        else settle(o.i, 'rejected', eventOf.get(o.i)?.id, `${locate(o.i)}: ${o.reason}`);
      }
    }
    for (const [key, by] of counterDeltas) await store.counters.increment(key, by);
    await store.events.recordMany(toRecord.splice(0), now);
  }
  if (toRecord.length > 0) await store.events.recordMany(toRecord.splice(0), clock());

  // 6. Copies of an id first used for another contact (or a template): a duplicate if that event applied.
  for (const { i, event, first } of elsewhere) {
    if (appliedNow.has(event.id)) {
      settle(i, 'duplicate', event.id);
      continue;
    }
    const firstUse = `${locate(first.i)} (about ${aboutOf(first.event)})`;
    const reason = `"${event.id}" is also the id of ${firstUse}, which was rejected; give each event its own id`;
    settle(i, 'rejected', event.id, `${locate(i, 'id')}: ${reason}`);
  }

  return results;
}
