import { KeyClass } from './key-classifier.js';
import type { RedactionContext } from './redaction-context.js';
import { remember, SCAN_MARGIN, scanString } from './scan-string.js';
import { FOUND_COST, THROW_COST, VALUE_COST, Walk } from './walk.js';

/** Replaces a reference back to an object being walked. */
export const CIRCULAR = '[Circular]';

/** Integers this large may be card numbers written as numbers; smaller ones are counts, ids, amounts. */
const SCANNED_INTEGER = 1e12;

/** Sets `key` as an own property even when it is `__proto__` (plain assignment would set the prototype). */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

/** Returns the scanned text form of a primitive, or the primitive itself when nothing was found. */
function scanPrimitiveText(ctx: RedactionContext, value: unknown, text: string): unknown {
  const redacted = scanString(ctx, text);
  return redacted === text ? value : redacted;
}

/** A value stored under a sensitive key is replaced whole, unless there is nothing to hide. */
function worthReplacing(value: unknown): boolean {
  if (value === null || value === undefined || value === '' || typeof value === 'boolean') return false;
  return !(typeof value === 'string' && value.startsWith('[REDACTED:'));
}

function textForHash(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint' ? String(value) : undefined;
}

/**
 * The key itself, redacted: an e-mail address or a token used as an object key, Map key or attribute name
 * is replaced like any value. Each distinct clean key is searched once.
 */
export function redactKey(ctx: RedactionContext, key: string, walk?: Walk): string {
  if (ctx.cleanStrings.has(key)) return key;
  walk?.spend(scannedLength(ctx, key));
  const redacted = scanString(ctx, key);
  if (redacted === key) remember(ctx, key);
  return redacted;
}

/**
 * Redacts `value` stored under `key`: values under allowed keys are searched for secrets only (a route or
 * a model name is no e-mail address, but may carry a token), sensitive keys replaced by
 * `[REDACTED:sensitive_key]`, everything else walked.
 */
export function redactEntry(
  ctx: RedactionContext,
  key: string,
  value: unknown,
  depth: number,
  walk: Walk | undefined,
): unknown {
  const cls = ctx.keys.classify(key);
  if (cls === KeyClass.Allowed) return redactValue(ctx.secretsOnly, value, depth, walk);
  if (cls === KeyClass.Sensitive && ctx.sensitiveKeys && worthReplacing(value)) {
    return ctx.redacted('sensitive_key', textForHash(value));
  }
  return redactValue(ctx, value, depth, walk);
}

/** Characters {@link scanString} reads of `s`. */
function scannedLength(ctx: RedactionContext, s: string): number {
  return Math.min(s.length, ctx.maxStringLength + SCAN_MARGIN);
}

/**
 * Redacts any value: strings are scanned; large safe integers, bigints and symbol descriptions are
 * scanned as text; objects are walked. Returns the same value when nothing changed, else a copy. `walk`
 * is the call's state (undefined for a value on its own, which allocates nothing unless it is an object):
 * a value met when its work has run out becomes `[REDACTED:limit]`.
 */
export function redactValue(ctx: RedactionContext, value: unknown, depth: number, walk: Walk | undefined): unknown {
  // A value on its own (no walk yet) always has work left; only an object needs a walk to carry on with.
  if (walk !== undefined && !walk.take(typeof value === 'string' ? VALUE_COST + scannedLength(ctx, value) : VALUE_COST)) {
    return ctx.redacted('limit');
  }
  switch (typeof value) {
    case 'string': {
      const redacted = scanString(ctx, value);
      if (redacted !== value) walk?.spend(FOUND_COST);
      return redacted;
    }
    case 'number':
      return Number.isSafeInteger(value) && Math.abs(value) >= SCANNED_INTEGER ? scanPrimitiveText(ctx, value, String(value)) : value;
    case 'bigint':
      return value >= SCANNED_INTEGER || value <= -SCANNED_INTEGER ? scanPrimitiveText(ctx, value, value.toString()) : value;
    case 'symbol':
      return value.description ? scanPrimitiveText(ctx, value, value.description) : value;
    case 'object': {
      if (value === null) return value;
      let state = walk;
      if (state === undefined) {
        state = new Walk();
        state.take(VALUE_COST);
      }
      return redactObject(ctx, value, depth, state);
    }
    default:
      return value;
  }
}

/** Objects that serialize as one string: their text is searched, and replaces them when something is found. */
function textOf(value: object): string | undefined {
  if (value instanceof URL) return value.href;
  if (value instanceof String) return value.valueOf();
  if (value instanceof RegExp) return String(value);
  return undefined;
}

function redactObject(ctx: RedactionContext, value: object, depth: number, walk: Walk): unknown {
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return redactBytes(ctx, value, walk);
  if (value instanceof Date) return value;
  const text = textOf(value);
  if (text !== undefined) {
    walk.spend(scannedLength(ctx, text));
    return scanPrimitiveText(ctx, value, text);
  }
  const { parents } = walk;
  if (parents.includes(value)) return CIRCULAR;
  if (depth >= ctx.maxDepth) return ctx.redacted('depth');
  parents.push(value);
  try {
    if (Array.isArray(value)) return redactArray(ctx, value, depth, walk);
    if (value instanceof Map) return redactMap(ctx, value, depth, walk);
    if (value instanceof Set) return redactSet(ctx, value, depth, walk);
    if (value instanceof Error) return redactError(ctx, value, depth, walk);
    const json = (value as { toJSON?: unknown }).toJSON;
    if (typeof json === 'function') return redactSerializable(ctx, value as Record<string, unknown>, json as (key: string) => unknown, depth, walk);
    return redactRecord(ctx, value as Record<string, unknown>, depth, walk);
  } catch {
    // A proxy trap or an iterator threw: this object cannot be read safely, so none of it leaves.
    walk.spend(THROW_COST);
    return ctx.redacted('error');
  } finally {
    parents.pop();
  }
}

/**
 * Byte arrays are decoded as UTF-8 and searched: returned as they are when clean, as the redacted text
 * when not. Arrays longer than `maxStringLength` bytes are not passed on unsearched: they become
 * `[REDACTED:bytes]`.
 */
function redactBytes(ctx: RedactionContext, value: ArrayBufferView | ArrayBuffer, walk: Walk): unknown {
  if (value.byteLength > ctx.maxStringLength) return ctx.redacted('bytes');
  walk.spend(value.byteLength);
  const bytes = value instanceof ArrayBuffer ? Buffer.from(value) : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  const text = bytes.toString('utf8');
  return scanPrimitiveText(ctx, value, text);
}

/**
 * An object with its own `toJSON` (a class instance, a library's value object): what `JSON.stringify`
 * prints (the console exporter, the audit trail) may hold fields its enumerable properties do not (private
 * ones). Its `toJSON()` result is walked; when that, or the enumerable properties, hold something, the
 * redacted `toJSON()` result replaces the object.
 */
function redactSerializable(
  ctx: RedactionContext,
  value: Record<string, unknown>,
  toJSON: (key: string) => unknown,
  depth: number,
  walk: Walk,
): unknown {
  const serialized: unknown = toJSON.call(value, '');
  const redacted = serialized === value ? value : redactValue(ctx, serialized, depth + 1, walk);
  const own = redactKeys(ctx, value, Object.keys(value), depth, walk);
  if (redacted === serialized && own === undefined) return value;
  return redacted === value ? own : redacted;
}

function redactArray(ctx: RedactionContext, value: readonly unknown[], depth: number, walk: Walk): unknown {
  let out: unknown[] | undefined;
  for (let i = 0; i < value.length; i++) {
    if (walk.exhausted) {
      out ??= value.slice(0, i);
      out.push(ctx.redacted('limit'));
      break;
    }
    const item = value[i];
    const redacted = redactValue(ctx, item, depth + 1, walk);
    if (out === undefined && redacted !== item) out = value.slice(0, i);
    if (out !== undefined) out.push(redacted);
  }
  return out ?? value;
}

function redactMap(ctx: RedactionContext, value: Map<unknown, unknown>, depth: number, walk: Walk): unknown {
  let changed = false;
  const entries: [unknown, unknown][] = [];
  for (const [k, v] of value) {
    if (walk.exhausted) {
      ctx.count('limit');
      changed = true;
      break;
    }
    const key = typeof k === 'string' ? redactKey(ctx, k, walk) : redactValue(ctx, k, depth + 1, walk);
    const redacted = typeof k === 'string' ? redactEntry(ctx, k, v, depth + 1, walk) : redactValue(ctx, v, depth + 1, walk);
    if (redacted !== v || key !== k) changed = true;
    entries.push([key, redacted]);
  }
  return changed ? new Map(entries) : value;
}

function redactSet(ctx: RedactionContext, value: Set<unknown>, depth: number, walk: Walk): unknown {
  let changed = false;
  const items: unknown[] = [];
  for (const v of value) {
    if (walk.exhausted) {
      items.push(ctx.redacted('limit'));
      changed = true;
      break;
    }
    const redacted = redactValue(ctx, v, depth + 1, walk);
    if (redacted !== v) changed = true;
    items.push(redacted);
  }
  return changed ? new Set(items) : value;
}

/** What {@link read} returns when a getter throws. */
const UNREADABLE = Symbol('unreadable');

/** Reads `target[key]`, or {@link UNREADABLE} when a getter (or proxy trap) throws (which costs `walk`). */
function read(target: object, key: string, walk: Walk): unknown {
  try {
    return (target as Record<string, unknown>)[key];
  } catch {
    walk.spend(THROW_COST);
    return UNREADABLE;
  }
}

/** Copies `keys` of `source` into a new object, redacted; undefined when nothing changed. */
function redactKeys(
  ctx: RedactionContext,
  source: object,
  keys: readonly string[],
  depth: number,
  walk: Walk,
): Record<string, unknown> | undefined {
  let out: Record<string, unknown> | undefined;
  const copyBefore = (i: number): Record<string, unknown> => {
    const copy: Record<string, unknown> = {};
    for (let j = 0; j < i; j++) {
      const earlier = read(source, keys[j], walk);
      setOwn(copy, keys[j], earlier === UNREADABLE ? ctx.redacted('error') : earlier);
    }
    return copy;
  };
  for (let i = 0; i < keys.length; i++) {
    if (walk.exhausted) {
      ctx.count('limit');
      out ??= copyBefore(i);
      break;
    }
    const item = read(source, keys[i], walk);
    const redacted = item === UNREADABLE ? ctx.redacted('error') : redactEntry(ctx, keys[i], item, depth + 1, walk);
    const key = redactKey(ctx, keys[i], walk);
    if (out === undefined && (redacted !== item || key !== keys[i])) out = copyBefore(i);
    if (out !== undefined) setOwn(out, key, redacted);
  }
  return out;
}

function redactRecord(ctx: RedactionContext, value: Record<string, unknown>, depth: number, walk: Walk): unknown {
  return redactKeys(ctx, value, Object.keys(value), depth, walk) ?? value;
}

/** The fields of an `Error` that are not enumerable but leave with it. */
const ERROR_FIELDS = ['name', 'message', 'stack', 'cause'];

/**
 * An `Error` with anything found comes back as a new object of the same prototype (so `instanceof` still
 * holds) with its own `name`, `message`, `stack`, `cause` and enumerable properties redacted.
 */
function redactError(ctx: RedactionContext, error: Error, depth: number, walk: Walk): unknown {
  const fieldKeys = ERROR_FIELDS.filter((key) => Object.hasOwn(error, key));
  const fields: [string, unknown][] = [];
  let changed = false;
  for (const key of fieldKeys) {
    const item = read(error, key, walk);
    const redacted = item === UNREADABLE ? ctx.redacted('error') : redactValue(ctx, item, depth + 1, walk);
    if (redacted !== item) changed = true;
    fields.push([key, redacted]);
  }
  const ownKeys = Object.keys(error).filter((key) => !fieldKeys.includes(key));
  const own = redactKeys(ctx, error, ownKeys, depth, walk);
  if (!changed && own === undefined) return error;
  const copy = Object.create(Object.getPrototypeOf(error) as object) as Record<string, unknown>;
  for (const [key, value] of fields) {
    Object.defineProperty(copy, key, { value, writable: true, enumerable: false, configurable: true });
  }
  if (own !== undefined) {
    for (const key of Object.keys(own)) setOwn(copy, key, own[key]);
    return copy;
  }
  for (const key of ownKeys) {
    const value = read(error, key, walk);
    setOwn(copy, key, value === UNREADABLE ? ctx.redacted('error') : value);
  }
  return copy;
}
