import { randomBytes } from 'node:crypto';
import { diag } from '@opentelemetry/api';
import {
  DEFAULT_ALLOW_KEYS,
  DEFAULT_DETECTORS,
  DEFAULT_MAX_DEPTH,
  DEFAULT_MAX_STRING_LENGTH,
  DEFAULT_SENSITIVE_KEYS,
} from './defaults.js';
import { compileDetectors } from './internal/compile-detectors.js';
import type { Detector } from './internal/detector.js';
import { BUILTIN_DETECTORS } from './internal/detectors/builtin.js';
import { compileCustomPattern, customDetector } from './internal/detectors/custom.js';
import { knownSecrets } from './internal/detectors/known-secrets.js';
import { KeyClassifier } from './internal/key-classifier.js';
import { hashPlaceholder, maskPlaceholder, type PlaceholderFn } from './internal/placeholder.js';
import type { RedactionContext } from './internal/redaction-context.js';
import { RedactionCounter } from './internal/redaction-counter.js';
import { recentCleanCache } from './internal/scan-string.js';
import { redactEntry, redactKey, redactValue } from './internal/walk-value.js';
import { Walk } from './internal/walk.js';
import { secretValuesFromEnv } from './secret-values-from-env.js';
import type { CustomPattern, DetectorSwitches, Redactor, RedactorOptions } from './types.js';

const PREFIX = '@sightline/redaction:';
const TYPE_NAME = /^[A-Za-z0-9_.-]{1,64}$/;

/** An option's value in a diagnostic: never throws (a Proxy, a throwing `toString`). */
function shown(value: unknown): string {
  try {
    return typeof value === 'object' && value !== null ? Object.prototype.toString.call(value) : String(value);
  } catch {
    return typeof value;
  }
}

function positiveOption(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && value >= 1 && (Number.isInteger(value) || value === Infinity)) return value;
  diag.warn(`${PREFIX} ${name}=${shown(value)} is not valid: expected an integer >= 1 or Infinity; using ${fallback}`);
  return fallback;
}

/** Most entries of a list option read: a sparse array of length 2^32 − 1 took 108 s to filter. */
const MAX_LIST_OPTION = 10_000;

/**
 * The entries of an array option that pass `keep`, the first {@link MAX_LIST_OPTION} of them; anything but
 * an array is reported and replaced by `fallback`.
 */
function listOption<T>(name: string, value: unknown, keep: (item: unknown) => item is T, fallback: () => T[]): T[] {
  if (value === undefined) return fallback();
  try {
    if (Array.isArray(value)) {
      const length = Math.min(value.length, MAX_LIST_OPTION);
      if (value.length > MAX_LIST_OPTION) diag.warn(`${PREFIX} ${name} has ${value.length} entries; using the first ${MAX_LIST_OPTION}`);
      const out: T[] = [];
      for (let i = 0; i < length; i++) {
        const item: unknown = value[i];
        if (keep(item)) out.push(item);
      }
      return out;
    }
  } catch {
    // a Proxy posing as an array: as if it were not one
  }
  diag.warn(`${PREFIX} ${name} is not an array; ignoring it`);
  return fallback();
}

const isString = (item: unknown): item is string => typeof item === 'string';
const isKeyPattern = (item: unknown): item is string | RegExp => typeof item === 'string' || item instanceof RegExp;

function validCustomPatterns(patterns: unknown): CustomPattern[] {
  const isEntry = (p: unknown): p is Partial<CustomPattern> | undefined => true;
  return listOption('customPatterns', patterns, isEntry, () => []).flatMap((p, i) => {
    try {
      // Each field read once: a getter could answer differently on a second read.
      const type = p?.type;
      const pattern = p?.pattern;
      if (typeof type === 'string' && TYPE_NAME.test(type) && pattern instanceof RegExp) return [{ type, pattern }];
    } catch {
      // an entry whose fields cannot be read
    }
    diag.warn(`${PREFIX} customPatterns[${i}] needs a type (letters, digits, _ . -) and a RegExp pattern; ignoring it`);
    return [];
  });
}

/**
 * Compiles the custom patterns for the linear-time engine. A pattern it cannot run (a backreference, a
 * look-around) is a configuration error: thrown, with the pattern and the reason, rather than ignored —
 * ignoring it would let through the very values it was written to catch.
 */
function customDetectors(patterns: readonly CustomPattern[]): Detector[] {
  return patterns.map((p, i) => {
    try {
      return customDetector(p, compileCustomPattern(p.pattern));
    } catch (error) {
      throw new TypeError(`${PREFIX} customPatterns[${i}] (${p.type}): ${error instanceof Error ? error.message : String(error)}`);
    }
  });
}

function placeholderOption(mode: unknown, key: string | Buffer | undefined): PlaceholderFn {
  if (mode !== undefined && mode !== 'mask' && mode !== 'hash') {
    diag.warn(`${PREFIX} mode=${shown(mode)} is not valid: expected mask|hash; using mask`);
  }
  if (mode !== 'hash') return maskPlaceholder;
  const valid = (typeof key === 'string' && key.length > 0) || (Buffer.isBuffer(key) && key.length > 0);
  if (key !== undefined && !valid) diag.warn(`${PREFIX} hashKey is empty or not a string/Buffer; using a random per-process key`);
  return hashPlaceholder(valid ? key : randomBytes(32));
}

function defineOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

class DefaultRedactor implements Redactor {
  private readonly _detectors: readonly Detector[];
  private readonly _keys: KeyClassifier;
  private readonly _counter: RedactionCounter;
  private readonly _placeholder: PlaceholderFn;
  private readonly _maxStringLength: number;
  private readonly _maxDepth: number;
  private readonly _reported = new Set<string>();
  private _switches: Record<string, boolean>;
  private _enabled: boolean;
  private _ctx: RedactionContext;

  constructor(options: RedactorOptions) {
    const known = knownSecrets(listOption('knownSecrets', options.knownSecrets, isString, () => secretValuesFromEnv(process.env)));
    const custom = customDetectors(validCustomPatterns(options.customPatterns));
    this._detectors = [...BUILTIN_DETECTORS, ...(known ? [known] : []), ...custom];
    this._keys = new KeyClassifier(
      [...DEFAULT_ALLOW_KEYS, ...listOption('allowKeys', options.allowKeys, isString, () => [])],
      [...DEFAULT_SENSITIVE_KEYS, ...listOption('sensitiveKeys', options.sensitiveKeys, isKeyPattern, () => [])],
    );
    this._counter = new RedactionCounter(typeof options.onRedact === 'function' ? options.onRedact : undefined);
    this._placeholder = placeholderOption(options.mode, options.hashKey);
    this._maxStringLength = positiveOption('maxStringLength', options.maxStringLength, DEFAULT_MAX_STRING_LENGTH);
    this._maxDepth = positiveOption('maxDepth', options.maxDepth, DEFAULT_MAX_DEPTH);
    this._enabled = options.enabled ?? true;
    this._switches = { ...DEFAULT_DETECTORS, ...Object.fromEntries(custom.map((d) => [d.name, true])) };
    this._ctx = this._compile();
    if (options.detectors !== undefined) this.setDetectors(options.detectors);
  }

  redact(value: string): string;
  redact(value: unknown): unknown;
  redact(value: unknown): unknown {
    if (!this._enabled) return value;
    const ctx = this._ctx;
    try {
      return redactValue(ctx, value, 0, undefined);
    } catch {
      return ctx.redacted('error');
    }
  }

  redactAttribute(key: string, value: unknown): unknown {
    if (!this._enabled) return value;
    const ctx = this._ctx;
    try {
      return redactEntry(ctx, key, value, 0, undefined);
    } catch {
      return ctx.redacted('error');
    }
  }

  redactKey(key: string): string {
    if (!this._enabled || typeof key !== 'string') return key;
    const ctx = this._ctx;
    try {
      return redactKey(ctx, key);
    } catch {
      return ctx.redacted('error');
    }
  }

  redactAttributes<T extends Readonly<Record<string, unknown>>>(attributes: T): T {
    if (!this._enabled || attributes === null || typeof attributes !== 'object') return attributes;
    const ctx = this._ctx;
    let keys: string[];
    try {
      keys = Object.keys(attributes);
    } catch {
      // A proxy whose keys cannot be listed: none of it can be searched, so none of it leaves.
      ctx.count('error');
      return {} as T;
    }
    const walk = new Walk();
    const values: unknown[] = [];
    let out: Record<string, unknown> | undefined;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      let value: unknown;
      let redacted: unknown;
      let newKey: string;
      try {
        value = attributes[key];
        redacted = redactEntry(ctx, key, value, 0, walk);
        newKey = redactKey(ctx, key, walk);
      } catch {
        redacted = ctx.redacted('error');
        newKey = key;
      }
      values.push(value);
      if (out === undefined && (redacted !== value || newKey !== key)) {
        out = {};
        for (let j = 0; j < i; j++) defineOwn(out, keys[j], values[j]);
      }
      if (out !== undefined) defineOwn(out, newKey, redacted);
    }
    return (out ?? attributes) as T;
  }

  setEnabled(enabled: boolean): void {
    this._enabled = enabled === true;
  }

  isEnabled(): boolean {
    return this._enabled;
  }

  setDetectors(switches: DetectorSwitches): void {
    if (switches === null || typeof switches !== 'object') {
      diag.warn(`${PREFIX} detectors must be an object of name: boolean; ignoring it`);
      return;
    }
    const next = { ...this._switches };
    let entries: [string, unknown][];
    try {
      // A 1 MiB Buffer passed here had a million entries, each reported: 1.3 s.
      if (Array.isArray(switches) || ArrayBuffer.isView(switches)) throw new TypeError('a list');
      entries = Object.entries(switches).slice(0, MAX_LIST_OPTION);
    } catch {
      diag.warn(`${PREFIX} detectors must be an object of name: boolean; ignoring it`);
      return;
    }
    for (const [name, on] of entries) {
      if (on === undefined) continue;
      if (!Object.hasOwn(next, name) || typeof on !== 'boolean') {
        this._reportOnce(`detector:${name}`, `${PREFIX} detectors.${name}=${shown(on)} is not valid: expected a known detector name and true|false; ignoring it`);
        continue;
      }
      next[name] = on;
    }
    this._switches = next;
    this._ctx = this._compile();
  }

  getDetectors(): Record<string, boolean> {
    return { ...this._switches };
  }

  getRedactionCounts(): Record<string, number> {
    return this._counter.byType();
  }

  getRedactionTotal(): number {
    return this._counter.total;
  }

  /** Builds the immutable snapshot every call reads; replaced whole on each switch. */
  private _compile(): RedactionContext {
    const switches = this._switches;
    const counter = this._counter;
    const placeholder = this._placeholder;
    const detectors = compileDetectors(this._detectors, (name) => switches[name] === true);
    const base = {
      keys: this._keys,
      sensitiveKeys: switches.sensitive_key === true,
      maxStringLength: this._maxStringLength,
      maxDepth: this._maxDepth,
      cleanStrings: new Set<string>(),
      recentClean: recentCleanCache(),
      redacted(type: string, original?: string) {
        counter.add(type);
        return placeholder(type, original);
      },
      count(type: string) {
        counter.add(type);
      },
    };
    const secretsOnly: RedactionContext = { ...base, cleanStrings: new Set(), recentClean: recentCleanCache(), detectors: { ...detectors, all: detectors.secrets }, get secretsOnly() { return secretsOnly; } };
    return { ...base, detectors, secretsOnly };
  }

  private _reportOnce(key: string, message: string): void {
    if (this._reported.has(key)) return;
    this._reported.add(key);
    diag.warn(message);
  }
}

/**
 * Creates a redactor: the detectors compiled once, the known secrets read once (from `knownSecrets`, else
 * from `process.env`), counts kept from here on. Share one redactor between the log and span processors
 * so run-time switches apply to both.
 */
export function createRedactor(options: RedactorOptions = {}): Redactor {
  return new DefaultRedactor(options);
}
