import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type { SaveWriter } from '../files/save-writer.js';
import { decodeProtobuf, emptyProtobufResponse } from '../otlp/proto-root.js';
import type { Signal } from '../otlp/types.js';
import { ingest } from '../store/ingest.js';
import type { TelemetryStore } from '../store/telemetry-store.js';
import type { Access } from './access.js';
import { headerValue, HttpError, readBody } from './http.js';

const gunzipAsync = promisify(gunzip);

/** Largest request body accepted, compressed or not (the OTLP exporters send batches well under it). */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

const SIGNAL_BY_PATH: Readonly<Record<string, Signal>> = { '/v1/logs': 'logs', '/v1/traces': 'traces', '/v1/metrics': 'metrics' };

/** Counters of the receiver, for the page's status line. */
export interface ReceiverStats {
  requests: number;
  rejected: number;
  records: number;
  lastError: string;
}

/**
 * The OTLP/HTTP receiver: `POST /v1/{traces,logs,metrics}`, protobuf or JSON, gzip or not, as the
 * OpenTelemetry exporters send. Accepted requests go into the store (and the save file); it answers the
 * empty `Export*ServiceResponse` in the request's format.
 */
export function createOtlpReceiver(store: TelemetryStore, access: Access, stats: ReceiverStats, save: SaveWriter | undefined): Server {
  return createServer((req, res) => {
    handle(req, res, store, access, stats, save).catch(() => res.destroy());
  });
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  store: TelemetryStore,
  access: Access,
  stats: ReceiverStats,
  save: SaveWriter | undefined,
): Promise<void> {
  try {
    const path = new URL(req.url ?? '/', 'http://receiver').pathname;
    const signal = SIGNAL_BY_PATH[path];
    if (!access.checkReceiver(req)) throw new HttpError(401, 'missing or wrong token (Authorization: Bearer <token>)');
    if (signal === undefined) throw new HttpError(404, 'no OTLP endpoint here: POST /v1/traces, /v1/logs or /v1/metrics');
    if (req.method !== 'POST') throw new HttpError(405, 'OTLP takes POST');
    const format = formatOf(headerValue(req.headers['content-type']));
    const body = await decompress(headerValue(req.headers['content-encoding']), await readBody(req, MAX_BODY_BYTES));
    let request: unknown;
    try {
      request = format === 'protobuf' ? decodeProtobuf(signal, body) : JSON.parse(body.toString('utf8'));
    } catch (error) {
      throw new HttpError(400, `invalid ${format} body: ${error instanceof Error ? error.message : String(error)}`);
    }
    try {
      stats.records += ingest(store, signal, request);
    } catch (error) {
      throw new HttpError(400, `unreadable ${signal} request: ${error instanceof Error ? error.message : String(error)}`);
    }
    save?.write(signal, request);
    stats.requests++;
    const response = format === 'json' ? Buffer.from('{}') : emptyProtobufResponse(signal);
    res.writeHead(200, { 'Content-Type': format === 'json' ? 'application/json' : 'application/x-protobuf', 'Content-Length': response.byteLength });
    res.end(response);
  } catch (error) {
    const status = error instanceof HttpError ? error.status : 500;
    const message = error instanceof Error ? error.message : String(error);
    stats.rejected++;
    stats.lastError = `${status} ${message}`.slice(0, 500);
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(message);
  }
}

function formatOf(contentType: string): 'protobuf' | 'json' {
  const mediaType = contentType.split(';')[0].trim().toLowerCase();
  if (mediaType === 'application/x-protobuf' || mediaType === 'application/protobuf') return 'protobuf';
  if (mediaType === 'application/json') return 'json';
  throw new HttpError(415, `unsupported Content-Type "${contentType}": use application/x-protobuf or application/json`);
}

async function decompress(contentEncoding: string, body: Buffer): Promise<Buffer> {
  const encoding = contentEncoding.trim().toLowerCase();
  if (encoding === '' || encoding === 'identity') return body;
  if (encoding !== 'gzip') throw new HttpError(415, `unsupported Content-Encoding "${contentEncoding}"`);
  try {
    return await gunzipAsync(body, { maxOutputLength: MAX_BODY_BYTES });
  } catch (error) {
    throw new HttpError(400, `invalid gzip body: ${error instanceof Error ? error.message : String(error)}`);
  }
}
