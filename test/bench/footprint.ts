/**
 * `node test/bench/footprint.ts` (built packages): the install footprint of each package on its own, as a
 * user gets it. Packs every package (as `npm publish` would), then for each one installs only its tarball
 * into an empty app, the sibling @sightline packages from their tarballs through `overrides` (as the
 * registry would serve them), everything else from the registry, as `npm install <package>` does (required
 * peer dependencies such as `@opentelemetry/api` included, optional ones not); measures that app's
 * node_modules (bytes of the files, packages) and writes the table into docs/footprint.md between
 * `<!-- footprint -->` and `<!-- /footprint -->`.
 */
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packAll, ROOT, run, type Packed } from '../fixtures/packaging/pack.ts';

const DOC = join(ROOT, 'docs', 'footprint.md');

/** Bytes of the files under `dir` (symlinks not followed) and the packages (folders with a package.json under a node_modules). */
export function measureTree(dir: string): { bytes: number; packages: number } {
  let bytes = 0;
  let packages = 0;
  const walk = (path: string, inNodeModules: boolean): void => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) {
        const isScope = inNodeModules && entry.name.startsWith('@');
        if (inNodeModules && !isScope && entry.name !== '.bin') packages++;
        walk(full, entry.name === 'node_modules' || isScope);
      } else if (entry.isFile()) {
        bytes += lstatSync(full).size;
      }
    }
  };
  walk(dir, true);
  return { bytes, packages };
}

/** Installs `dependencies` (name → spec) into a fresh app and measures its node_modules. */
function install(out: string, label: string, dependencies: Record<string, string>, overrides: Record<string, string>) {
  const app = join(out, `app-${label.replace(/[^a-z0-9]+/gi, '-')}`);
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'footprint', private: true, dependencies, overrides }, null, 2));
  const result = run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], app, {}, 600_000);
  if (result.status !== 0) throw new Error(`npm install of ${label} failed: ${result.stderr}`);
  const measured = measureTree(join(app, 'node_modules'));
  // A package may bring no @opentelemetry package at all (the viewer).
  const scope = join(app, 'node_modules', '@opentelemetry');
  const installed = existsSync(scope) ? readdirSync(scope) : [];
  return { ...measured, installed };
}

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

const out = mkdtempSync(join(tmpdir(), 'sightline-footprint-'));
try {
  const packed: Packed[] = packAll(out);
  const tarballs = Object.fromEntries(packed.map((p) => [p.name, `file:${p.tarball}`]));
  const rows: string[] = [];
  const order = ['@sightline/core', ...packed.map((p) => p.name).filter((n) => n !== '@sightline/core').sort()];
  for (const name of order) {
    const { [name]: self, ...siblings } = tarballs;
    const { bytes, packages, installed } = install(out, name, { [name]: self! }, siblings);
    const p = packed.find((x) => x.name === name)!;
    const heavy = ['sdk-node', 'exporter-zipkin', 'otlp-grpc-exporter-base'].filter((n) => installed.includes(n));
    console.log(`${name}: ${mb(bytes)} MB, ${packages} packages${heavy.length > 0 ? `, with ${heavy.join(', ')}` : ''}`);
    rows.push(`| \`${name}\` | ${mb(p.size)} | ${mb(bytes)} | ${packages} |`);
  }
  // The optional engine, for reference: what `npm install @opentelemetry/sdk-node` adds to an app.
  const coreVersion = (JSON.parse(readFileSync(join(ROOT, 'packages', 'core', 'package.json'), 'utf8')) as { peerDependencies: Record<string, string> })
    .peerDependencies['@opentelemetry/sdk-node']!;
  const withSdkNode = install(out, 'core+sdk-node', { '@sightline/core': tarballs['@sightline/core']!, '@opentelemetry/sdk-node': coreVersion }, tarballs);
  rows.push(`| \`@sightline/core\` + \`@opentelemetry/sdk-node\` (optional, for \`b3\`) | | ${mb(withSdkNode.bytes)} | ${withSdkNode.packages} |`);
  const api = install(out, 'api', { '@opentelemetry/api': '^1.10.0' }, {});
  rows.push(`| \`@opentelemetry/api\` (the peer dependency every package needs) | | ${mb(api.bytes)} | ${api.packages} |`);

  const table = [
    `Measured ${new Date().toISOString().slice(0, 10)} with npm ${run('npm', ['--version'], ROOT).stdout.trim()}, from the packed tarballs.`,
    '',
    '| installed alone | tarball (MB) | node_modules (MB) | packages |',
    '|---|---:|---:|---:|',
    ...rows,
  ].join('\n');
  const doc = readFileSync(DOC, 'utf8');
  const start = '<!-- footprint -->';
  const end = '<!-- /footprint -->';
  writeFileSync(DOC, `${doc.slice(0, doc.indexOf(start) + start.length)}\n${table}\n${doc.slice(doc.indexOf(end))}`);
  console.log(`\n${table}\n\ndocs/footprint.md updated`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
