import { logs, type Attributes, type Logger as OtelLogger } from '@opentelemetry/api';
import { globalState, type GlobalState } from '../internal/global-state.js';
import { LEVEL_SEVERITY, levelFor, levelThreshold } from './levels.js';
import { exceptionAttributes } from '@sightline/audit';
import type { LogAttributes, LogLevel, Logger } from './types.js';

const SCOPE_VERSION = '0.1.0';

/** Threshold that lets nothing through: used while no SDK runs. */
const OFF = Number.MAX_SAFE_INTEGER;

/** Whether `attrs` can be handed to the SDK as they are (it copies them): no Error, null or undefined values. */
function isPlain(attrs: LogAttributes): boolean {
  for (const key in attrs) {
    const value = attrs[key];
    if (value === undefined || value === null || value instanceof Error) return false;
  }
  return true;
}

/**
 * Merges bound (child) and call attributes into OpenTelemetry attributes, call values winning, turning the
 * first `Error` (under any key) into the `exception.*` attributes and leaving out null and undefined.
 */
function toAttributes(bound: Attributes | undefined, attrs: LogAttributes | undefined): Attributes {
  if (attrs === undefined) return bound ?? {};
  if (bound === undefined && isPlain(attrs)) return attrs as Attributes;
  const out: Attributes = bound === undefined ? {} : { ...bound };
  let sawError = false;
  for (const key in attrs) {
    const value = attrs[key];
    if (value === undefined || value === null) continue;
    if (value instanceof Error) {
      if (!sawError) {
        sawError = true;
        Object.assign(out, exceptionAttributes(value));
      }
      continue;
    }
    out[key] = value;
  }
  return out;
}

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
    return level !== 'silent' && LEVEL_SEVERITY[level] >= this._threshold;
  }

  security(name: string, attributes?: LogAttributes): void {
    try {
      this._state.handle?.securityEvent(name, toAttributes(this._bound, attributes));
    } catch {
      // A telemetry failure never reaches the caller.
    }
  }

  child(attributes: LogAttributes): Logger {
    return new FacadeLogger(this.name, this._state, toAttributes(this._bound, attributes));
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

  private _emit(level: Exclude<LogLevel, 'silent'>, message: string, attributes: LogAttributes | undefined): void {
    try {
      // The SDK takes the active context (trace and span ids) itself, and copies the attributes.
      this._otel?.emit({
        severityNumber: LEVEL_SEVERITY[level],
        severityText: SEVERITY_TEXT[level],
        body: message,
        attributes: toAttributes(this._bound, attributes),
      });
    } catch {
      // A telemetry failure never reaches the caller; the SDK reports its own errors through diag.
    }
  }
}

/**
 * A logger of the facade. Works at module level before any SDK runs (a cheap no-op then) and
 * emits through whichever SDK `bootstrap()` or the `register` preload started.
 */
export function getLogger(name: string): Logger {
  return new FacadeLogger(String(name), globalState());
}
