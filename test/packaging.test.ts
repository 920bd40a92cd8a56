import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packAll, ROOT, run, type Packed } from './fixtures/packaging/pack.js';

const BIN = join(ROOT, 'node_modules', '.bin');
const root = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { repository: { url: string }; bugs: { url: string } };

let out: string;
let packed: Packed[] = [];

/** The tarball's text file, read with tar (the packed bytes, not the work tree). */
function fromTarball(tarball: string, path: string): string {
  const result = run('tar', ['-xzOf', tarball, `package/${path}`], ROOT);
  expect(result.status, `${path} in ${tarball}`).toBe(0);
  return result.stdout;
}

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'sightline-packages-'));
  packed = packAll(out);
}, 120_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('every package, as npm packs it', () => {
  it('ships its code, types, README, LICENSE and CHANGELOG, and no build state', () => {
    expect(packed).toHaveLength(8);
    for (const { name, files } of packed) {
      for (const needed of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'dist/index.js', 'dist/index.cjs', 'dist/index.d.ts', 'dist/index.d.cts']) {
        expect(files, `${name}: ${needed}`).toContain(needed);
      }
      expect(files.filter((f) => f.endsWith('.tsbuildinfo') || f.endsWith('.d.ts.map') || f.startsWith('src/')), name).toEqual([]);
    }
  });

  it('every source map carries the sources it maps, so a debugger needs nothing that is not shipped', () => {
    for (const { name, tarball, files } of packed) {
      const maps = files.filter((f) => f.endsWith('.map'));
      expect(maps.length, name).toBeGreaterThan(0);
      for (const map of maps) {
        const { sources, sourcesContent } = JSON.parse(fromTarball(tarball, map)) as { sources: string[]; sourcesContent?: Array<string | null> };
        expect(sourcesContent?.length, `${name} ${map}`).toBe(sources.length);
        expect(sourcesContent?.every((s) => typeof s === 'string' && s.length > 0), `${name} ${map}`).toBe(true);
      }
    }
  });

  it('names the repository, issue tracker and home page, and its README links resolve off the registry', () => {
    for (const { name, pkg, dir, tarball } of packed) {
      expect(pkg.license, name).toBe('Apache-2.0');
      expect((pkg.repository as { url: string; directory: string }).url).toBe(root.repository.url);
      expect((pkg.repository as { directory: string }).directory).toBe(`packages/${dir.split('/').at(-1)}`);
      expect((pkg.bugs as { url: string }).url).toBe(root.bugs.url);
      expect(pkg.homepage).toMatch(/^https:\/\//);
      const readme = fromTarball(tarball, 'README.md');
      const relative = [...readme.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1]).filter((href) => !/^(https?:|#|mailto:)/.test(href));
      expect(relative, `${name} README links`).toEqual([]);
      expect(fromTarball(tarball, 'LICENSE')).toContain('Apache License');
    }
  });

  it('publint finds nothing, even strict', async () => {
    for (const { name, tarball } of packed) {
      const data = readFileSync(tarball);
      const { messages, pkg } = await publint({ pack: { tarball: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) }, strict: true });
      expect(messages.map((m) => `${m.type}: ${formatMessage(m, pkg)}`), name).toEqual([]);
    }
  });

  // attw once per package: about 20 s in all, more on a loaded machine.
  it('are the types wrong: no problem for ESM and CommonJS under node16/nodenext and bundler resolution', { timeout: 120_000 }, () => {
    for (const { name, tarball } of packed) {
      const result = run(join(BIN, 'attw'), [tarball, '--profile', 'node16', '--format', 'json'], ROOT);
      const report = JSON.parse(result.stdout) as { analysis: { problems: Array<{ resolutionKind?: string }>; entrypoints: Record<string, unknown> } };
      // node10 (no `exports` support) predates every Node these packages run on (>= 22.15): the node16 profile skips it.
      expect(report.analysis.problems.filter((p) => p.resolutionKind !== 'node10'), name).toEqual([]);
      expect(Object.keys(report.analysis.entrypoints).length, name).toBeGreaterThan(0);
      expect(result.status, name).toBe(0);
    }
  });

  it('the Node pinned for development is one version (.nvmrc, the root node devDependency)', () => {
    const pinned = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies.node;
    expect(readFileSync(join(ROOT, '.nvmrc'), 'utf8').trim()).toBe(pinned);
  });

  it('npm publish --dry-run accepts every package', () => {
    for (const { name, dir } of packed) {
      const result = run('npm', ['publish', '--dry-run', '--ignore-scripts'], dir);
      expect(result.status, `${name}: ${result.stderr}`).toBe(0);
      expect(result.stderr).toContain(`${name}@`);
    }
  });
});
