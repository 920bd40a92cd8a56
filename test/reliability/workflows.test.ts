/**
 * Issue 12, item 10: 1 000 concurrent workflows (withSpan + logs across awaits, timers, setImmediate,
 * microtasks and Promise.all fan-out), exported to a loopback OTLP receiver: every log record and every span
 * carries its own workflow's trace id, and every step span hangs under its own workflow's root span.
 */
import { getLogger, withSpan } from '@sightline/core';
import { describe, expect, it } from 'vitest';
import { SCALE, TIMEOUT_MS } from './fuzz-harness.js';
import { useLoopbackSdk } from './loopback-sdk.js';

/** Workflows running at once; the long run repeats the wave `RELIABILITY_SCALE` times. */
const WORKFLOWS = 1_000;
const STEPS = 3;
/** start, per step (start, done), timer, microtask, end. */
const LOGS_PER_WORKFLOW = 4 + 2 * STEPS;

const sdk = useLoopbackSdk({ serviceName: 'workflows' });

const log = getLogger('workflow');

/** A pseudo-random delay of 0–4 ms, different per workflow and step, so the workflows interleave. */
function delay(seed: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, (seed * 7919) % 5));
}

async function workflow(id: number): Promise<string> {
  return withSpan(`workflow ${id}`, async (root) => {
    log.info('start', { 'workflow.id': id });
    await delay(id);
    await Promise.all(
      Array.from({ length: STEPS }, (_, step) =>
        withSpan(`workflow ${id} step ${step}`, async () => {
          log.info('step start', { 'workflow.id': id, step });
          await new Promise((resolve) => setImmediate(resolve));
          await delay(id + step);
          log.info('step done', { 'workflow.id': id, step });
        }),
      ),
    );
    await new Promise<void>((resolve) =>
      setTimeout(() => {
        log.info('timer', { 'workflow.id': id });
        resolve();
      }, id % 3),
    );
    await new Promise<void>((resolve) =>
      queueMicrotask(() => {
        log.info('microtask', { 'workflow.id': id });
        resolve();
      }),
    );
    log.info('end', { 'workflow.id': id });
    return root.spanContext().traceId;
  });
}

/** Runs one wave of concurrent workflows and returns the records that carry another workflow's trace. */
async function runWave(): Promise<number> {
  const traceIds = await Promise.all(Array.from({ length: WORKFLOWS }, (_, id) => workflow(id)));
  await sdk.handle.forceFlush();
  const logs = await sdk.receiver.waitForCount('logs', WORKFLOWS * LOGS_PER_WORKFLOW, 20_000);
  const spans = await sdk.receiver.waitForCount('spans', WORKFLOWS * (1 + STEPS), 20_000);
  expect(new Set(traceIds).size).toBe(WORKFLOWS);
  let crossTalk = 0;
  const rootSpanIds = new Map<string, string>();
  for (const span of spans) if (span.parentSpanId === '') rootSpanIds.set(span.traceId, span.spanId);
  expect(rootSpanIds.size).toBe(WORKFLOWS);
  const spanIdsByTrace = new Map<string, Set<string>>();
  for (const span of spans) {
    const id = Number(/^workflow (\d+)/.exec(span.name)?.[1]);
    if (span.traceId !== traceIds[id]) crossTalk++;
    if (span.parentSpanId !== '' && span.parentSpanId !== rootSpanIds.get(span.traceId)) crossTalk++;
    const ids = spanIdsByTrace.get(span.traceId) ?? new Set<string>();
    ids.add(span.spanId);
    spanIdsByTrace.set(span.traceId, ids);
  }
  for (const record of logs) {
    const id = record.attributes['workflow.id'] as number;
    if (record.traceId !== traceIds[id]) crossTalk++;
    if (!spanIdsByTrace.get(record.traceId)?.has(record.spanId)) crossTalk++;
  }
  return crossTalk;
}

describe('concurrent workflows', () => {
  it(`${WORKFLOWS} workflows at once (${SCALE} wave${SCALE > 1 ? 's' : ''}): 0 trace cross-talk in logs and spans`, async () => {
    let crossTalk = 0;
    let received = 0;
    for (let wave = 0; wave < SCALE; wave++) {
      crossTalk += await runWave();
      received += sdk.receiver.logs.length + sdk.receiver.spans.length;
      sdk.receiver.reset();
    }
    console.log(`workflows: ${SCALE} × ${WORKFLOWS} concurrent, ${received} log records and spans received, ${crossTalk} cross-talk`);
    expect(received).toBe(SCALE * WORKFLOWS * (LOGS_PER_WORKFLOW + 1 + STEPS));
    expect(crossTalk).toBe(0);
    expect(sdk.rejections.count).toBe(0);
  }, TIMEOUT_MS);
});
