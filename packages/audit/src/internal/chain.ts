import { createHash } from 'node:crypto';
import type { SecretKey } from '../types.js';
import { deriveKey, hmacHex, hmacKey, keyId } from './keys.js';

/** `prev` of the very first line of a trail. */
export const GENESIS_HASH = '0'.repeat(64);

/** Every line ends with this field, then `"}`; the hash covers the line with it removed. */
const HASH_FIELD = ',"hash":"';
const SUFFIX_LENGTH = HASH_FIELD.length + 64 + 2;
const HEX64 = /^[0-9a-f]{64}$/;

/** How lines are hashed: plain SHA-256, or HMAC-SHA256 under a key derived from the secret. */
export interface ChainHasher {
  readonly alg: 'sha256' | 'hmac-sha256';
  /** Public id of the key (HMAC only). */
  readonly keyId: string | undefined;
  hash(body: string): string;
}

export function createChainHasher(secret: SecretKey | undefined): ChainHasher {
  if (secret === undefined || secret.length === 0) {
    return { alg: 'sha256', keyId: undefined, hash: (body) => createHash('sha256').update(body).digest('hex') };
  }
  const raw = deriveKey(secret, 'audit-trail');
  const key = hmacKey(raw);
  return { alg: 'hmac-sha256', keyId: keyId(raw), hash: (body) => hmacHex(key, body) };
}

/**
 * One line of the trail: `{"seq":N,"prev":"<hash of line N-1>",<content>,"hash":"<hash>"}` where the hash
 * covers exactly the text `{"seq":N,"prev":"…",<content>}`. `content` is JSON object members without braces.
 */
export function sealLine(seq: number, prev: string, content: string, hasher: ChainHasher): { line: string; hash: string } {
  const body = `{"seq":${seq},"prev":"${prev}",${content}}`;
  const hash = hasher.hash(body);
  return { line: `${body.slice(0, -1)}${HASH_FIELD}${hash}"}`, hash };
}

/** A line read back: its fields, its stored hash and the text that hash must cover. */
export interface OpenedLine {
  readonly entry: Record<string, unknown>;
  readonly seq: number;
  readonly prev: string;
  readonly hash: string;
  /** The text the hash covers. */
  readonly body: string;
}

/** Parses a line; `undefined` when it is not a complete, well-formed trail line. */
export function openLine(line: string): OpenedLine | undefined {
  if (line.length <= SUFFIX_LENGTH || !line.endsWith('"}')) return undefined;
  const cut = line.length - SUFFIX_LENGTH;
  if (line.slice(cut, cut + HASH_FIELD.length) !== HASH_FIELD) return undefined;
  const hash = line.slice(cut + HASH_FIELD.length, line.length - 2);
  if (!HEX64.test(hash)) return undefined;
  const body = `${line.slice(0, cut)}}`;
  let entry: unknown;
  try {
    entry = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof entry !== 'object' || entry === null) return undefined;
  const { seq, prev } = entry as { seq?: unknown; prev?: unknown };
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || typeof prev !== 'string' || !HEX64.test(prev)) return undefined;
  return { entry: entry as Record<string, unknown>, seq, prev, hash, body };
}
