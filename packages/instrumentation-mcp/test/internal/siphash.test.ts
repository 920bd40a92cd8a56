import { describe, expect, it } from 'vitest';
import { SipHashKey } from '../../src/internal/siphash.js';

/** SipHash-2-4 written the obvious way, with BigInt: the reference the fast implementation must match. */
function reference(key: Uint8Array, message: Uint8Array): string {
  const mask = (1n << 64n) - 1n;
  const rotl = (x: bigint, n: bigint) => ((x << n) | (x >> (64n - n))) & mask;
  const le = (bytes: Uint8Array, at: number) => bytes.slice(at, at + 8).reduceRight((acc, b) => (acc << 8n) | BigInt(b), 0n);
  const k0 = le(key, 0);
  const k1 = le(key, 8);
  let [v0, v1, v2, v3] = [k0 ^ 0x736f6d6570736575n, k1 ^ 0x646f72616e646f6dn, k0 ^ 0x6c7967656e657261n, k1 ^ 0x7465646279746573n];
  const round = () => {
    v0 = (v0 + v1) & mask, v1 = rotl(v1, 13n) ^ v0, v0 = rotl(v0, 32n);
    v2 = (v2 + v3) & mask, v3 = rotl(v3, 16n) ^ v2;
    v0 = (v0 + v3) & mask, v3 = rotl(v3, 21n) ^ v0;
    v2 = (v2 + v1) & mask, v1 = rotl(v1, 17n) ^ v2, v2 = rotl(v2, 32n);
  };
  const padded = new Uint8Array(message.length - (message.length % 8) + 8);
  padded.set(message);
  padded[padded.length - 1] = message.length & 0xff;
  for (let i = 0; i < padded.length; i += 8) {
    const m = le(padded, i);
    v3 ^= m;
    round(), round();
    v0 ^= m;
  }
  v2 ^= 0xffn;
  round(), round(), round(), round();
  return (v0 ^ v1 ^ v2 ^ v3).toString(16).padStart(16, '0');
}

const key = Uint8Array.from({ length: 16 }, (_, i) => i);
const sip = new SipHashKey(key, 1024);
const bytesOf = (n: number) => String.fromCharCode(...Array.from({ length: n }, (_, i) => i));

describe('SipHashKey', () => {
  it('gives the reference vectors of the SipHash paper (key 00..0f)', () => {
    expect(sip.digest('')!.hex).toBe('726fdb47dd0e0e31');
    expect(sip.digest(bytesOf(8))!.hex).toBe('93f5f5799a932462');
    expect(sip.digest(bytesOf(15))!.hex).toBe('a129ca6149be45e5');
  });

  it('matches a BigInt reference on the UTF-8 bytes, for every length across several blocks and non-ASCII text', () => {
    for (let n = 0; n < 40; n++) {
      for (const text of ['x'.repeat(n), `é${'y'.repeat(n)}`, `${'z'.repeat(n)}😀`]) {
        const utf8 = Buffer.from(text, 'utf8');
        expect(sip.digest(text)).toEqual({ hex: reference(key, utf8), bytes: utf8.length });
      }
    }
  });

  it('refuses messages over its limit and keys that are not 16 bytes', () => {
    expect(new SipHashKey(key, 4).digest('12345')).toBeUndefined();
    expect(() => new SipHashKey(new Uint8Array(15), 4)).toThrow(RangeError);
  });
});
