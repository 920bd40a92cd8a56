import type { Attributes, Link, SpanContext } from '@opentelemetry/api';
import { TraceState } from '@opentelemetry/core';
import { types } from 'node:util';
import { boundedValue, DROP, isPlainObject, isPrimitiveAttribute, kindOf, Walk } from './bounded-value.js';
import { safeGet, safeString } from './describe-value.js';
import { DEFAULT_ATTRIBUTE_LIMITS, MAX_NAME_LENGTH, type AttributeLimits } from './limits.js';
import { currentSafetyCounters, type SafetyCounters, type SanitizeReason } from './safety-counters.js';
import { exceptionEventAttributes } from './exception-event.js';
import { classifyTime } from './time-input.js';

/** Marks a prototype whose methods are guarded (shared by the ESM and CommonJS builds of Sightline). */
const GUARDED = Symbol.for('sightline.spanGuard.v1');

type Method = (this: GuardedSpan, ...args: unknown[]) => unknown;

/** The fields of `@opentelemetry/sdk-trace`'s span the guard reads (its limits and counts); all optional. */
interface GuardedSpan {
  readonly attributes?: Record<string, unknown>;
  readonly _spanLimits?: {
    attributeCountLimit?: number;
    attributeValueLengthLimit?: number;
    linkCountLimit?: number;
    attributePerEventCountLimit?: number;
    attributePerLinkCountLimit?: number;
  };
  _attributesCount?: number;
  _droppedLinksCount?: number;
  addEvent(name: unknown, attributesOrTime?: unknown, time?: unknown): unknown;
}

function count(reason: SanitizeReason, what: string, n = 1, counters = currentSafetyCounters()): void {
  counters.sanitized('spans', reason, what, n);
}

function report(walk: Walk, what: string, counters?: SafetyCounters): void {
  if (walk.invalid > 0) count('invalid_value', `${what} values`, walk.invalid, counters);
  if (walk.cut > 0) count('nested_limit', `${what} nested values`, walk.cut, counters);
}

/** The span's limits, read from the SDK span (its `_spanLimits`), else the OpenTelemetry defaults. */
function limitsOf(span: GuardedSpan, perItem?: 'attributePerEventCountLimit' | 'attributePerLinkCountLimit'): AttributeLimits {
  const limits = span._spanLimits;
  if (limits === undefined) return DEFAULT_ATTRIBUTE_LIMITS;
  return {
    countLimit: (perItem === undefined ? limits.attributeCountLimit : limits[perItem]) ?? DEFAULT_ATTRIBUTE_LIMITS.countLimit,
    valueLengthLimit: limits.attributeValueLengthLimit ?? DEFAULT_ATTRIBUTE_LIMITS.valueLengthLimit,
  };
}

/** A span or event name: a string, cut at {@link MAX_NAME_LENGTH}; anything else made one. Counted when changed. */
export function spanName(name: unknown, what: string, counters?: SafetyCounters): string {
  if (typeof name === 'string' && name.length <= MAX_NAME_LENGTH) return name;
  count('coerced', typeof name === 'string' ? `${what} longer than ${MAX_NAME_LENGTH} characters` : `${what} (${kindOf(name)})`, 1, counters);
  return typeof name === 'string' ? name.slice(0, MAX_NAME_LENGTH) : safeString(name, MAX_NAME_LENGTH);
}

/** A time argument the SDK turns into a finite timestamp, else `undefined` (now), counted. */
function timeArg(time: unknown, what: string): unknown {
  const kind = classifyTime(time);
  if (kind === 'none' || kind === 'valid') return time;
  count('coerced', `${what} time (${kind === 'invalid' ? 'not finite' : kindOf(time)})`);
  return undefined;
}

/**
 * `attributes` bounded for the SDK (which copies them): the object itself when it is an ordinary object of at
 * most `limits.countLimit` primitive values, else a bounded copy; `undefined` when it is not a plain object.
 */
function boundedAttributes(attributes: object, limits: AttributeLimits, walk: Walk): Attributes {
  if (!types.isProxy(attributes)) {
    let n = 0;
    let simple = true;
    try {
      for (const key in attributes) {
        if (++n > limits.countLimit || !isPrimitiveAttribute((attributes as Record<string, unknown>)[key])) {
          simple = false;
          break;
        }
      }
    } catch {
      simple = false; // a getter that throws: the copy below reads each value once, guarded
    }
    if (simple) return attributes as Attributes;
  }
  const out: Attributes = {};
  let n = 0;
  try {
    for (const key in attributes) {
      if (!Object.hasOwn(attributes, key)) continue;
      if (n >= limits.countLimit) break; // the SDK would drop the rest
      let value: unknown;
      try {
        value = (attributes as Record<string, unknown>)[key];
      } catch {
        walk.invalid++;
        continue;
      }
      const copied = boundedValue(value, limits, walk);
      if (copied === DROP || copied === undefined) continue;
      if (key === '__proto__') Object.defineProperty(out, key, { value: copied, enumerable: true, writable: true, configurable: true });
      else out[key] = copied as Attributes[string];
      n++;
    }
  } catch {
    walk.invalid++; // a Proxy whose ownKeys trap throws: what was copied is kept
  }
  return out;
}

/** Whether `value` is a plain object (not an array, not a class instance); never throws. */
function isPlainArgument(value: unknown): value is object {
  if (value === null || typeof value !== 'object') return false;
  try {
    return !Array.isArray(value) && isPlainObject(value);
  } catch {
    return false;
  }
}

/** The span context of a link, copied field by field, or `undefined` when it has no string ids. */
function linkContext(context: unknown): SpanContext | undefined {
  if (context === null || typeof context !== 'object') return undefined;
  const traceId = safeGet(context, 'traceId');
  const spanId = safeGet(context, 'spanId');
  if (typeof traceId !== 'string' || typeof spanId !== 'string') return undefined;
  const traceFlags = safeGet(context, 'traceFlags');
  const isRemote = safeGet(context, 'isRemote');
  let traceState: TraceState | undefined;
  const state = safeGet(context, 'traceState');
  if (state !== undefined && state !== null) {
    try {
      const serialized = (state as { serialize(): unknown }).serialize();
      if (typeof serialized === 'string') traceState = new TraceState(serialized);
    } catch {
      traceState = undefined;
    }
  }
  return {
    traceId,
    spanId,
    traceFlags: typeof traceFlags === 'number' && Number.isInteger(traceFlags) ? traceFlags & 0xff : 0,
    isRemote: isRemote === true ? true : undefined,
    traceState,
  };
}

/**
 * A link the OTLP encoders can write: its context copied (string ids, an integer flag byte, a trace state
 * that serializes), its attributes bounded; `undefined` (counted) when it has no usable context.
 */
export function sanitizeLink(link: unknown, limits: AttributeLimits, what: string, counters?: SafetyCounters): Link | undefined {
  const context = link !== null && typeof link === 'object' ? linkContext(safeGet(link, 'context')) : undefined;
  if (context === undefined) {
    count('invalid_value', `${what} without a span context`, 1, counters);
    return undefined;
  }
  const attributes = safeGet(link as object, 'attributes');
  if (attributes === undefined) return { context };
  if (!isPlainArgument(attributes)) {
    count('invalid_argument', `${what} attributes (${kindOf(attributes)})`, 1, counters);
    return { context };
  }
  const walk = new Walk();
  const bounded = boundedAttributes(attributes, limits, walk);
  report(walk, `${what} attributes`, counters);
  return { context, attributes: bounded === attributes ? { ...bounded } : bounded };
}

/** Called when a guarded method's own body threw: the call is given up, counted. */
function failed(what: string): void {
  try {
    count('api_error', what);
  } catch {
    // Counting never throws; nothing reaches the caller either way.
  }
}

/**
 * Sets one attribute: a primitive (the common case) goes straight to the SDK; an object is copied within the
 * bounds, walking nothing past the count limit. Returns the walk it needed, if any (for the caller's report).
 */
function setOne(span: GuardedSpan, setAttribute: Method, key: unknown, value: unknown, walk: Walk | undefined, what: string): Walk | undefined {
  if (typeof key !== 'string') {
    count('invalid_argument', `${what} key (${kindOf(key)})`);
    return walk;
  }
  const type = typeof value;
  if (type === 'string' || type === 'number' || type === 'boolean' || type === 'undefined') {
    setAttribute.call(span, key, value);
    return walk;
  }
  const limits = limitsOf(span);
  const attributes = span.attributes;
  if ((span._attributesCount ?? 0) >= limits.countLimit && attributes !== undefined && !Object.hasOwn(attributes, key)) {
    // Past the count limit nothing is walked: the SDK drops (and counts) the attribute whatever its value.
    setAttribute.call(span, key, null);
    return walk;
  }
  const used = walk ?? new Walk();
  const copied = boundedValue(value, limits, used);
  if (copied !== DROP) setAttribute.call(span, key, copied);
  return used;
}

/**
 * Guards the methods of a span class (the prototype of the spans `@opentelemetry/sdk-trace` gives out) once:
 * whatever the arguments — wrong types, hostile objects, huge strings or buffers — a call never throws, returns
 * the span, does work bounded by the span's limits, and leaves the span encodable; what is refused, coerced or
 * cut is counted (`spans` sanitized counts). Arguments of the right type reach the SDK method unchanged, but for
 * `recordException`, whose attributes are read here (guarded, never through `toString`) and recorded with the
 * span's `addEvent`, as the SDK does.
 * Identity is kept: the spans are the SDK's own objects, patched on their shared prototype, not wrappers.
 */
export function guardSpanPrototype(proto: object | null): void {
  if (proto === null || proto === Object.prototype || Object.hasOwn(proto, GUARDED)) return;
  const methods = proto as Record<string, unknown>;
  const names = ['setAttribute', 'setAttributes', 'addEvent', 'addLink', 'addLinks', 'setStatus', 'updateName', 'end', 'recordException'];
  if (!names.every((name) => typeof methods[name] === 'function')) return;
  const original = Object.fromEntries(names.map((name) => [name, methods[name] as Method])) as Record<string, Method>;
  const { setAttribute, addEvent, addLink, setStatus, updateName, end } = original as Record<string, Method>;
  Object.defineProperty(proto, GUARDED, { value: true });

  const patch: Record<string, Method> = {
    setAttribute(this: GuardedSpan, key: unknown, value: unknown): unknown {
      try {
        const walk = setOne(this, setAttribute, key, value, undefined, 'span.setAttribute');
        if (walk !== undefined) report(walk, 'span.setAttribute');
      } catch {
        failed('span.setAttribute');
      }
      return this;
    },
    setAttributes(this: GuardedSpan, attributes: unknown): unknown {
      try {
        if (!isPlainArgument(attributes)) {
          if (attributes !== undefined) count('invalid_argument', `span.setAttributes attributes (${kindOf(attributes)})`);
          return this;
        }
        let walk: Walk | undefined;
        try {
          for (const key in attributes) {
            if (!Object.hasOwn(attributes, key)) continue;
            let value: unknown;
            try {
              value = (attributes as Record<string, unknown>)[key];
            } catch {
              walk ??= new Walk();
              walk.invalid++;
              continue;
            }
            walk = setOne(this, setAttribute, key, value, walk, 'span.setAttributes');
          }
        } finally {
          if (walk !== undefined) report(walk, 'span.setAttributes');
        }
      } catch {
        failed('span.setAttributes');
      }
      return this;
    },
    addEvent(this: GuardedSpan, name: unknown, attributesOrTime?: unknown, time?: unknown): unknown {
      try {
        const eventName = spanName(name, 'span.addEvent name');
        let attributes: unknown;
        let timestamp = time === undefined ? undefined : timeArg(time, 'span.addEvent');
        if (attributesOrTime !== undefined) {
          const kind = classifyTime(attributesOrTime);
          if (kind === 'valid') timestamp ??= attributesOrTime;
          else if (kind === 'invalid') count('coerced', 'span.addEvent time (not finite)');
          else if (isPlainArgument(attributesOrTime)) {
            const walk = new Walk();
            attributes = boundedAttributes(attributesOrTime, limitsOf(this, 'attributePerEventCountLimit'), walk);
            report(walk, 'span.addEvent attributes');
          } else {
            count('invalid_argument', `span.addEvent attributes (${kindOf(attributesOrTime)})`);
          }
        }
        addEvent.call(this, eventName, attributes, timestamp);
      } catch {
        failed('span.addEvent');
      }
      return this;
    },
    addLink(this: GuardedSpan, link: unknown): unknown {
      try {
        const safe = sanitizeLink(link, limitsOf(this, 'attributePerLinkCountLimit'), 'span.addLink link');
        if (safe !== undefined) addLink.call(this, safe);
      } catch {
        failed('span.addLink');
      }
      return this;
    },
    addLinks(this: GuardedSpan, links: unknown): unknown {
      try {
        if (types.isProxy(links) || !Array.isArray(links)) {
          count('invalid_argument', `span.addLinks links (${kindOf(links)})`);
          return this;
        }
        // The SDK keeps the last `linkCountLimit` links: only those are looked at, the others are counted dropped.
        const limit = this._spanLimits?.linkCountLimit ?? Number.POSITIVE_INFINITY;
        const first = links.length > limit ? links.length - limit : 0;
        if (first > 0 && typeof this._droppedLinksCount === 'number') this._droppedLinksCount += first;
        const limits = limitsOf(this, 'attributePerLinkCountLimit');
        for (let i = first; i < links.length; i++) {
          const safe = sanitizeLink(links[i], limits, 'span.addLinks link');
          if (safe !== undefined) addLink.call(this, safe);
        }
      } catch {
        failed('span.addLinks');
      }
      return this;
    },
    setStatus(this: GuardedSpan, status: unknown): unknown {
      try {
        const isObject = status !== null && typeof status === 'object';
        const code = isObject ? safeGet(status, 'code') : undefined;
        if (code !== 0 && code !== 1 && code !== 2) {
          count('invalid_argument', `span.setStatus status (${isObject ? 'bad code' : kindOf(status)})`);
          return this;
        }
        let message = safeGet(status as object, 'message');
        if (message !== undefined && typeof message !== 'string') {
          count('coerced', `span.setStatus message (${kindOf(message)})`);
          message = safeString(message);
        }
        setStatus.call(this, { code, message });
      } catch {
        failed('span.setStatus');
      }
      return this;
    },
    updateName(this: GuardedSpan, name: unknown): unknown {
      try {
        updateName.call(this, spanName(name, 'span.updateName name'));
      } catch {
        failed('span.updateName');
      }
      return this;
    },
    end(this: GuardedSpan, endTime?: unknown): void {
      try {
        end.call(this, endTime === undefined ? undefined : timeArg(endTime, 'span.end'));
      } catch {
        failed('span.end');
      }
    },
    recordException(this: GuardedSpan, exception: unknown, time?: unknown): void {
      try {
        const attributes = exceptionEventAttributes(exception);
        if (attributes === undefined) {
          // The SDK would only warn, after making a string of the value (O(length) for a huge sparse array).
          count('invalid_argument', `span.recordException exception (${kindOf(exception)}, without type or message)`);
          return;
        }
        this.addEvent('exception', attributes, time === undefined ? undefined : timeArg(time, 'span.recordException'));
      } catch {
        failed('span.recordException');
      }
    },
  };
  for (const name of names) {
    Object.defineProperty(proto, name, { value: patch[name], writable: true, configurable: true, enumerable: false });
  }
}
