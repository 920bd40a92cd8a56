import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { packAll, ROOT, run, type Packed } from './fixtures/packaging/pack.js';
import { useOtlpReceiver } from './fixtures/use-otlp-receiver.js';

/**
 * A new user's install: only @sightline/core, from its tarball, into an empty app; its @sightline
 * dependencies come from their sibling tarballs through `overrides` (as the registry would serve them),
 * everything else from the registry (npm's cache first). Then the README's snippets, run as written.
 */
const fixture = useOtlpReceiver();
let out: string;
let app: string;
let packed: Packed[];

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
/** The README's first fenced block of a language. */
function snippet(lang: string): string {
  const block = new RegExp('```' + lang + '\\n([\\s\\S]*?)```').exec(README)?.[1];
  if (block === undefined) throw new Error(`README.md has no ${lang} block`);
  return block;
}

function node(args: string[], env: Record<string, string>) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('OTEL_') && !k.startsWith('SIGHTLINE_') && k !== 'NODE_OPTIONS'));
  // A spool of its own: nothing an earlier run left behind is replayed into this test's receiver.
  return run(process.execPath, args, app, { ...clean, SIGHTLINE_SPOOL_DIR: join(app, '.spool'), ...env }, 60_000);
}

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'sightline-consumer-'));
  packed = packAll(out);
  app = join(out, 'app');
  const core = packed.find((p) => p.name === '@sightline/core')!;
  const viewer = packed.find((p) => p.name === '@sightline/viewer')!;
  const overrides = Object.fromEntries(packed.filter((p) => p !== core && p !== viewer).map((p) => [p.name, `file:${p.tarball}`]));
  run('mkdir', ['-p', app], out);
  const manifest = {
    name: 'consumer',
    private: true,
    type: 'module',
    dependencies: { '@sightline/core': `file:${core.tarball}` },
    // What docs/viewer.md tells a user to add for `npx sightline dev`.
    devDependencies: { '@sightline/viewer': `file:${viewer.tarball}` },
    overrides,
  };
  writeFileSync(join(app, 'package.json'), JSON.stringify(manifest, null, 2));
  const install = run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], app, {}, 300_000);
  if (install.status !== 0) throw new Error(`npm install failed: ${install.stderr}`);
}, 360_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

/** Ctrl-C for a process group: SIGINT to all of it, then waits for its leader (SIGKILL after 10 s). */
async function stopGroup(pid: number, exited: Promise<unknown>): Promise<void> {
  try {
    process.kill(-pid, 'SIGINT');
  } catch {
    return; // already gone
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {}
  }, 10_000);
  await exited;
  clearTimeout(timer);
}

describe('installing @sightline/core (and @sightline/viewer for development) from the tarballs', () => {
  it('resolves every @sightline package from its tarball, at the packed version', () => {
    for (const { name, version } of packed) {
      const installed = JSON.parse(readFileSync(join(app, 'node_modules', name, 'package.json'), 'utf8')) as { version: string };
      expect(installed.version, name).toBe(version);
    }
    const lock = readFileSync(join(app, 'package-lock.json'), 'utf8');
    for (const { tarball } of packed) expect(lock).toContain(tarball.split('/').at(-1));
  });

  it('pulls neither @opentelemetry/sdk-node (an optional peer) nor its gRPC, protobuf and Zipkin exporters (issue 18)', () => {
    for (const name of ['@opentelemetry/sdk-node', '@grpc/grpc-js', '@opentelemetry/exporter-zipkin', '@opentelemetry/otlp-grpc-exporter-base']) {
      expect(existsSync(join(app, 'node_modules', name)), name).toBe(false);
    }
    // protobufjs is here for @sightline/viewer alone (it decodes OTLP/protobuf), installed for development.
    const lock = JSON.parse(readFileSync(join(app, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dependencies?: Record<string, string> }> };
    const needing = Object.entries(lock.packages).filter(([, entry]) => entry.dependencies?.protobufjs !== undefined).map(([path]) => path);
    expect(needing).toEqual(['node_modules/@sightline/viewer']);
  });

  it('asked for B3 propagation without sdk-node, says what to install in one line and runs on with W3C', () => {
    writeFileSync(join(app, 'b3.mjs'), "import { getLogger } from '@sightline/core';\ngetLogger('b3').info('still running');\n");
    const result = node(['--import', '@sightline/core/register', 'b3.mjs'], { OTEL_PROPAGATORS: 'b3', OTEL_LOGS_EXPORTER: 'none', OTEL_TRACES_EXPORTER: 'none', OTEL_METRICS_EXPORTER: 'none' });
    expect(result.status, result.stderr).toBe(0);
    const lines = result.stderr.split('\n').filter((l) => l.includes('OTEL_PROPAGATORS'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('npm install @opentelemetry/sdk-node');
  });

  it('the README preload lines export logs and spans (ESM --import and CommonJS --require)', async () => {
    const lines = snippet('sh').split('\n').filter((l) => l.startsWith('node '));
    expect(lines).toHaveLength(2);
    writeFileSync(join(app, 'app.mjs'), "import { getLogger, withSpan } from '@sightline/core';\nawait withSpan('esm work', async () => getLogger('consumer').info('hello from esm'));\n");
    writeFileSync(join(app, 'app.cjs'), "const { getLogger, withSpan } = require('@sightline/core');\nwithSpan('cjs work', () => getLogger('consumer').info('hello from cjs'));\n");
    for (const line of lines) {
      const args = line.split('#')[0].trim().split(/\s+/).slice(1);
      const result = node(args, fixture.env({ OTEL_SERVICE_NAME: 'consumer', OTEL_METRICS_EXPORTER: 'none' }));
      expect(result.status, `${line}: ${result.stderr}`).toBe(0);
    }
    const logs = await fixture.receiver.waitFor('logs', (items) => ['hello from esm', 'hello from cjs'].every((b) => items.some((l) => l.body === b)));
    const spans = await fixture.receiver.waitFor('spans', (items) => ['esm work', 'cjs work'].every((n) => items.some((s) => s.name === n)));
    for (const kind of ['esm', 'cjs']) {
      const log = logs.find((l) => l.body === `hello from ${kind}`)!;
      expect(log.resource['service.name']).toBe('consumer');
      expect(log.traceId).toBe(spans.find((s) => s.name === `${kind} work`)!.traceId);
    }
  });

  it('the README bootstrap snippet exports, as written', async () => {
    writeFileSync(join(app, 'bootstrap.mjs'), snippet('ts'));
    const result = node(['bootstrap.mjs'], fixture.env({ OTEL_METRICS_EXPORTER: 'none' }));
    expect(result.status, result.stderr).toBe(0);
    const logs = await fixture.receiver.waitFor('logs', (items) => items.some((l) => l.body === 'charging'));
    const spans = await fixture.receiver.waitFor('spans', (items) => items.some((s) => s.name === 'charge card'));
    const log = logs.find((l) => l.body === 'charging')!;
    expect(log.resource['service.name']).toBe('checkout');
    expect(log.attributes['order.id']).toBe('o-17');
    expect(log.traceId).toBe(spans.find((s) => s.name === 'charge card')!.traceId);
  });

  it('`npx sightline dev` receives what an app started with the preload sends, and shows it in its page', async () => {
    writeFileSync(join(app, 'viewed.mjs'), "import { getLogger, withSpan } from '@sightline/core';\nawait withSpan('viewed work', async () => getLogger('consumer').info('hello viewer'));\n");
    // In a process group of its own, so that SIGINT reaches npx and the command it runs, as Ctrl-C does.
    const dev = spawn('npx', ['sightline', 'dev', '--port', '0', '--otlp-port', '0'], { cwd: app, detached: true, env: { ...process.env, npm_config_update_notifier: 'false' } });
    let printed = '';
    dev.stdout.setEncoding('utf8').on('data', (chunk: string) => (printed += chunk));
    dev.stderr.setEncoding('utf8').on('data', (chunk: string) => (printed += chunk));
    const exited = new Promise<number | null>((resolve) => dev.on('exit', (code) => resolve(code)));
    try {
      await vi.waitFor(() => expect(printed).toMatch(/OTLP: +http:\/\/127\.0\.0\.1:\d+/), { timeout: 30_000, interval: 100 });
      const page = /page: +(http:\/\/127\.0\.0\.1:\d+\/)/.exec(printed)![1];
      const otlp = /OTLP: +(http:\/\/127\.0\.0\.1:\d+)/.exec(printed)![1];
      const result = node(['--import', '@sightline/core/register', 'viewed.mjs'], { OTEL_SERVICE_NAME: 'viewed-app', OTEL_EXPORTER_OTLP_ENDPOINT: otlp, OTEL_METRICS_EXPORTER: 'none' });
      expect(result.status, result.stderr).toBe(0);
      const { traces } = (await (await fetch(`${page}api/traces`)).json()) as { traces: { rootName: string; service: string; logCount: number }[] };
      expect(traces).toEqual([expect.objectContaining({ rootName: 'viewed work', service: 'viewed-app', logCount: 1 })]);
      expect((await fetch(page)).headers.get('content-security-policy')).toContain("default-src 'none'");
      await stopGroup(dev.pid!, exited);
      await expect(fetch(page)).rejects.toThrow(); // the page server is gone
    } finally {
      await stopGroup(dev.pid!, exited);
    }
  }, 120_000);

  // tsc three times over: 20 s alone, more on a loaded machine.
  it('its types resolve for ESM and CommonJS under node16, nodenext and bundler resolution', { timeout: 120_000 }, () => {
    const code = "import { bootstrap, getLogger, type SightlineHandle } from '@sightline/core';\nexport const handle: SightlineHandle = bootstrap({ serviceName: 'x' });\ngetLogger('a').info('b', { n: 1 });\n";
    writeFileSync(join(app, 'consumer.mts'), code);
    writeFileSync(join(app, 'consumer.cts'), code);
    writeFileSync(join(app, 'consumer.ts'), code);
    const settings = [
      { module: 'node16', moduleResolution: 'node16', files: ['consumer.mts', 'consumer.cts'] },
      { module: 'nodenext', moduleResolution: 'nodenext', files: ['consumer.mts', 'consumer.cts'] },
      { module: 'esnext', moduleResolution: 'bundler', files: ['consumer.ts'] },
    ];
    for (const { files, ...options } of settings) {
      const config = `tsconfig.${options.moduleResolution}.json`;
      writeFileSync(
        join(app, config),
        JSON.stringify({ compilerOptions: { ...options, target: 'es2023', strict: true, noEmit: true, skipLibCheck: true, types: ['node'], typeRoots: [join(ROOT, 'node_modules', '@types')] }, files }),
      );
      const result = run(join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', config], app);
      expect(`${config}: ${result.stdout}${result.stderr}`).toBe(`${config}: `);
      expect(result.status).toBe(0);
    }
  });
});
