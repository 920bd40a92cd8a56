import { createHash, createHmac, createSecretKey, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';
import type { SecretKey } from '../types.js';

/** What a derived key is for: one secret serves all of them without one revealing another. */
export type KeyPurpose = 'audit-trail' | 'api-key-digest' | 'pseudonym';

/**
 * The random keys of this process, under `Symbol.for` so that every copy of this code in the process (the
 * `register` preload's bundle, the package itself, its ESM and CommonJS builds) uses the same ones.
 */
const RANDOM_KEYS = Symbol.for('sightline.audit.random-keys.v1');
type WithRandomKeys = typeof globalThis & { [RANDOM_KEYS]?: Map<KeyPurpose, Buffer> };

/**
 * A 32-byte key for `purpose`, derived from `secret` with HKDF-SHA256. Without a secret, a random key made
 * once per process and purpose: digests are then stable within the process only.
 */
export function deriveKey(secret: SecretKey | undefined, purpose: KeyPurpose): Buffer {
  if (secret === undefined || secret.length === 0) {
    const randomKeys = ((globalThis as WithRandomKeys)[RANDOM_KEYS] ??= new Map());
    let key = randomKeys.get(purpose);
    if (key === undefined) randomKeys.set(purpose, (key = randomBytes(32)));
    return key;
  }
  const material = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : Buffer.from(secret);
  return Buffer.from(hkdfSync('sha256', material, Buffer.alloc(0), `sightline/${purpose}/v1`, 32));
}

/** A public id of a derived key (8 hex digits), so a verifier can tell "wrong key" from "tampered". */
export function keyId(key: Buffer): string {
  return createHash('sha256').update('sightline/key-id/v1').update(key).digest('hex').slice(0, 8);
}

/** A key prepared once for many HMACs (passing raw bytes to `createHmac` re-imports them on every call). */
export function hmacKey(key: Buffer): KeyObject {
  return createSecretKey(key);
}

/** HMAC-SHA256 of `text` under `key`, as lowercase hex. */
export function hmacHex(key: KeyObject, text: string): string {
  return createHmac('sha256', key).update(text).digest('hex');
}
