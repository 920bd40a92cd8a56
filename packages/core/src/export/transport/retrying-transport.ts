import { diag } from '@opentelemetry/api';
import type { ExportResponse, IExporterTransport } from '@opentelemetry/otlp-exporter-base';
import type { ExportControl } from './export-control.js';
import { isConnectionRefused, type HttpRequestSender } from './http-request.js';

/** Attempts of one export, the first included (the OTLP exporters' own policy). */
const MAX_ATTEMPTS = 5;
const INITIAL_BACKOFF_MILLIS = 1_000;
const MAX_BACKOFF_MILLIS = 5_000;
const BACKOFF_MULTIPLIER = 1.5;
const JITTER = 0.2;

/**
 * The OTLP transport of one signal: sends with retries — exponential backoff with jitter, or the
 * receiver's `Retry-After` — within the export timeout, and within `control`'s lifetime:
 *
 * - while the SDK drains (shutdown), a refused connection is final: no receiver listens, and retrying
 *   for seconds would only delay the application's exit;
 * - once `control` aborts (the shutdown deadline), the request in flight is destroyed and the waits end,
 *   so nothing of ours keeps the event loop alive.
 *
 * Every wait is `unref()`'d. What could not be sent comes back as `retryable` with an
 * `UnsentExportError`, which the export stage keeps for later or spools instead of counting it lost.
 */
export class RetryingTransport implements IExporterTransport {
  constructor(
    private readonly _sender: HttpRequestSender,
    private readonly _control: ExportControl,
  ) {}

  async send(data: Uint8Array, timeoutMillis: number): Promise<ExportResponse> {
    const control = this._control;
    const deadline = Date.now() + timeoutMillis;
    let backoff = INITIAL_BACKOFF_MILLIS;
    let result: ExportResponse = await this._sender.send(data, timeoutMillis, control.signal);
    for (let attempt = 1; result.status === 'retryable' && attempt < MAX_ATTEMPTS; attempt++) {
      if (control.aborted || (control.draining && isConnectionRefused(result.error))) break;
      const jittered = Math.min(backoff * (1 + (Math.random() * 2 - 1) * JITTER), MAX_BACKOFF_MILLIS);
      backoff *= BACKOFF_MULTIPLIER;
      const wait = result.retryInMillis ?? jittered;
      const remaining = deadline - Date.now();
      if (wait >= remaining) {
        diag.debug(`sightline: OTLP export not retried: retry in ${Math.round(wait)} ms exceeds the remaining ${Math.max(0, Math.round(remaining))} ms`);
        break;
      }
      if (!(await control.sleep(wait))) break;
      result = await this._sender.send(data, deadline - Date.now(), control.signal);
    }
    return result;
  }

  shutdown(): void {
    this._sender.close();
  }
}
