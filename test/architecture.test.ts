/**
 * The layer table of shared/design/ARCHITECTURE.md, enforced: which part of src/ may import which. Read from
 * the source text (comments stripped), every relative import resolved to the part it lands in. The top-level
 * files (config.ts, server.ts, main.ts) are the composition root and may import everything.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SRC = join(ROOT, 'src');

/** Part → the parts it may import (besides itself). Mirrors the "may import" column of ARCHITECTURE.md. */
const MAY_IMPORT: Record<string, readonly string[]> = {
  policy: [],
  contacts: ['policy'],
  store: ['contacts', 'policy'],
  contract: ['policy'],
  ingest: ['store', 'contacts', 'policy', 'contract'],
  // Transports carry out plans on contact channels: the contact model's types, the policy's, the contract.
  transports: ['policy', 'contract', 'contacts'],
  followup: ['policy', 'store', 'contacts', 'transports', 'contract'],
  notify: ['policy', 'store', 'contacts'],
  demo: ['policy', 'contacts', 'ingest'],
  cli: ['followup', 'ingest', 'contacts', 'store', 'policy', 'demo'],
  http: ['ingest', 'contract', 'transports'],
  slack: ['followup', 'contacts', 'notify', 'policy', 'i18n'],
  i18n: ['policy'],
};

/** Rules the issue names explicitly, checked on their own so a widened table cannot hide them. */
const NEVER: Array<[from: string, to: string]> = [
  ['slack', 'store'],
  ['slack', 'transports'],
  ['transports', 'slack'],
  ['policy', 'store'],
  ['store', 'slack'],
];

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return walk(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

function code(path: string): string {
  return readFileSync(path, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

function specifiers(source: string): string[] {
  const patterns = [
    /\b(?:import|export)\s+(?:type\s+)?[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g,
  ];
  return patterns.flatMap((re) => [...source.matchAll(re)].map((m) => m[1]!));
}

/** The part a file belongs to: its first folder under src/, or null for the composition root files. */
function partOf(path: string): string | null {
  const rel = relative(SRC, path).split(sep);
  return rel.length > 1 ? rel[0]! : null;
}

interface Edge {
  file: string;
  from: string;
  to: string;
}

const edges: Edge[] = walk(SRC).flatMap((file) => {
  const from = partOf(file);
  if (from === null) return [];
  return specifiers(code(file))
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => ({ file: relative(SRC, file), from, to: partOf(resolve(dirname(file), spec)) ?? '(root)' }))
    .filter((e) => e.to !== e.from);
});

describe('architecture: the layer table of ARCHITECTURE.md', () => {
  it('finds the parts and their imports (sanity check of the scanner)', () => {
    expect(edges.length).toBeGreaterThan(50);
    expect(edges.some((e) => e.from === 'slack' && e.to === 'followup')).toBe(true);
  });

  it('every part of src/ is in the table', () => {
    const parts = new Set(
      walk(SRC)
        .map(partOf)
        .filter((p): p is string => p !== null),
    );
    for (const part of parts) expect(Object.keys(MAY_IMPORT), `src/${part}/ is not in the layer table`).toContain(part);
  });

  it('no part imports the composition root (config.ts, server.ts, main.ts)', () => {
    expect(edges.filter((e) => e.to === '(root)').map((e) => `${e.file} → ${e.to}`)).toEqual([]);
  });

  it.each(Object.keys(MAY_IMPORT))('src/%s/ imports only what the table allows', (part) => {
    const allowed = new Set(MAY_IMPORT[part]);
    const wrong = edges.filter((e) => e.from === part && e.to !== '(root)' && !allowed.has(e.to));
    expect(wrong.map((e) => `${e.file} imports src/${e.to}/`)).toEqual([]);
  });

  it.each(NEVER)('src/%s/ never imports src/%s/', (from, to) => {
    expect(edges.filter((e) => e.from === from && e.to === to).map((e) => e.file)).toEqual([]);
  });
});

/** Biome formats to this width but leaves long strings, template literals and comments alone: checked here. */
const LINE_MAX = 120;
/** Message catalogs are data a translator edits: one message per line reads better than strings cut with `+`. */
const CATALOGS = /^src\/slack\/i18n\/catalogs\//;

describe('architecture: code width', () => {
  it(`no line over ${LINE_MAX} characters in src/, test/, bench/`, () => {
    const files = [
      ...['src', 'test', 'bench'].flatMap((folder) => walk(join(ROOT, folder))),
      ...readdirSync(ROOT)
        .filter((name) => name.endsWith('.ts'))
        .map((name) => join(ROOT, name)),
    ];
    expect(files.length).toBeGreaterThan(300);
    const long = files
      .map((file) => relative(ROOT, file).split(sep).join('/'))
      .filter((file) => !CATALOGS.test(file))
      .flatMap((file) =>
        readFileSync(join(ROOT, file), 'utf8')
          .split('\n')
          .flatMap((line, i) => {
            const length = [...line].length;
            return length > LINE_MAX ? [`${file}:${i + 1} (${length} characters)`] : [];
          }),
      );
    expect(long).toEqual([]);
  });
});
