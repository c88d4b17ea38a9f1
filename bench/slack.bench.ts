/**
 * Slack under load: 20 agents at once over 100k stored contacts (`--contacts=N` for another size: issue 12
 * measures 1M), each app in its own process. Three things an agent does, each timed from the signed request
 * to the view with results reaching the (fake) Slack API:
 *   - `/followup <text>` (a search by name, email, domain or digits);
 *   - `/followup` alone: the modal opens on the agent's own closed conversations (Mine, Closed);
 *   - choosing "closing within 24 h" in that modal (a block action, the view updated in place);
 * next to a bare Bolt app doing the same with a static view of the same size (the floor), measured in the
 * same run, rounds alternating so both see the same machine. Targets (issue 12): p95 ≤ 1.25× the floor,
 * p99 < 1 s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/store/index.js';
import { startFakeSlack } from '../test/support/fake-slack.js';
import { ACTION, BLOCK } from '../src/slack/shared/ids.js';
import {
  blockAction,
  plainTextValue,
  signedSlackRequest,
  slashCommand,
  staticSelectValue,
} from '../test/support/signed-request.js';
import { person } from './search.bench.js';
import { percentile, searchViewFor, sortedCopy, spawnApp } from './support.js';

const SECRET = 'bench-secret';
const AGENTS = Number(process.env.BENCH_AGENTS ?? 20);

const pct = (xs: number[], p: number) => percentile(sortedCopy(xs), p);

/** Starts a compiled app in its own process (as it runs in production); BENCH_CHILD_PROF profiles it. */
async function startProcess(script: string, env: Record<string, string>) {
  const prof = process.env.BENCH_CHILD_PROF;
  const app = await spawnApp(script, env, {
    nodeArgs: prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : [],
    deadlineMs: 120_000,
  });
  return { ...app, viewBytes: Number(/static view of (\d+) characters/.exec(app.output())?.[1] ?? 0) };
}

/** One agent's request in a burst: what to send, and what Slack must have received for it to be done. */
interface AgentRequest {
  kind: 'command' | 'interactive';
  body: Record<string, unknown>;
  done: () => Promise<unknown>;
}

/** One burst: every agent's request at once; the latency of each, ms. */
async function burst(base: string, request: (agent: number) => AgentRequest): Promise<number[]> {
  return Promise.all(
    Array.from({ length: AGENTS }, async (_, a) => {
      const { kind, body, done } = request(a);
      const t0 = performance.now();
      const res = await signedSlackRequest(base, SECRET, kind, body);
      await res.text();
      await done();
      return performance.now() - t0;
    }),
  );
}

const agentId = (a: number) => `UAGENT${String(a).padStart(3, '0')}`;

/** The filters of the search modal as Slack reports them, with "closing within 24 h" chosen. */
const CLOSING_SOON_STATE = {
  [BLOCK.searchText]: { [ACTION.searchText]: plainTextValue('') },
  [BLOCK.searchFilters]: {
    [ACTION.inbox]: staticSelectValue('mine'),
    [ACTION.status]: staticSelectValue('closed'),
    [ACTION.channel]: staticSelectValue('any'),
    [ACTION.windowState]: staticSelectValue('closing_soon'),
  },
};

/** Choosing "closing within 24 h" in the modal `view` (as the app rendered it, with its id). */
function chooseClosingSoon(agent: number, view: Record<string, unknown>): Record<string, unknown> {
  return blockAction({
    user: agentId(agent),
    view,
    values: CLOSING_SOON_STATE,
    actions: [
      {
        action_id: ACTION.windowState,
        block_id: BLOCK.searchFilters,
        selected_option: { text: { type: 'plain_text', text: 'closing within 24 h' }, value: 'closing_soon' },
      },
    ],
  });
}

export async function main(flags: string[]): Promise<void> {
  const quick = flags.includes('--quick');
  const sizeFlag = flags.find((f) => f.startsWith('--contacts='));
  const contacts = sizeFlag ? Number(sizeFlag.slice('--contacts='.length)) : quick ? 20_000 : 100_000;
  const roundCount = quick ? 5 : 15;
  const dir = mkdtempSync(join(tmpdir(), 'followup-slack-bench-'));
  const fake = await startFakeSlack();
  try {
    const storeUrl = `sqlite://${join(dir, 'bench.sqlite')}`;
    const t0 = performance.now();
    const store = await openStore(storeUrl);
    // Generated batch by batch: a million people at once would not fit beside the store's writes.
    for (let i = 0; i < contacts; i += 5000) {
      const batch = Array.from({ length: Math.min(5000, contacts - i) }, (_, k) => person(i + k).contact);
      await store.contacts.putMany(batch.map((c, k) => ({ ...c, assignee: agentId((i + k) % AGENTS) })));
    }
    const people = Array.from({ length: 400 }, (_, i) => person(i));
    await store.close();
    console.log(
      `store: ${contacts.toLocaleString('en')} contacts written in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );

    // Queries an agent would type: names without accents, email prefixes, @domains, last phone digits.
    const queries = people.slice(0, 400).map((p, i) => {
      switch (i % 4) {
        case 0:
          return p.plainName.split(' ').slice(-1)[0]!;
        case 1:
          return p.contact.email.split('@')[0]!.slice(0, 5);
        case 2:
          return `@${p.contact.email.split('@')[1]}`;
        default:
          return p.phone[1].slice(-6);
      }
    });

    // Both apps run in their own process, as in production; the fake Slack and the agents run here.
    const here = new URL('.', import.meta.url).pathname;
    const env = {
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.url,
      STORE_URL: storeUrl,
      PORT: '0',
      LOG_LEVEL: 'info',
    };
    const t1 = performance.now();
    const followup = await startProcess(join(here, '..', 'src', 'main.js'), env);
    console.log(`followup: started (store loaded and indexed) in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
    const followupBase = followup.base;
    const viewWithResults = (trigger: string) => searchViewFor(fake, trigger, 30_000);
    const updated = (viewId: string) => fake.waitFor('views.update', (a) => a.view_id === viewId, 30_000);
    const emptyModal = (trigger: string) => fake.waitFor('views.open', (a) => a.trigger_id === trigger, 30_000);

    let trigger = 0;
    const command = (agent: number, text: string, done: (trigger: string) => Promise<unknown>): AgentRequest => {
      const trigger_id = `bench-trigger-${++trigger}`;
      const body = slashCommand({ text, user_id: agentId(agent), trigger_id });
      return { kind: 'command', body, done: () => done(trigger_id) };
    };
    const query = (r: number, a: number) => queries[(r * AGENTS + a) % queries.length]!;
    /** Each agent's search modal as Followup rendered it (`/followup` alone), for the filter rounds. */
    const modals: Array<Record<string, unknown>> = [];
    const ours = {
      text: (r: number) => burst(followupBase, (a) => command(a, query(r, a), viewWithResults)),
      mine: () =>
        burst(followupBase, (a) =>
          command(a, '', async (t) => {
            modals[a] = await viewWithResults(t);
          }),
        ),
      closingSoon: () =>
        burst(followupBase, (a) => ({
          kind: 'interactive',
          body: chooseClosingSoon(a, modals[a]!),
          done: () => updated(modals[a]!.id as string),
        })),
    };
    /** The size of the result views Followup sent since the last reset (JSON characters, average). */
    const viewSize = (): number => {
      const sizes = fake.calls
        .filter((c) => c.args.view?.callback_id === 'followup_search')
        .map((c) => JSON.stringify(c.args.view).length);
      return sizes.length ? Math.round(sizes.reduce((a, b) => a + b, 0) / sizes.length) : 0;
    };

    // JIT warm-up, not measured; it also gives the size of Followup's views, which the floor then carries.
    const sizes = { text: [] as number[], mine: [] as number[], closingSoon: [] as number[] };
    for (let w = 0; w < 3; w++) {
      for (const kind of ['text', 'mine', 'closingSoon'] as const) {
        await ours[kind](w);
        sizes[kind].push(viewSize());
        fake.reset();
      }
    }
    const average = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) / xs.length);
    const openedBytes = average([...sizes.text, ...sizes.mine]);
    const updatedBytes = average(sizes.closingSoon);
    const bare = await startProcess(join(here, 'bare-bolt-app.js'), env);
    // The same bare app carrying a static view as large as Followup's: one for opened views, one for updated.
    const sized = await startProcess(join(here, 'bare-bolt-app.js'), { ...env, BARE_VIEW_BYTES: String(openedBytes) });
    const sizedUpdate = await startProcess(join(here, 'bare-bolt-app.js'), {
      ...env,
      BARE_VIEW_BYTES: String(updatedBytes),
    });
    const bareModal = (a: number) => ({ type: 'modal', id: `VBARE${String(a).padStart(6, '0')}`, blocks: [] });
    const floors = {
      bare: (r: number) => burst(bare.base, (a) => command(a, query(r, a), emptyModal)),
      sized: (r: number) => burst(sized.base, (a) => command(a, query(r, a), emptyModal)),
      sizedAction: () =>
        burst(sizedUpdate.base, (a) => ({
          kind: 'interactive',
          body: chooseClosingSoon(a, bareModal(a)),
          done: () => updated(bareModal(a).id),
        })),
    };
    for (let w = 0; w < 3; w++) {
      await floors.bare(w);
      await floors.sized(w);
      await floors.sizedAction();
      fake.reset();
    }

    const ms = { bare: [], sized: [], sizedAction: [], text: [], mine: [], closingSoon: [] } as Record<
      keyof typeof floors | keyof typeof ours,
      number[]
    >;
    // Rounds alternate between the apps so both see the same machine load; the fake forgets between them,
    // so a view id waited for is always this round's update.
    for (let r = 0; r < roundCount; r++) {
      ms.bare.push(...(await floors.bare(r)));
      ms.sized.push(...(await floors.sized(r)));
      fake.reset();
      ms.sizedAction.push(...(await floors.sizedAction()));
      fake.reset();
      for (const kind of ['text', 'mine', 'closingSoon'] as const) {
        ms[kind].push(...(await ours[kind](r)));
        sizes[kind].push(viewSize());
        fake.reset();
      }
    }
    await bare.stop();
    await sized.stop();
    await sizedUpdate.stop();
    await followup.stop();

    const row = (name: string, xs: number[], floor?: number[]) =>
      [
        name.padEnd(52),
        ...[50, 95, 99].map((p) => pct(xs, p).toFixed(1).padStart(8)),
        String(xs.length).padStart(5),
        floor ? `${(pct(xs, 95) / pct(floor, 95)).toFixed(2)}×`.padStart(8) : ''.padStart(8),
        floor ? (pct(xs, 95) <= 1.25 * pct(floor, 95) && pct(xs, 99) < 1000 ? '  met' : '  MISSED') : '',
      ].join(' ');
    console.log(`\n${AGENTS} agents at once, ${roundCount} rounds, ${contacts.toLocaleString('en')} contacts (ms)`);
    console.log(
      `${''.padEnd(52)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ${'p99'.padStart(8)} ${'n'.padStart(5)} ` +
        `${'vs floor'.padStart(8)}  target p95 ≤ 1.25× floor, p99 < 1000`,
    );
    console.log(row('bare Bolt app: command → empty modal', ms.bare));
    console.log(row('bare Bolt app: command → same-size static view', ms.sized));
    console.log(row('bare Bolt app: select → same-size view updated', ms.sizedAction));
    console.log(row('Followup: /followup <text> → results', ms.text, ms.sized));
    console.log(row('Followup: /followup (Mine, Closed) → results', ms.mine, ms.sized));
    console.log(row('Followup: choosing "closing within 24 h" → results', ms.closingSoon, ms.sizedAction));
    console.log(
      `Followup's result views averaged ${average([...sizes.text, ...sizes.mine]).toLocaleString('en')} ` +
        `characters of JSON when opened (${average(sizes.text).toLocaleString('en')} with text, ` +
        `${average(sizes.mine).toLocaleString('en')} Mine/Closed) and ` +
        `${average(sizes.closingSoon).toLocaleString('en')} when updated; the floors carried ` +
        `${sized.viewBytes.toLocaleString('en')} and ${sizedUpdate.viewBytes.toLocaleString('en')}.`,
    );
  } finally {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
