import type { Attributes, Context, MeterProvider } from '@opentelemetry/api';
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import type { ExceptionReporter } from './exception-reporter.js';
import type { ExceptionLimits } from './exception-attributes.js';

/** A secret for HMACs: the raw bytes or text of `SIGHTLINE_HMAC_KEY` (proposed). */
export type SecretKey = string | Uint8Array;

/** Options of {@link ExceptionGroupingProcessor}. */
export interface GroupingOptions {
  /** Most distinct fingerprints counted in `sightline.exceptions`; later ones count as `other`. Default 200. */
  maxFingerprints?: number;
  /** Where the counter lives. Default: the global meter provider, looked up at the first exception. */
  meterProvider?: MeterProvider;
}

/** Severity of an exception record, by its impact (semantic conventions, exceptions in logs). */
export type ExceptionSeverity = 'fatal' | 'error' | 'warn' | 'info' | 'debug';

/** Options of {@link ExceptionReporter}. */
export interface ExceptionReporterOptions {
  /**
   * `logs`: exceptions are log records only. `logs/dup`: the active span also gets an `exception` event.
   * Default `logs`. Map `OTEL_SEMCONV_EXCEPTION_SIGNAL_OPT_IN` here.
   */
  exceptionSignal?: 'logs' | 'logs/dup';
  /** Bounds of the `cause` chain and `AggregateError` members kept. */
  limits?: ExceptionLimits;
  /** Instrumentation scope of the records. Default `@sightline/audit`. */
  loggerName?: string;
}

/** Options of one {@link ExceptionReporter.record} call. */
export interface RecordExceptionOptions {
  /** `<operation>.exception` (e.g. `llm.chat.exception`), or `exception` (the default) for global handlers. */
  eventName?: string;
  /** `fatal` for crashes, `error` (default) for unhandled, `warn` for expected-and-handled. */
  severity?: ExceptionSeverity;
  /** More attributes of the record. */
  attributes?: Attributes;
  /** Grouping key that replaces the computed fingerprint. */
  fingerprint?: string;
  /** Context of the record (trace, span). Default: the active context. */
  context?: Context;
  /** Set the span's status to ERROR and `error.type` (ERROR and FATAL only). Default true. */
  markSpan?: boolean;
}

/** Options of {@link installCrashHandlers}. */
export interface CrashHandlerOptions {
  /**
   * Flushes pending telemetry, e.g. `(ms) => handle.forceFlush(ms)`; `final` is true when the process is about
   * to end (nothing will be retried later). Must not reject (rejections are ignored).
   */
  flush: (timeoutMillis: number, final: boolean) => Promise<void>;
  /** How records are emitted. Default: a reporter with default options. */
  reporter?: ExceptionReporter;
  /** Most time the crash waits for `flush`, in ms. Default 2000 (core: its shutdown timeout). */
  flushTimeoutMillis?: number;
}

/** Options of {@link BreadcrumbsProcessor}. */
export interface BreadcrumbsOptions {
  /** Most breadcrumbs attached to one error record. Default 100. */
  maxBreadcrumbs?: number;
  /** Most bytes of breadcrumbs (JSON) kept per trace; the oldest go first. Default 16384. */
  maxBytes?: number;
  /** Longest message in a breadcrumb, in characters. Default 200. */
  maxMessageLength?: number;
  /** Most traces remembered at once; the least recently active is forgotten first. Default 1000. */
  maxTraces?: number;
}

/** Options of {@link SecurityEvents} and {@link securityEventRecord}. */
export interface SecurityEventOptions {
  /** Key of the API-key digests. Default: a random per-process key (digests then differ between processes). */
  key?: SecretKey;
  /** Instrumentation scope of the records emitted by {@link SecurityEvents}. Default `sightline.security`. */
  loggerName?: string;
}

/** What the alert hook sends. */
export interface Alert {
  /** Why: a FATAL record, a security event, or a fingerprint's error rate crossing the threshold. */
  kind: 'fatal' | 'security' | 'error_rate';
  /** ISO-8601 time of the record that triggered it. */
  time: string;
  severityText: string;
  /** The record's body as text (cut to 1000 characters). */
  message: string;
  eventName?: string;
  fingerprint?: string;
  exceptionType?: string;
  exceptionMessage?: string;
  traceId?: string;
  spanId?: string;
  /** `service.name` of the resource. */
  service?: string;
  /** `error_rate`: records of the fingerprint within the window. */
  count?: number;
  /** `error_rate`: the window, in ms. */
  windowMillis?: number;
  /** Alerts of the same key suppressed since the previous one was sent. */
  suppressed: number;
}

/** Options of {@link AlertProcessor}. At least one of `callback` and `url` must be set. */
export interface AlertOptions {
  /** Called with each alert; may return a promise. Its errors and rejections are counted, never rethrown. */
  callback?: (alert: Alert) => void | Promise<void>;
  /** URL that each alert is POSTed to as JSON. */
  url?: string;
  /** Extra request headers (e.g. authorization). */
  headers?: Record<string, string>;
  /** Time one POST may take, in ms. Default 5000. */
  timeoutMillis?: number;
  /** Alert on FATAL records. Default true. */
  onFatal?: boolean;
  /** Alert on security events of this severity or above (`warn`: failures and denials). `off` disables. Default `warn`. */
  onSecurityEvents?: 'off' | 'info' | 'warn' | 'error';
  /** Alert when one fingerprint has `threshold` exception records within `windowMillis`. Default: off. */
  errorRate?: { threshold: number; windowMillis: number };
  /** Same alert (kind + fingerprint or event name) sent at most once per this many ms. Default 300000. */
  dedupeWindowMillis?: number;
  /** Most alerts sent per minute across all keys. Default 10. */
  maxAlertsPerMinute?: number;
  /** Most fingerprints tracked for rates and deduplication. Default 1000. */
  maxKeys?: number;
}

/** Counts of the alert hook. */
export interface AlertStats {
  sent: number;
  failed: number;
  /** Not sent: the same alert was sent within the dedupe window. */
  deduplicated: number;
  /** Not sent: over `maxAlertsPerMinute`. */
  rateLimited: number;
}

/** When the audit trail calls fsync. */
export type FsyncPolicy = 'batch' | 'none';

/** Options of {@link AuditTrailProcessor}. */
export interface AuditTrailOptions {
  /** Path of the active trail file, e.g. `/var/log/app/audit.jsonl`. Proposed env var: `SIGHTLINE_AUDIT_FILE`. */
  file: string;
  /** HMAC key of the hash chain. Default: none (plain SHA-256). Proposed env var: `SIGHTLINE_HMAC_KEY`. */
  key?: SecretKey;
  /** Records besides security events to write. Default: security events only. */
  select?: (record: ReadableLogRecord) => boolean;
  /** Size past which the file is rotated, in bytes. Default 67108864 (64 MiB). */
  maxFileBytes?: number;
  /** `batch` (default): fdatasync after every batch; `none`: leave it to the OS. */
  fsync?: FsyncPolicy;
  /** Most time a line waits before its batch is written, in ms. Default 100. */
  flushIntervalMillis?: number;
  /** Most bytes waiting to be written; past it entries are dropped, counted, and a `gap` line records how many. Default 8388608. */
  maxQueueBytes?: number;
}

/** Counts of the audit trail. */
export interface AuditTrailStats {
  /** Lines written (records and markers). */
  written: number;
  /** Entries dropped because the queue was full. */
  droppedQueueFull: number;
  /** Entries lost because a write failed. */
  droppedWriteFailed: number;
  rotations: number;
  /** Torn lines sealed at start-up. */
  recovered: number;
}

/** Options of {@link createPseudonymizer}. */
export interface PseudonymizerOptions {
  /** The secret. Rotating or deleting it makes earlier pseudonyms unlinkable. Proposed env var: `SIGHTLINE_HMAC_KEY`. */
  key?: SecretKey;
}
