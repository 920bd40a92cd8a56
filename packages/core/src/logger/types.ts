import type { AttributeValue } from '@opentelemetry/api';

/** Facade levels, lowest to highest; `silent` turns a logger off. */
export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';

/**
 * Attributes of one log call. Values are OpenTelemetry attribute values, or an `Error`
 * (under any key, or as `err`), which becomes `exception.type`, `exception.message` and `exception.stacktrace`.
 */
export type LogAttributes = Record<string, AttributeValue | Error | null | undefined>;

/** One method per level; each emits an OpenTelemetry LogRecord when its level is enabled. */
export type LogMethod = (message: string, attributes?: LogAttributes) => void;

/** The logger facade returned by `getLogger(name)`. */
export interface Logger {
  /** The logger's name: its instrumentation scope and the key of its level. */
  readonly name: string;
  trace: LogMethod;
  debug: LogMethod;
  info: LogMethod;
  warn: LogMethod;
  error: LogMethod;
  fatal: LogMethod;
  /** Whether a record at `level` would be emitted now. */
  isLevelEnabled(level: LogLevel): boolean;
  /**
   * Emits a security event `security.<name>` (e.g. `authentication.failure`) whatever the level: always
   * kept by sampling, written to the audit trail; an `api_key` attribute becomes a short keyed digest.
   */
  security(name: string, attributes?: LogAttributes): void;
  /** A logger with the same name whose records all carry `attributes` (merged over this logger's). */
  child(attributes: LogAttributes): Logger;
}
