import { context as api, diag, SeverityNumber, type Context } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import type { LogRecordProcessor, ReadWriteLogRecord } from '@opentelemetry/sdk-logs';
import { AlertGate, RateWindows } from './internal/alert-gate.js';
import { bodyText, hasException, hrTimeToMillis, isFatal, isSecurityEvent, stringAttribute } from './internal/record-view.js';
import { ATTR_EXCEPTION_FINGERPRINT, ATTR_EXCEPTION_MESSAGE, ATTR_EXCEPTION_TYPE } from './semconv.js';
import type { Alert, AlertOptions, AlertStats } from './types.js';
import { serviceNameOf } from './internal/service-name.js';

const DEFAULT_TIMEOUT_MILLIS = 5000;
const DEFAULT_DEDUPE_WINDOW_MILLIS = 300_000;
const DEFAULT_MAX_ALERTS_PER_MINUTE = 10;
const DEFAULT_MAX_KEYS = 1000;
/** Most deliveries under way at once; past it alerts are counted as rate limited. */
const MAX_IN_FLIGHT = 8;
const SECURITY_THRESHOLD = { info: SeverityNumber.INFO, warn: SeverityNumber.WARN, error: SeverityNumber.ERROR } as const;

/**
 * Calls `callback` and/or POSTs JSON to `url` on FATAL records, on security events (WARN and above by
 * default) and when one fingerprint's exception records reach `errorRate.threshold` within its window.
 * Deduplicated per key (kind + fingerprint or event name) and rate-limited; delivery runs in the background
 * with tracing suppressed, never throws into the app, and failures are counted. Place it after
 * {@link ExceptionGroupingProcessor}, which sets the fingerprint it reads.
 */
export class AlertProcessor implements LogRecordProcessor {
  private readonly _gate: AlertGate;
  private readonly _rates: RateWindows | undefined;
  private readonly _securityThreshold: number | undefined;
  private readonly _timeoutMillis: number;
  private readonly _inFlight = new Set<Promise<void>>();
  private readonly _stats: AlertStats = { sent: 0, failed: 0, deduplicated: 0, rateLimited: 0 };
  private _failureReported = false;
  private _shutdown = false;

  constructor(private readonly _options: AlertOptions) {
    const maxKeys = _options.maxKeys ?? DEFAULT_MAX_KEYS;
    this._gate = new AlertGate(
      _options.dedupeWindowMillis ?? DEFAULT_DEDUPE_WINDOW_MILLIS,
      _options.maxAlertsPerMinute ?? DEFAULT_MAX_ALERTS_PER_MINUTE,
      maxKeys,
    );
    const rate = _options.errorRate;
    this._rates = rate === undefined ? undefined : new RateWindows(Math.max(1, rate.threshold), Math.max(1, rate.windowMillis), maxKeys);
    const security = _options.onSecurityEvents ?? 'warn';
    this._securityThreshold = security === 'off' ? undefined : SECURITY_THRESHOLD[security];
    this._timeoutMillis = _options.timeoutMillis ?? DEFAULT_TIMEOUT_MILLIS;
    if (_options.callback === undefined && _options.url === undefined) {
      diag.warn('sightline: AlertProcessor has neither callback nor url; alerts go nowhere');
    }
  }

  onEmit(record: ReadWriteLogRecord, _context?: Context): void {
    if (this._shutdown) return;
    try {
      const now = Date.now();
      const fingerprint = stringAttribute(record, ATTR_EXCEPTION_FINGERPRINT);
      if (isFatal(record) && this._options.onFatal !== false) {
        this._offer(`fatal:${fingerprint ?? bodyText(record.body, 200)}`, 'fatal', record, now);
      }
      if (this._securityThreshold !== undefined && isSecurityEvent(record) && (record.severityNumber ?? 0) >= this._securityThreshold) {
        this._offer(`security:${record.eventName}`, 'security', record, now);
      }
      if (this._rates !== undefined && fingerprint !== undefined && hasException(record)) {
        const count = this._rates.hit(fingerprint, now);
        if (count !== undefined) this._offer(`rate:${fingerprint}`, 'error_rate', record, now, count);
      }
    } catch (error) {
      if (this._failureReported) return;
      this._failureReported = true;
      diag.error(`sightline: alert hook failed (reported once): ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Waits for the deliveries under way (each bounded by its timeout). Never rejects. */
  async forceFlush(): Promise<void> {
    await Promise.allSettled([...this._inFlight]);
  }

  async shutdown(): Promise<void> {
    this._shutdown = true;
    await this.forceFlush();
  }

  getStats(): AlertStats {
    return { ...this._stats };
  }

  private _offer(key: string, kind: Alert['kind'], record: ReadWriteLogRecord, now: number, count?: number): void {
    const { verdict, suppressed } = this._gate.admit(key, now);
    if (verdict === 'deduplicated') {
      this._stats.deduplicated++;
      return;
    }
    if (verdict === 'rate_limited' || this._inFlight.size >= MAX_IN_FLIGHT) {
      this._stats.rateLimited++;
      return;
    }
    const service = serviceNameOf(record.resource);
    const alert: Alert = {
      kind,
      time: new Date(hrTimeToMillis(record.hrTime)).toISOString(),
      severityText: record.severityText ?? String(record.severityNumber ?? ''),
      message: bodyText(record.body, 1000),
      eventName: record.eventName,
      fingerprint: stringAttribute(record, ATTR_EXCEPTION_FINGERPRINT),
      exceptionType: stringAttribute(record, ATTR_EXCEPTION_TYPE),
      exceptionMessage: stringAttribute(record, ATTR_EXCEPTION_MESSAGE),
      traceId: record.spanContext?.traceId,
      spanId: record.spanContext?.spanId,
      service: typeof service === 'string' ? service : undefined,
      count,
      windowMillis: count === undefined ? undefined : this._options.errorRate?.windowMillis,
      suppressed,
    };
    const delivery = api.with(suppressTracing(api.active()), () => this._deliver(alert));
    this._inFlight.add(delivery);
    void delivery.finally(() => this._inFlight.delete(delivery));
  }

  /** Runs the callback and the POST; resolves when both are done, counting the outcome. Never rejects. */
  private async _deliver(alert: Alert): Promise<void> {
    const work: Promise<void>[] = [];
    const { callback, url } = this._options;
    if (callback !== undefined) work.push(Promise.resolve().then(() => callback(alert)));
    if (url !== undefined) work.push(this._post(url, alert));
    const outcomes = await Promise.allSettled(work);
    const failure = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    if (failure === undefined) {
      this._stats.sent++;
      return;
    }
    this._stats.failed++;
    diag.debug(`sightline: alert delivery failed: ${failure.reason instanceof Error ? failure.reason.message : String(failure.reason)}`);
  }

  private async _post(url: string, alert: Alert): Promise<void> {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...this._options.headers },
      body: JSON.stringify(alert),
      signal: AbortSignal.timeout(this._timeoutMillis),
    });
    await response.body?.cancel();
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
  }
}
