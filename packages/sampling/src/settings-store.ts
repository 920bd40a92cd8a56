import { warnInvalid } from './internal/diagnostics.js';
import { isRatio } from './internal/rule-parts.js';
import { probability, type Probability } from './internal/threshold.js';
import { compileLogRules, type CompiledLogRule } from './log-rules.js';
import { compileSpanRules, type CompiledSpanRule } from './span-rules.js';
import type { SamplingSettings, SamplingUpdate } from './types.js';

/** The defaults: keep everything, no budget. */
const DEFAULT_SETTINGS: SamplingSettings = {
  enabled: true,
  ratio: 1,
  traceRatio: null,
  spanRules: [],
  logRules: [],
  rateLimit: Infinity,
  errorRateLimit: Infinity,
};

/** Settings in force plus what the decisions need precomputed. Immutable: an update swaps the whole object. */
export interface SettingsSnapshot extends SamplingSettings {
  /** Probability of a root span that no rule matches (1 when sampling is off). */
  readonly rootProbability: Probability;
  /** Not applied while sampling is off. */
  readonly compiledSpanRules: readonly CompiledSpanRule[];
  /** Probability of a log record that no rule matches (1 when sampling is off). */
  readonly logProbability: Probability;
  readonly compiledLogRules: readonly CompiledLogRule[];
  /** Nothing can be dropped: every log record is forwarded without a decision. */
  readonly keepAllLogs: boolean;
}

function isRate(value: unknown): value is number {
  return typeof value === 'number' && value >= 0;
}

function showRate(value: number): string {
  return value === Infinity ? 'Infinity (no budget)' : String(value);
}

/** `changes` validated over `base`: a value that is not valid is reported and `base`'s is kept. */
function resolve(changes: SamplingUpdate, base: SamplingSettings): SamplingSettings {
  const pick = <K extends keyof SamplingSettings>(
    key: K,
    valid: (value: unknown) => boolean,
    accepted: string,
    showUsing: (value: SamplingSettings[K]) => string,
  ): SamplingSettings[K] => {
    const value: unknown = changes[key as keyof SamplingUpdate];
    if (value === undefined) return base[key];
    if (valid(value)) return value as SamplingSettings[K];
    warnInvalid(key, value, accepted, showUsing(base[key]));
    return base[key];
  };
  const list = <K extends 'spanRules' | 'logRules'>(key: K): SamplingSettings[K] => {
    const rules = pick(key, Array.isArray, 'an array of rules', (before) => `the ${before.length} rule(s) in force`);
    // A copy of a new list, so that later changes to the caller's array change nothing until the next update.
    return (rules === base[key] ? rules : [...rules]) as SamplingSettings[K];
  };
  return {
    enabled: pick('enabled', (v) => typeof v === 'boolean', 'true|false', String),
    ratio: pick('ratio', isRatio, 'a number from 0 to 1', String),
    traceRatio: pick('traceRatio', (v) => v === null || isRatio(v), 'a number from 0 to 1, or null to follow ratio', String),
    spanRules: list('spanRules'),
    logRules: list('logRules'),
    rateLimit: pick('rateLimit', isRate, 'a number of records per second >= 0, or Infinity', showRate),
    errorRateLimit: pick('errorRateLimit', isRate, 'a number of records per second >= 0, or Infinity', showRate),
  };
}

function snapshot(settings: SamplingSettings, previous: SettingsSnapshot | undefined): SettingsSnapshot {
  const { enabled } = settings;
  // Rules are compiled (and their problems reported) only when they change.
  const compiledSpanRules =
    previous && previous.spanRules === settings.spanRules ? previous.compiledSpanRules : compileSpanRules(settings.spanRules);
  const compiledLogRules =
    previous && previous.logRules === settings.logRules ? previous.compiledLogRules : compileLogRules(settings.logRules);
  const logProbability = probability(enabled ? settings.ratio : 1);
  return {
    ...settings,
    rootProbability: probability(enabled ? (settings.traceRatio ?? settings.ratio) : 1),
    compiledSpanRules,
    logProbability,
    compiledLogRules,
    keepAllLogs:
      !enabled ||
      (logProbability.value >= 1 &&
        compiledLogRules.length === 0 &&
        settings.rateLimit === Infinity &&
        settings.errorRateLimit === Infinity),
  };
}

/**
 * The one place the settings live, shared by the trace sampler and the log stages. Readers take
 * `current` once per decision; {@link update} replaces it whole, so a decision never sees half an update.
 */
export class SettingsStore {
  private _current: SettingsSnapshot;
  private readonly _listeners: Array<(settings: SettingsSnapshot) => void> = [];

  constructor(options: SamplingUpdate) {
    this._current = snapshot(resolve(options, DEFAULT_SETTINGS), undefined);
  }

  get current(): SettingsSnapshot {
    return this._current;
  }

  update(changes: SamplingUpdate): void {
    if (typeof changes !== 'object' || changes === null) {
      warnInvalid('update', changes, 'an object of settings', 'the current settings');
      return;
    }
    this._current = snapshot(resolve(changes, this._current), this._current);
    for (const listener of this._listeners) listener(this._current);
  }

  /** Calls `listener` after every update. */
  onUpdate(listener: (settings: SettingsSnapshot) => void): void {
    this._listeners.push(listener);
  }

  /** The public view of the settings in force. */
  settings(): SamplingSettings {
    const { enabled, ratio, traceRatio, spanRules, logRules, rateLimit, errorRateLimit } = this._current;
    return { enabled, ratio, traceRatio, spanRules, logRules, rateLimit, errorRateLimit };
  }
}
