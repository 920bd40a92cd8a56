/**
 * Issue 12, item 10: property-based fuzzing of `@sightline/redaction`'s public API — the redactor's
 * functions, both processors under the real SDK providers, custom patterns and the options themselves —
 * with hand-written secrets planted inside hostile values. Every call: no throw, no stall, within the wall
 * bound; nothing that comes out holds a planted secret.
 */
import { SpanStatusCode } from '@opentelemetry/api';
import { LoggerProvider, type LogRecordProcessor, type ReadWriteLogRecord } from '@opentelemetry/sdk-logs';
import { TracerProvider, type Span, type SpanProcessor } from '@opentelemetry/sdk-trace';
import { createRedactor, RedactionLogRecordProcessor, RedactionSpanProcessor, type Redactor, type RedactorOptions } from '@sightline/redaction';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyValue, HUGE_STRING, type Hostile } from '../../packages/core/test/fixtures/hostile-values.js';
import { CallMeter, runs, summary, TIMEOUT_MS } from './fuzz-harness.js';
import { containsSecret, KNOWN_SECRET, PLANTED, plantedCase, type Planted, type PlantedCase } from './planted-secrets.js';

/**
 * The most wall-clock time one call may take. The redactor's own bound is 2^20 units of work per call
 * (docs/redaction.md#safety), measured at 0.1–0.7 s for the worst inputs known on this 2-core machine under
 * load; the fuzzed inputs stay far below it (figures in docs/reliability.md).
 */
const WALL_BOUND_MS = 1000;

/** A planted secret only a custom pattern finds: an order reference of the application's own format. */
const CUSTOM: Planted = { name: 'custom pattern', text: 'ORD-482913-QXZ', secret: 'ORD-482913-QXZ' };

function newRedactor(): Redactor {
  return createRedactor({
    knownSecrets: [KNOWN_SECRET],
    // The second pattern is the classic catastrophic-backtracking one: RE2JS runs it in linear time.
    customPatterns: [
      { type: 'order_ref', pattern: /ORD-\d{6}-[A-Z]{3}/ },
      { type: 'nested_quantifier', pattern: /(a+)+b/ },
    ],
  });
}

const secrets = [...PLANTED, CUSTOM];
const plantedOrCustom: fc.Arbitrary<PlantedCase> = fc.oneof(
  { weight: 9, arbitrary: plantedCase },
  { weight: 1, arbitrary: plantedCase.map((c) => ({ ...c, label: c.label.replace(c.planted.name, CUSTOM.name), planted: CUSTOM, make: () => substitute(c.make(), c.planted, CUSTOM) })) },
);

/** Re-plants `to` where `from` was: the same container, the custom secret. Strings and keys only. */
function substitute(value: unknown, from: Planted, to: Planted): unknown {
  return typeof value === 'string' ? value.replace(from.text, to.text) : { carrier: `x ${to.text} y`, value };
}

function assertClean(meter: CallMeter, leaks: string[]): void {
  const report = meter.report;
  expect(report.firstThrow).toBe('');
  expect(report.throws).toBe(0);
  expect(report.stalls).toBe(0);
  expect(report.maxWallMs).toBeLessThan(WALL_BOUND_MS);
  expect(leaks).toEqual([]);
}

const INPUTS = runs(40);

describe('fuzz: the redactor', () => {
  it(`${INPUTS} planted secrets × redact, redactAttribute, redactAttributes, redactKey: 0 throws, 0 stalls, 0 leaks`, () => {
    const redactor = newRedactor();
    const meter = new CallMeter();
    const leaks: string[] = [];
    const check = (label: string, secret: string, out: unknown) => {
      if (containsSecret(out, secret) && leaks.length < 5) leaks.push(label);
    };
    fc.assert(
      fc.property(plantedOrCustom, anyValue, fc.string({ maxLength: 30 }), (c: PlantedCase, other: Hostile, key: string) => {
        const { secret } = c.planted;
        check(`redact: ${c.label}`, secret, meter.run(`redact: ${c.label}`, () => redactor.redact(c.make())));
        check(`redactAttribute: ${c.label}`, secret, meter.run(`redactAttribute(${key}): ${c.label}`, () => redactor.redactAttribute(key, c.make())));
        const attributes = { [key]: other.make(), planted: c.make(), [`id ${c.planted.text}`]: 1 };
        check(`redactAttributes: ${c.label}`, secret, meter.run(`redactAttributes: ${c.label}, ${other.label}`, () => redactor.redactAttributes(attributes)));
        check(`redactKey: ${c.planted.name}`, secret, meter.run('redactKey', () => redactor.redactKey(`${key} | ${c.planted.text} | ${key}`)));
        meter.run(`redact(other): ${other.label}`, () => redactor.redact(other.make()));
      }),
      { numRuns: INPUTS },
    );
    console.log(summary('fuzz-redaction: redactor', meter.report, `; counts ${JSON.stringify(redactor.getRedactionCounts())}`));
    assertClean(meter, leaks);
  }, TIMEOUT_MS);

  it(`${runs(20)} arbitrary option objects: createRedactor returns (or throws the documented TypeError), the redactor never throws`, () => {
    const meter = new CallMeter();
    let typeErrors = 0;
    // Values are made inside the property: fast-check looks into generated values, and a revoked Proxy stops it.
    const FIELDS = ['enabled', 'detectors', 'customPatterns', 'sensitiveKeys', 'allowKeys', 'maxStringLength', 'maxDepth', 'mode', 'hashKey', 'knownSecrets'] as const;
    const patternEntry = fc.record({ type: fc.oneof(fc.string(), fc.constantFrom('order_ref', 'a.b-c')), pattern: fc.constantFrom(/ORD-\d{6}/, /(x)\1/, /(?=y)/, /[\ud800-\udfff]/u, 'not a RegExp') });
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...FIELDS), anyValue, { maxKeys: 4 }),
        fc.option(fc.array(patternEntry, { maxLength: 3 })),
        fc.boolean(),
        plantedCase,
        (fields: Partial<Record<(typeof FIELDS)[number], Hostile>>, patterns, throwingOnRedact: boolean, c: PlantedCase) => {
          const options: Record<string, unknown> = {};
          for (const [name, hostile] of Object.entries(fields)) options[name] = (hostile as Hostile).make();
          if (patterns !== null) options.customPatterns = patterns;
          if (throwingOnRedact) options.onRedact = () => { throw new Error('onRedact'); };
          const label = Object.entries(fields).map(([name, h]) => `${name}: ${(h as Hostile).label}`).join(', ');
          let redactor: Redactor | undefined;
          try {
            redactor = meter.run(`createRedactor({ ${label} })`, () => {
              try {
                return createRedactor(options as RedactorOptions);
              } catch (error) {
                // The one documented throw: a custom pattern RE2 cannot run.
                if (!(error instanceof TypeError) || !error.message.includes('customPatterns')) throw error;
                typeErrors++;
                return undefined;
              }
            });
          } finally {
            if (redactor !== undefined) {
              const r = redactor;
              meter.run(`redact under { ${label} }: ${c.label}`, () => r.redact(c.make()));
            }
          }
        },
      ),
      { numRuns: runs(20) },
    );
    console.log(summary('fuzz-redaction: options', meter.report, `; ${typeErrors} documented TypeErrors (RE2-unsupported patterns)`));
    assertClean(meter, []);
  }, TIMEOUT_MS);
});

/** Keeps what later processors would see: the record after redaction. */
class LogWitness implements LogRecordProcessor {
  last: { body: unknown; attributes: unknown; eventName: unknown } | undefined;
  onEmit(record: ReadWriteLogRecord): void {
    this.last = { body: record.body, attributes: { ...record.attributes }, eventName: record.eventName };
  }
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/** Keeps the span as `onEnd` sees it (after `onEnding`, where redaction runs). */
class SpanWitness implements SpanProcessor {
  last: Span | undefined;
  onStart(): void {}
  onEnding(span: Span): void {
    this.last = span;
  }
  onEnd(): void {}
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

describe('fuzz: the processors under the SDK providers', () => {
  it(`${runs(30)} log records with a planted secret in a hostile body, in attribute values and names: 0 throws, 0 stalls, 0 leaks`, async () => {
    const witness = new LogWitness();
    const provider = new LoggerProvider({ processors: [new RedactionLogRecordProcessor(newRedactor()), witness] });
    const logger = provider.getLogger('fuzz.redaction');
    const meter = new CallMeter();
    const leaks: string[] = [];
    fc.assert(
      fc.property(plantedOrCustom, fc.integer({ min: 0, max: 128 }), (c: PlantedCase, extra: number) => {
        const attributes: Record<string, unknown> = { planted: `x ${c.planted.text} y`, [`k ${c.planted.text}`]: 1, list: [c.planted.text, 'ok'] };
        for (let i = 0; i < extra; i++) attributes[`attr.${i}`] = i % 2 === 0 ? HUGE_STRING.slice(0, i * 100) : '\ud800';
        witness.last = undefined;
        meter.run(`emit: ${c.label}`, () =>
          logger.emit({ body: c.make(), eventName: `event ${c.planted.text}`, attributes: attributes as never }),
        );
        if (witness.last === undefined || (containsSecret(witness.last, c.planted.secret) && leaks.length < 5)) leaks.push(c.label);
      }),
      { numRuns: runs(30) },
    );
    await provider.shutdown();
    console.log(summary('fuzz-redaction: log processor', meter.report));
    assertClean(meter, leaks);
  }, TIMEOUT_MS);

  it(`${runs(30)} spans with a planted secret in the name, attributes, events, links, status and exceptions: 0 throws, 0 stalls, 0 leaks`, () => {
    const witness = new SpanWitness();
    const provider = new TracerProvider({ spanProcessors: [new RedactionSpanProcessor(newRedactor()), witness] });
    const tracer = provider.getTracer('fuzz.redaction');
    const meter = new CallMeter();
    const leaks: string[] = [];
    const hostileText = fc.constantFrom('', '\ud800', '\udfff\ud800', HUGE_STRING.slice(0, 70_000), 'k'.repeat(10_000), '\u0000');
    fc.assert(
      fc.property(fc.constantFrom(...secrets), hostileText, fc.integer({ min: 0, max: 1_000 }), (p: Planted, noise: string, extra: number) => {
        const text = `${noise} ${p.text} ${noise}`;
        const linked = tracer.startSpan('linked');
        linked.end();
        const span = tracer.startSpan(`GET ${text}`, { links: [{ context: linked.spanContext(), attributes: { note: text } }] });
        span.setAttribute('planted', text);
        span.setAttribute(`key ${p.text}`, 1);
        span.setAttribute('list', [noise, text]);
        for (let i = 0; i < extra; i++) span.setAttribute(`${noise.slice(0, 100)}attr.${i}`, i);
        span.addEvent(`event ${text}`, { detail: text });
        span.recordException(new Error(`failed for ${text}`));
        span.setStatus({ code: SpanStatusCode.ERROR, message: text });
        witness.last = undefined;
        meter.run(`end: ${p.name} with ${noise.length} noise, ${extra} attributes`, () => span.end());
        const s = witness.last as Span | undefined;
        const out = s === undefined ? undefined : { name: s.name, attributes: s.attributes, events: s.events, links: s.links, status: s.status };
        if (out === undefined || (containsSecret(out, p.secret) && leaks.length < 5)) leaks.push(`${p.name} with ${noise.length} noise`);
      }),
      { numRuns: runs(30) },
    );
    console.log(summary('fuzz-redaction: span processor', meter.report));
    assertClean(meter, leaks);
  }, TIMEOUT_MS);
});
