/**
 * What a `tools/call` records about its payload: by default the UTF-8 size of the arguments and result
 * JSON and a keyed SipHash-2-4 digest of the arguments (canonical JSON, keys sorted, so equal arguments
 * give equal digests); on opt-in, the JSON itself, cut to a limit and passed through `redact`.
 *
 * The digest is made only for arguments whose canonical JSON has at most `MAX_DIGEST_INPUT` characters:
 * the serialiser stops there, and larger arguments get their size from `JSON.stringify` (same members,
 * same bytes, another key order) and no digest, so a huge argument costs one native serialisation.
 */
import type { Span } from '@opentelemetry/api';
import { hash } from 'node:crypto';
import {
  ATTR_GEN_AI_TOOL_CALL_ARGUMENTS,
  ATTR_GEN_AI_TOOL_CALL_RESULT,
  ATTR_SIGHTLINE_MCP_TOOL_ARGUMENTS_DIGEST,
  ATTR_SIGHTLINE_MCP_TOOL_ARGUMENTS_SIZE,
  ATTR_SIGHTLINE_MCP_TOOL_RESULT_SIZE,
} from '../semconv.js';
import { SipHashKey } from './siphash.js';

/** Deepest nesting serialised canonically; deeper arguments get no digest. */
const MAX_DEPTH = 64;
/** Longest canonical JSON digested, in UTF-16 code units; longer arguments get a size and no digest. */
export const MAX_DIGEST_INPUT = 16 * 1024;

/** Resolved payload options. */
export interface PayloadOptions {
  recordDigest: boolean;
  digestKey: SipHashKey;
  capture: boolean;
  maxCapturedLength: number;
  redact: ((attribute: string, value: string) => string) | undefined;
}

/** Thrown by `canonicalJson` when its output passes the limit. */
const TOO_LONG = new RangeError('too long');

/** Object keys that `JSON.stringify` writes as they are, between quotes. */
const PLAIN_KEY = /^[\w$.:/@-]*$/;

/**
 * JSON with object keys sorted, `undefined` members dropped as `JSON.stringify` does. Throws on cycles,
 * depth, or (with `limit`) an output longer than `limit` characters, checked as it grows.
 */
export function canonicalJson(value: unknown, limit = Infinity, depth = 0): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? 'null';
  if (depth > MAX_DEPTH) throw new RangeError('too deep');
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return canonicalJson((value as { toJSON: () => unknown }).toJSON(), limit, depth + 1);
  let out: string;
  if (Array.isArray(value)) {
    out = '[';
    for (let i = 0; i < value.length; i++) {
      out += (i === 0 ? '' : ',') + canonicalJson(value[i], limit, depth + 1);
      if (out.length > limit) throw TOO_LONG;
    }
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length > 1) keys.sort();
  out = '{';
  for (const key of keys) {
    const member = record[key];
    if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue;
    const name = PLAIN_KEY.test(key) ? `"${key}"` : JSON.stringify(key);
    out += `${out.length === 1 ? '' : ','}${name}:${canonicalJson(member, limit, depth + 1)}`;
    if (out.length > limit) throw TOO_LONG;
  }
  return `${out}}`;
}

/** The digest key of the option's string (UTF-8) or bytes: the first 16 bytes of their SHA-256. */
export function digestKeyFrom(key: string | Uint8Array): SipHashKey {
  return new SipHashKey(hash('sha256', key, 'buffer').subarray(0, 16), MAX_DIGEST_INPUT);
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

/** Canonical JSON of `args` when it is at most `MAX_DIGEST_INPUT` characters long, else `undefined`. */
function shortCanonicalJson(args: unknown): string | undefined {
  try {
    return canonicalJson(args, MAX_DIGEST_INPUT);
  } catch (error) {
    if (error === TOO_LONG) return undefined;
    throw error;
  }
}

/** Records the arguments of a `tools/call` on its span, when it is recorded (sampled). Never throws. */
export function recordToolArguments(span: Span, options: PayloadOptions, args: unknown): void {
  if ((!options.recordDigest && !options.capture) || args === undefined || !span.isRecording()) return;
  try {
    let json = shortCanonicalJson(args);
    if (options.recordDigest) {
      const digest = json === undefined ? undefined : options.digestKey.digest(json);
      if (digest !== undefined) {
        span.setAttribute(ATTR_SIGHTLINE_MCP_TOOL_ARGUMENTS_SIZE, digest.bytes);
        span.setAttribute(ATTR_SIGHTLINE_MCP_TOOL_ARGUMENTS_DIGEST, digest.hex);
      } else {
        json = JSON.stringify(args);
        span.setAttribute(ATTR_SIGHTLINE_MCP_TOOL_ARGUMENTS_SIZE, Buffer.byteLength(json, 'utf8'));
      }
    }
    if (options.capture) capture(span, options, ATTR_GEN_AI_TOOL_CALL_ARGUMENTS, json ?? JSON.stringify(args));
  } catch {
    // Unserialisable arguments (a cycle, a BigInt): nothing recorded, the call goes on.
  }
}

/** Records the result of a `tools/call` on its span, when it is recorded; `successful` gates the captured content. Never throws. */
export function recordToolResult(span: Span, options: PayloadOptions, result: unknown, successful: boolean): void {
  if ((!options.recordDigest && !options.capture) || result === undefined || !span.isRecording()) return;
  try {
    const json = JSON.stringify(result);
    if (json === undefined) return;
    if (options.recordDigest) span.setAttribute(ATTR_SIGHTLINE_MCP_TOOL_RESULT_SIZE, Buffer.byteLength(json, 'utf8'));
    if (options.capture && successful) capture(span, options, ATTR_GEN_AI_TOOL_CALL_RESULT, json);
  } catch {
    // Unserialisable result: nothing recorded.
  }
}
