/**
 * The OTLP messages every signal shares (`AnyValue`, `KeyValue`, `Resource`, `InstrumentationScope`), as
 * size and write functions of the two passes (see proto-encoder.ts). Each pair walks a value in the same
 * order as `@opentelemetry/otlp-transformer`'s common serializer, with the same rules: attributes and maps
 * by `for…in` over own properties, integers in [-2^63, 2^63) as `int_value`, other numbers as
 * `double_value`, `Uint8Array` as `bytes_value`, anything else (undefined, null, bigint, functions) as the
 * empty value.
 */
import { hexBytesLength, lenTag, UnencodableError, varintSize, type ProtoEncoder } from './proto-encoder.js';

/** Deepest nesting of arrays and maps encoded here; deeper values (or a cycle) go to the upstream serializer. */
const MAX_DEPTH = 64;
const MIN_INT64 = -(2 ** 63);
const MAX_INT64 = 2 ** 63;
const hasOwn = Object.prototype.hasOwnProperty;

const isInt64 = (value: number): boolean => Number.isInteger(value) && value >= MIN_INT64 && value < MAX_INT64;

// AnyValue fields
const STRING_VALUE = lenTag(1);
const BOOL_VALUE = (2 << 3) | 0;
const INT_VALUE = (3 << 3) | 0;
const DOUBLE_VALUE = (4 << 3) | 1;
const ARRAY_VALUE = lenTag(5);
const KVLIST_VALUE = lenTag(6);
const BYTES_VALUE = lenTag(7);
// KeyValue fields; ArrayValue.values and KeyValueList.values are field 1 too.
const KEY = lenTag(1);
const VALUE = lenTag(2);
const VALUES = lenTag(1);

/** Size of the content of an `AnyValue` message holding `value`. */
export function sizeAnyValue(e: ProtoEncoder, value: unknown, depth: number): number {
  switch (typeof value) {
    case 'string':
      return e.sizeString(value);
    case 'boolean':
      return 2;
    case 'number':
      return isInt64(value) ? 1 + varintOf(value) : 9;
    case 'object': {
      if (value === null) return 0;
      if (value instanceof Uint8Array) return 1 + byteFieldSize(value.length);
      if (depth >= MAX_DEPTH) throw new UnencodableError(`values nested deeper than ${MAX_DEPTH}`);
      const at = e.reserve();
      let size = 0;
      if (Array.isArray(value)) {
        for (const item of value as unknown[]) {
          const itemAt = e.reserve();
          size += e.setLength(itemAt, sizeAnyValue(e, item, depth + 1));
        }
      } else {
        size = sizeKeyValues(e, value as Record<string, unknown>, depth + 1);
      }
      return e.setLength(at, size);
    }
    default:
      return 0;
  }
}

/** Writes the content of an `AnyValue` message holding `value` (as sized by {@link sizeAnyValue}). */
export function writeAnyValue(e: ProtoEncoder, value: unknown): void {
  switch (typeof value) {
    case 'string':
      e.byte(STRING_VALUE);
      e.string(value);
      return;
    case 'boolean':
      e.byte(BOOL_VALUE);
      e.byte(value ? 1 : 0);
      return;
    case 'number':
      if (isInt64(value)) {
        e.byte(INT_VALUE);
        e.varint(value);
      } else {
        e.byte(DOUBLE_VALUE);
        e.double(value);
      }
      return;
    case 'object': {
      if (value === null) return;
      if (value instanceof Uint8Array) {
        e.byte(BYTES_VALUE);
        e.bytes(value);
        return;
      }
      if (Array.isArray(value)) {
        e.byte(ARRAY_VALUE);
        const end = e.begin();
        for (const item of value as unknown[]) {
          e.byte(VALUES);
          const itemEnd = e.begin();
          writeAnyValue(e, item);
          e.end(itemEnd);
        }
        e.end(end);
        return;
      }
      e.byte(KVLIST_VALUE);
      const end = e.begin();
      writeKeyValues(e, value as Record<string, unknown>, VALUES);
      e.end(end);
      return;
    }
    default:
      return;
  }
}

/** Size of the `KeyValue` fields (field 1 of a `KeyValueList`) of a map's own enumerable properties. */
function sizeKeyValues(e: ProtoEncoder, map: Readonly<Record<string, unknown>>, depth: number): number {
  let size = 0;
  for (const key in map) {
    if (!hasOwn.call(map, key)) continue;
    const at = e.reserve();
    let kv = e.sizeString(key);
    const valueAt = e.reserve();
    kv += e.setLength(valueAt, sizeAnyValue(e, map[key], depth));
    size += e.setLength(at, kv);
  }
  return size;
}

/** Writes a map's own enumerable properties as `KeyValue` fields tagged `tag`. */
function writeKeyValues(e: ProtoEncoder, map: Readonly<Record<string, unknown>>, tag: number): void {
  for (const key in map) {
    if (!hasOwn.call(map, key)) continue;
    e.byte(tag);
    const end = e.begin();
    e.byte(KEY);
    e.string(key);
    e.byte(VALUE);
    const valueEnd = e.begin();
    writeAnyValue(e, map[key]);
    e.end(valueEnd);
    e.end(end);
  }
}

/** Size of an attribute map as repeated `KeyValue` fields (tags included). */
export function sizeAttributes(e: ProtoEncoder, attributes: Readonly<Record<string, unknown>>): number {
  return sizeKeyValues(e, attributes, 0);
}

/** Writes an attribute map as repeated `KeyValue` fields numbered `field`. */
export function writeAttributes(e: ProtoEncoder, attributes: Readonly<Record<string, unknown>>, field: number): void {
  writeKeyValues(e, attributes, lenTag(field));
}

/** Size of a field that upstream writes with `writeVarint` (tag not included); a value that is not a number is upstream's business. */
export function varintOf(value: unknown): number {
  if (typeof value !== 'number') throw new UnencodableError(`a ${typeof value} where a varint is encoded`);
  return varintSize(value);
}

/** Size of a trace or span id field written from hex (tag included). */
export function sizeHexId(id: unknown): number {
  if (typeof id !== 'string') throw new UnencodableError(`a ${typeof id} where a trace or span id is encoded`);
  return 1 + byteFieldSize(hexBytesLength(id));
}

function byteFieldSize(length: number): number {
  return varintSize(length) + length;
}

/** What the two passes need of a `Resource`: its attributes and schema URL, read once. */
export interface ResourceParts {
  attributes: Readonly<Record<string, unknown>> | undefined;
  schemaUrl: string | undefined;
}

/** Size of a `Resource` message's content: its attributes, then `dropped_attributes_count` 0 (as upstream writes it). */
export function sizeResource(e: ProtoEncoder, resource: ResourceParts): number {
  return (resource.attributes ? sizeAttributes(e, resource.attributes) : 0) + 2;
}

export function writeResource(e: ProtoEncoder, resource: ResourceParts): void {
  if (resource.attributes) writeAttributes(e, resource.attributes, 1);
  e.byte((2 << 3) | 0);
  e.byte(0);
}

/** The parts of an instrumentation scope upstream encodes. */
export interface ScopeParts {
  name: string;
  version?: string;
  schemaUrl?: string;
  attributes?: Readonly<Record<string, unknown>>;
  droppedAttributesCount?: number;
}

/** Size of an `InstrumentationScope` message's content. */
export function sizeScope(e: ProtoEncoder, scope: ScopeParts): number {
  let size = e.sizeString(scope.name);
  if (scope.version) size += e.sizeString(scope.version);
  if (scope.attributes) size += sizeAttributes(e, scope.attributes);
  if (scope.droppedAttributesCount) size += 1 + varintOf(scope.droppedAttributesCount);
  return size;
}

export function writeScope(e: ProtoEncoder, scope: ScopeParts): void {
  e.byte(lenTag(1));
  e.string(scope.name);
  if (scope.version) {
    e.byte(lenTag(2));
    e.string(scope.version);
  }
  if (scope.attributes) writeAttributes(e, scope.attributes, 3);
  if (scope.droppedAttributesCount) {
    e.byte((4 << 3) | 0);
    e.varint(scope.droppedAttributesCount);
  }
}
