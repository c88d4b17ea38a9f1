/**
 * A crash between posting a notice and recording it: the next process (a restart, or the replica that takes
 * over) finds the claim in doubt and asks the sink whether that post exists before posting again. Real SQLite
 * file, two notifiers on it one after the other; the sink keeps its "channel history" like Slack does.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NoticeGroup, NoticeSink } from '../../src/notify/index.js';
import { App, Contacts, HOUR, T, TempDb, channel, contact } from './helpers.js';

/** Posts land in a channel history the sink can read back, by notice id (what message metadata does in Slack). */
class HistorySink implements NoticeSink {
  readonly posted: Array<{ noticeId: string; group: NoticeGroup }> = [];
  lookups = 0;
  /** How `findPosted` answers: from the history, "cannot tell", or with a failure. */
  lookup: 'history' | 'cannot-tell' | 'fail' = 'history';
  /** The next post hangs (the process is killed there): after reaching the channel, or before. */
  hang: 'after-posting' | 'before-posting' | null = null;
  private readonly hung: Array<() => void> = [];

  async post(group: NoticeGroup, noticeId: string): Promise<void> {
    const hang = this.hang;
    this.hang = null;
    if (hang !== 'before-posting') this.posted.push({ noticeId, group });
    if (hang) await new Promise<void>((_, reject) => this.hung.push(() => reject(new Error('killed'))));
  }

  async findPosted(_slackChannel: string, noticeIds: readonly string[]): Promise<ReadonlySet<string> | null> {
    this.lookups++;
    if (this.lookup === 'fail') throw new Error('slack unreachable');
    if (this.lookup === 'cannot-tell') return null;
    return new Set(noticeIds.filter((id) => this.posted.some((p) => p.noticeId === id)));
  }

  /** Lets the hung post fail (the test's cleanup: a killed process never gets there). */
  unhang(): void {
    for (const fail of this.hung.splice(0)) fail();
  }
}

let db: TempDb;
let contacts: Contacts;
let sink: HistorySink;
const apps: App[] = [];

function app(start: number, inDoubtAfterMs?: number) {
  const notifierOpts = inDoubtAfterMs === undefined ? {} : { inDoubtAfterMs };
  const a = new App(db, contacts, sink, start, {}, notifierOpts);
  apps.push(a);
  return a;
}

beforeEach(() => {
  db = new TempDb();
  contacts = new Contacts();
  sink = new HistorySink();
});
afterEach(async () => {
  sink.unhang();
  for (const a of apps.splice(0)) await a.stop();
  await db.cleanup();
});

const CLOSE = T + 24 * HOUR;
const ana = contact('ana', [channel('whatsapp', T, { address: '+351900000001' })], { firstName: 'Ana' });

/** A posts the closed-window notice and is killed before recording it (its tick never finishes). */
async function killedWhilePosting(hang: 'after-posting' | 'before-posting') {
  const a = app(T);
  await a.load();
  await a.ingest(ana);
  sink.hang = hang;
  void a.tickAt(CLOSE);
  while (sink.hang !== null) await new Promise((r) => setTimeout(r, 5));
  await a.schedule.settle();
  return a;
}

describe('a notice claimed, then the process killed before it was recorded', () => {
  it('found in the channel: recorded as delivered under its claim, not posted again', async () => {
    await killedWhilePosting('after-posting');
    expect(sink.posted).toHaveLength(1);

    const b = app(CLOSE + 5 * 60_000);
    await b.load();
    const r = await b.tickAt(CLOSE + 5 * 60_000);
    expect(r).toMatchObject({ posted: 0, confirmed: 1 });
    expect(sink.posted).toHaveLength(1);
    expect(sink.lookups).toBe(1);

    // Recorded for good: a later start has nothing due.
    const c = app(CLOSE + 10 * 60_000);
    expect((await c.load()).due).toBe(0);
  });

  it('a claim younger than inDoubtAfterMs waits (its post may be on its way), then is looked up', async () => {
    await killedWhilePosting('after-posting');
    const b = app(CLOSE + 5_000, 15_000);
    await b.load();
    expect(await b.tickAt(CLOSE + 5_000)).toMatchObject({ posted: 0, held: 1, confirmed: 0 });
    expect(sink.lookups).toBe(0);
    expect(await b.tickAt(CLOSE + 16_000)).toMatchObject({ posted: 0, confirmed: 1 });
    expect(sink.posted).toHaveLength(1);
  });

  it('not in the channel (killed before Slack got it): posted now, under a new notice id', async () => {
    await killedWhilePosting('before-posting');
    expect(sink.posted).toHaveLength(0);
    const b = app(CLOSE + 5 * 60_000);
    await b.load();
    expect(await b.tickAt(CLOSE + 5 * 60_000)).toMatchObject({ posted: 1, confirmed: 0 });
    expect(sink.posted).toHaveLength(1);
    expect(sink.posted[0]!.group).toMatchObject({ kind: 'notice', redelivery: true });
    const c = app(CLOSE + 10 * 60_000);
    expect((await c.load()).due).toBe(0);
  });

  it('a sink that cannot tell gets it again, flagged as a possible repeat (at least once)', async () => {
    await killedWhilePosting('after-posting');
    sink.lookup = 'cannot-tell';
    const b = app(CLOSE + 5 * 60_000);
    await b.load();
    expect(await b.tickAt(CLOSE + 5 * 60_000)).toMatchObject({ posted: 1 });
    expect(sink.posted.map((p) => p.group.redelivery)).toEqual([false, true]);
  });

  it('a failed look-up keeps the notice due; the next tick looks again', async () => {
    await killedWhilePosting('after-posting');
    sink.lookup = 'fail';
    const b = app(CLOSE + 5 * 60_000);
    await b.load();
    expect(await b.tickAt(CLOSE + 5 * 60_000)).toMatchObject({ posted: 0, failed: 1 });
    sink.lookup = 'history';
    expect(await b.tickAt(CLOSE + 6 * 60_000)).toMatchObject({ posted: 0, confirmed: 1 });
    expect(sink.posted).toHaveLength(1);
  });
});
