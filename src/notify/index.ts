/**
 * notify/: the window schedule and the notifier that turns it into Slack reminders and notices. The schedule
 * (schedule.ts) composes a pure planner (planner.ts), the in-memory due index (due-index.ts) and its storage
 * (schedule-store.ts over storage.ts).
 *
 * Composition root:
 *   const schedule = new WindowSchedule({ kv: store.namespace('schedule'), leadMinutes, rules, watch });
 *   await schedule.load(clock());                      // once, before anything re-arms
 *   ingest → after applying an event that changed a contact: await schedule.rearm(contact, clock())
 *            (inbound message, outbound send — the WeChat cap —, conversation opened/closed)
 *   const notifier = new Notifier({ schedule, sink, clock, loadContact: (id) => store.contacts.get(id), rules });
 *   notifier.start(60_000);  …  await notifier.stop();
 */
export {
  WindowSchedule,
  DEFAULT_LEAD_MINUTES,
  DEFAULT_GRACE_MS,
  DEFAULT_RETENTION_MS,
  idempotencyKey,
} from './schedule.js';
export type {
  WindowScheduleOptions,
  ScheduledEntry,
  DueEntry,
  RearmResult,
  LoadResult,
  Claim,
  NoticeKind,
  WindowEdge,
  WatchMode,
  LeadMinutes,
  EntryState,
} from './schedule.js';
export {
  groupNotices,
  summarizeGroup,
  describeNotice,
  describePossible,
  floorMinute,
  DEFAULT_MAX_PER_MESSAGE,
} from './digest.js';
export type { Notice, NoticeGroup, GroupOptions } from './digest.js';
export { Notifier, DEFAULT_SLACK_CHANNEL } from './ticker.js';
export type { NoticeSink, NotifierOptions, TickResult } from './ticker.js';
