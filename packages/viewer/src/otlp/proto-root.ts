import { createRequire } from 'node:module';
import { join } from 'node:path';
import { packageDir } from '../internal/package-dir.js';
import type { Signal } from './types.js';

/**
 * The OTLP protobuf message classes, built at run time by protobufjs from the official opentelemetry-proto
 * definitions shipped in the package's `proto/` directory (see its README for the tag). Loaded on first use.
 */
interface MessageClass {
  decode(body: Uint8Array): unknown;
  encode(message: unknown): { finish(): Uint8Array };
  create(properties: object): unknown;
  toObject(message: unknown, options: object): unknown;
}

interface ProtoRoot {
  readonly requests: Record<Signal, MessageClass>;
  readonly responses: Record<Signal, MessageClass>;
  readonly enums: Readonly<Record<'severityNumber' | 'spanKind' | 'statusCode' | 'aggregationTemporality', Record<string, number>>>;
}

const SERVICE: Record<Signal, [string, string]> = { logs: ['logs', 'Logs'], traces: ['trace', 'Trace'], metrics: ['metrics', 'Metrics'] };

let loaded: ProtoRoot | undefined;

/** The message classes (protobufjs and the `.proto` files are read once, on first call). */
export function protoRoot(): ProtoRoot {
  if (loaded !== undefined) return loaded;
  const protobuf = createRequire(import.meta.url)('protobufjs') as typeof import('protobufjs');
  const protoDir = join(packageDir(), 'proto');
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => join(protoDir, target);
  root.loadSync(Object.values(SERVICE).map(([dir]) => `opentelemetry/proto/collector/${dir}/v1/${dir}_service.proto`));
  const type = (name: string): MessageClass => root.lookupType(`opentelemetry.proto.${name}`) as unknown as MessageClass;
  const messages = (suffix: string): Record<Signal, MessageClass> => {
    const out = {} as Record<Signal, MessageClass>;
    for (const [signal, [dir, name]] of Object.entries(SERVICE) as [Signal, [string, string]][]) {
      out[signal] = type(`collector.${dir}.v1.Export${name}Service${suffix}`);
    }
    return out;
  };
  const enumValues = (name: string): Record<string, number> => root.lookupEnum(`opentelemetry.proto.${name}`).values;
  loaded = {
    requests: messages('Request'),
    responses: messages('Response'),
    enums: {
      severityNumber: enumValues('logs.v1.SeverityNumber'),
      spanKind: enumValues('trace.v1.Span.SpanKind'),
      statusCode: enumValues('trace.v1.Status.StatusCode'),
      aggregationTemporality: enumValues('metrics.v1.AggregationTemporality'),
    },
  };
  return loaded;
}

/**
 * protobufjs → plain object in the OTLP/JSON shape: lowerCamelCase keys, int64 as decimal strings, enums
 * as numbers, unset fields left out; `bytes` stay `Uint8Array` (see `toJsonLine` for the JSON mapping).
 */
const TO_OBJECT = { longs: String, enums: Number, defaults: false, arrays: false };

/** Decodes a binary `Export*ServiceRequest`; throws on malformed input. */
export function decodeProtobuf(signal: Signal, body: Uint8Array): unknown {
  const type = protoRoot().requests[signal];
  return type.toObject(type.decode(body), TO_OBJECT);
}

/** The empty `Export*ServiceResponse` (full success), protobuf-encoded. */
export function emptyProtobufResponse(signal: Signal): Uint8Array {
  const type = protoRoot().responses[signal];
  return type.encode(type.create({})).finish();
}
