import { SeverityNumber } from '@opentelemetry/api';
import type { LogLevel } from './types.js';

/** The facade levels in order, each with the OpenTelemetry severity it emits. */
export const LEVEL_SEVERITY: Readonly<Record<Exclude<LogLevel, 'silent'>, SeverityNumber>> = {
  trace: SeverityNumber.TRACE,
  debug: SeverityNumber.DEBUG,
  info: SeverityNumber.INFO,
  warn: SeverityNumber.WARN,
  error: SeverityNumber.ERROR,
  fatal: SeverityNumber.FATAL,
};

/** Severity threshold of `silent`: above every real severity. */
const SILENT_SEVERITY = SeverityNumber.FATAL4 + 1;

export const LOG_LEVELS: readonly LogLevel[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

/** A parsed level spec: a default threshold and per-name-prefix overrides. */
export interface LevelSpec {
  readonly defaultLevel: LogLevel;
  /** Overrides by logger-name prefix (dot-separated segments), longest first. */
  readonly overrides: ReadonlyArray<readonly [prefix: string, level: LogLevel]>;
}

export type LevelSpecResult = { ok: true; spec: LevelSpec } | { ok: false; error: string };

/** The minimum severity a level lets through. */
export function levelThreshold(level: LogLevel): number {
  return level === 'silent' ? SILENT_SEVERITY : LEVEL_SEVERITY[level];
}

function asLevel(text: string): LogLevel | undefined {
  const lower = text.trim().toLowerCase();
  return (LOG_LEVELS as readonly string[]).includes(lower) ? (lower as LogLevel) : undefined;
}

/**
 * Parses `"info"`, `"info,llm.openai=debug"` or `"llm=debug"` (default stays `info`).
 * Names match by dot-separated prefix: `llm` covers `llm.openai` but not `llmx`.
 */
export function parseLevelSpec(text: string): LevelSpecResult {
  let defaultLevel: LogLevel = 'info';
  const overrides = new Map<string, LogLevel>();
  for (const rawPart of text.split(',')) {
    const part = rawPart.trim();
    if (part === '') continue;
    const eq = part.indexOf('=');
    if (eq === -1) {
      const level = asLevel(part);
      if (!level) return { ok: false, error: `unknown level "${part}"` };
      defaultLevel = level;
      continue;
    }
    const name = part.slice(0, eq).trim();
    const level = asLevel(part.slice(eq + 1));
    if (name === '' || /[\s=]/.test(name)) return { ok: false, error: `bad logger name in "${part}"` };
    if (!level) return { ok: false, error: `unknown level in "${part}"` };
    overrides.set(name === '*' ? '' : name, level);
  }
  const star = overrides.get('');
  if (star) {
    defaultLevel = star;
    overrides.delete('');
  }
  const sorted = [...overrides].sort((a, b) => b[0].length - a[0].length);
  return { ok: true, spec: { defaultLevel, overrides: sorted } };
}

/** The level that applies to `name` under `spec`: its longest matching prefix, else the default. */
export function levelFor(spec: LevelSpec, name: string): LogLevel {
  for (const [prefix, level] of spec.overrides) {
    if (name === prefix || (name.startsWith(prefix) && name.charCodeAt(prefix.length) === 46 /* . */)) {
      return level;
    }
  }
  return spec.defaultLevel;
}

/** Human list of the accepted levels, for diagnostics. */
export const ACCEPTED_LEVELS = LOG_LEVELS.join('|');
