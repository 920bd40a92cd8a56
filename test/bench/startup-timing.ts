/**
 * Process-level start-up timing: each case is a whole `node …` process, timed from spawn to exit (wall),
 * run in paired, interleaved rounds (every round runs every case once, in an order that rotates), so that
 * a burst of load on the machine falls on all cases alike. Reported per case: the median wall time and the
 * median of the per-round differences to the first case (the baseline, bare Node).
 * Used by `startup.bench.ts` (many rounds, docs/benchmarks.md) and by the CI check `test/startup.e2e.test.ts`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: `--import @sightline/core/register` resolves from its node_modules. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../fixtures/startup/', import.meta.url));
/** The empty application every case runs. */
export const EMPTY_APP = join(FIXTURES, 'empty.mjs');

/** One process to time. */
export interface StartupCase {
  name: string;
  /** Node arguments before the application (preloads). */
  nodeArgs: string[];
  /** Variables added to the clean environment. */
  env?: Record<string, string>;
}

/** One case's result; `addedMs` and `ratio` are medians of per-round values against the first case. */
export interface StartupResult {
  name: string;
  medianMs: number;
  addedMs: number;
  ratio: number;
  samplesMs: number[];
}

/** The cases every measurement compares: bare Node first (the baseline). */
export const BARE: StartupCase = { name: 'bare node', nodeArgs: [] };
export const SIGHTLINE: StartupCase = { name: 'node --import @sightline/core/register (default configuration)', nodeArgs: ['--import', '@sightline/core/register'] };
export const NODE_SDK: StartupCase = { name: 'bare NodeSDK (default configuration), started in a preload', nodeArgs: ['--import', join(FIXTURES, 'node-sdk-start.mjs')] };
export const SIGHTLINE_NO_EXPORT: StartupCase = {
  name: 'node --import @sightline/core/register, every exporter none',
  nodeArgs: ['--import', '@sightline/core/register'],
  env: { OTEL_LOGS_EXPORTER: 'none', OTEL_TRACES_EXPORTER: 'none', OTEL_METRICS_EXPORTER: 'none' },
};

/**
 * The preload with Node's module compile cache, as an app enables it for itself (`NODE_COMPILE_CACHE`): the
 * warm-up round fills the cache, the measured rounds read it. The preload does not enable it (docs/footprint.md).
 */
export const SIGHTLINE_COMPILE_CACHE: StartupCase = {
  name: 'node --import @sightline/core/register (default configuration), NODE_COMPILE_CACHE set by the app',
  nodeArgs: ['--import', '@sightline/core/register'],
  env: { NODE_COMPILE_CACHE: join(tmpdir(), 'sightline-startup-compile-cache') },
};

/**
 * The environment of a case: the parent's without its `OTEL_*`/`SIGHTLINE_*` variables and `NODE_OPTIONS` (the default
 * configuration), with a spool folder of its own so that nothing spooled by other processes is replayed.
 */
function caseEnv(extra: Record<string, string> | undefined, spoolDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!/^(OTEL|SIGHTLINE)_/.test(key) && key !== 'NODE_OPTIONS') env[key] = value;
  return { ...env, SIGHTLINE_SPOOL_DIR: spoolDir, ...extra };
}

function runOnce(c: StartupCase, spoolDir: string): number {
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [...c.nodeArgs, EMPTY_APP], { cwd: ROOT, env: caseEnv(c.env, spoolDir), stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 0) throw new Error(`${c.name} exited with ${run.status ?? run.signal}: ${run.stderr.toString()}`);
  return ms;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Runs `rounds` paired rounds of `cases` (the first is the baseline) after one unmeasured warm-up round. */
export function measureStartup(cases: StartupCase[], rounds: number): StartupResult[] {
  const spoolDir = mkdtempSync(join(tmpdir(), 'sightline-startup-spool-'));
  for (const c of cases) runOnce(c, spoolDir); // warm the file system cache
  const samples = cases.map(() => [] as number[]);
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < cases.length; k++) {
      const i = (round + k) % cases.length;
      samples[i]!.push(runOnce(cases[i]!, spoolDir));
    }
  }
  const base = samples[0]!;
  return cases.map((c, i) => ({
    name: c.name,
    medianMs: median(samples[i]!),
    addedMs: median(samples[i]!.map((ms, r) => ms - base[r]!)),
    ratio: median(samples[i]!.map((ms, r) => ms / base[r]!)),
    samplesMs: samples[i]!,
  }));
}

/**
 * The median over rounds of `a`'s time added to the baseline's (the first case measured) divided by `b`'s:
 * how much of what `b` adds to a process `a` adds, robust to load on the machine (both processes of a round
 * share it, and bare Node's own start is taken out of both).
 */
export function addedRatio(a: StartupResult, b: StartupResult, baseline: StartupResult): number {
  return median(a.samplesMs.map((ms, r) => (ms - baseline.samplesMs[r]!) / (b.samplesMs[r]! - baseline.samplesMs[r]!)));
}
