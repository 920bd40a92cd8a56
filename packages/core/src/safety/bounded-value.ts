import { types } from 'node:util';
import type { AttributeLimits } from './limits.js';
import { MAX_NESTED_VALUES, MAX_NESTING_DEPTH } from './limits.js';

/** What {@link boundedValue} returns for a value that cannot be encoded: leave it out. */
export const DROP: unique symbol = Symbol('sightline.drop');

/**
 * The accounting of one API call: how many nested values it may still visit, and what was left out.
 * One per call, shared by all the call's attributes, so the whole call is bounded.
 */
export class Walk {
  /** Nested values (array elements, map entries) that may still be visited. */
  budget = MAX_NESTED_VALUES;
  /** Values that cannot be encoded, left out. */
  invalid = 0;
  /** Nested parts cut at the budget or the depth bound. */
  cut = 0;
  /** The containers being copied, outermost first: a value among them is a cycle. */
  private readonly _path: object[] = [];

  enter(container: object): boolean {
    if (this._path.includes(container)) return false;
    this._path.push(container);
    return true;
  }

  leave(): void {
    this._path.pop();
  }
}

/** `%TypedArray%.prototype[Symbol.toStringTag]`: a brand check (no Proxy trap, no user getter), `undefined` for anything but a typed array. */
const typedArrayTag = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype) as object, Symbol.toStringTag)?.get as (
  this: unknown,
) => string | undefined;
const typedArrayLength = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype) as object, 'length')?.get as (this: unknown) => number;
const typedArrayOffset = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype) as object, 'byteOffset')?.get as (
  this: unknown,
) => number;
const typedArrayBuffer = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype) as object, 'buffer')?.get as (
  this: unknown,
) => ArrayBufferLike;

/** The brand of a real typed array (`Uint8Array` for a Buffer too), else `undefined`; never throws. */
export function typedArrayKind(value: object): string | undefined {
  return typedArrayTag.call(value);
}

/** A real Uint8Array (or Buffer) as the SDK and the encoders accept it, cut at the length limit; O(1). */
function bytes(value: object, limits: AttributeLimits): Uint8Array {
  const length = typedArrayLength.call(value);
  if (value instanceof Uint8Array && length <= limits.valueLengthLimit) return value;
  // A view, not a copy: same memory, the intrinsic prototype, at most `valueLengthLimit` bytes.
  return new Uint8Array(typedArrayBuffer.call(value), typedArrayOffset.call(value), Math.min(length, limits.valueLengthLimit));
}

/** Whether `value` (an object, not a typed array) is a plain map: its prototype is `Object.prototype` or `null`. */
export function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function setKey(out: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}

function copyArray(value: readonly unknown[], limits: AttributeLimits, walk: Walk, depth: number): unknown[] {
  const length = value.length;
  const n = Math.min(length, Math.max(walk.budget, 0));
  if (n < length) walk.cut++;
  walk.budget -= n;
  const out: unknown[] = [];
  for (let i = 0; i < n; i++) {
    const copied = boundedValue(value[i], limits, walk, depth + 1);
    // A dropped element becomes an empty value, so the others keep their positions.
    out.push(copied === DROP ? null : copied);
  }
  return out;
}

function copyMap(value: object, limits: AttributeLimits, walk: Walk, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (walk.budget <= 0) {
      walk.cut++;
      break;
    }
    walk.budget--;
    let entry: unknown;
    try {
      entry = (value as Record<string, unknown>)[key];
    } catch {
      walk.invalid++;
      continue;
    }
    const copied = boundedValue(entry, limits, walk, depth + 1);
    if (copied !== DROP && copied !== undefined) setKey(out, key, copied);
  }
  return out;
}

/**
 * `value` as an OpenTelemetry `AnyValue` the SDK accepts and the OTLP encoders can write, in bounded work:
 * strings and byte arrays cut at the value length limit; arrays and plain maps copied (so Proxies and
 * getters are read once, here) at most {@link MAX_NESTING_DEPTH} deep and within the call's budget of
 * nested values; anything else (bigint, symbol, function, class instances, other typed arrays, fake typed
 * arrays, cycles, throwing getters or traps) left out — the whole value ({@link DROP}) at the top, the one
 * part (an empty value in an array, a missing key in a map) inside. Never throws; counts in `walk`.
 */
export function boundedValue(value: unknown, limits: AttributeLimits, walk: Walk, depth = 0): unknown {
  switch (typeof value) {
    case 'string':
      return value.length > limits.valueLengthLimit ? value.slice(0, limits.valueLengthLimit) : value;
    case 'number':
    case 'boolean':
    case 'undefined':
      return value;
    case 'object':
      break;
    default:
      walk.invalid++;
      return DROP;
  }
  if (value === null) return null;
  try {
    if (!types.isProxy(value)) {
      const kind = typedArrayTag.call(value);
      if (kind !== undefined) {
        if (kind === 'Uint8Array') return bytes(value, limits);
        walk.invalid++;
        return DROP;
      }
    }
    if (depth >= MAX_NESTING_DEPTH) {
      walk.cut++;
      return DROP;
    }
    const isArray = Array.isArray(value);
    if (!isArray && !isPlainObject(value)) {
      walk.invalid++;
      return DROP;
    }
    if (!walk.enter(value)) {
      walk.invalid++;
      return DROP;
    }
    try {
      return isArray ? copyArray(value as unknown[], limits, walk, depth) : copyMap(value, limits, walk, depth);
    } finally {
      walk.leave();
    }
  } catch {
    // A revoked Proxy, a throwing trap or getter.
    walk.invalid++;
    return DROP;
  }
}

/** Whether `value` can be handed to the SDK as it is, with no walk: a string, number or boolean. */
export function isPrimitiveAttribute(value: unknown): value is string | number | boolean {
  const type = typeof value;
  return type === 'string' || type === 'number' || type === 'boolean';
}

/** A bounded, closed set of names for the type of an unexpected argument, for diag lines. */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  try {
    if (types.isProxy(value)) return 'Proxy';
    const kind = typedArrayTag.call(value);
    if (kind !== undefined) return kind === 'Uint8Array' && Buffer.isBuffer(value) ? 'Buffer' : 'typed array';
    if (Array.isArray(value)) return 'array';
    return isPlainObject(value) ? 'object' : 'class instance';
  } catch {
    return 'object';
  }
}
