import { isLetter } from './char-class.js';
import { hasCliFlag } from './cli-flag.js';
import { prefixBefore, wordHashBefore } from './look-back.js';
import { ALL_TRIGGERS, Trigger } from './trigger.js';
import { PAIR_HASHES } from './trigger-words.js';

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
  if ((wanted & Trigger.Credential) !== 0 && (hasCliFlag(s) || CREDENTIAL_WORD.test(s))) bits |= Trigger.Credential;
  if ((wanted & Trigger.Ip) !== 0 && IP.test(s)) bits |= Trigger.Ip;
  if (AT_OR_PERCENT.test(s)) {
    if (s.includes('@')) bits |= Trigger.At;
    if (PERCENT.test(s)) bits |= Trigger.Percent;
  }
  if ((wanted & Trigger.Pair) !== 0 && (pairAfterSecretWord(s, ':') || pairAfterSecretWord(s, '='))) bits |= Trigger.Pair;
  if ((wanted & Trigger.Prefix) !== 0 && (someJoinerAfterPrefix(s, '-') || someJoinerAfterPrefix(s, '_') || someJoinerAfterPrefix(s, '.'))) bits |= Trigger.Prefix;
  return bits & wanted;
}
