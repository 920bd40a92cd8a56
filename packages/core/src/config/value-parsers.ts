import { readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { MAX_TIMER_MILLIS } from '../export/queue-defaults.js';
/**
 * The types of configuration values: each parser checks one raw value (an option as given, or a variable's
 * trimmed text) and says in words what it accepts. Parsers never throw.
 */

/** Outcome of parsing one raw value. `detail` says what exactly is wrong, when the value alone does not. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; detail?: string };

/** A parser for one kind of value; gets the raw value as set (strings trimmed by `envValue`). */
export interface ValueParser<T> {
  /** Human list of accepted values, e.g. `true|false` or `a positive integer up to 600000`. */
  readonly accepted: string;
  parse(raw: unknown): Parsed<T>;
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

/** An `http:` or `https:` URL with a host, or `undefined`. */
export function httpUrl(raw: unknown): URL | undefined {
  if (typeof raw !== 'string') return undefined;
  try {
    const url = new URL(raw.trim());
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '') return url;
  } catch {
    // not a URL
  }
  return undefined;
}

/** An http(s) URL, returned as given (trimmed). */
export const httpUrlParser: ValueParser<string> = {
  accepted: 'an http:// or https:// URL',
  parse(raw) {
    return httpUrl(raw) ? { ok: true, value: (raw as string).trim() } : { ok: false };
  },
};

/** A PEM file path; the file is read here, once, so that a bad path is reported at start-up. */
export const pemFileParser: ValueParser<Buffer | undefined> = {
  accepted: 'the path of a readable PEM file',
  parse(raw) {
    if (typeof raw !== 'string' || raw.trim() === '') return { ok: false };
    try {
      return { ok: true, value: readFileSync(resolvePath(raw.trim())) };
    } catch (error) {
      return { ok: false, detail: (error as NodeJS.ErrnoException).code ?? 'unreadable' };
    }
  },
};

const OFF_WORDS = new Set(['off', 'none', 'false', '0']);

/** A folder path (resolved against the working folder), or `false` for `off`/`none`/`false`/`0`. */
/** A folder path, resolved against the working directory. */
export const folderPathParser: ValueParser<string> = {
  accepted: 'a folder path',
  parse(raw) {
    if (typeof raw !== 'string' || raw.trim() === '') return { ok: false };
    return { ok: true, value: resolvePath(raw.trim()) };
  },
};

export const spoolDirParser: ValueParser<string | false> = {
  accepted: 'a folder path, or "off"',
  parse(raw) {
    if (typeof raw !== 'string' || raw.trim() === '') return { ok: false };
    const text = raw.trim();
    if (OFF_WORDS.has(text.toLowerCase())) return { ok: true, value: false };
    return { ok: true, value: resolvePath(text) };
  },
};
