/**
 * Issue 12, item 10: property-based fuzzing of `@sightline/audit`'s public API — the audit trail
 * (processor, writer, `verifyAuditTrail`), `SecurityEvents` and exception grouping — with arbitrary and
 * hostile input. Every call: no throw, within the wall bound; the trail verifies after any sequence of events
 * (rotation, flushes, a key or none) and any single changed byte makes it fail; API keys never reach a record.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { logs } from '@opentelemetry/api';
import { LoggerProvider, type LogRecordProcessor, type ReadWriteLogRecord } from '@opentelemetry/sdk-logs';
import { AuditTrailProcessor, computeFingerprint, ExceptionGroupingProcessor, SecurityEvents, verifyAuditTrail } from '@sightline/audit';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { anyValue, HUGE_STRING, type Hostile } from '../../packages/core/test/fixtures/hostile-values.js';
import { CallMeter, runs, summary, TIMEOUT_MS } from './fuzz-harness.js';
import { containsSecret, PLANTED } from './planted-secrets.js';

/** The most wall-clock time one call may take (emit, a fingerprint; verify of one trail: 10×). */
const WALL_BOUND_MS = 1000;

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sightline-fuzz-audit-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Text the trail must carry exactly: any UTF-16 (lone surrogates included), bytes, nesting. */
const text = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: fc.constantFrom('\ud800', '\udfff', '"', '\\', '\n', '\u2028', '\u0000'), maxLength: 10 }));
const attributeValue = fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.array(text, { maxLength: 3 }), fc.constant(new Uint8Array([0, 255, 10])));
const event = fc.record({
  op: fc.constantFrom('security', 'security', 'selected', 'ignored', 'flush'),
  name: text,
  body: fc.oneof(text, fc.dictionary(text, attributeValue, { maxKeys: 3 }), fc.constant(HUGE_STRING.slice(0, 5000))),
  attributes: fc.dictionary(text, attributeValue, { maxKeys: 4 }),
});

/** The trail's files, oldest first: `audit-000001.jsonl`, …, `audit.jsonl`. */
function trailFiles(dir: string): string[] {
  return readdirSync(dir).filter((n) => n.startsWith('audit')).sort().map((n) => join(dir, n));
}

describe('fuzz: the audit trail', () => {
  it(`${runs(60)} arbitrary event sequences: the trail verifies, every record is in it, and each of ${runs(60) * 8} single-byte changes is detected`, async () => {
    const meter = new CallMeter();
    let verifyMaxMs = 0;
    let tampers = 0;
    let lines = 0;
    const kinds: Record<string, number> = {};
    await fc.assert(
      fc.asyncProperty(
        fc.array(event, { minLength: 1, maxLength: 60 }),
        fc.option(fc.string({ minLength: 1, maxLength: 20 })),
        fc.constantFrom(undefined, 700, 3000),
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 8, maxLength: 8 }),
        async (events, key, maxFileBytes, changes) => {
          const dir = tempDir();
          const processor = new AuditTrailProcessor({
            file: join(dir, 'audit.jsonl'),
            key: key ?? undefined,
            maxFileBytes,
            flushIntervalMillis: 1,
            fsync: 'none',
            select: (record) => record.attributes['audit.select'] === true,
          });
          const provider = new LoggerProvider({ processors: [processor] });
          const logger = provider.getLogger('fuzz.audit');
          let expected = 0;
          // One security event first: a sequence of ignored records writes no trail at all.
          for (const e of [{ op: 'security', name: 'first', body: 'b', attributes: {} }, ...events]) {
            if (e.op === 'flush') {
              await processor.forceFlush();
              continue;
            }
            const attributes = { ...e.attributes, ...(e.op === 'selected' ? { 'audit.select': true } : {}) };
            const eventName = e.op === 'security' ? `security.${e.name}` : e.name.startsWith('security.') ? `x${e.name}` : e.name;
            if (e.op !== 'ignored') expected++;
            meter.run(`emit ${e.op}`, () => logger.emit({ eventName, body: e.body, attributes: attributes as never }));
          }
          await provider.shutdown();
          const stats = processor.getStats();
          expect(stats.droppedQueueFull + stats.droppedWriteFailed).toBe(0);
          const files = trailFiles(dir);
          const options = key === null ? {} : { key };
          const started = performance.now();
          const result = await verifyAuditTrail(files, options);
          verifyMaxMs = Math.max(verifyMaxMs, performance.now() - started);
          expect(result.problem).toBeUndefined();
          expect(result.ok).toBe(true);
          expect(result.records).toBe(expected);
          expect(result.lines).toBe(stats.written);
          expect(result.alg).toBe(key === null ? 'sha256' : 'hmac-sha256');
          lines += result.lines;
          // Any one byte changed, anywhere in any file: the trail no longer verifies, and says it was altered.
          for (const [fileIndex, offset, delta] of changes) {
            const file = files[fileIndex % files.length]!;
            const original = readFileSync(file);
            const tampered = Buffer.from(original);
            const at = offset % tampered.length;
            tampered[at] = (tampered[at]! + delta) % 256;
            writeFileSync(file, tampered);
            const after = await verifyAuditTrail(files, options);
            writeFileSync(file, original);
            tampers++;
            expect(after.ok, `byte ${at} of ${file} changed by ${delta}: still verifies`).toBe(false);
            expect(after.problem?.tampered).toBe(true);
            kinds[after.problem!.kind] = (kinds[after.problem!.kind] ?? 0) + 1;
          }
        },
      ),
      { numRuns: runs(60) },
    );
    console.log(summary('fuzz-audit: trail', meter.report, `; ${lines} lines verified, ${tampers} single-byte changes all detected ${JSON.stringify(kinds)}; slowest verify ${verifyMaxMs.toFixed(1)} ms`));
    expect(meter.report.throws).toBe(0);
    expect(meter.report.maxWallMs).toBeLessThan(WALL_BOUND_MS);
    expect(verifyMaxMs).toBeLessThan(10 * WALL_BOUND_MS);
  }, TIMEOUT_MS);

  it(`${runs(500)} arbitrary files: verifyAuditTrail never rejects and never calls them intact`, async () => {
    const dir = tempDir();
    const file = join(dir, 'audit.jsonl');
    let maxMs = 0;
    const line = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.record({ seq: fc.oneof(fc.nat(), fc.double(), text), prev: fc.oneof(fc.constant('0'.repeat(64)), text), type: fc.constantFrom('segment', 'record', 'gap', 'recovery', 'x'), hash: fc.oneof(fc.constant('f'.repeat(64)), text) }).map((o) => JSON.stringify(o)),
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 2000 }), fc.array(line, { maxLength: 20 }).map((ls) => Buffer.from(ls.join('\n')))), fc.option(fc.string({ minLength: 1 })), async (bytes, key) => {
        writeFileSync(file, bytes);
        const started = performance.now();
        const result = await verifyAuditTrail([file], key === null ? {} : { key });
        maxMs = Math.max(maxMs, performance.now() - started);
        expect(result.ok).toBe(false);
        expect(result.problem).toBeDefined();
      }),
      { numRuns: runs(500) },
    );
    console.log(`fuzz-audit: verify of arbitrary files: ${runs(500)} files, 0 rejections, 0 called intact; slowest ${maxMs.toFixed(1)} ms`);
    expect(maxMs).toBeLessThan(WALL_BOUND_MS);
  }, TIMEOUT_MS);
});

/** Keeps the record as the processors after it see it. */
class Witness implements LogRecordProcessor {
  last: ReadWriteLogRecord | undefined;
  onEmit(record: ReadWriteLogRecord): void {
    this.last = record;
  }
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

describe('fuzz: security events and exception grouping', () => {
  it(`${runs(3_000)} security events with arbitrary and hostile names and attributes: emit never throws, an API key never reaches the record`, () => {
    const witness = new Witness();
    const provider = new LoggerProvider({ processors: [witness] });
    logs.setGlobalLoggerProvider(provider);
    const events = new SecurityEvents({ key: 'fuzz-digest-key' });
    const meter = new CallMeter();
    const leaks: string[] = [];
    fc.assert(
      fc.property(anyValue, anyValue, fc.constantFrom(...PLANTED), text, (name: Hostile, value: Hostile, planted, attributeName: string) => {
        meter.run(`emit(${name.label}, { x: ${value.label} })`, () => events.emit(name.make() as string, { [attributeName]: value.make() as never }));
        meter.run(`emit(hostile attributes: ${value.label})`, () => events.emit('authentication.failure', value.make() as never));
        witness.last = undefined;
        meter.run(`emit with api_key ${planted.name}`, () => events.emit('api_key.used', { api_key: planted.text, [attributeName]: 'x' }));
        const attributes = (witness.last as ReadWriteLogRecord | undefined)?.attributes;
        if (attributes === undefined || containsSecret(attributes, planted.text) || !/^[0-9a-f]{12}$/.test(String(attributes['sightline.api_key.digest']))) {
          if (leaks.length < 5) leaks.push(planted.name);
        }
      }),
      { numRuns: runs(3_000) },
    );
    logs.disable();
    console.log(summary('fuzz-audit: security events', meter.report));
    expect(meter.report.throws).toBe(0);
    expect(meter.report.stalls).toBe(0);
    expect(meter.report.maxWallMs).toBeLessThan(WALL_BOUND_MS);
    expect(leaks).toEqual([]);
  }, TIMEOUT_MS);

  it(`${runs(500)} exception records with arbitrary, huge and adversarial stacks: 0 throws, 0 stalls, a 16-hex fingerprint, line numbers never matter`, () => {
    const witness = new Witness();
    const provider = new LoggerProvider({ processors: [new ExceptionGroupingProcessor(), witness] });
    const logger = provider.getLogger('fuzz.grouping');
    const meter = new CallMeter();
    const piece = fc.constantFrom(' (', '/', '(', '[as ', ' ', 'node_modules/', ':1', 'eval at ', 'x.js', ')', '\ud800');
    // At most 20 000 characters a line, 3 lines: the stack stays under the 64 KiB that are read, where shifting
    // line numbers (more digits) cannot move the cut.
    const adversarialLine = fc.tuple(piece, fc.integer({ min: 1, max: 20_000 })).map(([p, n]) => `    at ${p.repeat(n)}`.slice(0, 20_000));
    const frame = fc.tuple(fc.constantFrom('a', 'Service.run', 'async load', 'new W', '<anonymous>'), fc.constantFrom('/srv/app/src/x.js', '/srv/app/node_modules/lib/i.js', 'node:internal/m', 'file:///srv/y.mjs'));
    const frames = fc.array(frame, { minLength: 1, maxLength: 12 });
    const stackWith = (fs: [string, string][], lineNo: (i: number) => number) => fs.map(([fn, file], i) => `    at ${fn} (${file}:${lineNo(i)}:${lineNo(i + 7)})`).join('\n');
    let distinct = 0;
    fc.assert(
      fc.property(text, text, frames, fc.array(fc.oneof(adversarialLine, text), { maxLength: 3 }), fc.nat(), (type, message, fs, noise, seed) => {
        const stack = `${type}: ${message}\n${stackWith(fs, (i) => i + 1)}\n${noise.join('\n')}`;
        const shifted = `${type}: ${message}\n${stackWith(fs, (i) => i * 31 + seed + 2)}\n${noise.join('\n')}`;
        witness.last = undefined;
        meter.run(`emit exception with ${noise.length} noise lines`, () => logger.emit({ attributes: { 'exception.type': type, 'exception.message': message, 'exception.stacktrace': stack } }));
        const fingerprint = (witness.last as ReadWriteLogRecord | undefined)?.attributes['sightline.exception.fingerprint'];
        expect(fingerprint).toMatch(/^[0-9a-f]{16}$/);
        const again = meter.run('computeFingerprint', () => computeFingerprint({ type, message, stacktrace: shifted }));
        expect(again).toBe(fingerprint);
        if (again !== computeFingerprint({ type, message, stacktrace: `${type}: ${message}\n    at other (/srv/app/src/other.js:1:1)` })) distinct++;
      }),
      { numRuns: runs(500) },
    );
    console.log(summary('fuzz-audit: exception grouping', meter.report, `; ${distinct} fingerprints differ from another function's`));
    expect(meter.report.throws).toBe(0);
    expect(meter.report.stalls).toBe(0);
    expect(meter.report.maxWallMs).toBeLessThan(WALL_BOUND_MS);
  }, TIMEOUT_MS);
});
