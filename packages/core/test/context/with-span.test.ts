import { SpanStatusCode, trace } from '@opentelemetry/api';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bootstrap } from '../../src/bootstrap.js';
import { withSpan } from '../../src/context/with-span.js';
import type { SightlineHandle } from '../../src/types.js';
import { anyValue, HOSTILE_VALUES } from '../fixtures/hostile-values.js';
import { EndedSpans } from '../fixtures/recording-processors.js';

const spans = new EndedSpans();
let handle: SightlineHandle;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => void unhandled.push(reason);

beforeAll(() => {
  process.on('unhandledRejection', onUnhandled);
  handle = bootstrap({
    exporters: { logs: [], traces: [], metrics: [] },
    spanProcessors: [spans],
    handleProcessExit: false,
    captureCrashes: false,
  });
});

afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await handle.shutdown();
});

beforeEach(() => {
  spans.reset();
  unhandled.length = 0;
});

/** Lets every pending promise reaction and the unhandled-rejection check (after microtasks) run. */
function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Whether resolving a promise with `value` adopts it as a thenable (reading `then` may throw: then it rejects). */
function isThenable(value: unknown): boolean {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return false;
  try {
    return typeof (value as { then?: unknown }).then === 'function';
  } catch {
    return true;
  }
}

function caught(fn: () => unknown): { threw: boolean; value: unknown } {
  try {
    return { threw: false, value: fn() };
  } catch (error) {
    return { threw: true, value: error };
  }
}

describe('withSpan: the caller always gets its own outcome', () => {
  it('sync throw: the very thrown value, the span ended with status ERROR and an error.type', () => {
    fc.assert(
      fc.property(anyValue, ({ make }) => {
        const thrown = make();
        spans.reset();
        const outcome = caught(() =>
          withSpan('sync throw', () => {
            throw thrown;
          }),
        );
        expect(outcome.threw).toBe(true);
        expect(Object.is(outcome.value, thrown)).toBe(true);
        expect(spans.ended).toHaveLength(1);
        expect(spans.ended[0]?.status.code).toBe(SpanStatusCode.ERROR);
        expect(typeof spans.ended[0]?.attributes['error.type']).toBe('string');
      }),
      { numRuns: 300 },
    );
  });

  it('sync return: the very returned value, the span ended', () => {
    fc.assert(
      fc.property(anyValue, ({ make }) => {
        const value = make();
        spans.reset();
        const outcome = caught(() => withSpan('sync return', () => value));
        expect(outcome.threw).toBe(false);
        expect(Object.is(outcome.value, value)).toBe(true);
        expect(spans.ended).toHaveLength(1);
      }),
      { numRuns: 300 },
    );
  });

  it('async rejection: the very promise, rejected with the very value; span ended; nothing of ours left rejected', async () => {
    await fc.assert(
      fc.asyncProperty(anyValue, async ({ make }) => {
        const thrown = make();
        spans.reset();
        unhandled.length = 0;
        const promise = Promise.reject(thrown);
        const returned = withSpan('async reject', () => promise);
        expect(returned).toBe(promise);
        const outcome = await returned.then(
          () => ({ rejected: false, value: undefined as unknown }),
          (error: unknown) => ({ rejected: true, value: error }),
        );
        expect(outcome.rejected).toBe(true);
        expect(Object.is(outcome.value, thrown)).toBe(true);
        await settle();
        expect(unhandled).toEqual([]);
        expect(spans.ended).toHaveLength(1);
        expect(spans.ended[0]?.status.code).toBe(SpanStatusCode.ERROR);
      }),
      { numRuns: 150 },
    );
  });

  it('async function throwing after an await: same guarantees', async () => {
    await fc.assert(
      fc.asyncProperty(anyValue, async ({ make }) => {
        const thrown = make();
        spans.reset();
        unhandled.length = 0;
        const returned = withSpan('async throw', async () => {
          await null;
          throw thrown;
        });
        const outcome = await returned.then(
          () => ({ rejected: false, value: undefined as unknown }),
          (error: unknown) => ({ rejected: true, value: error }),
        );
        expect(outcome.rejected).toBe(true);
        expect(Object.is(outcome.value, thrown)).toBe(true);
        await settle();
        expect(unhandled).toEqual([]);
        expect(spans.ended).toHaveLength(1);
      }),
      { numRuns: 150 },
    );
  });

  it('async resolution: the very promise; the span ends, with status ERROR exactly when the promise rejects', async () => {
    await fc.assert(
      fc.asyncProperty(anyValue, async ({ make }) => {
        const value = make();
        spans.reset();
        // Resolving with a value whose `then` getter throws rejects the promise: JavaScript's outcome, not ours.
        const promise = Promise.resolve().then(() => value);
        const returned = withSpan('async resolve', () => promise);
        expect(returned).toBe(promise);
        const box: { rejected?: boolean; value?: unknown } = {};
        await returned.then(
          (v) => Object.assign(box, { rejected: false, value: v }) && undefined,
          (e: unknown) => Object.assign(box, { rejected: true, value: e }) && undefined,
        );
        if (!box.rejected && !isThenable(value)) expect(Object.is(box.value, value)).toBe(true);
        await settle();
        expect(spans.ended).toHaveLength(1);
        expect(spans.ended[0]?.status.code).toBe(box.rejected ? SpanStatusCode.ERROR : SpanStatusCode.UNSET);
      }),
      { numRuns: 150 },
    );
  });

  it('a hostile thenable returned by fn is returned as it is; the span ends; nothing throws or is left rejected', async () => {
    const thenables = [
      { then: 5 },
      Object.defineProperty({}, 'then', { get: () => { throw new Error('then getter'); } }),
      { then(resolve: (v: unknown) => void, reject: (e: unknown) => void) { resolve(1); reject(2); throw new Error('then'); } },
      { then() { throw Object.create(null); } },
    ];
    for (const thenable of thenables) {
      spans.reset();
      const outcome = caught(() => withSpan('thenable', () => thenable));
      expect(outcome.threw).toBe(false);
      expect(outcome.value).toBe(thenable);
      await settle();
      expect(spans.ended).toHaveLength(1);
    }
    await settle();
    expect(unhandled).toEqual([]);
  });

  it('a Promise subclass whose then throws: the promise is returned, the span ends', async () => {
    class Hostile extends Promise<number> {
      override then(): never {
        throw new Error('subclass then');
      }
    }
    const promise = new Hostile((resolve) => resolve(1));
    const outcome = caught(() => withSpan('subclass', () => promise));
    expect(outcome).toEqual({ threw: false, value: promise });
    await settle();
    expect(spans.ended).toHaveLength(1);
    expect(unhandled).toEqual([]);
  });

  it('hostile names and options never change the outcome', () => {
    fc.assert(
      fc.property(anyValue, anyValue, ({ make: name }, { make: options }) => {
        spans.reset();
        const result = {};
        const outcome = caught(() => withSpan(name() as string, () => result, options() as never));
        expect(outcome).toEqual({ threw: false, value: result });
        expect(outcome.value).toBe(result);
        expect(spans.ended).toHaveLength(1);
        expect(typeof spans.ended[0]?.name).toBe('string');
      }),
      { numRuns: 200 },
    );
  });

  it('fn receives the span, which is the active span inside fn', () => {
    withSpan('active', (span) => {
      expect(trace.getActiveSpan()).toBe(span);
    });
  });

  it('every hand-made hostile value once, sync and async', async () => {
    for (const { label, make } of HOSTILE_VALUES) {
      const value = make();
      spans.reset();
      const sync = caught(() =>
        withSpan(label, () => {
          throw value;
        }),
      );
      expect(Object.is(sync.value, value), label).toBe(true);
      const box: { value?: unknown } = {};
      await withSpan(label, async () => {
        throw value;
      }).then(undefined, (error: unknown) => void (box.value = error));
      expect(Object.is(box.value, value), label).toBe(true);
      await settle();
      expect(spans.ended, label).toHaveLength(2);
    }
    expect(unhandled).toEqual([]);
  });
});
