import { createHmac } from 'node:crypto';

/** Builds the text that replaces a redacted value. */
export type PlaceholderFn = (type: string, original?: string) => string;

/** Placeholders built so far, by type: a string with many matches reuses one instead of building each. */
const masks = new Map<string, string>();

/** `[REDACTED:<type>]`. */
export function maskPlaceholder(type: string): string {
  let mask = masks.get(type);
  if (mask === undefined) {
    mask = `[REDACTED:${type}]`;
    masks.set(type, mask);
  }
  return mask;
}

/** What replaces a value that could not be redacted. */
export const ERROR_PLACEHOLDER = maskPlaceholder('error');

/** Hex characters of the HMAC kept: 48 bits, enough to correlate, too few to test guesses offline at scale. */
const HASH_CHARS = 12;

/**
 * `[REDACTED:<type>:<hash>]`, the hash being the first 12 hex characters of HMAC-SHA-256(key, original):
 * equal values get equal placeholders, so they still correlate. Without an original (errors, depth) the
 * placeholder is the masked one.
 */
export function hashPlaceholder(key: string | Buffer): PlaceholderFn {
  return (type, original) =>
    original === undefined
      ? maskPlaceholder(type)
      : `[REDACTED:${type}:${createHmac('sha256', key).update(original).digest('hex').slice(0, HASH_CHARS)}]`;
}
