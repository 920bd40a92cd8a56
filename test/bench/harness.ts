/**
 * The benchmark harness every `test/bench/*.bench.ts` uses: tinybench in one process, warm-up first,
 * cases of one workload run side by side, medians reported (these machines are noisy). Each file is run
 * as its own process by `test/bench/run.ts`, which writes the tables into docs/benchmarks.md.
 *
 * A case may do `perCall` operations per invocation (to amortise timer overhead); reported numbers are
 * per operation.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { Bench } from 'tinybench';

/** One case of a workload. */
export interface BenchCase {
  name: string;
  fn: () => unknown;
  /** Operations one invocation performs (default 1). */
  perCall?: number;
}

/** One measured case, per operation. */
export interface CaseResult {
  name: string;
  medianNs: number;
  meanNs: number;
  p99Ns: number;
  samples: number;
}

/** One workload's results, as written to `test/bench/results/<file>.json`. */
export interface GroupResult {
  group: string;
  /** What the numbers count: nanoseconds (the default) or bytes (then `medianNs`/`meanNs` hold bytes). */
  unit?: 'ns' | 'bytes';
  cases: CaseResult[];
}

const RESULTS_DIR = new URL('./results/', import.meta.url);

/** Options of {@link runGroup}. */
export interface GroupOptions {
  /** Time budget per case in ms of the clock (default 1 500). */
  timeMs?: number;
  /**
   * What a sample's duration is: `wall` (the default, `performance.now`), or `cpu`, the process's CPU time
   * (user + system of every thread, `process.cpuUsage`, 1 µs resolution): on a machine shared with other
   * jobs a sample then does not count the time it waited for a core. Use it for samples of 1 ms or more.
   */
  clock?: 'wall' | 'cpu';
}

/** The process's CPU time in ms. */
const cpuNow = (): number => {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1_000;
};

/** Runs the cases of one workload and returns per-operation statistics. */
export async function runGroup(group: string, cases: BenchCase[], options: GroupOptions = {}): Promise<GroupResult> {
  const bench = new Bench({ time: options.timeMs ?? 1_500, warmupTime: 300, warmupIterations: 50, ...(options.clock === 'cpu' ? { now: cpuNow } : {}) });
  for (const c of cases) bench.add(c.name, c.fn);
  await bench.run();
  const results: CaseResult[] = [];
  for (const c of cases) {
    const task = bench.getTask(c.name);
    const result = task?.result;
    if (!result || !('latency' in result)) throw new Error(`benchmark "${c.name}" did not run: ${JSON.stringify(result)}`);
    const per = c.perCall ?? 1;
    const ns = (ms: number) => (ms * 1e6) / per;
    results.push({
      name: c.name,
      medianNs: ns(result.latency.p50),
      meanNs: ns(result.latency.mean),
      p99Ns: ns(result.latency.p99),
      samples: result.latency.samplesCount,
    });
  }
  return { group, cases: results };
}

/** The machine the numbers were taken on. */
export function machine(): string {
  return `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`;
}

/**
 * Prints the groups and saves them for `run.ts` under `results/<name>.json`. `method` replaces the table's
 * default first line ("per operation, median (mean) of tinybench samples") for a bench measured otherwise;
 * `markdown`, when given, replaces the one table per group that `run.ts` would write.
 */
export function report(name: string, groups: GroupResult[], method?: string, markdown?: string): void {
  for (const g of groups) {
    console.log(`\n${g.group}`);
    for (const c of g.cases) {
      console.log(`  ${c.name.padEnd(72)} median ${c.medianNs.toFixed(1).padStart(10)} ns   mean ${c.meanNs.toFixed(1).padStart(10)} ns`);
    }
  }
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(new URL(`${name}.json`, RESULTS_DIR), JSON.stringify({ machine: machine(), date: new Date().toISOString(), method, groups, markdown }, null, 2));
}
