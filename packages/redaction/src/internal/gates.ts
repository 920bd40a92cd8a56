import { Feature } from './char-features.js';

/** A cheap test run on a string before the detectors behind it. */
export interface Gate {
  readonly regex: RegExp;
  /** {@link Feature} bits of which the regex needs at least one; 0 when it needs none of them. */
  readonly needs: number;
  /** Strings shorter than this cannot match. Default 1. */
  readonly minLength?: number;
}

/**
 * Gates: cheap regexes tested once per string before any detector runs; a detector runs only on strings
 * its gate matches, so a gate must match every string its detectors could find something in. Each gate
 * starts with (or right after a look-behind lands on) a character that is rare in ordinary text, which
 * lets V8 skip through a string without a match at a fraction of a nanosecond per character. Joining them
 * into one alternation would lose that, so they are tested one by one; on short strings a gate runs only
 * when the string has a character its regex needs.
 */

/** Provider and platform token prefixes: `sk-`, `gsk_`, `ghp_`, `github_pat_`, `glpat-`, `xoxb-`, `xapp-`, `sk_live_`, `whsec_`, `hooks.slack`. */
export const TOKEN_GATE: Gate = {
  regex: /(?<=sk|gh[pousr]|_pat|gl(?:pat|dt|rt|ptt|oas|cbt|imt|soat|ft|ffct|agent|wt)|xox[abposr]|xapp|_(?:live|test)|whsec|hooks)[-_.]/,
  needs: Feature.Joiner,
};

/** `AIza…`, `AKIA…`/`ASIA…`, JWTs (`eyJ`), `Bearer `/`Basic ` credentials and PEM headers (`BEGIN `). */
export const MARKER_GATE: Gate = {
  regex: /AIza|A[KS]IA|(?<=ey)J|[Bb](?:earer|asic)[ \t]|B(?:EARER|ASIC|EGIN)[ \t]/,
  needs: Feature.Marker,
};

/** Longest run of spaces or tabs accepted around the `:`/`=` of a `name: value` pair. */
export const MAX_PAIR_SPACES = 8;

/** Names of secret-carrying pairs and headers; a pair is one of these, an optional quote, then `:` or `=`. */
export const SECRET_NAMES =
  'passw(?:or)?d|pwd|passphrase|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|credentials?|authorization|cookie|auth-token';

/** A `:` or `=` right after a secret-carrying name (`password=`, `"api_key":`, `Authorization:`). */
export const PAIR_GATE: Gate = {
  regex: new RegExp(`(?<=(?:${SECRET_NAMES})\\\\?["']?[ \\t]{0,${MAX_PAIR_SPACES}})[:=]`, 'i'),
  needs: Feature.Pair,
};

/** `@`: e-mail addresses and `scheme://user:password@host`. */
export const AT_GATE: Gate = { regex: /@/, needs: Feature.At };

/**
 * Digit shapes of cards (`4111 1111`, 8 digits), SSNs (`123-45-6789`), IBANs (country code and check
 * digits, `DE89`) and phone numbers: `+1`, `415-555`, `(415) 555`, and a trunk `0` starting a number
 * (`020 79`, `(030) 12`). Dates, decimals, versions and times match none of them, so the digit
 * detectors do not run on ordinary numbers.
 */
export const DIGIT_GATE: Gate = {
  regex: /\d(?:\d{3}[ -]?\d{4}|\d{2}[- ]\d{2}[- ]\d{4}|\d\d\)?[ .-]\(?\d{3}|\d\d\)\d{3}|(?<=[A-Z]{2}\d)\d)|0(?<![\w.+-]0)\d{0,4}(?:\)[ -]?|[ -])\d\d|\+[1-9]/,
  needs: Feature.Digit,
};

/** Dotted quads and colon-hex runs. */
export const IP_GATE: Gate = { regex: /\d\.\d{1,3}\.\d|::|[0-9A-Fa-f]:[0-9A-Fa-f]{1,4}:/, needs: Feature.Digit | Feature.Pair };
