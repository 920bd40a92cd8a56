import type { Attributes } from '@opentelemetry/api';
import { types } from 'node:util';
import { exceptionAttributes } from '@sightline/audit';
import { boundedValue, DROP, isPlainObject, isPrimitiveAttribute, kindOf, Walk } from '../safety/bounded-value.js';
import { isError, safeErrorType, safeString } from '../safety/describe-value.js';
import type { AttributeLimits } from '../safety/limits.js';
import type { SafetyCounters } from '../safety/safety-counters.js';
import { ATTR_EXCEPTION_MESSAGE, ATTR_EXCEPTION_TYPE } from '../semconv.js';

/** What a facade call was given where attributes go, once checked in O(1). */
export type AttributesArgument =
  | { readonly kind: 'none' }
  | { readonly kind: 'plain'; readonly value: object }
  /** An Error where attributes go (`log.error('failed', err)`): wrapped as `{ err }`. */
  | { readonly kind: 'error'; readonly value: Error }
  | { readonly kind: 'refused'; readonly type: string };

const NONE: AttributesArgument = { kind: 'none' };

/**
 * Classifies the attributes argument of a facade call in O(1), whatever it is: a 10 MB string or a 1 MB
 * Buffer is refused here, before anything iterates it (the SDK would walk it index by index).
 */
export function classifyAttributes(value: unknown): AttributesArgument {
  if (value === undefined || value === null) return NONE;
  if (typeof value !== 'object') return { kind: 'refused', type: typeof value };
  if (isError(value)) return { kind: 'error', value };
  try {
    if (!Array.isArray(value) && isPlainObject(value)) return { kind: 'plain', value };
  } catch {
    // A revoked Proxy or a throwing getPrototypeOf trap.
  }
  return { kind: 'refused', type: kindOf(value) };
}

/**
 * Whether `attrs` can be handed to the SDK as they are (it copies them): an ordinary object (not a Proxy)
 * of at most `limits.countLimit` string, number or boolean values. One pass, no allocation.
 */
function isSimple(attrs: object, limits: AttributeLimits): boolean {
  if (types.isProxy(attrs)) return false;
  let count = 0;
  try {
    for (const key in attrs) {
      if (++count > limits.countLimit || !isPrimitiveAttribute((attrs as Record<string, unknown>)[key])) return false;
    }
  } catch {
    // A getter that throws: the copy reads each value once, guarded.
    return false;
  }
  return true;
}

/** The `exception.*` attributes of `error`, or a safe minimum when the error itself throws on reading. */
function exceptionOf(error: unknown, walk: Walk): Attributes {
  try {
    return exceptionAttributes(error);
  } catch {
    walk.invalid++;
    return { [ATTR_EXCEPTION_TYPE]: safeErrorType(error), [ATTR_EXCEPTION_MESSAGE]: safeString(error) };
  }
}

/**
 * Merges bound (child) and call attributes into attributes the SDK takes without throwing and the encoders
 * can write, call values winning, in work bounded by the limits: at most `countLimit` attributes (the rest
 * counted, `attribute_count_limit`), values made encodable by {@link boundedValue}, the first `Error` (under
 * any key) turned into the `exception.*` attributes, null and undefined left out. `what` names the call in
 * the first diag line of each kind.
 */
export function toLogAttributes(
  bound: Attributes | undefined,
  argument: AttributesArgument,
  limits: AttributeLimits,
  counters: SafetyCounters,
  what: string,
): Attributes {
  let source: object;
  switch (argument.kind) {
    case 'none':
      return bound ?? {};
    case 'refused':
      counters.sanitized('logs', 'invalid_argument', `${what} attributes (${argument.type})`);
      return bound ?? {};
    case 'error':
      counters.sanitized('logs', 'invalid_argument', `${what} attributes (an Error, recorded as exception.*)`);
      source = { err: argument.value };
      break;
    case 'plain':
      if (bound === undefined && isSimple(argument.value, limits)) return argument.value as Attributes;
      source = argument.value;
      break;
  }
  return copyAttributes(bound, source, limits, counters, what);
}

function copyAttributes(bound: Attributes | undefined, source: object, limits: AttributeLimits, counters: SafetyCounters, what: string): Attributes {
  const out: Attributes = bound === undefined ? {} : { ...bound };
  let count = bound === undefined ? 0 : Object.keys(out).length;
  let overLimit = 0;
  let sawError = false;
  const walk = new Walk();
  try {
    for (const key in source) {
      let value: unknown;
      try {
        value = (source as Record<string, unknown>)[key];
      } catch {
        walk.invalid++;
        continue;
      }
      if (value === undefined || value === null) continue;
      if (isError(value)) {
        if (!sawError) {
          sawError = true;
          Object.assign(out, exceptionOf(value, walk));
          count = Object.keys(out).length;
        }
        continue;
      }
      const isNew = !Object.hasOwn(out, key);
      if (isNew && count >= limits.countLimit) {
        overLimit++;
        continue;
      }
      const copied = boundedValue(value, limits, walk);
      if (copied === DROP) continue;
      if (key === '__proto__') Object.defineProperty(out, key, { value: copied, enumerable: true, writable: true, configurable: true });
      else out[key] = copied as Attributes[string];
      if (isNew) count++;
    }
  } catch {
    // A Proxy whose ownKeys trap throws: what was copied so far is kept.
    walk.invalid++;
  }
  if (walk.invalid > 0) counters.sanitized('logs', 'invalid_value', `${what} attribute values`, walk.invalid);
  if (walk.cut > 0) counters.sanitized('logs', 'nested_limit', `${what} nested attribute values`, walk.cut);
  if (overLimit > 0) counters.sanitized('logs', 'attribute_count_limit', `${what} attributes`, overLimit);
  return out;
}

/** The facade's attributes for a call whose first try failed inside the SDK: copied, so every value is read once. */
export function copiedLogAttributes(
  bound: Attributes | undefined,
  argument: AttributesArgument,
  limits: AttributeLimits,
  counters: SafetyCounters,
  what: string,
): Attributes {
  if (argument.kind !== 'plain') return toLogAttributes(bound, argument, limits, counters, what);
  return copyAttributes(bound, argument.value, limits, counters, what);
}
