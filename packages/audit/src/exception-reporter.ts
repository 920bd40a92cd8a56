import { context as api, logs, SeverityNumber, SpanStatusCode, trace, type Attributes, type Context } from '@opentelemetry/api';
import { exceptionAttributes, exceptionType } from './exception-attributes.js';
import { ATTR_ERROR_TYPE, ATTR_EXCEPTION_FINGERPRINT, ATTR_EXCEPTION_MESSAGE, ATTR_EXCEPTION_TYPE, EVENT_EXCEPTION } from './semconv.js';
import type { ExceptionReporterOptions, ExceptionSeverity, RecordExceptionOptions } from './types.js';

const SEVERITY: Readonly<Record<ExceptionSeverity, readonly [SeverityNumber, string]>> = {
  fatal: [SeverityNumber.FATAL, 'FATAL'],
  error: [SeverityNumber.ERROR, 'ERROR'],
  warn: [SeverityNumber.WARN, 'WARN'],
  info: [SeverityNumber.INFO, 'INFO'],
  debug: [SeverityNumber.DEBUG, 'DEBUG'],
};

const DEFAULT_LOGGER_NAME = '@sightline/audit';

/**
 * Records exceptions the way the semantic conventions ask: as log records (event `exception` or
 * `<operation>.exception`, `exception.type/message/stacktrace`, severity by impact) in the active trace,
 * with the active span set to status ERROR and `error.type` (for ERROR and FATAL). Span `exception` events
 * are added only with `exceptionSignal: 'logs/dup'`. Never throws.
 */
export class ExceptionReporter {
  private readonly _dup: boolean;
  private readonly _loggerName: string;

  constructor(private readonly _options: ExceptionReporterOptions = {}) {
    this._dup = _options.exceptionSignal === 'logs/dup';
    this._loggerName = _options.loggerName ?? DEFAULT_LOGGER_NAME;
  }

  /** Emits the exception record for `error` (any thrown value) in `options.context`, else the active context. */
  record(error: unknown, options: RecordExceptionOptions = {}): void {
    try {
      const severity = options.severity ?? 'error';
      const [severityNumber, severityText] = SEVERITY[severity] ?? SEVERITY.error;
      const ctx: Context = options.context ?? api.active();
      const attributes: Attributes = { ...options.attributes, ...exceptionAttributes(error, this._options.limits) };
      if (options.fingerprint !== undefined) attributes[ATTR_EXCEPTION_FINGERPRINT] = options.fingerprint;
      // Looked up per call (exceptions are rare): the reporter may outlive one SDK and serve the next.
      logs.getLogger(this._loggerName).emit({
        eventName: options.eventName ?? EVENT_EXCEPTION,
        severityNumber,
        severityText,
        body: `${String(attributes[ATTR_EXCEPTION_TYPE])}: ${String(attributes[ATTR_EXCEPTION_MESSAGE])}`,
        attributes,
        context: ctx,
      });
      const span = trace.getSpan(ctx);
      if (span === undefined || !span.isRecording()) return;
      if (severityNumber >= SeverityNumber.ERROR && options.markSpan !== false) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: String(attributes[ATTR_EXCEPTION_MESSAGE]) });
        span.setAttribute(ATTR_ERROR_TYPE, exceptionType(error));
      }
      if (this._dup) span.recordException(error instanceof Error ? error : String(error));
    } catch {
      // Telemetry never throws into the application.
    }
  }
}
