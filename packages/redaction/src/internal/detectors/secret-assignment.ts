import type { Detector, MatchSink } from '../detector.js';
import { keyWords } from '../key-classifier.js';
import { isPlaceholderValue } from '../placeholder-values.js';
import { Trigger } from '../triggers/trigger.js';
import { MAX_PAIR_SPACES } from './credentials.js';

/** Last words of a name that make any non-placeholder value a secret. */
const STRONG = new Set([
  'password', 'passwd', 'pwd', 'passphrase', 'passcode', 'secret', 'secrets', 'token', 'apikey', 'credential',
  'credentials', 'creds', 'jwt', 'otp',
]);
/** Last words that make a value a secret only when it looks random (`auth=true` stays, `auth=am9obm…` goes). */
const WEAK = new Set(['auth', 'pass', 'signature', 'sig', 'key']);
/** Words before `key` that make it a credential (`api_key`, `x-api-key`, `secretAccessKey`, `client_key`). */
const KEY_QUALIFIERS = new Set([
  'api', 'access', 'secret', 'private', 'signing', 'encryption', 'master', 'client', 'app', 'auth', 'account',
  'subscription', 'admin', 'service', 'license', 'webhook', 'hmac', 'shared', 'session', 'license', 'root', 'x',
]);
/** Words before `token`/`secret` that make it something other than a credential (`nextPageToken`, `publicToken`, `csrf_token`). */
const NOT_CREDENTIAL_QUALIFIERS = new Set(['public', 'csrf', 'xsrf', 'page', 'next', 'continuation', 'cursor', 'sync', 'max', 'num', 'total', 'count']);

/** What the value must look like under a weak name: long enough, with a digit, symbol or mixed case. */
function randomEnough(value: string): boolean {
  return value.length >= 12 && (/\d/.test(value) || /[+/=]/.test(value) || (/[a-z]/.test(value) && /[A-Z]/.test(value)));
}

const NOT_SECRET = 0;
const ANY_VALUE = 1;
const RANDOM_VALUE = 2;
const KEY_VALUE = 3;

/** Names seen (they repeat: a few field names per application), bounded. */
const kinds = new Map<string, number>();
const KINDS_LIMIT = 1024;

/** What a name says about its value: not a secret, any value, a random-looking value, a qualified key (any value). */
function nameKind(name: string): number {
  let kind = kinds.get(name);
  if (kind === undefined) {
    kind = computeNameKind(name);
    if (kinds.size >= KINDS_LIMIT) kinds.clear();
    kinds.set(name, kind);
  }
  return kind;
}

function computeNameKind(name: string): number {
  const words = keyWords(name);
  const last = words[words.length - 1];
  if (last === undefined) return NOT_SECRET;
  const before = words[words.length - 2];
  if (STRONG.has(last)) return before !== undefined && NOT_CREDENTIAL_QUALIFIERS.has(before) ? NOT_SECRET : ANY_VALUE;
  if (!WEAK.has(last)) return NOT_SECRET;
  if (last === 'key') return before !== undefined && KEY_QUALIFIERS.has(before) ? KEY_VALUE : NOT_SECRET;
  return RANDOM_VALUE;
}

function valueAccepted(kind: number, value: string): boolean {
  // Three characters or fewer are settings (`PuttyPassword=0`, `auth: no`), not secrets worth a placeholder.
  if (value.length < 4 || isPlaceholderValue(value)) return false;
  if (kind === ANY_VALUE || kind === KEY_VALUE) return true;
  return randomEnough(value);
}

/** Whether `name` names a secret whose value is `value`. */
export function isSecretPair(name: string, value: string): boolean {
  const kind = nameKind(name);
  return kind !== NOT_SECRET && valueAccepted(kind, value);
}

/**
 * A name, optionally quoted or escaped-quoted, then `:`, `=`, `:=` or `=>`. The name may start with `--`
 * (a command-line flag) and is any identifier (`client_secret`, `refreshToken`, `x-api-key`, `AWS.SECRET`).
 */
const NAME = new RegExp(
  `(?<![A-Za-z0-9_.$-])(?:--?)?([A-Za-z_][A-Za-z0-9_.-]{0,79})\\\\?["']?[ \\t]{0,${MAX_PAIR_SPACES}}(?::=|=>|[:=])[ \\t]*`,
  'g',
);
/** The value after a name: quoted (to the closing quote) or bare (to whitespace or one of `"'&,;<>{}[]()\`). */
const VALUE = /\\?"([^"\\\r\n]{1,512})|\\?'([^'\\\r\n]{1,512})|([^\s"'\\&,;<>{}[\]()]{1,512})/y;

/**
 * `password=…`, `api_key: …`, `"apiToken": "…"`, `refreshToken=…`, `client_secret=…`, `x-api-key: …`,
 * `AWS_SECRET_ACCESS_KEY=…` — any case style, in text, JSON, escaped JSON, YAML and query strings; only the
 * value is replaced. Placeholders (`$API_KEY`, `<token>`, `XXXXXXXX`, `changeme`, `null`) and ordinary
 * names (`tokenizer`, `token_count`, `primaryKey`, `secret_name`, `nextPageToken`) are left alone. The
 * name is found first and checked in code; the value is read only after an accepted name, from where the
 * name ended, and never read again, so every character is read a bounded number of times.
 */
export const secretAssignment: Detector = {
  name: 'secret_assignment',
  triggers: Trigger.Pair,
  pii: false,
  find(text: string, sink: MatchSink): void {
    NAME.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = NAME.exec(text)) !== null) {
      const kind = nameKind(m[1]);
      if (kind === NOT_SECRET) continue;
      const valueStart = NAME.lastIndex;
      VALUE.lastIndex = valueStart;
      const v = VALUE.exec(text);
      if (v === null) continue;
      const value = v[1] ?? v[2] ?? v[3];
      // Either way the value is read once: a rejected value is skipped, not searched for names again.
      NAME.lastIndex = VALUE.lastIndex;
      if (!valueAccepted(kind, value)) continue;
      const start = valueStart + (v[1] !== undefined || v[2] !== undefined ? v[0].length - value.length : 0);
      sink.add(start, start + value.length);
    }
  },
};
