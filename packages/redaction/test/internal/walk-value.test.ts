import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILTIN_DETECTORS } from '../../src/internal/detectors/builtin.js';
import { CIRCULAR, redactEntry, redactValue } from '../../src/internal/walk-value.js';
import { Walk } from '../../src/internal/walk.js';
import { testContext } from '../fixtures/context.js';
import { NEGATIVES, POSITIVES } from '../fixtures/external-corpus.js';

const EMAIL = 'jane@example.com';
const ctx = () => testContext(BUILTIN_DETECTORS);
const redact = (value: unknown, c = ctx()) => redactValue(c, value, 0, undefined);

describe('redactValue', () => {
  it('copies objects and arrays on write and never mutates the argument', () => {
    const input = { a: 'plain', nested: { list: ['x', EMAIL, 3] }, n: 1 };
    const snapshot = structuredClone(input);
    const out = redact(input) as typeof input;
    expect(out).toEqual({ a: 'plain', nested: { list: ['x', '[REDACTED:email]', 3] }, n: 1 });
    expect(input).toEqual(snapshot);
    expect(out).not.toBe(input);
  });

  it('returns the very same object when nothing is found', () => {
    const input = { a: 'plain', nested: { list: ['x', 1, true, null] } };
    expect(redact(input)).toBe(input);
  });

  it('replaces values under sensitive keys whole, at any depth, and leaves allowed keys alone', () => {
    const out = redact({ headers: { Authorization: 'Basic x', 'x-api-key': 42, cookie: '' }, 'gen_ai.usage.input_tokens': 12, trace_id: EMAIL });
    expect(out).toEqual({
      headers: { Authorization: '[REDACTED:sensitive_key]', 'x-api-key': '[REDACTED:sensitive_key]', cookie: '' },
      'gen_ai.usage.input_tokens': 12,
      trace_id: EMAIL,
    });
  });

  it('bounds depth: deeper values become [REDACTED:depth]', () => {
    const c = testContext(BUILTIN_DETECTORS, { maxDepth: 2 });
    expect(redact({ a: { b: { c: 'deep' } } }, c)).toEqual({ a: { b: '[REDACTED:depth]' } });
  });

  it('replaces circular references', () => {
    const a: Record<string, unknown> = { email: EMAIL };
    a.self = a;
    const out = redact(a) as Record<string, unknown>;
    expect(out.email).toBe('[REDACTED:email]');
    expect(out.self).toBe(CIRCULAR);
    const clean: Record<string, unknown> = { x: 1 };
    clean.self = clean;
    expect((redact(clean) as Record<string, unknown>).self).toBe(CIRCULAR);
  });

  it('keeps shared (non-circular) references', () => {
    const shared = { v: 1 };
    expect(redact({ a: shared, b: shared })).toEqual({ a: shared, b: shared });
  });

  it('redacts Errors into a copy of the same class, with message, stack and own fields redacted', () => {
    class ProviderError extends Error {
      code = 'E_AUTH';
      account = EMAIL;
    }
    const error = new ProviderError(`denied for ${EMAIL}`, { cause: new Error(`key ${EMAIL}`) });
    const out = redact(error) as ProviderError;
    expect(out).toBeInstanceOf(ProviderError);
    expect(out.message).toBe('denied for [REDACTED:email]');
    expect(out.stack).not.toContain(EMAIL);
    expect(out.stack).toContain('denied for [REDACTED:email]');
    expect((out.cause as Error).message).toBe('key [REDACTED:email]');
    expect(out.account).toBe('[REDACTED:email]');
    expect(out.code).toBe('E_AUTH');
    expect(error.message).toBe(`denied for ${EMAIL}`);
    const clean = new Error('nothing here');
    expect(redact(clean)).toBe(clean);
  });

  it('redacts Map values (by key) and Set members into new collections', () => {
    const map = new Map<unknown, unknown>([
      ['password', 'x'],
      ['note', EMAIL],
      [1, 'plain'],
    ]);
    const out = redact(map) as Map<unknown, unknown>;
    expect([...out]).toEqual([
      ['password', '[REDACTED:sensitive_key]'],
      ['note', '[REDACTED:email]'],
      [1, 'plain'],
    ]);
    expect(map.get('note')).toBe(EMAIL);
    expect([...(redact(new Set([EMAIL, 'x'])) as Set<unknown>)]).toEqual(['[REDACTED:email]', 'x']);
    const cleanSet = new Set(['a']);
    expect(redact(cleanSet)).toBe(cleanSet);
  });

  it('scans byte arrays as UTF-8 text, and replaces those longer than maxStringLength', () => {
    expect(redact(Buffer.from(`to ${EMAIL}`))).toBe('to [REDACTED:email]');
    expect(redact(new TextEncoder().encode(EMAIL))).toBe('[REDACTED:email]');
    expect(redact(new TextEncoder().encode(EMAIL).buffer)).toBe('[REDACTED:email]');
    const clean = Buffer.from('plain');
    expect(redact(clean)).toBe(clean);
    const large = Buffer.alloc(4096, ' ');
    large.write(EMAIL, 2000);
    expect(redact(large)).toBe(' '.repeat(2000) + '[REDACTED:email]' + ' '.repeat(4096 - 2000 - EMAIL.length));
    const huge = Buffer.alloc(100, 'a');
    expect(redact(huge, testContext(BUILTIN_DETECTORS, { maxStringLength: 50 }))).toBe('[REDACTED:bytes]');
  });

  it('scans URL objects, String objects and RegExps by their text', () => {
    const url = new URL('https://x.test/?email=jane%40example.com');
    expect(redact(url)).toBe('https://x.test/?email=[REDACTED:email]');
    const clean = new URL('https://x.test/a');
    expect(redact(clean)).toBe(clean);
    expect(redact(new String(`mail ${EMAIL}`))).toBe('mail [REDACTED:email]');
    expect(redact(new RegExp(EMAIL))).toBe('/[REDACTED:email]/');
  });

  it('redacts object and Map keys', () => {
    expect(redact({ [EMAIL]: 1, ok: 2 })).toEqual({ '[REDACTED:email]': 1, ok: 2 });
    const out = redact(new Map([[EMAIL, 'x']])) as Map<string, string>;
    expect([...out.keys()]).toEqual(['[REDACTED:email]']);
  });

  it('walks what toJSON exposes: private fields of class instances do not leave', () => {
    class Account {
      #email = EMAIL;
      id = 7;
      toJSON() {
        return { id: this.id, email: this.#email };
      }
    }
    expect(redact(new Account())).toEqual({ id: 7, email: '[REDACTED:email]' });
    class Clean {
      toJSON() {
        return { id: 1 };
      }
    }
    const clean = new Clean();
    expect(redact(clean)).toBe(clean);
  });

  it('searches values under allow-listed keys for secrets, not for personal data', () => {
    const out = redact({ 'http.route': `/u/${EMAIL}`, 'gen_ai.request.model': 'ghp_16C7e42F292c6912E7710c838347Ae178B4a' });
    expect(out).toEqual({ 'http.route': `/u/${EMAIL}`, 'gen_ai.request.model': '[REDACTED:github_token]' });
  });

  it('scans large integers, bigints and symbol descriptions as text', () => {
    expect(redact(4111111111111111)).toBe('[REDACTED:card]');
    expect(redact(4111111111111111n)).toBe('[REDACTED:card]');
    expect(redact(1710498151123)).toBe(1710498151123);
    expect(redact(12n)).toBe(12n);
    expect(redact(Symbol(EMAIL))).toBe('[REDACTED:email]');
    const clean = Symbol('plain');
    expect(redact(clean)).toBe(clean);
  });

  it('passes other values through', () => {
    const fn = () => EMAIL;
    const date = new Date(0);
    for (const v of [undefined, null, true, 3.5, Number.NaN, fn, date, /x/]) expect(redact(v)).toBe(v);
  });

  it('turns a getter that throws into [REDACTED:error] and keeps going', () => {
    const input = {
      ok: EMAIL,
      get broken(): string {
        throw new Error('getter');
      },
      after: 'plain',
    };
    const c = ctx();
    expect(redact(input, c)).toEqual({ ok: '[REDACTED:email]', broken: '[REDACTED:error]', after: 'plain' });
    expect(c.counter.byType()).toEqual({ email: 1, error: 1 });
  });

  it('treats __proto__ keys as plain data: no prototype pollution', () => {
    const input = JSON.parse(`{"__proto__": {"polluted": "${EMAIL}"}, "a": "${EMAIL}"}`) as Record<string, unknown>;
    const out = redact(input) as Record<string, unknown>;
    expect(Object.hasOwn(out, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toEqual({ polluted: '[REDACTED:email]' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('turns an object that cannot be read (a throwing proxy) into [REDACTED:error], keeping its siblings', () => {
    const hostile = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('trap');
        },
      },
    );
    const c = ctx();
    expect(redact({ hostile, note: EMAIL }, c)).toEqual({ hostile: '[REDACTED:error]', note: '[REDACTED:email]' });
    expect(c.counter.byType()).toEqual({ error: 1, email: 1 });
  });
});

describe('redactEntry', () => {
  it('leaves booleans, empty strings and existing placeholders under sensitive keys alone', () => {
    const c = ctx();
    expect(redactEntry(c, 'password', true, 0, undefined)).toBe(true);
    expect(redactEntry(c, 'password', '', 0, undefined)).toBe('');
    expect(redactEntry(c, 'password', '[REDACTED:email]', 0, undefined)).toBe('[REDACTED:email]');
    expect(redactEntry(c, 'password', null, 0, undefined)).toBe(null);
    expect(c.counter.total).toBe(0);
  });

  it('scans values under sensitive keys when the sensitive_key switch is off', () => {
    const c = testContext(BUILTIN_DETECTORS, { sensitiveKeys: false });
    expect(redactEntry(c, 'password', 'plain', 0, undefined)).toBe('plain');
    expect(redactEntry(c, 'password', EMAIL, 0, undefined)).toBe('[REDACTED:email]');
  });
});

describe('fast paths give what the full path gives', () => {
  const vectors = POSITIVES.map((p) => p.text);
  const fragment = fc
    .constantFrom(...vectors, ...NEGATIVES.map((n) => n.text))
    .chain((v) => fc.integer({ min: 0, max: v.length }).chain((a) => fc.integer({ min: a, max: v.length }).map((b) => v.slice(a, b))));
  const text = fc.array(fc.oneof(fragment, fc.string({ maxLength: 8 })), { maxLength: 6 }).map((p) => p.join(''));
  const primitive = fc.oneof(
    text,
    fc.integer(),
    fc.double(),
    fc.constantFrom(4111111111111111, 1710498151123, -4111111111111111),
    fc.bigInt(),
    text.map((t) => Symbol(t)),
    fc.boolean(),
    fc.constantFrom(null, undefined),
  );

  it('a value on its own (no walk allocated) is redacted and counted as it is inside a walk', () => {
    fc.assert(
      fc.property(primitive, (value) => {
        const alone = ctx();
        const walked = ctx();
        const out = redactValue(alone, value, 0, undefined);
        const expected = redactValue(walked, value, 0, new Walk());
        expect(out).toEqual(expected);
        expect(alone.counter.byType()).toEqual(walked.counter.byType());
      }),
      { numRuns: 5_000 },
    );
  });

  it('a string redacted again (clean strings remembered) comes out as a fresh context redacts it', () => {
    const warm = ctx();
    fc.assert(
      fc.property(text, (s) => {
        const first = redactValue(warm, s, 0, undefined);
        const again = redactValue(warm, s, 0, undefined);
        const fresh = redactValue(ctx(), s, 0, undefined);
        expect([first, again]).toEqual([fresh, fresh]);
      }),
      { numRuns: 5_000 },
    );
  });
});
