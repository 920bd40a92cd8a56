/** The words, prefixes and markers whose presence sets a trigger bit, and their hashes. */
import { hashes } from './char-class.js';

/**
 * Last words of a name whose `:`/`=` value is looked at (see `secret-assignment.ts` for which values are
 * redacted): the last camelCase/snake/kebab word of `client_secret`, `refreshToken`, `x-api-key`.
 */
export const PAIR_WORDS: readonly string[] = [
  'password', 'passwd', 'pwd', 'pass', 'passphrase', 'passcode', 'secret', 'secrets', 'token', 'key', 'apikey',
  'credential', 'credentials', 'creds', 'authorization', 'auth', 'cookie', 'jwt', 'signature', 'sig', 'otp',
];
export const PAIR_HASHES = hashes(PAIR_WORDS);

/** Command-line flags (after `-` or `--`) followed by a credential: what `hasCliFlag` looks for (the tests build inputs from them). */
export const CLI_FLAGS: readonly string[] = [
  'u', 'user', 'password', 'passwd', 'pass', 'token', 'secret', 'apikey', 'key', 'auth',
];

/** Token prefixes, each followed by `-`, `_` or `.` in the tokens that carry it. */
export const TOKEN_PREFIXES: readonly string[] = [
  'sk', 'rk', 'pk', 'gsk', 'ghp', 'gho', 'ghu', 'ghs', 'ghr', 'github', 'whsec', 'hooks', 'bedrock', 'gitlab',
  'glpat', 'gldt', 'glrt', 'glrtr', 'glcbt', 'glptt', 'glft', 'glimt', 'glagent', 'gloas', 'glsoat', 'glffct', 'glwt',
  'xoxa', 'xoxb', 'xoxc', 'xoxd', 'xoxe', 'xoxo', 'xoxp', 'xoxr', 'xoxs', 'xapp',
];
export const PREFIX_HASHES = hashes(TOKEN_PREFIXES);

/** First four characters of marker runs, packed as 4 × 7 bits; `eyJ` matches on three (see below). */
export const MARKERS: readonly string[] = ['AKIA', 'ASIA', 'ABIA', 'ACCA', 'AIza', 'ABSK', 'GR13', 'FwoG', 'IQoJ', 'AQoD', 'BEGI'];
const pack = (s: string): number =>
  ((s.charCodeAt(0) << 21) | (s.charCodeAt(1) << 14) | (s.charCodeAt(2) << 7) | s.charCodeAt(3));
export const MARKER_CODES = new Set(MARKERS.map(pack));
