/**
 * Issue 12, item 10: property-based fuzzing of withSpan with arbitrary and hostile returned and thrown values,
 * sync and async: the caller always gets exactly its own outcome (same identity), no call throws anything of
 * ours or stalls, no promise of ours is left rejected, and every span ends and is exported.
 */
import { withSpan } from '@sightline/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyValue, type Hostile } from '../../packages/core/test/fixtures/hostile-values.js';
import { CallMeter, collect, inBatches, macrotask, runs, summary, TIMEOUT_MS } from './fuzz-harness.js';
import { useLoopbackSdk } from './loopback-sdk.js';

const INPUTS = runs(20_000);

const sdk = useLoopbackSdk({ serviceName: 'fuzz-with-span' });

const SHAPES = ['sync return', 'sync throw', 'async resolve', 'async reject', 'async throw after await'] as const;
type Shape = (typeof SHAPES)[number];

/** Whether resolving a promise with `value` adopts it as a thenable (or rejects, when reading `then` throws). */
function adopts(value: unknown): boolean {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return false;
  try {
    return typeof (value as { then?: unknown }).then === 'function';
  } catch {
    return true;
  }
}

describe('fuzz: withSpan', () => {
  it(`${INPUTS} workflows returning or throwing arbitrary and hostile values: the caller's own outcome, 0 throws of ours, 0 stalls, 0 unhandled rejections, every span exported`, async () => {
    const meter = new CallMeter();
    let mismatches = 0;
    const pending: Promise<void>[] = [];
    const tally = { logs: 0, spans: 0, errors: 0 };
    await inBatches(
      INPUTS,
      (numRuns) =>
        fc.assert(
          fc.property(fc.constantFrom(...SHAPES), anyValue, anyValue, (shape: Shape, v: Hostile, name: Hostile) => {
            const value = v.make();
            const spanName = name.make() as string;
            const label = `${shape}(${v.label})`;
            let expectedPromise: Promise<unknown> | undefined;
            const fn = (): unknown => {
              switch (shape) {
                case 'sync return':
                  return value;
                case 'sync throw':
                  throw value;
                case 'async resolve':
                  expectedPromise = Promise.resolve().then(() => value);
                  return expectedPromise;
                case 'async reject':
                  expectedPromise = Promise.reject(value);
                  return expectedPromise;
                case 'async throw after await':
                  expectedPromise = (async () => {
                    await null;
                    throw value;
                  })();
                  return expectedPromise;
              }
            };
            let threw = false;
            let outcome: unknown;
            meter.run(label, () => {
              try {
                outcome = withSpan(spanName, fn);
              } catch (error) {
                threw = true;
                outcome = error;
              }
            });
            if (shape === 'sync return' || shape === 'sync throw') {
              if (threw !== (shape === 'sync throw') || !Object.is(outcome, value)) mismatches++;
              return;
            }
            if (threw || outcome !== expectedPromise) {
              mismatches++;
              return;
            }
            const expectRejection = shape !== 'async resolve';
            pending.push(
              (outcome as Promise<unknown>).then(
                (resolved) => {
                  if (expectRejection || (!adopts(value) && !Object.is(resolved, value))) mismatches++;
                },
                (rejected: unknown) => {
                  if (expectRejection ? !Object.is(rejected, value) : !adopts(value)) mismatches++;
                },
              ),
            );
          }),
          { numRuns },
        ),
      async () => {
        // Every async workflow of the batch settles (its span ends), then the spans are collected.
        await Promise.all(pending.splice(0));
        await macrotask();
        await collect(sdk.handle, sdk.receiver, tally);
      },
    );
    const report = meter.report;
    console.log(summary('fuzz-with-span', report, `; ${mismatches} outcome mismatches; ${tally.spans}/${INPUTS} spans ended and received`));
    expect(report.throws).toBe(0); // a throw of the caller's own is caught inside the measured call
    expect(mismatches).toBe(0);
    expect(report.stalls).toBe(0);
    expect(sdk.rejections.count).toBe(0);
    expect(tally.spans).toBe(INPUTS);
    expect(tally.errors).toBe(0);
    expect(sdk.handle.getDropCounts().spans).toEqual({ queue_full: 0, export_failed: 0, shutdown: 0 });
  }, TIMEOUT_MS);
});
