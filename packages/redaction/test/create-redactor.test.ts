import { diag, DiagLogLevel } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import { createRedactor, DEFAULT_DETECTORS, type RedactorOptions } from '../src/index.js';

const EMAIL = 'jane@example.com';
const PHONE = '+44 20 7946 0958';
const make = (options: RedactorOptions = {}) => createRedactor({ knownSecrets: [], ...options });

function captureWarnings(): string[] {
  const warnings: string[] = [];
  const ignore = () => {};
  diag.setLogger({ warn: (m: string) => warnings.push(m), error: ignore, info: ignore, debug: ignore, verbose: ignore }, DiagLogLevel.WARN);
  return warnings;
}
afterEach(() => diag.disable());

describe('createRedactor', () => {
  it('redacts strings, and returns the same string or object when nothing is found', () => {
    const redactor = make();
    expect(redactor.redact(`mail ${EMAIL}`)).toBe('mail [REDACTED:email]');
    const clean = { a: ['b', 1], c: { d: 'e' } };
    expect(redactor.redact(clean)).toBe(clean);
    expect(redactor.redact('plain')).toBe('plain');
  });

  it('redacts an attribute by key: allowed keys untouched, sensitive keys replaced whole', () => {
    const redactor = make();
    expect(redactor.redactAttribute('gen_ai.usage.input_tokens', 42)).toBe(42);
    expect(redactor.redactAttribute('trace_id', EMAIL)).toBe(EMAIL);
    expect(redactor.redactAttribute('db.password', 'hunter2')).toBe('[REDACTED:sensitive_key]');
    expect(redactor.redactAttribute('note', EMAIL)).toBe('[REDACTED:email]');
  });

  it('switches detectors with options: ip is off by default and can be turned on, others off', () => {
    expect(make().redact('from 10.1.2.3')).toBe('from 10.1.2.3');
    expect(make({ detectors: { ip: true } }).redact('from 10.1.2.3')).toBe('from [REDACTED:ip]');
    expect(make({ detectors: { phone: false } }).redact(PHONE)).toBe(PHONE);
    expect(make({ detectors: { sensitive_key: false } }).redactAttribute('password', 'x')).toBe('x');
  });

  it('reports unknown detector names and bad values once through diag and ignores them', () => {
    const warnings = captureWarnings();
    const redactor = make({ detectors: { nope: true, email: 'yes' as unknown as boolean } });
    redactor.setDetectors({ nope: false });
    expect(warnings.filter((w) => w.includes('detectors.nope'))).toHaveLength(1);
    expect(warnings.some((w) => w.includes('detectors.email'))).toBe(true);
    expect(redactor.getDetectors().email).toBe(true);
    expect(redactor.getDetectors()).not.toHaveProperty('nope');
  });

  it('applies custom patterns under their type, switchable by it; invalid ones are reported and skipped', () => {
    const warnings = captureWarnings();
    const redactor = make({
      customPatterns: [
        { type: 'employee_id', pattern: /EMP-\d{6}/ },
        { type: 'bad type!', pattern: /x/ },
        { type: 'no_pattern', pattern: 'x' as unknown as RegExp },
      ],
    });
    expect(redactor.redact('by EMP-123456 and EMP-654321')).toBe('by [REDACTED:employee_id] and [REDACTED:employee_id]');
    expect(warnings).toHaveLength(2);
    redactor.setDetectors({ employee_id: false });
    expect(redactor.redact('EMP-123456')).toBe('EMP-123456');
  });

  it('adds sensitiveKeys and allowKeys to the defaults', () => {
    const redactor = make({ sensitiveKeys: ['session_id', /^x-internal-/], allowKeys: ['debug.*', 'audit.password'] });
    expect(redactor.redact({ 'user.session_id': 'abc', 'x-internal-note': 'n', password: 'p', 'audit.password': 'p2', debug: { x: EMAIL } })).toEqual({
      'user.session_id': '[REDACTED:sensitive_key]',
      'x-internal-note': '[REDACTED:sensitive_key]',
      password: '[REDACTED:sensitive_key]',
      'audit.password': 'p2',
      debug: { x: '[REDACTED:email]' },
    });
    expect(redactor.redactAttribute('debug.dump', EMAIL)).toBe(EMAIL);
  });

  it('truncates at maxStringLength and nests at most maxDepth deep', () => {
    const redactor = make({ maxStringLength: 5, maxDepth: 1 });
    expect(redactor.redact('abcdefgh')).toBe('abcde...[TRUNCATED:3 chars]');
    expect(redactor.redact({ a: { b: 1 } })).toEqual({ a: '[REDACTED:depth]' });
    expect(make({ maxStringLength: Infinity }).redact('x'.repeat(100_000))).toHaveLength(100_000);
  });

  it('never throws on list options that are not arrays, entries that cannot be read, or values that cannot be printed', () => {
    const warnings = captureWarnings();
    const trap = new Proxy({}, { get: () => { throw new Error('trap'); }, ownKeys: () => { throw new Error('trap'); } });
    const unprintable = { toString: () => { throw new Error('trap'); } };
    const options = {
      knownSecrets: 'not-a-list',
      allowKeys: 42,
      sensitiveKeys: trap,
      customPatterns: [trap, { type: 'ok_type', pattern: /ORD-\d{6}/ }],
      detectors: trap,
      maxDepth: unprintable,
      mode: unprintable,
    } as unknown as RedactorOptions;
    const redactor = createRedactor(options);
    expect(redactor.redact(`order ORD-123456 from ${EMAIL}`)).toBe('order [REDACTED:ok_type] from [REDACTED:email]');
    expect(warnings.some((w) => w.includes('knownSecrets is not an array'))).toBe(true);
    expect(warnings.some((w) => w.includes('customPatterns[0]'))).toBe(true);
  });

  it('reads at most 10 000 entries of a list option (a sparse array of length 2^32 - 1 took 108 s)', () => {
    const warnings = captureWarnings();
    let reads = 0;
    const sparse: string[] = [];
    sparse.length = 2 ** 24;
    sparse[3] = 'Vq3-harbor-LANTERN-82-quill';
    const isIndex = (key: string | symbol) => typeof key === 'string' && /^\d+$/.test(key);
    const counted = new Proxy(sparse, {
      get(target, key, receiver) {
        if (isIndex(key)) reads++;
        return Reflect.get(target, key, receiver) as unknown;
      },
      has(target, key) {
        if (isIndex(key)) reads++;
        return Reflect.has(target, key);
      },
    });
    const redactor = createRedactor({ knownSecrets: counted, sensitiveKeys: sparse, allowKeys: sparse });
    expect(reads).toBeLessThanOrEqual(10_000);
    expect(redactor.redact('key Vq3-harbor-LANTERN-82-quill')).toBe('key [REDACTED:known_secret]');
    expect(warnings.filter((w) => w.includes('using the first 10000'))).toHaveLength(3);
  });

  it('ignores detectors given as a list or bytes after O(1) work (a 1 MiB Buffer took 1.3 s: a million entries, each reported)', () => {
    const warnings = captureWarnings();
    const redactor = createRedactor({ knownSecrets: [], detectors: Buffer.alloc(1 << 20) as never });
    expect(redactor.getDetectors()).toEqual(DEFAULT_DETECTORS);
    expect(warnings).toHaveLength(1);
  });

  it('reports invalid numeric and mode options and uses the defaults', () => {
    const warnings = captureWarnings();
    const redactor = make({ maxStringLength: -1, maxDepth: 1.5, mode: 'scramble' as 'mask' });
    expect(warnings.map((w) => w.split(' ')[1]).sort()).toEqual(['maxDepth=1.5', 'maxStringLength=-1', 'mode=scramble']);
    expect(redactor.redact(EMAIL)).toBe('[REDACTED:email]');
  });

  describe("mode: 'hash'", () => {
    it('gives equal values equal placeholders, different values different ones', () => {
      const redactor = make({ mode: 'hash', hashKey: 'k1' });
      const a = redactor.redact(`from ${EMAIL}`);
      expect(a).toMatch(/^from \[REDACTED:email:[0-9a-f]{12}\]$/);
      expect(redactor.redact(`to ${EMAIL}`)).toBe(a.replace('from', 'to'));
      expect(redactor.redact('from john@example.com')).not.toBe(a);
      expect(redactor.redactAttribute('password', 'hunter2')).toMatch(/^\[REDACTED:sensitive_key:[0-9a-f]{12}\]$/);
    });

    it('correlates across redactors with the same key, not across random per-process keys', () => {
      expect(make({ mode: 'hash', hashKey: Buffer.from('shared') }).redact(EMAIL)).toBe(make({ mode: 'hash', hashKey: 'shared' }).redact(EMAIL));
      expect(make({ mode: 'hash' }).redact(EMAIL)).not.toBe(make({ mode: 'hash' }).redact(EMAIL));
    });
  });

  it('reads known secrets from process.env once, at construction, unless given', () => {
    process.env.SIGHTLINE_TEST_API_KEY = 'zq8-not-a-pattern';
    try {
      const fromEnv = createRedactor();
      const given = createRedactor({ knownSecrets: ['other-secret-value'] });
      delete process.env.SIGHTLINE_TEST_API_KEY;
      expect(fromEnv.redact('x zq8-not-a-pattern y')).toBe('x [REDACTED:known_secret] y');
      expect(given.redact('x zq8-not-a-pattern y')).toBe('x zq8-not-a-pattern y');
      expect(given.redact('other-secret-value')).toBe('[REDACTED:known_secret]');
    } finally {
      delete process.env.SIGHTLINE_TEST_API_KEY;
    }
  });

  it('counts by type and in total, and calls onRedact once per value', () => {
    const calls: string[] = [];
    const redactor = make({ onRedact: (type, n) => calls.push(`${type}:${n}`) });
    redactor.redact({ a: `${EMAIL} ${EMAIL}`, token: 'x', b: 'x'.repeat(70_000) });
    expect(redactor.getRedactionCounts()).toEqual({ email: 2, sensitive_key: 1, truncated: 1 });
    expect(redactor.getRedactionTotal()).toBe(4);
    expect(calls).toEqual(['email:1', 'email:1', 'sensitive_key:1', 'truncated:1']);
  });

  describe('run-time switching', () => {
    it('turns redaction off and on', () => {
      const redactor = make();
      redactor.setEnabled(false);
      expect(redactor.isEnabled()).toBe(false);
      expect(redactor.redact(EMAIL)).toBe(EMAIL);
      expect(redactor.redactAttribute('password', 'x')).toBe('x');
      redactor.setEnabled(true);
      expect(redactor.redact(EMAIL)).toBe('[REDACTED:email]');
    });

    it('switches detectors, keeping the others as they were', () => {
      const redactor = make({ detectors: { ip: true } });
      redactor.setDetectors({ email: false });
      expect(redactor.getDetectors()).toEqual({ ...DEFAULT_DETECTORS, ip: true, email: false });
      expect(redactor.redact(`${EMAIL} 10.0.0.1`)).toBe(`${EMAIL} [REDACTED:ip]`);
    });

    it('scans again what an earlier configuration found clean', () => {
      const redactor = make();
      expect(redactor.redact('10.0.0.1')).toBe('10.0.0.1');
      redactor.setDetectors({ ip: true });
      expect(redactor.redact('10.0.0.1')).toBe('[REDACTED:ip]');
    });

    it('finishes a value with the configuration it started with, even if switched meanwhile', () => {
      let switched = false;
      const redactor = make({
        onRedact: () => {
          if (!switched) redactor.setDetectors({ email: false });
          switched = true;
        },
      });
      expect(redactor.redact([EMAIL, EMAIL])).toEqual(['[REDACTED:email]', '[REDACTED:email]']);
      expect(redactor.redact(EMAIL)).toBe(EMAIL);
    });
  });

  it('never throws: an unreadable value becomes [REDACTED:error]', () => {
    const redactor = make();
    const hostile = new Proxy({}, { getPrototypeOf: () => { throw new Error('trap'); }, ownKeys: () => { throw new Error('trap'); } });
    expect(redactor.redact(hostile)).toBe('[REDACTED:error]');
    expect(redactor.redactAttribute('k', hostile)).toBe('[REDACTED:error]');
    expect(redactor.getRedactionCounts()).toEqual({ error: 2 });
  });
});
