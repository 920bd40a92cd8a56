/**
 * Secrets to plant inside hostile values, and a search for them in what comes out. The vectors are written
 * by hand in the shapes the providers document (not produced by our detectors); `text` is what is planted,
 * `secret` what must never come out. `KNOWN_SECRET` is the one found only because the redactor is told it
 * (`knownSecrets`), as an application's own API key would be.
 */
import fc from 'fast-check';
import { HOSTILE_VALUES, type Hostile } from '../../packages/core/test/fixtures/hostile-values.js';

export interface Planted {
  readonly name: string;
  readonly text: string;
  readonly secret: string;
}

export const KNOWN_SECRET = 'Vq3-harbor-LANTERN-82-quill';

export const PLANTED: readonly Planted[] = [
  { name: 'email', text: 'maria.kowalska@poczta-firmowa.pl', secret: 'maria.kowalska@poczta-firmowa.pl' },
  { name: 'card', text: '4539 1488 0343 6467', secret: '4539 1488 0343 6467' },
  { name: 'openai', text: 'sk-proj-8fK2mQ7xLp3Rt9Vw1Yz5Nb4Hc6Jd0Gs2Ae7Ui3Oq', secret: '8fK2mQ7xLp3Rt9Vw1Yz5Nb4Hc6Jd0Gs2Ae7Ui3Oq' },
  { name: 'github', text: 'ghp_R8mK2pQ7xL3tV9wY1zN5bH4cJ6dG0sA2eU7iO3', secret: 'R8mK2pQ7xL3tV9wY1zN5bH4cJ6dG0sA2eU7iO3' },
  { name: 'aws', text: 'AKIAQ7RZ4MTK2XNLV8PB', secret: 'AKIAQ7RZ4MTK2XNLV8PB' },
  {
    name: 'jwt',
    text: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1LTcyOTEiLCJuYW1lIjoiTWFyaWEiLCJpYXQiOjE3MzI0MDAwMDB9.r3Jq8Vd2Lk9Xw4Pn7Mb1Tc6Hs0Ga5Ze2Yf8Ui3Oq4W',
    secret: 'r3Jq8Vd2Lk9Xw4Pn7Mb1Tc6Hs0Ga5Ze2Yf8Ui3Oq4W',
  },
  { name: 'url password', text: 'postgres://svc_billing:Wq8rT2vLp9zK@db.internal:5432/billing', secret: 'Wq8rT2vLp9zK' },
  { name: 'ssn', text: '518-24-7391', secret: '518-24-7391' },
  { name: 'slack', text: 'xoxb-2718281828-3141592653589-Qz7Wx3Lm9Np2Rt4Vb8Yc1Df6', secret: 'Qz7Wx3Lm9Np2Rt4Vb8Yc1Df6' },
  { name: 'known secret', text: KNOWN_SECRET, secret: KNOWN_SECRET },
];

function boom(): never {
  throw new Error('hostile: trap');
}

/**
 * Where a value is planted: each wraps `inner` (which holds the secret) in a hostile or unusual container.
 * Fresh objects per call; `sibling` is one of the hand-made hostile values, put beside the secret.
 */
const CONTAINERS: Record<string, (inner: unknown, sibling: unknown) => unknown> = {
  'object value': (inner, sibling) => ({ note: inner, other: sibling }),
  'array element among hostile values': (inner, sibling) => [sibling, inner, sibling],
  'Map value under an object key': (inner, sibling) => new Map<unknown, unknown>([[{ k: sibling }, inner]]),
  'Map key (an object)': (inner) => new Map([[{ k: inner }, 1]]),
  'Set element': (inner, sibling) => new Set([sibling, inner]),
  'Error cause': (inner) => new Error('failed', { cause: inner }),
  'Error own field': (inner) => Object.assign(new Error('failed'), { detail: inner }),
  'toJSON result': (inner) => ({ toJSON: () => ({ wrapped: inner }) }),
  'enumerable getter': (inner) => Object.defineProperty({}, 'lazy', { get: () => inner, enumerable: true }),
  'getter beside throwing getters': (inner) =>
    Object.defineProperties({}, { a: { get: boom, enumerable: true }, b: { get: () => inner, enumerable: true }, c: { get: boom, enumerable: true } }),
  'Proxy returning it': (inner) => new Proxy({ a: 1 }, { get: (_t, key) => (key === 'a' ? inner : undefined) }),
  'null-prototype object': (inner) => Object.assign(Object.create(null) as object, { x: inner }),
  'cyclic object': (inner) => {
    const o: Record<string, unknown> = { v: inner };
    o.self = o;
    return o;
  },
  'shared child, 5 levels of 4 paths': (inner) => {
    let node: unknown = { leaf: inner };
    for (let i = 0; i < 5; i++) node = [node, node, node, node];
    return node;
  },
  'many attributes (2 000 keys)': (inner) => {
    const o: Record<string, unknown> = {};
    for (let i = 0; i < 2000; i++) o[`attr.${i}`] = i;
    o['attr.1999'] = inner;
    return o;
  },
  'very long key (20 000 characters)': (inner) => ({ ['k'.repeat(20_000)]: inner }),
};

/** Leaves: the secret's text in a context; each returns a fresh value. */
const LEAVES: Record<string, (p: Planted) => unknown> = {
  'string': (p) => `value ${p.text} end`,
  'between lone surrogates': (p) => `\ud800 ${p.text} \udfff`,
  'after 60 000 characters (near the cut)': (p) => `${'x '.repeat(30_000)}${p.text} end`,
  'String object': (p) => new String(`s ${p.text}`),
  'Buffer': (p) => Buffer.from(`b ${p.text} e`),
  'Uint8Array of its UTF-8': (p) => new Uint8Array(Buffer.from(` ${p.text} `)),
  'Symbol description': (p) => Symbol(`sym ${p.text}`),
  'object key': (p) => ({ [`id ${p.text}`]: 1 }),
  'array of it': (p) => [p.text, p.text],
};

/** One planted secret in 1–3 nested containers, with hostile siblings; described by a label. */
export interface PlantedCase {
  readonly label: string;
  readonly planted: Planted;
  make(): unknown;
}

export const plantedCase: fc.Arbitrary<PlantedCase> = fc
  .record({
    planted: fc.constantFrom(...PLANTED),
    leaf: fc.constantFrom(...Object.keys(LEAVES)),
    containers: fc.array(fc.constantFrom(...Object.keys(CONTAINERS)), { minLength: 1, maxLength: 3 }),
    sibling: fc.constantFrom(...HOSTILE_VALUES),
  })
  .map(({ planted, leaf, containers, sibling }: { planted: Planted; leaf: string; containers: string[]; sibling: Hostile }) => ({
    label: `${planted.name} as ${leaf} in ${containers.join(' < ')} beside ${sibling.label}`,
    planted,
    make: () => containers.reduce<unknown>((inner, name) => (CONTAINERS[name] as (i: unknown, s: unknown) => unknown)(inner, sibling.make()), (LEAVES[leaf] as (p: Planted) => unknown)(planted)),
  }));

/** Most values {@link containsSecret} looks at: the redactor's own per-call bound is far below it. */
const SEARCH_LIMIT = 500_000;

/**
 * Whether any text reachable in `value` — strings, keys, Map keys and values, Set items, Error fields,
 * symbol descriptions, bytes as UTF-8, numbers as digits — contains `secret`. Reads through getters and
 * proxies, as an exporter would; what throws is skipped (an exporter could not read it either).
 */
export function containsSecret(value: unknown, secret: string): boolean {
  const digits = secret.replace(/\D/g, '');
  const seen = new Set<object>();
  const stack: unknown[] = [value];
  let budget = SEARCH_LIMIT;
  const has = (text: string): boolean => text.includes(secret);
  while (stack.length > 0 && budget-- > 0) {
    const v = stack.pop();
    try {
      switch (typeof v) {
        case 'string':
          if (has(v)) return true;
          continue;
        case 'symbol':
          if (has(v.description ?? '')) return true;
          continue;
        case 'number':
        case 'bigint':
          if (digits.length >= 9 && String(v) === digits) return true;
          continue;
        case 'object':
        case 'function':
          break;
        default:
          continue;
      }
      if (v === null || seen.has(v)) continue;
      seen.add(v);
      if (ArrayBuffer.isView(v)) {
        if (has(Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('utf8'))) return true;
        continue;
      }
      if (v instanceof String || v instanceof URL) {
        if (has(String(v))) return true;
        continue;
      }
      if (v instanceof Map) {
        for (const [k, item] of v) stack.push(k, item);
        continue;
      }
      if (v instanceof Set) {
        for (const item of v) stack.push(item);
        continue;
      }
      if (v instanceof Error) stack.push(v.message, v.stack, (v as { cause?: unknown }).cause);
      if (Array.isArray(v)) {
        for (let i = 0; i < Math.min(v.length, SEARCH_LIMIT); i++) stack.push(v[i]);
        continue;
      }
      for (const key of Object.keys(v)) {
        if (has(key)) return true;
        try {
          stack.push((v as Record<string, unknown>)[key]);
        } catch {
          // unreadable: nothing leaves from it
        }
      }
    } catch {
      // a hostile value that cannot be looked at
    }
  }
  return false;
}
