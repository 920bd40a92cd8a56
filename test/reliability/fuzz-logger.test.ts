/**
 * Issue 12, item 10: property-based fuzzing of the logger facade, through the whole default pipeline
 * (sanitize, redaction, error stages, sampling, metrics) and the real OTLP/protobuf exporter to a loopback
 * receiver. Every call: no throw, no stall; every record arrives; no export batch fails.
 */
import { getLogger, type Logger } from '@sightline/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyValue, type Hostile } from '../../packages/core/test/fixtures/hostile-values.js';
import { CallMeter, collect, inBatches, runs, summary, TIMEOUT_MS } from './fuzz-harness.js';
import { useLoopbackSdk } from './loopback-sdk.js';

const INPUTS = runs(50_000);

const sdk = useLoopbackSdk({ serviceName: 'fuzz-logger', protocol: 'http/protobuf', logLevel: 'trace' });

type Call = (log: Logger, a: unknown, b: unknown) => number;

/** Each call and the number of records it emits (every level is enabled). */
const CALLS: Record<string, Call> = {
  trace: (log, a, b) => (log.trace(a as string, b as never), 1),
  debug: (log, a, b) => (log.debug(a as string, b as never), 1),
  info: (log, a, b) => (log.info(a as string, b as never), 1),
  warn: (log, a, b) => (log.warn(a as string, b as never), 1),
  error: (log, a, b) => (log.error(a as string, b as never), 1),
  fatal: (log, a, b) => (log.fatal(a as string, b as never), 1),
  security: (log, a, b) => (log.security(a as string, b as never), 1),
  'child.info': (log, a, b) => (log.child(a as never).info('child', b as never), 1),
  isLevelEnabled: (log, a) => (log.isLevelEnabled(a as never), 0),
  getLogger: (_log, a) => (getLogger(a as string).info('named'), 1),
};

describe('fuzz: the logger facade', () => {
  it(`${INPUTS} calls with arbitrary and hostile arguments: 0 throws, 0 stalls, 0 unhandled rejections, every record exported`, async () => {
    const meter = new CallMeter();
    const log = getLogger('fuzz.logger');
    let expected = 0;
    const tally = { logs: 0, spans: 0, errors: 0 };
    await inBatches(
      INPUTS,
      (numRuns) =>
        fc.assert(
          fc.property(fc.constantFrom(...Object.keys(CALLS)), anyValue, anyValue, (name: string, a: Hostile, b: Hostile) => {
            const first = a.make();
            const second = b.make();
            const emitted = meter.run(`${name}(${a.label}, ${b.label})`, () => (CALLS[name] as Call)(log, first, second));
            expected += emitted ?? 0;
          }),
          { numRuns },
        ),
      () => collect(sdk.handle, sdk.receiver, tally),
    );
    const report = meter.report;
    const drops = sdk.handle.getDropCounts();
    console.log(
      summary('fuzz-logger', report, `; ${tally.logs}/${expected} records received; sanitized ${JSON.stringify(drops.sanitized.logs)}`),
    );
    expect(report.firstThrow).toBe('');
    expect(report.throws).toBe(0);
    expect(report.stalls).toBe(0);
    expect(sdk.rejections.count).toBe(0);
    expect(tally.logs).toBe(expected);
    expect(tally.errors).toBe(0);
    expect(drops.logs).toEqual({ queue_full: 0, export_failed: 0, shutdown: 0 });
    expect(Object.values(drops.stageErrors).every((n) => n === 0)).toBe(true);
  }, TIMEOUT_MS);
});
