/**
 * What a `tools/call` records about its payload: by default the UTF-8 size of the arguments and result
 * JSON and a keyed HMAC-SHA-256 digest of the arguments (canonical JSON, keys sorted, so equal arguments
 * give equal digests); on opt-in, the JSON itself, cut to a limit and passed through `redact`.
 */
import { createHmac, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import type { Span } from '@opentelemetry/api';
import {
  ATTR_GEN_AI_TOOL_CALL_ARGUMENTS,
  ATTR_GEN_AI_TOOL_CALL_RESULT,
  ATTR_MCP_TOOL_ARGUMENTS_DIGEST,
  ATTR_MCP_TOOL_ARGUMENTS_SIZE,
  ATTR_MCP_TOOL_RESULT_SIZE,
} from '../semconv.js';

/** Hex characters of the digest kept (64 bits). */
const DIGEST_HEX = 16;
/** Deepest nesting serialised canonically; deeper arguments get no digest. */
const MAX_DEPTH = 64;

/** Resolved payload options. */
export interface PayloadOptions {
  recordDigest: boolean;
  /** A `KeyObject`: HMAC with a raw key converts it on every call (~45 µs on Node 24), with a KeyObject ~3 µs. */
  digestKey: KeyObject;
  capture: boolean;
  maxCapturedLength: number;
  redact: ((attribute: string, value: string) => string) | undefined;
}

/** JSON with object keys sorted, `undefined` members dropped as `JSON.stringify` does. Throws on cycles or depth. */
export function canonicalJson(value: unknown, depth = 0): string {
  if (depth > MAX_DEPTH) throw new RangeError('too deep');
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON: () => unknown }).toJSON();
  }
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + canonicalJson(value[i], depth + 1);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const member = record[key];
    if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${canonicalJson(member, depth + 1)}`;
    first = false;
  }
  return `${out}}`;
}

/** The default digest key: 32 random bytes. */
export function randomDigestKey(): KeyObject {
  return createSecretKey(randomBytes(32));
}

/** A digest key from the option's string or bytes. */
export function digestKeyFrom(key: string | Uint8Array): KeyObject {
  return createSecretKey(typeof key === 'string' ? Buffer.from(key, 'utf8') : key);
}

function cut(value: string, max: number): string {
  return value.length > max ? value.slice(0, max) : value;
}

function capture(span: Span, options: PayloadOptions, attribute: string, json: string): void {
  let value = cut(json, options.maxCapturedLength);
  if (options.redact !== undefined) {
    try {
      value = options.redact(attribute, value);
    } catch {
      return;
    }
  }
  span.setAttribute(attribute, value);
}

/** Records the arguments of a `tools/call` on its span. Never throws. */
export function recordToolArguments(span: Span, options: PayloadOptions, args: unknown): void {
  if ((!options.recordDigest && !options.capture) || args === undefined) return;
  try {
    const json = canonicalJson(args);
    if (options.recordDigest) {
      span.setAttribute(ATTR_MCP_TOOL_ARGUMENTS_SIZE, Buffer.byteLength(json, 'utf8'));
      const digest = createHmac('sha256', options.digestKey).update(json).digest('hex').slice(0, DIGEST_HEX);
      span.setAttribute(ATTR_MCP_TOOL_ARGUMENTS_DIGEST, digest);
    }
    if (options.capture) capture(span, options, ATTR_GEN_AI_TOOL_CALL_ARGUMENTS, json);
  } catch {
    // Unserialisable arguments (a cycle, a BigInt): nothing recorded, the call goes on.
  }
}

/** Records the result of a `tools/call` on its span; `successful` gates the captured content. Never throws. */
export function recordToolResult(span: Span, options: PayloadOptions, result: unknown, successful: boolean): void {
  if ((!options.recordDigest && !options.capture) || result === undefined) return;
  try {
    const json = JSON.stringify(result);
    if (json === undefined) return;
    if (options.recordDigest) span.setAttribute(ATTR_MCP_TOOL_RESULT_SIZE, Buffer.byteLength(json, 'utf8'));
    if (options.capture && successful) capture(span, options, ATTR_GEN_AI_TOOL_CALL_RESULT, json);
  } catch {
    // Unserialisable result: nothing recorded.
  }
}
