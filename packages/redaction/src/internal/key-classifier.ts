/** How a key's value is treated: scanned like any value, left alone, or replaced whole. */
export const KeyClass = { Normal: 0, Allowed: 1, Sensitive: 2 } as const;
export type KeyClass = (typeof KeyClass)[keyof typeof KeyClass];

/** Most distinct keys remembered; the cache is emptied when it fills (keys are normally a small fixed set). */
const CACHE_LIMIT = 10_000;

/** Lower-case words of a key: split at non-alphanumerics and at lower-to-upper camelCase boundaries. */
export function keyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

function endsWith(words: readonly string[], suffix: readonly string[]): boolean {
  if (suffix.length === 0 || suffix.length > words.length) return false;
  const offset = words.length - suffix.length;
  for (let i = 0; i < suffix.length; i++) if (words[offset + i] !== suffix[i]) return false;
  return true;
}

/**
 * Classifies keys as allowed (exact names or `prefix*`), sensitive (ends with a pattern's words, or
 * matches a RegExp pattern) or normal. Allowed wins. Results are cached per key.
 */
export class KeyClassifier {
  private readonly _exact: ReadonlySet<string>;
  private readonly _prefixes: readonly string[];
  private readonly _wordPatterns: readonly (readonly string[])[];
  private readonly _regexPatterns: readonly RegExp[];
  private readonly _cache = new Map<string, KeyClass>();

  constructor(allowKeys: readonly string[], sensitiveKeys: readonly (string | RegExp)[]) {
    this._exact = new Set(allowKeys.filter((k) => !k.endsWith('*')));
    this._prefixes = allowKeys.filter((k) => k.endsWith('*')).map((k) => k.slice(0, -1));
    this._wordPatterns = sensitiveKeys.filter((k): k is string => typeof k === 'string').map(keyWords).filter((w) => w.length > 0);
    this._regexPatterns = sensitiveKeys
      .filter((k): k is RegExp => k instanceof RegExp)
      .map((k) => new RegExp(k.source, k.flags.replace(/[gy]/g, '')));
  }

  classify(key: string): KeyClass {
    let cls = this._cache.get(key);
    if (cls === undefined) {
      cls = this._compute(key);
      if (this._cache.size >= CACHE_LIMIT) this._cache.clear();
      this._cache.set(key, cls);
    }
    return cls;
  }

  private _compute(key: string): KeyClass {
    if (this._exact.has(key) || this._prefixes.some((p) => key.startsWith(p))) return KeyClass.Allowed;
    const words = keyWords(key);
    if (this._wordPatterns.some((p) => endsWith(words, p)) || this._regexPatterns.some((r) => r.test(key))) {
      return KeyClass.Sensitive;
    }
    return KeyClass.Normal;
  }
}
