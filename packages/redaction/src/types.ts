/**
 * The built-in detectors. Each name is also the `<type>` of the placeholder `[REDACTED:<type>]` it writes
 * and the key of its per-type count.
 */
export type BuiltinDetectorName =
  | 'anthropic_key'
  | 'openai_key'
  | 'deepseek_key'
  | 'google_api_key'
  | 'groq_key'
  | 'aws_access_key'
  | 'aws_session_token'
  | 'bedrock_api_key'
  | 'github_token'
  | 'gitlab_token'
  | 'slack_token'
  | 'stripe_key'
  | 'private_key'
  | 'jwt'
  | 'url_password'
  | 'cli_credential'
  | 'auth_header'
  | 'bearer_token'
  | 'secret_assignment'
  | 'known_secret'
  | 'card'
  | 'iban'
  | 'ssn'
  | 'email'
  | 'phone'
  | 'ip'
  | 'sensitive_key';

/**
 * Switches detectors on (`true`) or off (`false`) by name: a built-in name, or the `type` of one of your
 * `customPatterns`. Names left out keep their current state.
 */
export type DetectorSwitches = Partial<Record<BuiltinDetectorName, boolean>> & Record<string, boolean | undefined>;

/** A pattern of your own; every match is replaced by `[REDACTED:<type>]`. */
export interface CustomPattern {
  /** The placeholder type and the detector name to switch it with. Letters, digits, `_`, `.` and `-`. */
  type: string;
  /**
   * What to find. It runs on RE2JS, a linear-time engine (RE2's semantics), so no pattern can hang the
   * application: `/(a+)+b/` is fine. The `i`, `m` and `s` flags are honoured. Features RE2 lacks —
   * backreferences and look-around — make `createRedactor` throw a `TypeError` naming the pattern.
   * Custom patterns run on every string, without a pre-filter: about 0.1 µs per 100 characters each.
   */
  pattern: RegExp;
}

/** `mask` writes `[REDACTED:<type>]`; `hash` writes `[REDACTED:<type>:<12 hex chars of HMAC-SHA-256>]`. */
export type RedactionMode = 'mask' | 'hash';

/** Options of {@link createRedactor}. Environment variables are core's business: none is read here. */
export interface RedactorOptions {
  /** Start enabled. Default `true`. Switch at run time with `setEnabled`. */
  enabled?: boolean;
  /**
   * Detectors to switch on or off, e.g. `{ ip: true, phone: false }`.
   * Default: every built-in detector on except `ip`; every custom pattern on.
   */
  detectors?: DetectorSwitches;
  /** Extra patterns, each with its placeholder type. Default: none. */
  customPatterns?: CustomPattern[];
  /**
   * Key names whose whole value is replaced by `[REDACTED:sensitive_key]`, added to
   * `DEFAULT_SENSITIVE_KEYS`. A string matches keys that end with its words, case-insensitively, words
   * being split at `.`, `_`, `-`, spaces and camelCase (`api_key` matches `x-api-key`, `apiKey` and
   * `http.request.header.api_key`, not `api_key_id`); a RegExp is tested against the whole key.
   * Default: none beyond the defaults.
   */
  sensitiveKeys?: Array<string | RegExp>;
  /**
   * Keys whose values are never replaced and searched for secrets only, not for personal data (a route or a
   * model name is no e-mail address), added to `DEFAULT_ALLOW_KEYS`.
   * Exact names, or a prefix ending in `*` (`gen_ai.usage.*`). They win over `sensitiveKeys`.
   * Default: none beyond the defaults.
   */
  allowKeys?: string[];
  /**
   * Longest string kept, in UTF-16 code units; the rest is cut and replaced by
   * `...[TRUNCATED:<n> chars]`. The cut never splits a redacted secret. `Infinity` keeps everything.
   * Default 65536.
   */
  maxStringLength?: number;
  /** Deepest nesting of objects and arrays scanned; deeper values become `[REDACTED:depth]`. Default 16. */
  maxDepth?: number;
  /** Placeholder style. Default `'mask'`. */
  mode?: RedactionMode;
  /**
   * HMAC key of `mode: 'hash'`. Default: 32 random bytes per redactor, so hashes correlate only within one
   * process; pass the same key to every process to correlate across them.
   */
  hashKey?: string | Buffer;
  /**
   * Exact values redacted wherever they appear (`known_secret`), e.g. your API keys. Values shorter than
   * 8 characters are ignored. Default: `secretValuesFromEnv(process.env)`, read once at construction.
   */
  knownSecrets?: string[];
  /**
   * Called once per redacted value with its type and `1`, e.g. to feed a counter. Its exceptions are
   * swallowed. Default: none.
   */
  onRedact?: (type: string, count: number) => void;
}

/** Redacts values and keeps the counts; returned by {@link createRedactor}, shared by both processors. */
export interface Redactor {
  /**
   * Returns `value` with every sensitive substring replaced: a string comes back as a string; objects,
   * arrays, `Map`s, `Set`s and `Error`s come back as redacted copies (the argument is never mutated), or
   * as the very same value when nothing was found. Never throws.
   */
  redact(value: string): string;
  redact(value: unknown): unknown;
  /**
   * Like {@link redact} for a value stored under `key`: values under allow-listed keys are searched for
   * secrets only (not personal data), under sensitive keys replaced whole.
   */
  redactAttribute(key: string, value: unknown): unknown;
  /** An attribute name (or any key) with anything sensitive in it replaced; the same string when clean. */
  redactKey(key: string): string;
  /**
   * A copy of `attributes` with every key and value redacted (see {@link redactAttribute}), or the very
   * same object when nothing was found. Used for metric data points and resource attributes.
   */
  redactAttributes<T extends Readonly<Record<string, unknown>>>(attributes: T): T;
  /** Turns redaction on or off for every later call. */
  setEnabled(enabled: boolean): void;
  isEnabled(): boolean;
  /** Switches detectors by name; unknown names are reported once through `diag` and ignored. */
  setDetectors(switches: DetectorSwitches): void;
  /** Every detector name (built-in and custom) and whether it is on. */
  getDetectors(): Record<string, boolean>;
  /** Values redacted so far, by type (detector name, `error`, `depth`, `bytes`, `limit`, `truncated`). */
  getRedactionCounts(): Record<string, number>;
  /** Values redacted so far, all types together. */
  getRedactionTotal(): number;
}
