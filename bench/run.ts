/**
 * `npm run bench [name…]`: runs the benchmarks in order (all when no name is given). Each prints its own
 * figures next to a baseline measured in the same run; nothing here asserts a number.
 */
const BENCHES: Record<string, () => Promise<{ main: (args: string[]) => Promise<void> }>> = {
  search: () => import('./search.bench.js'),
  notify: () => import('./notify.bench.js'),
  slack: () => import('./slack.bench.js'),
  startup: () => import('./startup.bench.js'),
  fleet: () => import('./fleet.bench.js'),
  queue: () => import('./queue.bench.js'),
};

const args = process.argv.slice(2);
const names = args.filter((a) => !a.startsWith('-'));
const flags = args.filter((a) => a.startsWith('-'));
const chosen = names.length ? names : Object.keys(BENCHES);
for (const name of chosen) {
  const load = BENCHES[name];
  if (!load) {
    console.error(`Unknown benchmark "${name}". Known: ${Object.keys(BENCHES).join(', ')}`);
    process.exit(2);
  }
  console.log(`\n=== bench: ${name} ===`);
  const mod = await load();
  await mod.main(flags);
}
