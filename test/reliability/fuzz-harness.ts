/**
 * What the fuzz tests of the logger facade, the span API and withSpan share: how many inputs to run
 * (`RELIABILITY_SCALE` multiplies them; `npm run test:reliability` sets it), and a meter that runs each call,
 * counting throws and stalls.
 *
 * A stall is one call that took more than 100 ms of this thread's CPU time (`process.threadCpuUsage`, which
 * includes garbage collection on the thread but not the time other processes took the core: these tests
 * share two cores with other work). The wall time of each call is measured too and reported.
 */
export const STALL_MS = 100;

/** Multiplies every fuzz test's number of inputs; 1 in CI. */
export const SCALE = Math.max(1, Number(process.env.RELIABILITY_SCALE ?? 1) || 1);

/**
 * Runs `total` inputs in batches of at most {@link BATCH}, awaiting `between` after each: a synchronous
 * property holds the event loop, and the export queues must drain between batches (as they would between the
 * requests of a real service) or a long run would only measure the queue bound.
 */
export async function inBatches(total: number, batch: (numRuns: number) => void, between: () => Promise<void>): Promise<void> {
  for (let done = 0; done < total; done += BATCH) {
    batch(Math.min(BATCH, total - done));
    await between();
  }
}

/** What a receiver took in over all batches; it is emptied after each, so a long run holds one batch at a time. */
export interface Tally {
  logs: number;
  spans: number;
  errors: number;
}

/** Flushes `handle`, adds what `receiver` holds to `tally`, and empties the receiver. */
export async function collect(
  handle: { forceFlush(): Promise<void> },
  receiver: { logs: readonly unknown[]; spans: readonly unknown[]; errors: readonly unknown[]; reset(): void },
  tally: Tally,
): Promise<void> {
  await handle.forceFlush();
  await macrotask();
  tally.logs += receiver.logs.length;
  tally.spans += receiver.spans.length;
  tally.errors += receiver.errors.length;
  receiver.reset();
}

/** Inputs per batch: well under the export queue's 65 536 records. */
export const BATCH = 10_000;

/** The timeout of one fuzz test: a minute per unit of scale. */
export const TIMEOUT_MS = 60_000 * SCALE;

/** The number of inputs of one fuzz test: `base` in CI, `base × RELIABILITY_SCALE` in the long run. */
export function runs(base: number): number {
  return Math.round(base * SCALE);
}

export interface CallReport {
  calls: number;
  throws: number;
  /** Calls over {@link STALL_MS} of thread CPU time. */
  stalls: number;
  /** Calls over {@link STALL_MS} of wall time (reported, not asserted: the machine is shared). */
  wallStalls: number;
  maxCpuMs: number;
  maxWallMs: number;
  /** The label of the slowest call (CPU time), and of the first throw. */
  slowest: string;
  firstThrow: string;
}

export class CallMeter {
  private readonly _report: CallReport = {
    calls: 0,
    throws: 0,
    stalls: 0,
    wallStalls: 0,
    maxCpuMs: 0,
    maxWallMs: 0,
    slowest: '',
    firstThrow: '',
  };

  /** Runs `fn` once, measured; a throw is counted (and never passed on). Returns what `fn` returned. */
  run<T>(label: string, fn: () => T): T | undefined {
    const cpu0 = process.threadCpuUsage();
    const wall0 = performance.now();
    let result: T | undefined;
    try {
      result = fn();
    } catch (error) {
      this._report.throws++;
      if (this._report.firstThrow === '') this._report.firstThrow = `${label}: ${describe(error)}`;
    }
    const wallMs = performance.now() - wall0;
    const cpu = process.threadCpuUsage(cpu0);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const report = this._report;
    report.calls++;
    if (cpuMs > STALL_MS) report.stalls++;
    if (wallMs > STALL_MS) report.wallStalls++;
    if (cpuMs > report.maxCpuMs) {
      report.maxCpuMs = cpuMs;
      report.slowest = label;
    }
    if (wallMs > report.maxWallMs) report.maxWallMs = wallMs;
    return result;
  }

  get report(): CallReport {
    return { ...this._report };
  }
}

function describe(error: unknown): string {
  try {
    return error instanceof Error ? `${error.name}: ${error.message}` : typeof error;
  } catch {
    return 'unprintable';
  }
}

/** Counts unhandled rejections while installed. */
export class RejectionWatch {
  count = 0;
  private readonly _listener = (): void => {
    this.count++;
  };

  install(): void {
    process.on('unhandledRejection', this._listener);
  }

  uninstall(): void {
    process.off('unhandledRejection', this._listener);
  }
}

/** Lets pending promise reactions and the unhandled-rejection check run. */
export function macrotask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** One line for the docs table: the figures of a fuzz run. */
export function summary(name: string, report: CallReport, extra = ''): string {
  return `${name}: ${report.calls} calls, ${report.throws} throws, ${report.stalls} stalls (max ${report.maxCpuMs.toFixed(1)} ms CPU, ${report.maxWallMs.toFixed(1)} ms wall, slowest: ${report.slowest})${extra}`;
}
