import { logs, type Attributes, type Logger as OtelLogger } from '@opentelemetry/api';
import { globalState, type GlobalState } from '../internal/global-state.js';
import { isError, safeString } from '../safety/describe-value.js';
import { DEFAULT_ATTRIBUTE_LIMITS, MAX_NAME_LENGTH } from '../safety/limits.js';
import { currentSafetyCounters, type SafetyCounters } from '../safety/safety-counters.js';
import { LEVEL_SEVERITY, levelFor, levelThreshold } from './levels.js';
import { classifyAttributes, copiedLogAttributes, toLogAttributes, type AttributesArgument } from './log-attributes.js';
import type { LogAttributes, LogLevel, Logger } from './types.js';

const SCOPE_VERSION = '0.1.0';

/** Threshold that lets nothing through: used while no SDK runs. */
const OFF = Number.MAX_SAFE_INTEGER;

/** Severity text per level, computed once. */
const SEVERITY_TEXT: Readonly<Record<Exclude<LogLevel, 'silent'>, string>> = {
  trace: 'TRACE',
  debug: 'DEBUG',
  info: 'INFO',
  warn: 'WARN',
  error: 'ERROR',
  fatal: 'FATAL',
};

/**
 * The logger facade. Its level is resolved lazily and cached until the global generation moves
 * (`setLogLevel`, bootstrap, shutdown), so a call below the level costs two comparisons.
 */
class FacadeLogger implements Logger {
  readonly name: string;
  private readonly _state: GlobalState;
  private readonly _bound: Attributes | undefined;
  private _generation = -1;
  private _threshold = OFF;
  private _otel: OtelLogger | undefined;

  constructor(name: string, state: GlobalState, bound?: Attributes) {
    this.name = name;
    this._state = state;
    this._bound = bound;
  }

  trace(message: string, attributes?: LogAttributes): void {
    if (this._generation !== this._state.generation) this._refresh();
    if (LEVEL_SEVERITY.trace >= this._threshold) this._emit('trace', message, attributes);
  }

  debug(message: string, attributes?: LogAttributes): void {
    if (this._generation !== this._state.generation) this._refresh();
    if (LEVEL_SEVERITY.debug >= this._threshold) this._emit('debug', message, attributes);
  }

  info(message: string, attributes?: LogAttributes): void {
    if (this._generation !== this._state.generation) this._refresh();
    if (LEVEL_SEVERITY.info >= this._threshold) this._emit('info', message, attributes);
  }

  warn(message: string, attributes?: LogAttributes): void {
    if (this._generation !== this._state.generation) this._refresh();
    if (LEVEL_SEVERITY.warn >= this._threshold) this._emit('warn', message, attributes);
  }

  error(message: string, attributes?: LogAttributes): void {
    if (this._generation !== this._state.generation) this._refresh();
    if (LEVEL_SEVERITY.error >= this._threshold) this._emit('error', message, attributes);
  }

  fatal(message: string, attributes?: LogAttributes): void {
    if (this._generation !== this._state.generation) this._refresh();
    if (LEVEL_SEVERITY.fatal >= this._threshold) this._emit('fatal', message, attributes);
  }

  isLevelEnabled(level: LogLevel): boolean {
    if (this._generation !== this._state.generation) this._refresh();
    return typeof level === 'string' && level !== 'silent' && Object.hasOwn(LEVEL_SEVERITY, level) && LEVEL_SEVERITY[level] >= this._threshold;
  }

  security(name: string, attributes?: LogAttributes): void {
    const handle = this._state.handle;
    if (handle === undefined) return;
    const counters = this._counters();
    try {
      let text = typeof name === 'string' ? name : safeString(name);
      if (typeof name !== 'string') counters.sanitized('logs', 'coerced', `logger.security name (${typeof name})`);
      if (text.length > MAX_NAME_LENGTH) {
        text = text.slice(0, MAX_NAME_LENGTH);
        counters.sanitized('logs', 'coerced', `logger.security name longer than ${MAX_NAME_LENGTH} characters`);
      }
      const limits = this._state.logLimits ?? DEFAULT_ATTRIBUTE_LIMITS;
      handle.securityEvent(text, toLogAttributes(this._bound, classifyAttributes(attributes), limits, counters, 'logger.security'));
    } catch {
      counters.sanitized('logs', 'api_error', 'logger.security');
    }
  }

  child(attributes: LogAttributes): Logger {
    let bound: Attributes | undefined;
    try {
      // Copied, so later changes to the caller's object do not reach the child's records.
      const limits = this._state.logLimits ?? DEFAULT_ATTRIBUTE_LIMITS;
      bound = copiedLogAttributes(this._bound, classifyAttributes(attributes), limits, this._counters(), 'logger.child');
    } catch {
      bound = this._bound;
    }
    return new FacadeLogger(this.name, this._state, bound);
  }

  private _counters(): SafetyCounters {
    return this._state.safety ?? currentSafetyCounters();
  }

  private _refresh(): void {
    const state = this._state;
    this._generation = state.generation;
    if (!state.active) {
      this._threshold = OFF;
      this._otel = undefined;
      return;
    }
    this._threshold = levelThreshold(levelFor(state.levels, this.name));
    this._otel = logs.getLogger(this.name, SCOPE_VERSION);
  }

  private _emit(level: Exclude<LogLevel, 'silent'>, message: unknown, attributes: unknown): void {
    const otel = this._otel;
    if (otel === undefined) return;
    const counters = this._counters();
    const what = `logger.${level}`;
    let argument: AttributesArgument;
    let body: string;
    try {
      argument = classifyAttributes(attributes);
      if (typeof message === 'string') body = message;
      else {
        body = safeString(message);
        counters.sanitized('logs', 'coerced', `${what} message (${typeof message})`);
        // log.error(err): the message is the error's, and the error becomes the exception.* attributes.
        if (isError(message) && argument.kind === 'none') argument = { kind: 'error', value: message };
      }
    } catch {
      counters.sanitized('logs', 'api_error', what);
      return;
    }
    const limits = this._state.logLimits ?? DEFAULT_ATTRIBUTE_LIMITS;
    const severityNumber = LEVEL_SEVERITY[level];
    const severityText = SEVERITY_TEXT[level];
    try {
      // The SDK takes the active context (trace and span ids) itself, and copies the attributes.
      otel.emit({ severityNumber, severityText, body, attributes: toLogAttributes(this._bound, argument, limits, counters, what) });
    } catch {
      // The SDK threw on what it was given (a getter that answered differently on its second read):
      // the record is emitted again with every value copied, so nothing is read twice.
      try {
        otel.emit({ severityNumber, severityText, body, attributes: copiedLogAttributes(this._bound, argument, limits, counters, what) });
        counters.sanitized('logs', 'invalid_value', `${what} attributes that changed while read`);
      } catch {
        counters.sanitized('logs', 'api_error', what);
      }
    }
  }
}

/**
 * A logger of the facade. Works at module level before any SDK runs (a cheap no-op then) and
 * emits through whichever SDK `bootstrap()` or the `register` preload started.
 */
export function getLogger(name: string): Logger {
  return new FacadeLogger(typeof name === 'string' ? name : safeString(name), globalState());
}
