import { createHmac } from 'node:crypto';
import { diag } from '@opentelemetry/api';
import { deriveKey, hmacKey } from './internal/keys.js';
import type { PseudonymizerOptions } from './types.js';

/** Characters of a pseudonym: 22 base64url characters are 132 bits, beyond any collision worry. */
const PSEUDONYM_LENGTH = 22;

/**
 * A function that turns a user identifier into a stable keyed pseudonym (HMAC-SHA256, base64url, 22
 * characters) for `enduser.pseudo.id`. The same id and key give the same pseudonym in every process; without
 * the key the pseudonym cannot be linked back to the id, so rotating or deleting the key makes telemetry
 * recorded under it unlinkable. Without a key a random per-process key is used (and a warning logged once):
 * pseudonyms then differ between processes.
 */
export function createPseudonymizer(options: PseudonymizerOptions = {}): (userId: string) => string {
  if (options.key === undefined || options.key.length === 0) {
    diag.warn('sightline: createPseudonymizer() has no key (SIGHTLINE_HMAC_KEY); pseudonyms differ between processes');
  }
  const key = hmacKey(deriveKey(options.key, 'pseudonym'));
  return (userId: string): string =>
    createHmac('sha256', key).update(String(userId)).digest('base64url').slice(0, PSEUDONYM_LENGTH);
}
