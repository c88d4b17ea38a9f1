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
 *
 * Across replicas (leader-duties.ts, schedule-keeper.ts): every replica tells the keeper what changed
 * (`keeper.seen(contact)`); only the leader re-arms, and its duty is `keeper.lead(contactsRead)` +
 * `notifier.start()`, with `guardClaim: (claim) => keeper.fence(claim)` on the notifier.
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
  InDoubtClaim,
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
export { Notifier, DEFAULT_SLACK_CHANNEL, DEFAULT_IN_DOUBT_AFTER_MS } from './ticker.js';
export type { ClaimGuard, NoticeSink, NotifierOptions, TickResult } from './ticker.js';
export {
  ScheduleKeeper,
  KeeperHaltedError,
  NotLeaderError,
  DEFAULT_ARMING_MARGIN_MS,
  DEFAULT_CHECKPOINT_MS,
} from './schedule-keeper.js';
export type { ScheduleKeeperOptions } from './schedule-keeper.js';
export { LeaderDuties } from './leader-duties.js';
export type { LeaderDuty, LeaderDutiesOptions, ReplicaRole } from './leader-duties.js';
