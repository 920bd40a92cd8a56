import { inspect } from 'node:util';

/**
 * Typed readers for configuration values, with one-line diagnostics.
 *
 * Every setting is read from a chain of candidates (options first, then environment variables,
 * most specific first). The first candidate that is set and valid wins; each candidate that is set
 * but invalid adds exactly one problem line naming it, its value, what is accepted, and the value
 * finally used. Readers never throw.
 */

/** Outcome of parsing one raw value. `detail` says what exactly is wrong, when the value alone does not. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; detail?: string };

/** A parser for one kind of value; gets the raw value as set (strings trimmed by {@link envValue}). */
export interface ValueParser<T> {
  /** Human list of accepted values, e.g. `true|false` or `a positive integer up to 600000`. */
  readonly accepted: string;
  parse(raw: unknown): Parsed<T>;
}

/** One place a setting may come from: an option (`options.logLevel`) or a variable (`SIGHTLINE_LOG_LEVEL`). */
export interface Candidate<T> {
  /** What the problem line names: the variable or `options.<path>`. */
  readonly label: string;
  /** The raw value; `undefined` means not set. */
  readonly raw: unknown;
  readonly parser: ValueParser<T>;
}

/** Longest echo of a bad value in a problem line; a longer value is cut and its length given. */
const MAX_SHOWN_CHARS = 80;

/** Longest explanation in a problem line. */
const MAX_DETAIL_CHARS = 300;

/** Most items of a list spelled out in one problem line. */
const MAX_LISTED_ITEMS = 5;

/** `"a", "b", "c", "d", "e" and 7 more`: a list of bad items, bounded. */
export function showList(items: readonly unknown[]): string {
  const shown = items.slice(0, MAX_LISTED_ITEMS).map(show).join(', ');
  const more = items.length - MAX_LISTED_ITEMS;
  return more > 0 ? `${shown} and ${more} more` : shown;
}

/** Largest delay Node's timers honour (2^31 - 1 ms); a larger one fires after 1 ms. */
export const MAX_TIMER_MILLIS = 2_147_483_647;

/** A value as it appears in a problem line: strings JSON-quoted and cut to a readable length. */
export function show(value: unknown): string {
  if (typeof value === 'string') {
    if (value.length <= MAX_SHOWN_CHARS) return JSON.stringify(value);
    return `${JSON.stringify(value.slice(0, MAX_SHOWN_CHARS))}… (${value.length} chars)`;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  try {
    const text = inspect(value, { depth: 0, breakLength: Infinity, maxArrayLength: 5, maxStringLength: MAX_SHOWN_CHARS });
    return text.length <= MAX_SHOWN_CHARS * 2 ? text : `${text.slice(0, MAX_SHOWN_CHARS * 2)}…`;
  } catch {
    return `<${typeof value}>`;
  }
}

/** The problem line for a bad value: `LABEL="value" is not valid (detail): expected …; using …`. */
export function invalidValue(label: string, raw: unknown, accepted: string, using: string, detail?: string): string {
  const shortDetail = detail && detail.length > MAX_DETAIL_CHARS ? `${detail.slice(0, MAX_DETAIL_CHARS)}…` : detail;
  const why = shortDetail ? ` (${shortDetail})` : '';
  return `${label}=${show(raw)} is not valid${why}: expected ${accepted}; using ${using}`;
}

/** Adds a problem line unless the same line is already there (a shared variable is read once per signal). */
export function report(problems: string[], line: string): void {
  if (!problems.includes(line)) problems.push(line);
}

/**
 * The trimmed value of an environment variable; `undefined` when unset, empty or only whitespace
 * (the OpenTelemetry rule: an empty value means unset).
 */
export function envValue(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw: unknown = env[name];
  if (typeof raw !== 'string') return undefined;
  const trimmed = raw.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** The trimmed value of a variable, keeping an explicitly empty value as `''` (unset stays `undefined`). */
export function envValueKeepEmpty(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw: unknown = env[name];
  return typeof raw === 'string' ? raw.trim() : undefined;
}

/**
 * The value of the first set and valid candidate, else `fallback`. Each set but invalid candidate
 * before it adds one problem line that ends with the value finally used (`showUsing`).
 */
export function pick<T>(
  candidates: ReadonlyArray<Candidate<T>>,
  fallback: T,
  problems: string[],
  showUsing: (value: T) => string = show,
): T {
  return pickEach({ only: candidates }, { only: fallback }, problems, showUsing).only;
}

/**
 * {@link pick} for several settings at once (one per signal) whose chains share candidates, such as
 * `OTEL_EXPORTER_OTLP_PROTOCOL`: a shared candidate that is invalid yields ONE line, listing the
 * values used in its place when they differ.
 */
export function pickEach<K extends string, T>(
  chains: Readonly<Record<K, ReadonlyArray<Candidate<T>>>>,
  fallbacks: Readonly<Record<K, T>>,
  problems: string[],
  showUsing: (value: T) => string = show,
): Record<K, T> {
  const rejected = new Map<string, { candidate: Candidate<T>; detail?: string; usings: Set<string> }>();
  const results = {} as Record<K, T>;
  for (const key of Object.keys(chains) as K[]) {
    let result = fallbacks[key];
    const rejectedHere: string[] = [];
    for (const candidate of chains[key]) {
      if (candidate.raw === undefined) continue;
      const parsed = candidate.parser.parse(candidate.raw);
      if (parsed.ok) {
        result = parsed.value;
        break;
      }
      if (!rejected.has(candidate.label)) {
        rejected.set(candidate.label, { candidate, detail: parsed.detail, usings: new Set() });
      }
      rejectedHere.push(candidate.label);
    }
    results[key] = result;
    for (const label of rejectedHere) rejected.get(label)?.usings.add(showUsing(result));
  }
  for (const { candidate, detail, usings } of rejected.values()) {
    const line = invalidValue(candidate.label, candidate.raw, candidate.parser.accepted, [...usings].join(', '), detail);
    report(problems, line);
  }
  return results;
}

/** A candidate read from the environment (trimmed; empty means unset). */
export function fromEnv<T>(env: NodeJS.ProcessEnv, name: string, parser: ValueParser<T>): Candidate<T> {
  return { label: name, raw: envValue(env, name), parser };
}

/** A candidate given programmatically; `undefined` means not set. */
export function fromOption<T>(path: string, raw: unknown, parser: ValueParser<T>): Candidate<T> {
  return { label: `options.${path}`, raw, parser };
}

/** `true|false`, case-insensitive; an option must be a real boolean. */
export const booleanParser: ValueParser<boolean> = {
  accepted: 'true|false',
  parse(raw) {
    if (typeof raw === 'boolean') return { ok: true, value: raw };
    if (typeof raw !== 'string') return { ok: false };
    const lower = raw.trim().toLowerCase();
    if (lower === 'true') return { ok: true, value: true };
    if (lower === 'false') return { ok: true, value: false };
    return { ok: false };
  },
};

/** Plain decimal notation (`1000`, `0.25`, `1e3`); hex, `Infinity` and the like are refused. */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function toNumber(raw: unknown): number | undefined {
  if (typeof raw === 'number') return raw;
  if (typeof raw !== 'string') return undefined;
  const text = raw.trim();
  return DECIMAL.test(text) ? Number(text) : undefined;
}

/** An integer in `[min, max]`. */
export function integerParser(min: number, max: number): ValueParser<number> {
  const accepted =
    min === 1 ? `a positive integer up to ${max}` : `an integer from ${min} to ${max}`;
  return {
    accepted,
    parse(raw) {
      const value = toNumber(raw);
      if (value === undefined || !Number.isInteger(value) || value < min || value > max) return { ok: false };
      return { ok: true, value };
    },
  };
}

/** A finite number in `[min, max]`. */
export function numberParser(min: number, max: number): ValueParser<number> {
  return {
    accepted: `a number from ${min} to ${max}`,
    parse(raw) {
      const value = toNumber(raw);
      if (value === undefined || !(value >= min && value <= max)) return { ok: false };
      return { ok: true, value };
    },
  };
}

/** A positive number of milliseconds that Node's timers can honour. */
export const millisParser = integerParser(1, MAX_TIMER_MILLIS);

/** A ratio in `[0, 1]`. */
export const ratioParser: ValueParser<number> = {
  accepted: 'a number from 0 to 1',
  parse(raw) {
    const value = toNumber(raw);
    if (value === undefined || !(value >= 0 && value <= 1)) return { ok: false };
    return { ok: true, value };
  },
};

/** One of `values`, case-insensitive and trimmed; the canonical (listed) spelling is returned. */
export function enumParser<T extends string>(values: readonly T[], note?: (lower: string) => string | undefined): ValueParser<T> {
  return {
    accepted: values.join('|'),
    parse(raw) {
      if (typeof raw !== 'string') return { ok: false };
      const lower = raw.trim().toLowerCase();
      const found = values.find((v) => v.toLowerCase() === lower);
      if (found !== undefined) return { ok: true, value: found };
      return { ok: false, detail: note?.(lower) };
    },
  };
}

/** A string that is not empty after trimming. */
export const nonEmptyStringParser: ValueParser<string> = {
  accepted: 'a non-empty string',
  parse(raw) {
    if (typeof raw !== 'string' || raw.trim() === '') return { ok: false };
    return { ok: true, value: raw.trim() };
  },
};

/** The items of a comma list, trimmed, empty items dropped. */
export function splitList(text: string): string[] {
  const items: string[] = [];
  for (const part of text.split(',')) {
    const item = part.trim();
    if (item !== '') items.push(item);
  }
  return items;
}

/** Why one entry of a `k=v,k2=v2` list was skipped. `key` is the entry's key when it has one. */
export interface KeyValueEntryIssue {
  /** 1-based position of the entry among the comma-separated parts. */
  readonly position: number;
  readonly key?: string;
  readonly reason: string;
}

/** Why a check refused an entry. */
export interface EntryRefusal {
  readonly reason: string;
  /** Whether the key may appear in a problem line. */
  readonly showKey: boolean;
}

export interface KeyValueListResult {
  readonly entries: Array<[key: string, value: string]>;
  readonly issues: KeyValueEntryIssue[];
}

export interface KeyValueListOptions {
  /** Ignore W3C baggage properties (`k=v;prop`), as the OTLP header variables allow. Default false. */
  readonly baggageProperties?: boolean;
  /**
   * Extra check of a decoded entry; returns why it is refused, and whether the key is fit to be shown
   * (a key that is itself malformed may be a mistyped secret, e.g. `token:abc=`).
   */
  readonly check?: (key: string, value: string) => EntryRefusal | undefined;
}

/**
 * Parses `k=v,k2=v2` with percent-decoded keys and values (the format of `OTEL_RESOURCE_ATTRIBUTES`
 * and `OTEL_EXPORTER_OTLP_HEADERS`). An entry splits at its first `=`, so values may contain `=`
 * (base64 padding). Empty parts are ignored; malformed entries are skipped and described in `issues`.
 */
export function parseKeyValueList(text: string, options: KeyValueListOptions = {}): KeyValueListResult {
  const entries: Array<[string, string]> = [];
  const issues: KeyValueEntryIssue[] = [];
  const parts = text.split(',');
  for (let i = 0; i < parts.length; i++) {
    const position = i + 1;
    let part = parts[i];
    if (options.baggageProperties) {
      const semicolon = part.indexOf(';');
      if (semicolon !== -1) part = part.slice(0, semicolon);
    }
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    if (eq === -1) {
      issues.push({ position, reason: 'no "="' });
      continue;
    }
    const rawKey = part.slice(0, eq).trim();
    if (rawKey === '') {
      issues.push({ position, reason: 'empty key' });
      continue;
    }
    const key = percentDecode(rawKey);
    if (key === undefined) {
      issues.push({ position, reason: 'bad percent-encoding in the key' });
      continue;
    }
    const value = percentDecode(part.slice(eq + 1).trim());
    if (value === undefined) {
      issues.push({ position, key, reason: 'bad percent-encoding in the value' });
      continue;
    }
    const refused = options.check?.(key, value);
    if (refused !== undefined) {
      issues.push({ position, key: refused.showKey ? key : undefined, reason: refused.reason });
      continue;
    }
    entries.push([key, value]);
  }
  return { entries, issues };
}

function percentDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/**
 * `#2 key "x": bad percent-encoding in the value; #3: no "="` — positions and keys only, so that a line
 * about a list of secrets never echoes one.
 */
export function describeIssues(issues: readonly KeyValueEntryIssue[]): string {
  const listed = issues.slice(0, MAX_LISTED_ITEMS).map((issue) => {
    const key = issue.key === undefined ? '' : ` key ${show(issue.key)}`;
    return `#${issue.position}${key}: ${issue.reason}`;
  });
  const more = issues.length - listed.length;
  if (more > 0) listed.push(`and ${more} more`);
  return listed.join('; ');
}

/** Whether `value` is a plain object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Sets an own enumerable property, so that even a key like `__proto__` is kept as data. */
export function setOwn<V>(target: Record<string, V>, key: string, value: V): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** An array option (`options.<path>`), copied; anything else is reported once and replaced by `[]`. */
export function arrayOption<T>(path: string, raw: unknown, problems: string[]): T[] {
  if (raw === undefined) return [];
  if (Array.isArray(raw)) return [...raw] as T[];
  report(problems, invalidValue(`options.${path}`, raw, 'an array', '[]'));
  return [];
}

/** An object option (`options.<path>`), copied; anything else is reported once and replaced by `{}`. */
export function recordOption<T extends object>(path: string, raw: unknown, problems: string[]): T {
  if (raw === undefined) return {} as T;
  if (isRecord(raw)) return { ...raw } as T;
  report(problems, invalidValue(`options.${path}`, raw, 'an object', '{}'));
  return {} as T;
}
