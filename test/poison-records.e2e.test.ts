/**
 * One bad record never fails a batch: a batch of 100 with one poison record, exported through the real
 * OTLP exporters (protobuf and JSON) to a loopback receiver, arrives whole — the 99 good records and the
 * poison one made encodable — and the repair is counted.
 */
import { logs, trace, type Link, type Tracer } from '@opentelemetry/api';
import type { Logger as OtelLogger } from '@opentelemetry/api';
import { bootstrap, getLogger, type Logger, type OtlpProtocol } from '@sightline/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOtlpReceiver, type OtlpReceiver } from './fixtures/otlp-receiver.js';

let receiver: OtlpReceiver;
beforeAll(async () => {
  receiver = await startOtlpReceiver();
});
afterAll(() => receiver.close());

const fakeTypedArray = (): unknown => Object.setPrototypeOf({}, Uint8Array.prototype);

interface Poison<T> {
  name: string;
  emit(target: T): void;
  /** Which received item is the poison one, once repaired. */
  find: (item: { name?: string; body?: unknown; attributes: Record<string, unknown>; events?: { name: string }[] }) => boolean;
}

const SPAN_POISONS: Poison<Tracer>[] = [
  { name: 'span named null', emit: (t) => t.startSpan(null as never).end(), find: (s) => s.name === 'null' },
  { name: 'span named undefined', emit: (t) => t.startSpan(undefined as never).end(), find: (s) => s.name === 'undefined' },
  {
    name: 'addEvent(null)',
    emit: (t) => {
      const span = t.startSpan('with event');
      span.addEvent(null as never);
      span.end();
    },
    find: (s) => s.name === 'with event' && s.events?.[0]?.name === 'null',
  },
  {
    name: 'updateName(null)',
    emit: (t) => {
      const span = t.startSpan('renamed');
      span.updateName(null as never);
      span.end();
    },
    find: (s) => s.name === 'null',
  },
  {
    name: 'link with a null context',
    emit: (t) => t.startSpan('linked', { links: [{ context: null } as unknown as Link] }).end(),
    find: (s) => s.name === 'linked',
  },
  {
    name: 'end(NaN)',
    emit: (t) => t.startSpan('ended at NaN').end(Number.NaN),
    find: (s) => s.name === 'ended at NaN',
  },
  {
    name: 'start attribute that is a fake typed array',
    emit: (t) => t.startSpan('fake bytes', { attributes: { ok: 1, bytes: fakeTypedArray() as never } }).end(),
    find: (s) => s.name === 'fake bytes' && s.attributes.ok === 1,
  },
];

const LOG_POISONS: Poison<{ otel: OtelLogger; facade: Logger }>[] = [
  { name: 'body that is a fake typed array', emit: ({ otel }) => otel.emit({ body: fakeTypedArray() as never }), find: (r) => r.body === '[object Uint8Array]' },
  {
    name: 'body with a nested fake typed array',
    emit: ({ otel }) => otel.emit({ body: { kept: 'yes', bad: [fakeTypedArray()] } as never }),
    find: (r) => (r.body as { kept?: string } | undefined)?.kept === 'yes',
  },
  { name: 'severityNumber 1e12', emit: ({ otel }) => otel.emit({ body: 'loud', severityNumber: 1e12 as never }), find: (r) => r.body === 'loud' },
  { name: 'timestamp NaN', emit: ({ otel }) => otel.emit({ body: 'timeless', timestamp: Number.NaN }), find: (r) => r.body === 'timeless' },
  {
    name: 'facade attribute that is a fake typed array',
    emit: ({ facade }) => facade.info('fake bytes', { ok: 1, bytes: fakeTypedArray() as never }),
    find: (r) => r.body === 'fake bytes' && r.attributes.ok === 1,
  },
  {
    name: 'facade attributes that are a string',
    emit: ({ facade }) => facade.warn('stringly', 'x'.repeat(100_000) as never),
    find: (r) => r.body === 'stringly',
  },
];

async function withSdk(protocol: OtlpProtocol, run: () => void) {
  receiver.reset();
  const handle = bootstrap({
    otlp: { protocol, logs: { endpoint: receiver.endpoint('logs') }, traces: { endpoint: receiver.endpoint('spans') } },
    exporters: { metrics: [] },
    handleProcessExit: false,
    captureCrashes: false,
    diagLogLevel: 'none',
  });
  try {
    run();
    await handle.forceFlush();
    return handle.getDropCounts();
  } finally {
    await handle.shutdown();
  }
}

for (const protocol of ['http/protobuf', 'http/json'] as const) {
  describe(`one poison record in a batch of 100 (${protocol})`, () => {
    for (const poison of SPAN_POISONS) {
      it(`spans: ${poison.name}`, async () => {
        const drops = await withSdk(protocol, () => {
          const tracer = trace.getTracer('poison');
          for (let i = 0; i < 100; i++) {
            if (i === 50) poison.emit(tracer);
            else tracer.startSpan(`good ${i}`).end();
          }
        });
        const spans = await receiver.waitFor('spans', (items) => items.length >= 100, 5_000);
        expect(spans.filter((s) => s.name.startsWith('good '))).toHaveLength(99);
        expect(spans.filter((s) => poison.find(s))).toHaveLength(1);
        expect(receiver.errors).toEqual([]);
        expect(drops.spans.export_failed).toBe(0);
        expect(Object.values(drops.sanitized.spans).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
      });
    }

    for (const poison of LOG_POISONS) {
      it(`logs: ${poison.name}`, async () => {
        const drops = await withSdk(protocol, () => {
          const otel = logs.getLogger('poison');
          const facade = getLogger('poison');
          for (let i = 0; i < 100; i++) {
            if (i === 50) poison.emit({ otel, facade });
            else facade.info(`good ${i}`);
          }
        });
        const records = await receiver.waitFor('logs', (items) => items.length >= 100, 5_000);
        expect(records.filter((r) => typeof r.body === 'string' && r.body.startsWith('good '))).toHaveLength(99);
        expect(records.filter((r) => poison.find(r))).toHaveLength(1);
        expect(receiver.errors).toEqual([]);
        expect(drops.logs.export_failed).toBe(0);
        expect(Object.values(drops.sanitized.logs).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
      });
    }
  });
}
