import type { Agent, IncomingMessage } from 'node:http';
import { promisify } from 'node:util';
import { OTLPExporterError, type ExportResponse } from '@opentelemetry/otlp-exporter-base';
import { UnsentExportError } from './export-control.js';

// Builtins are taken when first needed, with `process.getBuiltinModule`, not imported: `node:https` (TLS)
// costs about 12 ms of a start that sends to `http://localhost:4318`, `node:zlib` about 2 ms of one that
// does not compress; and an ES namespace import of `node:http` evaluates all its exports, whose lazy ones
// load undici (fetch, WebSocket), 20–30 ms for nothing we use.
let gzipAsync: ((data: Uint8Array) => Promise<Buffer>) | undefined;
const gzip = (data: Uint8Array): Promise<Buffer> => (gzipAsync ??= promisify(process.getBuiltinModule('node:zlib').gzip))(data);

/** Largest response body read (as the upstream OTLP exporters do); a larger one fails the export. */
const MAX_RESPONSE_BODY_BYTES = 4 * 1024 * 1024;

/** Statuses the OTLP/HTTP specification says to retry. */
const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);

/** Network errors after which the same request may succeed later. */
const RETRYABLE_NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENOTFOUND',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
]);

/** TLS material read once at start-up (`OTEL_EXPORTER_OTLP_CERTIFICATE`, `…_CLIENT_CERTIFICATE`, `…_CLIENT_KEY`). */
export interface TlsMaterial {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
}

/** Where and how one signal's OTLP requests are posted. */
export interface HttpRequestOptions {
  url: string;
  /** Every request header, `Content-Type` included. Values may be credentials: never logged. */
  headers: Record<string, string>;
  compression: 'none' | 'gzip';
  tls?: TlsMaterial;
  /** Sent before ours: `<userAgent> OTel-OTLP-Exporter-JavaScript/<version>`-style. */
  userAgent: string;
}

/**
 * Parses `Retry-After` (delta-seconds or an HTTP date) into ms from now; `undefined` when absent or
 * unreadable. Capped by the caller's deadline, never trusted blindly.
 */
export function parseRetryAfter(value: string | string[] | undefined): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined) return undefined;
  const text = raw.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/^[A-Za-z]{3},/.test(text)) return undefined; // an IMF-fixdate starts with the day name
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - Date.now());
}

function networkCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** `connect ECONNREFUSED 127.0.0.1:4318`: nothing listens at the endpoint. */
export function isConnectionRefused(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 3 && current !== undefined && current !== null; depth++) {
    if (networkCode(current) === 'ECONNREFUSED') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * One OTLP/HTTP POST, without retries: the request ends within `timeoutMillis` or at `signal`'s abort,
 * and its socket never keeps the process alive (shutdown keeps it alive while it waits). Never rejects:
 * the outcome is an `ExportResponse` whose `retryable` errors are {@link UnsentExportError}s.
 */
export class HttpRequestSender {
  private readonly _url: URL;
  private readonly _agent: Agent;
  private readonly _request: typeof import('node:http').request;

  constructor(private readonly _options: HttpRequestOptions) {
    this._url = new URL(_options.url);
    if (this._url.protocol === 'https:') {
      const https = process.getBuiltinModule('node:https');
      this._request = https.request;
      this._agent = new https.Agent({ keepAlive: true, ..._options.tls });
    } else {
      const http = process.getBuiltinModule('node:http');
      this._request = http.request;
      this._agent = new http.Agent({ keepAlive: true });
    }
  }

  async send(data: Uint8Array, timeoutMillis: number, signal: AbortSignal): Promise<ExportResponse> {
    if (signal.aborted) return { status: 'retryable', error: new UnsentExportError('export aborted at the shutdown deadline') };
    let body: Uint8Array;
    const headers: Record<string, string> = { ...this._options.headers, 'User-Agent': this._options.userAgent };
    try {
      if (this._options.compression === 'gzip') {
        body = await gzip(data);
        headers['Content-Encoding'] = 'gzip';
      } else {
        body = data;
      }
    } catch (error) {
      return { status: 'failure', error: asError(error) };
    }
    headers['Content-Length'] = String(body.byteLength);
    return new Promise<ExportResponse>((resolve) => {
      let settled = false;
      const finish = (response: ExportResponse): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        resolve(response);
      };
      const req = this._request(this._url, { method: 'POST', headers, agent: this._agent });
      const onAbort = (): void => {
        finish({ status: 'retryable', error: new UnsentExportError('export aborted at the shutdown deadline') });
        req.destroy();
      };
      const timer = setTimeout(() => {
        finish({ status: 'retryable', error: new UnsentExportError(`export request timed out after ${timeoutMillis} ms`) });
        req.destroy();
      }, Math.max(1, timeoutMillis));
      timer.unref();
      signal.addEventListener('abort', onAbort, { once: true });
      req.on('socket', (socket) => socket.unref());
      req.on('error', (error) => {
        const code = networkCode(error);
        finish(
          code !== undefined && RETRYABLE_NETWORK_CODES.has(code)
            ? { status: 'retryable', error: new UnsentExportError(describeNetworkError(error), { cause: error }) }
            : { status: 'failure', error: asError(error) },
        );
      });
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_RESPONSE_BODY_BYTES) {
            finish({ status: 'failure', error: new Error(`OTLP response body exceeded ${MAX_RESPONSE_BODY_BYTES} bytes`) });
            res.destroy();
            return;
          }
          chunks.push(chunk);
        });
        res.on('error', (error) => finish(classifyStatus(res, Buffer.concat(chunks), error)));
        res.on('end', () => finish(classifyStatus(res, Buffer.concat(chunks))));
      });
      req.end(body);
    });
  }

  /** Closes every pooled and open connection. */
  close(): void {
    this._agent.destroy();
  }
}

function classifyStatus(res: IncomingMessage, body: Buffer, streamError?: Error): ExportResponse {
  const status = res.statusCode ?? 0;
  if (status >= 200 && status <= 299) return streamError === undefined ? { status: 'success', data: body } : { status: 'success' };
  if (RETRYABLE_STATUS.has(status)) {
    const retryAfterMillis = parseRetryAfter(res.headers['retry-after']);
    return {
      status: 'retryable',
      retryInMillis: retryAfterMillis,
      error: new UnsentExportError(`the receiver answered ${status}${res.statusMessage ? ` ${res.statusMessage}` : ''}`, { retryAfterMillis }),
    };
  }
  return {
    status: 'failure',
    error: streamError ?? new OTLPExporterError(res.statusMessage, status, body.toString('utf8', 0, Math.min(body.length, 1024))),
  };
}

function describeNetworkError(error: Error): string {
  return error.message || networkCode(error) || error.name;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
