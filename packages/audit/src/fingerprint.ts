import { createHash } from 'node:crypto';
import { normalizeMessage } from './internal/normalize-message.js';
import { parseFrames } from './internal/stack-frames.js';

/** What a fingerprint is computed from: the `exception.*` attributes of a record. */
export interface FingerprintInput {
  /** `exception.type`. */
  readonly type?: string;
  /** `exception.message`. */
  readonly message?: string;
  /** `exception.stacktrace` (V8 format). */
  readonly stacktrace?: string;
}

/** Most frames that take part in a fingerprint. */
export const FINGERPRINT_FRAMES = 5;

/** Version of the recipe: changing how fingerprints are computed changes this, and so every fingerprint. */
const RECIPE = 'sightline.fingerprint.v1';

/**
 * The grouping key of an exception: 16 hex digits of SHA-256 over the type, the message with its variable
 * parts normalized, and the top {@link FINGERPRINT_FRAMES} in-app frames as `basename:function` (no line or
 * column; `node_modules` and `node:` frames left out, unless no in-app frame exists, then the top library
 * frames). The same bug has the same fingerprint across processes, restarts and edits that shift lines.
 */
export function computeFingerprint(input: FingerprintInput): string {
  const hash = createHash('sha256');
  hash.update(RECIPE);
  hash.update('\n');
  hash.update(input.type ?? '');
  hash.update('\n');
  hash.update(normalizeMessage(input.message ?? ''));
  if (input.stacktrace !== undefined) {
    const frames = parseFrames(input.stacktrace, FINGERPRINT_FRAMES);
    const inApp = frames.filter((f) => f.inApp);
    for (const frame of (inApp.length > 0 ? inApp : frames).slice(0, FINGERPRINT_FRAMES)) {
      hash.update(`\n${frame.module}:${frame.fn}`);
    }
  }
  return hash.digest('hex').slice(0, 16);
}
