import { JsonLogsSerializer, ProtobufLogsSerializer } from '@opentelemetry/otlp-transformer';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bootstrap } from '../../src/bootstrap.js';
import { getLogger } from '../../src/logger/logger.js';
import { setLogLevel } from '../../src/logger/level-control.js';
import type { Logger } from '../../src/logger/types.js';
import type { SightlineHandle } from '../../src/types.js';
import { anyValue, type Hostile } from '../fixtures/hostile-values.js';
import { EmittedLogs } from '../fixtures/recording-processors.js';

const VALUE_LENGTH_LIMIT = 64;
const emitted = new EmittedLogs();
let handle: SightlineHandle;
const security: Array<{ name: string; attributes: unknown }> = [];

beforeAll(() => {
  // The standard limits apply to the facade too; the SDK reads the same variables.
  process.env.OTEL_LOGRECORD_ATTRIBUTE_VALUE_LENGTH_LIMIT = String(VALUE_LENGTH_LIMIT);
  handle = bootstrap({
    exporters: { logs: [], traces: [], metrics: [] },
    logRecordProcessors: [emitted],
    handleProcessExit: false,
    captureCrashes: false,
    diagLogLevel: 'none',
    logLevel: 'trace',
  });
  delete process.env.OTEL_LOGRECORD_ATTRIBUTE_VALUE_LENGTH_LIMIT;
  const original = handle.securityEvent.bind(handle);
  handle.securityEvent = (name, attributes) => {
    security.push({ name, attributes });
    original(name, attributes);
  };
});
afterAll(() => handle.shutdown());
beforeEach(() => {
  emitted.reset();
  security.length = 0;
  setLogLevel('trace');
});

function sanitized() {
  return handle.getDropCounts().sanitized.logs;
}

function encodable(): void {
  expect(ProtobufLogsSerializer.serializeRequest(emitted.records)?.length).toBeGreaterThan(0);
  expect(JsonLogsSerializer.serializeRequest(emitted.records)?.length).toBeGreaterThan(0);
}

const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;

describe('the logger facade takes any argument', () => {
  for (const level of LEVELS) {
    it(`log.${level}(anything, anything): never throws, emits one encodable record with a string body`, () => {
      fc.assert(
        fc.property(anyValue, anyValue, (message: Hostile, attributes: Hostile) => {
          emitted.reset();
          const log = getLogger('fuzz');
          expect(() => log[level](message.make() as string, attributes.make() as never)).not.toThrow();
          expect(emitted.records).toHaveLength(1);
          expect(typeof emitted.records[0]?.body).toBe('string');
          encodable();
        }),
        { numRuns: 150 },
      );
    });
  }

  it('log.child(anything).info(…) and log.security(anything, anything) never throw; records stay encodable', () => {
    fc.assert(
      fc.property(anyValue, anyValue, anyValue, (bound: Hostile, name: Hostile, attributes: Hostile) => {
        emitted.reset();
        const log = getLogger('fuzz');
        let child: Logger | undefined;
        expect(() => {
          child = log.child(bound.make() as never);
          child.info('from child', attributes.make() as never);
          log.security(name.make() as string, attributes.make() as never);
        }).not.toThrow();
        expect(child?.name).toBe('fuzz');
        expect(emitted.records.length).toBe(2);
        encodable();
      }),
      { numRuns: 300 },
    );
  });

  it('getLogger and isLevelEnabled take anything', () => {
    fc.assert(
      fc.property(anyValue, anyValue, (name: Hostile, level: Hostile) => {
        expect(() => getLogger(name.make() as string).isLevelEnabled(level.make() as never)).not.toThrow();
      }),
      { numRuns: 200 },
    );
  });
});

describe('wrong-typed arguments are refused or wrapped, and counted', () => {
  it('a string, Buffer or array where attributes go is refused; the record keeps its message', () => {
    const before = sanitized().invalid_argument;
    const log = getLogger('typed');
    log.warn('string attributes', 'x'.repeat(1000) as never);
    log.warn('buffer attributes', Buffer.alloc(16) as never);
    log.warn('array attributes', [1, 2] as never);
    expect(emitted.records.map((r) => [r.body, r.attributes])).toEqual([
      ['string attributes', {}],
      ['buffer attributes', {}],
      ['array attributes', {}],
    ]);
    expect(sanitized().invalid_argument - before).toBe(3);
  });

  it('an Error where attributes go, or as the message, becomes the exception.* attributes', () => {
    const log = getLogger('errors');
    log.error('payment failed', new TypeError('card declined') as never);
    log.error(new RangeError('out of stock') as never);
    const [first, second] = emitted.records;
    expect(first?.body).toBe('payment failed');
    expect(first?.attributes).toMatchObject({ 'exception.type': 'TypeError', 'exception.message': 'card declined' });
    expect(second?.body).toBe('out of stock');
    expect(second?.attributes).toMatchObject({ 'exception.type': 'RangeError', 'exception.message': 'out of stock' });
  });

  it('values that cannot be encoded are left out, the others kept', () => {
    const before = sanitized().invalid_value;
    getLogger('values').info('mixed', {
      ok: 'yes',
      fake: Object.setPrototypeOf({}, Uint8Array.prototype) as never,
      big: 10n as never,
      nested: { keep: 1, drop: Symbol('s') } as never,
    });
    expect(emitted.records[0]?.attributes).toEqual({ ok: 'yes', nested: { keep: 1 } });
    expect(sanitized().invalid_value - before).toBe(3);
  });

  it('a getter that answers differently on a second read cannot make the SDK throw the record away', () => {
    let reads = 0;
    const attributes = Object.defineProperty({}, 'flaky', {
      enumerable: true,
      get: () => (++reads === 1 ? 'plain' : Object.setPrototypeOf({}, Uint8Array.prototype)),
    });
    getLogger('flaky').info('still emitted', attributes as never);
    expect(emitted.records.map((r) => r.body)).toEqual(['still emitted']);
    encodable();
  });
});

describe('the standard limits apply to the facade, before the SDK does any work', () => {
  it(`strings and byte arrays are cut at OTEL_LOGRECORD_ATTRIBUTE_VALUE_LENGTH_LIMIT (${VALUE_LENGTH_LIMIT})`, () => {
    getLogger('limits').info('long', { s: 'y'.repeat(1000), b: Buffer.alloc(1000), nested: ['z'.repeat(1000)] });
    const attributes = emitted.records[0]?.attributes as { s: string; b: Uint8Array; nested: string[] };
    expect(attributes.s).toHaveLength(VALUE_LENGTH_LIMIT);
    expect(attributes.b).toHaveLength(VALUE_LENGTH_LIMIT);
    expect(attributes.nested[0]).toHaveLength(VALUE_LENGTH_LIMIT);
  });

  it('attributes past the count limit (128) are left out and counted, not walked', () => {
    const before = sanitized().attribute_count_limit;
    const many = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`k${i}`, { nested: [i] }]));
    getLogger('limits').info('many', many as never);
    expect(Object.keys(emitted.records[0]?.attributes ?? {})).toHaveLength(128);
    expect(sanitized().attribute_count_limit - before).toBe(872);
  });
});

describe('bounded work on the caller’s thread', () => {
  function counted<T extends object>(target: T): { proxy: T; traps: () => number } {
    let traps = 0;
    const proxy = new Proxy(target, {
      get: (t, k) => (traps++, Reflect.get(t, k)),
      has: (t, k) => (traps++, Reflect.has(t, k)),
      ownKeys: (t) => (traps++, Reflect.ownKeys(t)),
      getOwnPropertyDescriptor: (t, k) => (traps++, Reflect.getOwnPropertyDescriptor(t, k)),
      getPrototypeOf: (t) => (traps++, Reflect.getPrototypeOf(t)),
    });
    return { proxy, traps: () => traps };
  }

  it('a 1 MiB Buffer where attributes go costs O(1): warn, child, security', () => {
    const { proxy, traps } = counted(Buffer.alloc(1 << 20));
    const log = getLogger('bounded');
    log.warn('m', proxy as never);
    log.child(proxy as never).info('child');
    log.security('probe', proxy as never);
    expect(traps()).toBeLessThanOrEqual(9);
  });

  it('a nested value is walked at most 10 000 values in, whatever its size', () => {
    const { proxy, traps } = counted(new Array(1_000_000).fill(1));
    getLogger('bounded').info('m', { list: proxy as never });
    expect(traps()).toBeLessThan(10_100);
    expect((emitted.records[0]?.attributes.list as unknown[]).length).toBe(10_000);
  });

  it('a 10 MB string where attributes or a name go costs no more than a 10-character one (two sizes, one run)', () => {
    const log = getLogger('bounded');
    const median = (s: string): number => {
      const times: number[] = [];
      for (let i = 0; i < 21; i++) {
        const t0 = process.hrtime.bigint();
        log.warn('m', s as never);
        log.child(s as never);
        log.security(s, s as never);
        times.push(Number(process.hrtime.bigint() - t0));
      }
      emitted.reset();
      return times.sort((a, b) => a - b)[10] as number;
    };
    const small = 'x'.repeat(10);
    const big = 'x'.repeat(10_000_000);
    median(small);
    // O(length) work would make the ratio about 10^6; O(1) keeps it near 1 (noise allowed).
    expect(median(big) / Math.max(median(small), 1)).toBeLessThan(20);
    log.security(big);
    expect(security.at(-1)?.name).toHaveLength(1024);
  });
});
