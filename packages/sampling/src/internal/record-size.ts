import type { ReadWriteLogRecord } from '@opentelemetry/sdk-logs';

/**
 * An estimate of the heap a log record holds, for the retention buffer's memory bound: a fixed overhead
 * for the record object (its fields, timestamps, span context and attribute map) plus the body and the
 * attributes, strings counted at two bytes per character. Nested values are followed a few levels deep.
 */

/** The record object itself: the SDK's LogRecordImpl with its hrTime pairs and attribute map. */
export const RECORD_OVERHEAD_BYTES = 400;

/** Header of a heap object or string. */
const HEADER_BYTES = 16;

/** Deeper values are counted as one flat object. */
const MAX_DEPTH = 3;

/** Estimated bytes held by an attribute or body value, followed `MAX_DEPTH` levels deep. */
export function valueBytes(value: unknown, depth = 1): number {
  switch (typeof value) {
    case 'string':
      return HEADER_BYTES + 2 * value.length;
    case 'number':
    case 'boolean':
    case 'bigint':
      return HEADER_BYTES;
    case 'object': {
      if (value === null) return 0;
      if (depth >= MAX_DEPTH) return 4 * HEADER_BYTES;
      if (value instanceof Uint8Array) return HEADER_BYTES + value.byteLength;
      let bytes = HEADER_BYTES;
      if (Array.isArray(value)) {
        for (const item of value) bytes += 8 + valueBytes(item, depth + 1);
        return bytes;
      }
      for (const key in value) bytes += 8 + 2 * key.length + valueBytes((value as Record<string, unknown>)[key], depth + 1);
      return bytes;
    }
    default:
      return 0;
  }
}

/** Estimated bytes held by `record`. */
export function estimateRecordBytes(record: ReadWriteLogRecord): number {
  let bytes = RECORD_OVERHEAD_BYTES + valueBytes(record.body, 1);
  // The attribute map, flat values inline: this runs for every buffered record.
  const attributes = record.attributes as Record<string, unknown>;
  for (const key in attributes) {
    const value = attributes[key];
    bytes += 8 + 2 * key.length + (typeof value === 'string' ? HEADER_BYTES + 2 * value.length : valueBytes(value, 1));
  }
  return bytes;
}
