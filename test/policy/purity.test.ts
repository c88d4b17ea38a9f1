/**
 * The policy core is pure: it imports nothing but zod and its own files, and never reads the clock
 * (time is always a parameter). Checked on the source text of every file in src/policy.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const POLICY_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'policy');
const files = readdirSync(POLICY_DIR).filter((f) => f.endsWith('.ts'));

/** Source without comments, so prose such as "no Date.now()" in a doc comment does not count. */
function code(file: string): string {
  return readFileSync(join(POLICY_DIR, file), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

function specifiers(source: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\b(?:import|export)\s+(?:type\s+)?[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g, // import x from 'y' / export { x } from 'y'
    /\bimport\s*['"]([^'"]+)['"]/g, // import 'side-effect'
    /\bimport\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g, // dynamic import('y')
    /\brequire\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g, // require('y')
  ];
  for (const re of patterns) for (const m of source.matchAll(re)) found.push(m[1]!);
  return found;
}

describe('src/policy purity', () => {
  it('has the expected files', () => {
    for (const f of [
      'channels.ts',
      'window.ts',
      'outbound.ts',
      'templates.ts',
      'conversation.ts',
      'reasons.ts',
      'index.ts',
    ]) {
      expect(files).toContain(f);
    }
  });

  describe.each(files)('%s', (file) => {
    const source = code(file);

    it('imports nothing but zod and its own files', () => {
      for (const spec of specifiers(source)) {
        if (spec === 'zod') continue;
        expect(spec, `${file} imports ${spec}`).toMatch(/^\.\/[A-Za-z0-9_-]+\.js$/);
        expect(existsSync(join(POLICY_DIR, spec.replace(/\.js$/, '.ts'))), `${file} imports missing ${spec}`).toBe(
          true,
        );
      }
    });

    it('has no dynamic import, require or global I/O', () => {
      expect(source).not.toMatch(/\bimport\s*\(/);
      expect(source).not.toMatch(/\brequire\s*\(/);
      expect(source).not.toMatch(/\bprocess\./);
      expect(source).not.toMatch(/\bfetch\s*\(/);
      expect(source).not.toMatch(/\bconsole\./);
    });

    it('never reads the clock: no Date.now(), no argument-less new Date', () => {
      expect(source).not.toMatch(/\bDate\s*\.\s*now\b/);
      expect(source).not.toMatch(/\bnew\s+Date\s*\(\s*\)/);
      expect(source).not.toMatch(/\bnew\s+Date\b(?!\s*\()/); // `new Date;`
      expect(source).not.toMatch(/\bperformance\s*\.\s*now\b/);
      expect(source).not.toMatch(/\bMath\s*\.\s*random\b/);
    });
  });

  it('the import scanner itself works (sanity check on known lines)', () => {
    expect(specifiers(code('channels.ts'))).toContain('zod');
    expect(specifiers(code('outbound.ts'))).toEqual(
      expect.arrayContaining(['./channels.js', './templates.js', './window.js']),
    );
    expect(specifiers(code('index.ts')).length).toBeGreaterThanOrEqual(6);
    expect(specifiers("import { readFileSync } from 'node:fs';\nimport type { X } from '../store/x.js';")).toEqual([
      'node:fs',
      '../store/x.js',
    ]);
  });
});
