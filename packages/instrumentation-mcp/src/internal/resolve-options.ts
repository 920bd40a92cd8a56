/** Turns `McpInstrumentationConfig` into the payload options the hot path reads; bad values: one diag line, the default. */
import { diag } from '@opentelemetry/api';
import { ENV_CAPTURE_MESSAGE_CONTENT } from '../semconv.js';
import type { McpInstrumentationConfig } from '../types.js';
import { randomBytes } from 'node:crypto';
import type { SipHashKey } from './siphash.js';
import { digestKeyFrom, type PayloadOptions } from './tool-payload.js';

export const DEFAULT_MAX_CAPTURED_LENGTH = 4096;

const KEY = Symbol.for('sightline.instrumentation-mcp.digest-key.v2');
type WithKey = typeof globalThis & { [KEY]?: Uint8Array };

/** The random per-process digest key (32 bytes), shared by the ESM and CommonJS builds. */
function processDigestKey(): SipHashKey {
  const g = globalThis as WithKey;
  return digestKeyFrom((g[KEY] ??= randomBytes(32)));
}

function captureFromEnv(): boolean {
  const raw = process.env[ENV_CAPTURE_MESSAGE_CONTENT]?.trim().toLowerCase();
  if (raw === undefined || raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  diag.warn(`@sightline/instrumentation-mcp: ${ENV_CAPTURE_MESSAGE_CONTENT} must be true or false; using false`);
  return false;
}

export function resolvePayloadOptions(config: McpInstrumentationConfig): PayloadOptions {
  let maxCapturedLength = config.maxCapturedLength ?? DEFAULT_MAX_CAPTURED_LENGTH;
  if (!(Number.isInteger(maxCapturedLength) && maxCapturedLength > 0)) {
    diag.warn(`@sightline/instrumentation-mcp: maxCapturedLength must be a positive integer; using ${DEFAULT_MAX_CAPTURED_LENGTH}`);
    maxCapturedLength = DEFAULT_MAX_CAPTURED_LENGTH;
  }
  const key = config.argumentsDigestKey;
  const validKey = (typeof key === 'string' && key.length > 0) || (key instanceof Uint8Array && key.length > 0);
  if (key !== undefined && !validKey) diag.warn('@sightline/instrumentation-mcp: argumentsDigestKey is empty; using a random per-process key');
  return {
    recordDigest: config.recordArgumentsDigest ?? true,
    digestKey: validKey ? digestKeyFrom(key!) : processDigestKey(),
    capture: config.captureContent ?? captureFromEnv(),
    maxCapturedLength,
    redact: typeof config.redact === 'function' ? config.redact : undefined,
  };
}
