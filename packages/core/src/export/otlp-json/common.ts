import type { HrTime } from '@opentelemetry/api';
import type { InstrumentationScope } from '@opentelemetry/core';
import type { Resource } from '@opentelemetry/resources';

/**
 * The OTLP/JSON mapping (opentelemetry-proto's "JSON Protobuf Encoding"), as the pieces every signal
 * shares: proto3 JSON with lowerCamelCase keys, 64-bit integers as decimal strings, enums as numbers,
 * trace and span ids as hex (not base64), `bytes` as base64, non-finite doubles as "NaN" / "Infinity".
 */

/** `AnyValue`; `{}` is the empty value. */
export type JsonAnyValue =
  | { stringValue: string }
  | { boolValue: boolean }
  | { intValue: string }
  | { doubleValue: number | string }
  | { bytesValue: string }
  | { arrayValue: { values: JsonAnyValue[] } }
  | { kvlistValue: { values: JsonKeyValue[] } }
  | Record<string, never>;

export interface JsonKeyValue {
  key: string;
  value: JsonAnyValue;
}

export interface JsonResource {
  attributes: JsonKeyValue[];
  droppedAttributesCount: number;
}

export interface JsonScope {
  name: string;
  version?: string;
  attributes?: JsonKeyValue[];
  droppedAttributesCount?: number;
}

/** Deepest nesting of arrays and maps encoded; deeper values (a cycle) become the empty value. */
const MAX_DEPTH = 64;
const INT64_LIMIT = 2 ** 63;

/** A proto3 JSON `double`: a number, or "NaN", "Infinity", "-Infinity" (JSON has no literal for them). */
export function double(value: number): number | string {
  return Number.isFinite(value) ? value : String(value);
}

/** A proto3 JSON 64-bit integer: a decimal string. `value` is an integer within the int64 range. */
export function int64(value: number): string {
  return Number.isSafeInteger(value) ? String(value) : BigInt(value).toString();
}

/** `value` as a proto3 JSON unsigned 64-bit count (decimal string); what is not a count becomes "0". */
export function uint64(value: number | undefined): string {
  return value !== undefined && value >= 0 && Number.isInteger(value) && value < 2 ** 64 ? int64(value) : '0';
}

/** An integer JavaScript number that int64 holds exactly: encoded as `intValue`, anything else as `doubleValue`. */
function isInt64(value: number): boolean {
  return Number.isInteger(value) && value >= -INT64_LIMIT && value < INT64_LIMIT;
}

/** Nanoseconds since the epoch of an `HrTime`, as a decimal string. */
export function hrTimeNanos(time: HrTime): string {
  const seconds = Math.trunc(time[0]);
  const nanos = Math.trunc(time[1]);
  if (seconds > 0 && nanos >= 0 && nanos < 1e9 && Number.isSafeInteger(seconds)) {
    const tail = String(nanos);
    return `${seconds}${'000000000'.slice(tail.length)}${tail}`;
  }
  if (seconds === 0 && nanos >= 0) return String(nanos);
  return (BigInt(seconds) * 1_000_000_000n + BigInt(nanos)).toString();
}

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** An attribute value or log body as `AnyValue`. */
export function anyValue(value: unknown, depth = 0): JsonAnyValue {
  switch (typeof value) {
    case 'string':
      return { stringValue: value };
    case 'number':
      return isInt64(value) ? { intValue: int64(value) } : { doubleValue: double(value) };
    case 'boolean':
      return { boolValue: value };
    case 'bigint':
      return value >= -(2n ** 63n) && value < 2n ** 63n ? { intValue: value.toString() } : { stringValue: value.toString() };
    case 'object': {
      if (value === null || depth >= MAX_DEPTH) return {};
      if (value instanceof Uint8Array) return { bytesValue: base64(value) };
      if (Array.isArray(value)) {
        const values = new Array<JsonAnyValue>(value.length);
        for (let i = 0; i < value.length; i++) values[i] = anyValue(value[i], depth + 1);
        return { arrayValue: { values } };
      }
      const values: JsonKeyValue[] = [];
      for (const key of Object.keys(value)) values.push({ key, value: anyValue((value as Record<string, unknown>)[key], depth + 1) });
      return { kvlistValue: { values } };
    }
    default:
      return {};
  }
}

/** An attribute map as `KeyValue`s, in key order. */
export function attributes(map: Readonly<Record<string, unknown>> | undefined): JsonKeyValue[] {
  const out: JsonKeyValue[] = [];
  if (map === undefined) return out;
  for (const key of Object.keys(map)) out.push({ key, value: anyValue(map[key]) });
  return out;
}

/**
 * The attributes of a resource. While detectors are still computing some (only when records are written at
 * exit: the export stages wait for them otherwise), the settled ones, without the SDK's error line.
 */
function resourceAttributes(resource: Resource): Readonly<Record<string, unknown>> {
  if (!resource.asyncAttributesPending) return resource.attributes;
  const settled: Record<string, unknown> = {};
  for (const [key, value] of resource.getRawAttributes()) {
    const pending = typeof (value as { then?: unknown } | undefined)?.then === 'function';
    if (!pending && value !== undefined && key !== '' && !Object.hasOwn(settled, key)) settled[key] = value;
  }
  return settled;
}

export function resource(resource: Resource): JsonResource & { schemaUrl?: string } {
  const out: JsonResource & { schemaUrl?: string } = { attributes: attributes(resourceAttributes(resource)), droppedAttributesCount: 0 };
  if (resource.schemaUrl) out.schemaUrl = resource.schemaUrl;
  return out;
}

export function scope(scope: InstrumentationScope & { attributes?: Record<string, unknown>; droppedAttributesCount?: number }): JsonScope {
  const out: JsonScope = { name: scope.name };
  if (scope.version !== undefined) out.version = scope.version;
  if (scope.attributes !== undefined && Object.keys(scope.attributes).length > 0) {
    out.attributes = attributes(scope.attributes);
    out.droppedAttributesCount = scope.droppedAttributesCount ?? 0;
  }
  return out;
}

/** The grouping key of a scope within a resource. */
export function scopeKey(scope: InstrumentationScope): string {
  return `${scope.name}@${scope.version ?? ''}:${scope.schemaUrl ?? ''}`;
}

/**
 * Groups items by resource (by identity, as the SDK shares one resource object) and then by scope,
 * in first-seen order.
 */
export function groupByResourceAndScope<T>(
  items: readonly T[],
  resourceOf: (item: T) => Resource,
  scopeOf: (item: T) => InstrumentationScope,
): Map<Resource, Map<string, T[]>> {
  const byResource = new Map<Resource, Map<string, T[]>>();
  for (const item of items) {
    const res = resourceOf(item);
    let byScope = byResource.get(res);
    if (byScope === undefined) byResource.set(res, (byScope = new Map()));
    const key = scopeKey(scopeOf(item));
    let list = byScope.get(key);
    if (list === undefined) byScope.set(key, (list = []));
    list.push(item);
  }
  return byResource;
}
