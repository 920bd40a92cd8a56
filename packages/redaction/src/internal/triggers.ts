/**
 * One pass over a string's characters that says which detectors could find something in it. Each
 * detector declares the {@link Trigger} bits it needs; a string whose pass sets none of them is not
 * searched at all, so the common case — a log line or attribute with nothing to redact — costs one loop
 * of table look-ups and integer hashing, with no regex and no allocation.
 *
 * A trigger must fire on every string its detectors could match (a detector test checks this for each
 * vector): it is a necessary condition, never a sufficient one.
 */
export const Trigger = {
  /** 8 or more digits in one run of digit groups (`4111 1111`, `+44 20 7946`, `123-45-6789`). */
  Digits: 1,
  /** A word starting with two letters and two digits: an IBAN's country code and check digits. */
  Iban: 2,
  /** `@`: e-mail addresses, `user:password@host`. */
  At: 4,
  /** `:` or `=` after a secret-carrying word (`password=`, `"apiToken":`, `Authorization:`). */
  Pair: 8,
  /** `Bearer `/`Basic `/`Token ` and command-line flags (`-u`, `--password`, `--token`). */
  Credential: 16,
  /** A token prefix followed by `-`, `_` or `.`: `sk-`, `ghp_`, `glpat-`, `xoxb-`, `hooks.`… */
  Prefix: 32,
  /** A run starting `AKIA`, `ASIA`, `ABIA`, `ACCA`, `AIza`, `eyJ`, `ABSK`, `GR13`, `FwoG`, `IQoJ`, `AQoD` or `BEGI`. */
  Marker: 64,
  /** A `.` between digits, or `::`/hex`:`hex: IP addresses. */
  Ip: 128,
  /** `%` and two hex digits: a percent-encoded string, also searched decoded. */
  Percent: 256,
} as const;

/** Every trigger bit. */
export const ALL_TRIGGERS = 511;

// Character classes.
const DIGIT = 1;
const UPPER = 2;
const LOWER = 4;
const JOINER = 8; // - _ .
const KEEP = 16; // " ' \ space tab: kept between a name and its `:`/`=`
const PAIR = 32; // : =
const DIGIT_SEP = 64; // space - . / ( ) +
const HEX = 128;

const CLASS = new Uint8Array(128);
for (let c = 48; c <= 57; c++) CLASS[c] = DIGIT | HEX;
for (let c = 65; c <= 90; c++) CLASS[c] = UPPER | (c <= 70 ? HEX : 0);
for (let c = 97; c <= 122; c++) CLASS[c] = LOWER | (c <= 102 ? HEX : 0);
for (const c of '-_.') CLASS[c.charCodeAt(0)] |= JOINER;
for (const c of `"'\\ \t`) CLASS[c.charCodeAt(0)] |= KEEP;
for (const c of ':=') CLASS[c.charCodeAt(0)] |= PAIR;
for (const c of ' -./()+') CLASS[c.charCodeAt(0)] |= DIGIT_SEP;

/** Hashes stay within 30 bits: small integers to V8 (no heap numbers, fast `Set` look-ups). */
const HASH_MASK = 0x3fffffff;

/** The hash the scan computes for a lower-case word; exported for the tests. */
export function wordHash(word: string): number {
  let h = 0;
  for (let i = 0; i < word.length; i++) h = (Math.imul(h, 31) + (word.charCodeAt(i) | 32)) & HASH_MASK;
  return h;
}

const hashes = (words: readonly string[]): ReadonlySet<number> => new Set(words.map(wordHash));

/**
 * Last words of a name whose `:`/`=` value is looked at (see `secret-assignment.ts` for which values are
 * redacted): the last camelCase/snake/kebab word of `client_secret`, `refreshToken`, `x-api-key`.
 */
export const PAIR_WORDS: readonly string[] = [
  'password', 'passwd', 'pwd', 'pass', 'passphrase', 'passcode', 'secret', 'secrets', 'token', 'key', 'apikey',
  'credential', 'credentials', 'creds', 'authorization', 'auth', 'cookie', 'jwt', 'signature', 'sig', 'otp',
];
const PAIR_HASHES = hashes(PAIR_WORDS);

/** Words before a space that announce a credential: `Bearer …`, `Basic …`, `Token …`, `ApiKey …`. */
const CREDENTIAL_HASHES = hashes(['bearer', 'basic', 'token', 'apikey']);

/** Command-line flags (after `-` or `--`) followed by a credential. */
export const CLI_FLAGS: readonly string[] = [
  'u', 'user', 'password', 'passwd', 'pass', 'token', 'secret', 'apikey', 'key', 'auth',
];
const CLI_HASHES = hashes(CLI_FLAGS);

/** Token prefixes, each followed by `-`, `_` or `.` in the tokens that carry it. */
export const TOKEN_PREFIXES: readonly string[] = [
  'sk', 'rk', 'pk', 'gsk', 'ghp', 'gho', 'ghu', 'ghs', 'ghr', 'github', 'whsec', 'hooks', 'bedrock', 'gitlab',
  'glpat', 'gldt', 'glrt', 'glrtr', 'glcbt', 'glptt', 'glft', 'glimt', 'glagent', 'gloas', 'glsoat', 'glffct', 'glwt',
  'xoxa', 'xoxb', 'xoxc', 'xoxd', 'xoxe', 'xoxo', 'xoxp', 'xoxr', 'xoxs', 'xapp',
];
const PREFIX_HASHES = hashes(TOKEN_PREFIXES);

/** First four characters of marker runs, packed as 4 × 7 bits; `eyJ` matches on three (see below). */
export const MARKERS: readonly string[] = ['AKIA', 'ASIA', 'ABIA', 'ACCA', 'AIza', 'ABSK', 'GR13', 'FwoG', 'IQoJ', 'AQoD', 'BEGI'];
const pack = (s: string): number =>
  ((s.charCodeAt(0) << 21) | (s.charCodeAt(1) << 14) | (s.charCodeAt(2) << 7) | s.charCodeAt(3));
const MARKER_CODES = new Set(MARKERS.map(pack));
/** `A`, `B`, `F`, `G`, `I`, `e`: the first characters of markers. */
const MARKER_START = new Uint8Array(128);
for (const m of [...MARKERS, 'eyJ']) MARKER_START[m.charCodeAt(0)] = 1;

function isHex(c: number): boolean {
  return c < 128 && (CLASS[c] & HEX) !== 0;
}

/** Up to this length a string is classified by {@link scanShort}; longer ones by {@link scanLong}. */
const SHORT = 40;
/** Longer strings than this are classified by {@link scanHuge}. */
const LONG = 4096;

/**
 * The {@link Trigger} bits of `s` among `wanted`. Two loops, chosen by length: a short string (an
 * attribute value, an id) is classified by {@link scanShort}, which hashes every run as it reads it; a
 * longer one (a log line) by {@link scanLong}, which reads each letter with one comparison and looks back
 * only at the few characters that can end a trigger word; a very long one (over 4 096 characters) by
 * {@link scanHuge}, whose searches stop at their first match.
 */
export function scanTriggers(s: string, wanted = ALL_TRIGGERS): number {
  if (s.length <= SHORT) return scanShort(s) & wanted;
  return s.length <= LONG ? scanLong(s, wanted) : scanHuge(s, wanted);
}

const PERCENT_AT = /%[0-9A-Fa-f]{2}/y;
/** Command-line flags that take a credential (a superset of what `cli_credential` accepts); run only after a `--` or `-u`. */
const CLI = /-(?:u|-[A-Za-z-]{0,40}(?:user|pass|passwd|password|token|secret|key|auth))[ \t=]/i;
function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || isLetter(c);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Hash of the last letters-only word (camelCase split) ending before `end`, past spaces, quotes and `\`. */
function wordHashBefore(s: string, end: number): number {
  let i = end;
  let skipped = 0;
  while (i > 0 && skipped < 12) {
    const c = s.charCodeAt(i - 1);
    if (c === 32 || c === 9 || c === 34 || c === 39 || c === 92) {
      i--;
      skipped++;
    } else break;
  }
  const wordEnd = i;
  while (i > 0 && wordEnd - i < 64 && isLetter(s.charCodeAt(i - 1))) {
    // A capital after a lower-case letter starts the last camelCase word.
    const c = s.charCodeAt(i - 1);
    i--;
    if (c >= 65 && c <= 90 && i > 0 && s.charCodeAt(i - 1) >= 97 && s.charCodeAt(i - 1) <= 122) break;
  }
  let h = 0;
  for (let k = i; k < wordEnd; k++) h = (Math.imul(h, 31) + (s.charCodeAt(k) | 32)) & HASH_MASK;
  return h;
}

/** Whether the joiner at `end` follows a token prefix (a whole alphanumeric run of up to 8 characters). */
function prefixBefore(s: string, end: number): boolean {
  if (end === 0 || !isLetter(s.charCodeAt(end - 1))) return false; // every prefix ends in a letter
  let start = end;
  while (start > 0 && end - start < 9 && isAlnum(s.charCodeAt(start - 1))) start--;
  if (end - start > 8 || (start > 0 && isAlnum(s.charCodeAt(start - 1)))) return false;
  let h = 0;
  for (let k = start; k < end; k++) h = (Math.imul(h, 31) + (s.charCodeAt(k) | 32)) & HASH_MASK;
  return PREFIX_HASHES.has(h);
}

/** Whether one of the marker runs (`AKIA`, `eyJ`, `BEGI`…) starts at `i`, whose character is `c`. */
function markerAt(s: string, i: number, c: number): boolean {
  const c1 = s.charCodeAt(i + 1);
  const c2 = s.charCodeAt(i + 2);
  if (c === 101) return c1 === 121 && c2 === 74; // eyJ
  if (c === 65 && c1 === 51) return c2 === 84; // A3T
  const code = (c << 21) | (c1 << 14) | (c2 << 7) | s.charCodeAt(i + 3);
  return MARKER_CODES.has(code);
}

/**
 * Whether `word` (lower case) is written at `start` as people write it: `bearer`, `Bearer` or `BEARER`
 * (and `apiKey`, `ApiKey`, `APIKEY` for `apikey`, whose `k` may be a capital).
 */
function wordAt(s: string, start: number, word: string): boolean {
  const first = s.charCodeAt(start);
  const w0 = word.charCodeAt(0);
  if (first !== w0 && first !== w0 - 32) return false;
  const upper = first === w0 - 32 && s.charCodeAt(start + 1) === word.charCodeAt(1) - 32;
  for (let k = 1; k < word.length; k++) {
    const c = s.charCodeAt(start + k);
    const w = word.charCodeAt(k);
    if (c === (upper ? w - 32 : w)) continue;
    if (!upper && k === 3 && w === 107 && c === 75) continue; // apiKey
    return false;
  }
  return true;
}

/** Whether a credential word (`Bearer`, `Basic`, `Token`, `ApiKey`) ends at the space or tab at `i`. */
function credentialWordBefore(s: string, i: number): boolean {
  switch (s.charCodeAt(i - 1) | 32) {
    case 114: // r
      return i >= 6 && wordAt(s, i - 6, 'bearer');
    case 99: // c
      return i >= 5 && wordAt(s, i - 5, 'basic');
    case 110: // n
      return i >= 5 && wordAt(s, i - 5, 'token');
    case 121: // y
      return i >= 6 && wordAt(s, i - 6, 'apikey');
    default:
      return false;
  }
}

/**
 * The {@link Trigger} bits of a long string, in one loop: a letter costs one comparison (and `e`, `A`,
 * `B`, `F`, `G`, `I` a look at the next characters, for the marker runs); digits count towards a digit
 * run; the characters that can end a trigger (`:`, `=`, `-`, `_`, `.`, space, `@`, `%`) look back at the
 * word before them. Reports exactly what the regex formulation in the tests (`scanLongReference`) reports.
 */
export function scanLong(s: string, wanted = ALL_TRIGGERS): number {
  let bits = 0;
  const n = s.length;
  // Digits in the current run of digit groups, and separators since its last digit.
  let digits = 0;
  let seps = 0;
  let cli = false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 97 && c <= 122) {
      digits = 0;
      if (c === 101 && s.charCodeAt(i + 1) === 121 && s.charCodeAt(i + 2) === 74) bits |= Trigger.Marker;
      continue;
    }
    if (c >= 48 && c <= 57) {
      if (seps > 2) digits = 0;
      seps = 0;
      if (++digits >= 8) bits |= Trigger.Digits;
      // An IBAN's start: two letters at the start of a run, then two digits.
      if (digits === 1 && i >= 2 && isDigit(s.charCodeAt(i + 1)) && isLetter(s.charCodeAt(i - 1)) && isLetter(s.charCodeAt(i - 2)) && (i === 2 || !isAlnum(s.charCodeAt(i - 3)))) {
        bits |= Trigger.Iban;
      }
      continue;
    }
    if (c >= 65 && c <= 90) {
      digits = 0;
      if ((c === 65 || c === 66 || c === 70 || c === 71 || c === 73) && markerAt(s, i, c)) bits |= Trigger.Marker;
      continue;
    }
    switch (c) {
      case 32: // space
      case 9: // tab
        if (i >= 5 && credentialWordBefore(s, i)) bits |= Trigger.Credential;
        break;
      case 45: // -
        if (prefixBefore(s, i)) bits |= Trigger.Prefix;
        if (!cli) {
          const next = s.charCodeAt(i + 1);
          cli = next === 45 || next === 117 || next === 85;
        }
        break;
      case 95: // _
        digits = 0;
        if (prefixBefore(s, i)) bits |= Trigger.Prefix;
        continue;
      case 46: // .
        if (prefixBefore(s, i)) bits |= Trigger.Prefix;
        if (i > 0 && isDigit(s.charCodeAt(i - 1)) && isDigit(s.charCodeAt(i + 1))) bits |= Trigger.Ip;
        break;
      case 58: // :
        if (PAIR_HASHES.has(wordHashBefore(s, i))) bits |= Trigger.Pair;
        if (s.charCodeAt(i + 1) === 58 || (i > 0 && isHex(s.charCodeAt(i - 1)) && isHex(s.charCodeAt(i + 1)))) bits |= Trigger.Ip;
        break;
      case 61: // =
        if (PAIR_HASHES.has(wordHashBefore(s, i))) bits |= Trigger.Pair;
        break;
      case 64: // @
        bits |= Trigger.At;
        break;
      case 37: // %
        PERCENT_AT.lastIndex = i;
        if (PERCENT_AT.test(s)) bits |= Trigger.Percent;
        break;
    }
    // Digit groups continue over up to two of ` ().\/+-`.
    if (c === 32 || c === 45 || c === 46 || c === 47 || c === 40 || c === 41 || c === 43) seps++;
    else digits = 0;
  }
  if (cli && (wanted & Trigger.Credential) !== 0 && CLI.test(s)) bits |= Trigger.Credential;
  return bits & wanted;
}

const AT_OR_PERCENT = /[@%]/;
const PERCENT = /%[0-9A-Fa-f]{2}/;
const DIGITS = /\d(?:[ ().\/+-]{0,2}\d){7}/;
const IBAN = /(?<![A-Za-z0-9])[A-Za-z]{2}\d\d/;
const MARKER = /A(?:KIA|SIA|BIA|CCA|Iza|BSK|QoD|3T)|eyJ|GR13|FwoG|IQoJ|BEGI/;
/** `Bearer `, `Basic `, `Token `, `ApiKey ` in the cases people write them. */
const CREDENTIAL_WORD = /[Bb]earer[ \t]|[Bb]asic[ \t]|[Tt]oken[ \t]|[Aa]pi[Kk]ey[ \t]|BEARER[ \t]|BASIC[ \t]|TOKEN[ \t]|APIKEY[ \t]/;
const IP = /\d\.\d|::|[0-9A-Fa-f]:[0-9A-Fa-f]/;


/** Whether some `joiner` in `s` follows a token prefix (a whole alphanumeric run of up to 8 characters). */
function someJoinerAfterPrefix(s: string, joiner: string): boolean {
  for (let end = s.indexOf(joiner); end !== -1; end = s.indexOf(joiner, end + 1)) {
    if (end === 0 || !isLetter(s.charCodeAt(end - 1))) continue; // every prefix ends in a letter
    if (prefixBefore(s, end)) return true;
  }
  return false;
}

/** Whether some `:` or `=` (`sign`) in `s` follows a secret-carrying word. */
function pairAfterSecretWord(s: string, sign: string): boolean {
  for (let at = s.indexOf(sign); at !== -1; at = s.indexOf(sign, at + 1)) {
    if (PAIR_HASHES.has(wordHashBefore(s, at))) return true;
  }
  return false;
}

/**
 * The {@link Trigger} bits of a very long string, by a few native regex searches that each stop at their
 * first match: on a long string full of trigger characters (adversarial input, a dump) this stops early
 * where the one-loop {@link scanLong} would look at every character.
 */
export function scanHuge(s: string, wanted = ALL_TRIGGERS): number {
  let bits = 0;
  if ((wanted & Trigger.Digits) !== 0 && DIGITS.test(s)) bits |= Trigger.Digits;
  if ((wanted & Trigger.Iban) !== 0 && IBAN.test(s)) bits |= Trigger.Iban;
  if ((wanted & Trigger.Marker) !== 0 && MARKER.test(s)) bits |= Trigger.Marker;
  if ((wanted & Trigger.Credential) !== 0 && (CLI.test(s) || CREDENTIAL_WORD.test(s))) bits |= Trigger.Credential;
  if ((wanted & Trigger.Ip) !== 0 && IP.test(s)) bits |= Trigger.Ip;
  if (AT_OR_PERCENT.test(s)) {
    if (s.includes('@')) bits |= Trigger.At;
    if (PERCENT.test(s)) bits |= Trigger.Percent;
  }
  if ((wanted & Trigger.Pair) !== 0 && (pairAfterSecretWord(s, ':') || pairAfterSecretWord(s, '='))) bits |= Trigger.Pair;
  if ((wanted & Trigger.Prefix) !== 0 && (someJoinerAfterPrefix(s, '-') || someJoinerAfterPrefix(s, '_') || someJoinerAfterPrefix(s, '.'))) bits |= Trigger.Prefix;
  return bits & wanted;
}

/** The {@link Trigger} bits of a short string: one table look-up and a few integer operations per character. */
export function scanShort(s: string): number {
  let bits = 0;
  const n = s.length;
  // Digit groups: digits in the current run of groups, and separators since the last digit.
  let digits = 0;
  let seps = 0;
  // Alphanumeric run: its length, start, lower-case hash, and whether a `-` precedes it.
  let runLen = 0;
  let runStart = 0;
  let runHash = 0;
  let runDashed = false;
  // Letters-only word (split at camelCase): its hash and length; the last finished word's hash.
  let segHash = 0;
  let segLen = 0;
  let lastSeg = 0;
  let prevLower = false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    const cls = c < 128 ? CLASS[c] : 0;
    if ((cls & (DIGIT | UPPER | LOWER)) !== 0) {
      if (runLen === 0) {
        runStart = i;
        runHash = 0;
        runDashed = i > 0 && s.charCodeAt(i - 1) === 45;
      }
      runLen++;
      runHash = (Math.imul(runHash, 31) + (c | 32)) & HASH_MASK;
      if (runLen === 3 && MARKER_START[s.charCodeAt(runStart)] === 1) {
        if (c === 74 && s.charCodeAt(runStart) === 101 && s.charCodeAt(runStart + 1) === 121) bits |= Trigger.Marker; // eyJ
      } else if (runLen === 4 && MARKER_START[s.charCodeAt(runStart)] === 1) {
        const code = (s.charCodeAt(runStart) << 21) | (s.charCodeAt(runStart + 1) << 14) | (s.charCodeAt(runStart + 2) << 7) | c;
        if (MARKER_CODES.has(code)) bits |= Trigger.Marker;
      }
      if ((cls & DIGIT) !== 0) {
        digits++;
        seps = 0;
        if (digits >= 8) bits |= Trigger.Digits;
        if (runLen === 4 && isLetter(s.charCodeAt(runStart)) && isLetter(s.charCodeAt(runStart + 1)) && (CLASS[s.charCodeAt(runStart + 2)] & DIGIT) !== 0) {
          bits |= Trigger.Iban;
        }
        if (segLen > 0) {
          lastSeg = segHash;
          segLen = 0;
        }
        prevLower = false;
      } else {
        digits = 0;
        if ((cls & UPPER) !== 0 && prevLower && segLen > 0) {
          lastSeg = segHash;
          segLen = 0;
        }
        if (segLen === 0) segHash = 0;
        segHash = (Math.imul(segHash, 31) + (c | 32)) & HASH_MASK;
        segLen++;
        prevLower = (cls & LOWER) !== 0;
      }
      continue;
    }
    // Not alphanumeric: ends the run and the word.
    if (runLen > 0) {
      if ((cls & JOINER) !== 0 && runLen <= 8 && PREFIX_HASHES.has(runHash)) bits |= Trigger.Prefix;
      if (c === 32 || c === 9 || c === 61) {
        if (runDashed && CLI_HASHES.has(runHash)) bits |= Trigger.Credential;
        if (c !== 61 && segLen > 0 && CREDENTIAL_HASHES.has(segHash)) bits |= Trigger.Credential;
      }
      runLen = 0;
    }
    if (segLen > 0) {
      lastSeg = segHash;
      segLen = 0;
    }
    prevLower = false;
    if ((cls & PAIR) !== 0) {
      if (PAIR_HASHES.has(lastSeg)) bits |= Trigger.Pair;
      if (i > 0 && i + 1 < n) {
        const before = s.charCodeAt(i - 1);
        const after = s.charCodeAt(i + 1);
        if (c === 58 && (after === 58 || (isHex(before) && isHex(after)))) bits |= Trigger.Ip;
      }
      lastSeg = 0;
    } else if ((cls & KEEP) === 0) {
      lastSeg = 0;
    }
    if (c === 64) bits |= Trigger.At;
    else if (c === 37 && i + 2 < n && isHex(s.charCodeAt(i + 1)) && isHex(s.charCodeAt(i + 2))) bits |= Trigger.Percent;
    else if (c === 46 && digits > 0 && i + 1 < n && (CLASS[s.charCodeAt(i + 1)] & DIGIT) !== 0) bits |= Trigger.Ip;
    // Digit groups continue over up to two separator characters.
    if ((cls & DIGIT_SEP) !== 0 && ++seps <= 2) continue;
    digits = 0;
    seps = 0;
  }
  return bits;
}
