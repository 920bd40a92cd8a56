/**
 * Serialization of arbitrary log bodies and attribute values that never throws: bigint, circular
 * structures, byte arrays, errors, maps, sets, non-finite numbers, throwing getters and very long
 * strings all come out as valid, bounded JSON.
 */
import { escapeJsonLine } from './escape.js';

/** Longest string (in UTF-16 code units) printed before it is cut and marked: 8 KiB. */
export const MAX_STRING_LENGTH = 8192;

/** Deepest nesting the fallback walk descends into before writing `"[MaxDepth]"`. */
const MAX_DEPTH = 32;

/** Byte arrays longer than this are cut so that their base64 text stays within {@link MAX_STRING_LENGTH}. */
const MAX_BYTES = (MAX_STRING_LENGTH / 4) * 3;

/**
 * Cuts `text` to `max` code units (never inside a surrogate pair) and appends
 * `…[truncated N chars]`, N being the number of code units removed. Returns `text` itself when it fits.
 *
 * @param text any string
 * @param max longest kept length; default {@link MAX_STRING_LENGTH}
 */
export function truncateString(text: string, max: number = MAX_STRING_LENGTH): string {
  if (text.length <= max) return text;
  let cut = max;
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut--;
  return `${text.slice(0, cut)}…[truncated ${text.length - cut} chars]`;
}

function bytesToText(bytes: Uint8Array): string {
  const kept = bytes.byteLength > MAX_BYTES ? bytes.subarray(0, MAX_BYTES) : bytes;
  const base64 = Buffer.from(kept.buffer, kept.byteOffset, kept.byteLength).toString('base64');
  return kept === bytes ? base64 : `${base64}…[truncated ${bytes.byteLength - MAX_BYTES} bytes]`;
}

function errorToObject(error: Error): Record<string, unknown> {
  const out: Record<string, unknown> = { type: error.name, message: error.message };
  if (typeof error.stack === 'string') out.stack = error.stack;
  const code = (error as { code?: unknown }).code;
  if (code !== undefined) out.code = code;
  return out;
}

function numberToJson(value: number): number | string {
  return Number.isFinite(value) ? value : String(value);
}

/**
 * `JSON.stringify` replacer of the fast path. `this[key]` is the value before `toJSON` ran, which is
 * how a `Buffer` (whose `toJSON` returns `{ type, data }`) is still seen as bytes.
 */
function replacer(this: unknown, key: string, value: unknown): unknown {
  switch (typeof value) {
    case 'string':
      return value.length > MAX_STRING_LENGTH ? truncateString(value) : value;
    case 'number':
      return numberToJson(value);
    case 'bigint':
      return value.toString();
    case 'object': {
      if (value === null) return value;
      const raw = (this as Record<string, unknown>)[key];
      if (raw instanceof Uint8Array) return bytesToText(raw);
      if (value instanceof Error) return errorToObject(value);
      if (value instanceof Map) return mapToObject(value);
      if (value instanceof Set) return [...value];
      return value;
    }
    default:
      return value;
  }
}

function mapToObject(map: Map<unknown, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of map) out[String(k)] = v;
  return out;
}

/**
 * Converts any value to plain JSON-compatible data, defensively: circular references become
 * `"[Circular]"` (a value reached twice along different paths is not circular and is kept), nesting
 * past 32 levels `"[MaxDepth]"`, a property whose getter throws `"[Unreadable]"`, bigint a decimal
 * string, `Uint8Array` base64, `Error` `{ type, message, stack }`, `Date` its ISO text, `NaN` and
 * infinities their names, functions and symbols are dropped (as `JSON.stringify` does), strings are
 * capped with {@link truncateString}. Never throws.
 *
 * @param value anything
 */
export function toSafeValue(value: unknown): unknown {
  try {
    return walk(value, 0, new Set());
  } catch {
    return '[Unserializable]';
  }
}

function walk(value: unknown, depth: number, ancestors: Set<object>): unknown {
  switch (typeof value) {
    case 'string':
      return truncateString(value);
    case 'number':
      return numberToJson(value);
    case 'boolean':
      return value;
    case 'bigint':
      return value.toString();
    case 'object':
      break;
    default:
      return undefined;
  }
  if (value === null) return null;
  if (ancestors.has(value)) return '[Circular]';
  if (depth >= MAX_DEPTH) return '[MaxDepth]';
  if (value instanceof Uint8Array) return bytesToText(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  ancestors.add(value);
  try {
    if (value instanceof Error) return walk(errorToObject(value), depth + 1, ancestors);
    if (Array.isArray(value) || value instanceof Set) {
      const out: unknown[] = [];
      for (const item of value) {
        const safe = walk(item, depth + 1, ancestors);
        out.push(safe === undefined ? null : safe);
      }
      return out;
    }
    const entries: Iterable<[unknown, unknown]> =
      value instanceof Map ? value : Object.keys(value).map((k) => [k, readProperty(value, k)]);
    const out: Record<string, unknown> = {};
    for (const [k, v] of entries) {
      const safe = walk(v, depth + 1, ancestors);
      if (safe !== undefined) out[truncateString(String(k))] = safe;
    }
    return out;
  } finally {
    ancestors.delete(value);
  }
}

function readProperty(target: object, key: string): unknown {
  try {
    return (target as Record<string, unknown>)[key];
  } catch {
    return '[Unreadable]';
  }
}

/** Deepest nesting {@link isPlainJson} inspects before sending a value down the replacer path. */
const PLAIN_SCAN_DEPTH = 8;

/**
 * Whether plain `JSON.stringify` serializes `value` exactly as the replacer would: only short strings,
 * finite numbers, booleans, `null`/`undefined`, arrays and plain objects, nested at most 8 deep.
 * Scanning is several times cheaper than a replacer call per value, and typical log records
 * (primitive attributes, a string body) pass.
 */
function isPlainJson(value: unknown, depth: number): boolean {
  switch (typeof value) {
    case 'string':
      return value.length <= MAX_STRING_LENGTH;
    case 'number':
      return Number.isFinite(value);
    case 'boolean':
    case 'undefined':
      return true;
    case 'object': {
      if (value === null) return true;
      if (depth >= PLAIN_SCAN_DEPTH) return false;
      if (Array.isArray(value)) {
        for (const item of value) if (!isPlainJson(item, depth + 1)) return false;
        return true;
      }
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return false;
      for (const key in value) {
        if (!isPlainJson((value as Record<string, unknown>)[key], depth + 1)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

/**
 * Serializes any value to one line of JSON that is safe to print: no raw control, separator or bidi
 * character (see {@link escapeJsonLine}), strings capped at {@link MAX_STRING_LENGTH}. Plain data
 * goes straight to `JSON.stringify`; anything else through `JSON.stringify` with a replacer; only
 * when that throws (a cycle, a throwing getter or `toJSON`, extreme depth) is the value rebuilt with
 * {@link toSafeValue}. Never throws; `undefined` serializes as `null`.
 *
 * @param value anything
 */
export function safeStringify(value: unknown): string {
  let json: string | undefined;
  try {
    json = isPlainJson(value, 0) ? JSON.stringify(value) : JSON.stringify(value, replacer);
  } catch {
    try {
      json = JSON.stringify(toSafeValue(value));
    } catch {
      json = '"[Unserializable]"';
    }
  }
  return json === undefined ? 'null' : escapeJsonLine(json);
}
