/** Fields that OTLP/JSON writes as hex rather than base64 (trace and span ids in spans, links, logs, exemplars). */
const HEX_FIELDS = new Set(['traceId', 'spanId', 'parentSpanId']);

/**
 * One line of the OTLP file format (OTLP/JSON, one `Export*ServiceRequest` per line) from a decoded
 * request: protobufjs `toObject` output (bytes as `Uint8Array`, int64 already decimal strings, enums
 * numbers) or OTLP/JSON as parsed. Ids become hex, other bytes base64, per the OTLP/JSON mapping.
 */
export function toJsonLine(request: unknown): string {
  return JSON.stringify(request, function (this: Record<string, unknown>, key: string, converted: unknown) {
    // `this[key]` is the value before `toJSON`: protobufjs decodes bytes as Buffers, whose toJSON is not the mapping.
    const value = this[key];
    if (value instanceof Uint8Array) {
      const bytes = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
      return HEX_FIELDS.has(key) ? bytes.toString('hex') : bytes.toString('base64');
    }
    if (typeof value === 'bigint') return value.toString();
    return converted;
  });
}
