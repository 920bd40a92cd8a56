/**
 * Readers for OTLP field values in both shapes the viewer sees: OTLP/JSON as parsed (hex ids, int64 as
 * string or number, enums as numbers or names) and protobufjs `toObject` output (ids as `Uint8Array`,
 * int64 as decimal strings, enums as numbers).
 */

/** A decoded OTLP message: a plain object with lowerCamelCase keys. */
export type Wire = Record<string, unknown>;

/** An attribute value as the page shows it (bytes become base64 text). */
export type AttributeValue = string | number | boolean | null | AttributeValue[] | { [key: string]: AttributeValue };

/** Attributes as a plain record. */
export type Attributes = Record<string, AttributeValue>;

export function isWire(value: unknown): value is Wire {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

export function wire(value: unknown): Wire {
  return isWire(value) ? value : {};
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** int64/double as a JS number (precision past 2^53 is lost); 0 when unset or unreadable. */
export function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const n = Number(value);
    return Number.isNaN(n) && value !== 'NaN' ? 0 : n;
  }
  if (typeof value === 'bigint') return Number(value);
  return 0;
}

/** A fixed64 nanosecond timestamp as milliseconds since the epoch (a double: microsecond precision kept). */
export function nanosToMillis(value: unknown): number {
  if (typeof value === 'string' && value.length > 6) {
    // Split so the integer part stays exact: 1.7e18 ns does not fit a double exactly, its ms part does.
    return Number(value.slice(0, -6)) + Number(value.slice(-6)) / 1e6;
  }
  return toNumber(value) / 1e6;
}

export function toText(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

/** An enum field as its number, reading a number or an enum value name; 0 when unset or unknown. */
export function toEnum(value: unknown, names: Readonly<Record<string, number>>): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return names[value] ?? (Number(value) || 0);
  return 0;
}

const HEX_ID = /^(?:[0-9a-f]{16}|[0-9a-f]{32})$/i;

/** A trace or span id as lowercase hex; '' when absent (a non-hex JSON string is read as base64). */
export function toHexId(value: unknown): string {
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex');
  if (typeof value !== 'string' || value === '') return '';
  return HEX_ID.test(value) ? value.toLowerCase() : Buffer.from(value, 'base64').toString('hex');
}

/** An OTLP `AnyValue` unwrapped; null for an empty one. */
export function unwrapAnyValue(value: unknown): AttributeValue {
  const v = wire(value);
  if (v.stringValue !== undefined && v.stringValue !== null) return String(v.stringValue);
  if (v.boolValue !== undefined && v.boolValue !== null) return v.boolValue === true || v.boolValue === 'true';
  if (v.intValue !== undefined && v.intValue !== null) return toNumber(v.intValue);
  if (v.doubleValue !== undefined && v.doubleValue !== null) return toNumber(v.doubleValue);
  if (v.arrayValue !== undefined && v.arrayValue !== null) return list(wire(v.arrayValue).values).map(unwrapAnyValue);
  if (v.kvlistValue !== undefined && v.kvlistValue !== null) return toAttributes(wire(v.kvlistValue).values);
  if (v.bytesValue instanceof Uint8Array) return Buffer.from(v.bytesValue).toString('base64');
  if (typeof v.bytesValue === 'string') return v.bytesValue;
  return null;
}

/** A repeated `KeyValue` field as a plain record (a later duplicate key wins). */
export function toAttributes(keyValues: unknown): Attributes {
  const out: Attributes = Object.create(null) as Attributes;
  for (const item of list(keyValues)) {
    const kv = wire(item);
    out[toText(kv.key)] = unwrapAnyValue(kv.value);
  }
  return out;
}
