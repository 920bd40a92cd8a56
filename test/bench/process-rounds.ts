/**
 * Process-level per-call timing, shared by the LLM and MCP benchmarks: each variant runs in a process of
 * its own (a worker script), makes warm-up calls and then timed ones, and reports its CPU time per call;
 * a round runs every variant once, in random order; a variant's cost is the median over the rounds of its
 * difference to the uninstrumented variant of the same round (paired rounds). Nothing forces a GC.
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import type { CaseResult, GroupResult } from './harness.ts';

/** What a worker prints (one JSON line), per call. */
export interface WorkerResult {
  /** Process CPU time (user + system, every thread: GC helpers and the batch export included). */
  cpuNs: number;
  /** The main thread's CPU time. */
  threadNs: number;
  wallNs: number;
}

/** Worker side: `warmup` calls, then `calls` timed ones; prints their {@link WorkerResult}. */
export async function timeCalls(call: () => Promise<unknown>, warmup: number, calls: number): Promise<void> {
  for (let i = 0; i < warmup; i++) await call();
  const cpu0 = process.cpuUsage();
  const thread0 = process.threadCpuUsage();
  const wall0 = performance.now();
  for (let i = 0; i < calls; i++) await call();
  const wall = performance.now() - wall0;
  const thread = process.threadCpuUsage(thread0);
  const cpu = process.cpuUsage(cpu0);
  const perCall = (micros: number) => (micros * 1000) / calls;
  const result: WorkerResult = { cpuNs: perCall(cpu.user + cpu.system), threadNs: perCall(thread.user + thread.system), wallNs: (wall * 1e6) / calls };
  console.log(JSON.stringify(result));
}

/** One variant: the worker's argument and the row's name. The ids `uninstrumented`, `span` and `floor` are the reference rows. */
export type Variant = readonly [id: string, name: string];

export interface RoundsOptions {
  worker: URL;
  variants: readonly Variant[];
  /** Arguments after the variant id. */
  args: readonly string[];
  rounds: number;
  calls: number;
  warmup: number;
}

export interface RoundsResult {
  options: RoundsOptions;
  /** Per variant and round. */
  results: Map<string, WorkerResult[]>;
  /** Per variant and round: minus the uninstrumented variant of the round. */
  added: Map<string, WorkerResult[]>;
  load: string;
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export function runRounds(options: RoundsOptions): RoundsResult {
  const { variants, rounds } = options;
  const results = new Map<string, WorkerResult[]>(variants.map(([id]) => [id, []]));
  const added = new Map<string, WorkerResult[]>(variants.map(([id]) => [id, []]));
  const loads: number[] = [];
  for (let round = 0; round < rounds; round++) {
    loads.push(os.loadavg()[0]!);
    const thisRound = new Map<string, WorkerResult>();
    for (const [id] of [...variants].sort(() => Math.random() - 0.5)) {
      const args = [options.worker.pathname, id, ...options.args, String(options.warmup), String(options.calls)];
      const run = spawnSync(process.execPath, args, { encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`${id} failed: ${run.stderr}`);
      const result = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as WorkerResult;
      results.get(id)!.push(result);
      thisRound.set(id, result);
    }
    const base = thisRound.get('uninstrumented')!;
    for (const [id] of variants) {
      const r = thisRound.get(id)!;
      added.get(id)!.push({ cpuNs: r.cpuNs - base.cpuNs, threadNs: r.threadNs - base.threadNs, wallNs: r.wallNs - base.wallNs });
    }
    console.error(`round ${round + 1}/${rounds} done (load ${os.loadavg()[0]!.toFixed(1)})`);
  }
  loads.push(os.loadavg()[0]!);
  const load = `load average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} during the run`;
  return { options, results, added, load };
}

/** The markdown table of a run: per-call costs, added costs, ratios to the SDK floor, excess over the span alone. */
export function printTable(run: RoundsResult, what: string): void {
  const { options, results, added } = run;
  const pick = (id: string, key: keyof WorkerResult, from = added) => median(from.get(id)!.map((r) => r[key]));
  const us = (ns: number) => (ns / 1000).toFixed(1);
  console.log(`\n${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, ${run.load}; ${options.rounds} rounds × ${options.calls} ${what} (after ${options.warmup} warm-up) per variant, one process each\n`);
  console.log('| variant | process CPU µs per call | wall µs per call | added process CPU µs | vs SDK floor | minus SDK span alone | added main-thread CPU µs | vs SDK floor | minus SDK span alone |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const [id, name] of options.variants) {
    const cells: string[] = [];
    if (id === 'uninstrumented') cells.push('—', '—', '—', '—', '—', '—');
    else {
      for (const key of ['cpuNs', 'threadNs'] as const) {
        const a = pick(id, key);
        cells.push(us(a), `${(a / pick('floor', key)).toFixed(2)}×`, us(a - pick('span', key)));
      }
    }
    console.log(`| ${name} | ${us(pick(id, 'cpuNs', results))} | ${us(pick(id, 'wallNs', results))} | ${cells.join(' | ')} |`);
  }
}

/** The groups `run.ts` writes into docs/benchmarks.md: added process and main-thread CPU, the SDK floor first. */
export function resultGroups(run: RoundsResult, what: string): GroupResult[] {
  const { options, added } = run;
  const rows = options.variants.filter(([id]) => id !== 'uninstrumented').sort(([a], [b]) => (a === 'floor' ? -1 : b === 'floor' ? 1 : 0));
  const group = (key: 'cpuNs' | 'threadNs', title: string): GroupResult => ({
    group: title,
    cases: rows.map(([id, name]): CaseResult => {
      const values = added.get(id)!.map((r) => r[key]);
      return { name, medianNs: median(values), meanNs: values.reduce((x, y) => x + y, 0) / values.length, p99Ns: Math.max(...values), samples: options.rounds };
    }),
  });
  return [
    group(
      'cpuNs',
      `added process CPU per ${what} over the uninstrumented one, median (mean) of ${options.rounds} paired rounds of ${options.calls}, one process per variant and round, BatchSpanProcessor, no forced GC (${run.load}); first row: the SDK floor`,
    ),
    group('threadNs', `added main-thread CPU per ${what}, the same runs (the process figure less the GC helper threads); first row: the SDK floor`),
  ];
}
