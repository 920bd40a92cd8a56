import { regexDetector, type Detector } from '../detector.js';
import { AT_GATE, MARKER_GATE, MAX_PAIR_SPACES, PAIR_GATE } from '../gates.js';

/** JSON Web Tokens: three base64url parts, the first two JSON objects (`eyJ…`). */
export const jwt: Detector = regexDetector(
  'jwt',
  MARKER_GATE,
  /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g,
);

/** A credential looks random: a digit, a symbol, or an upper-case letter past the first character. */
function looksRandom(credential: string): boolean {
  return /[\d+/=._~-]/.test(credential) || /[A-Z]/.test(credential.slice(1));
}

/** `Bearer …` and `Basic …` credentials; only the credential is replaced, so `Bearer [REDACTED:bearer_token]`. */
export const bearerToken: Detector = regexDetector(
  'bearer_token',
  MARKER_GATE,
  /(?<![A-Za-z0-9_])(?:[Bb]earer|BEARER|[Bb]asic|BASIC)[ \t]+([A-Za-z0-9._~+/=-]{8,})/dg,
  { group: 1, accept: (m) => looksRandom(m[1]) },
);

/**
 * The value of `Authorization`, `Proxy-Authorization`, `Cookie`, `Set-Cookie`, `X-Api-Key` and
 * `X-Auth-Token` headers, as `Name: value` lines or `"name": "value"` JSON, up to the end of the line or
 * the closing quote.
 */
export const authHeader: Detector = regexDetector(
  'auth_header',
  PAIR_GATE,
  new RegExp(
    `(?<![A-Za-z0-9_-])(?:proxy-)?(?:authorization|set-cookie|cookie|x-api-key|api-key|x-auth-token)` +
      `\\\\?["']?[ \\t]{0,${MAX_PAIR_SPACES}}[:=][ \\t]*\\\\?["']?([^\\s"'\\\\][^\\r\\n"'\\\\]*)`,
    'dgi',
  ),
  { group: 1 },
);

/**
 * The password of `scheme://user:password@host`; only the password is replaced. The regex starts at
 * `://` (after a scheme character), so ordinary words cost nothing.
 */
export const urlPassword: Detector = regexDetector(
  'url_password',
  AT_GATE,
  /(?<=[A-Za-z0-9+.-]):\/\/[^\s:/?#@"'<>]{0,256}:([^\s/?#"'<>]{1,256})@/dg,
  { group: 1 },
);

const PAIR_NAMES = 'passw(?:or)?d|pwd|passphrase|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|credentials?';
const NOT_SECRETS = new Set(['null', 'undefined', 'true', 'false', 'none', 'redacted']);

/**
 * `password=…`, `api_key: …`, `"token": "…"`, `client_secret=…` (also inside escaped JSON and query
 * strings); only the value is replaced. Quoted values run to the closing quote, bare ones to whitespace or
 * one of `"'&,;<>{}[]()\`.
 */
export const secretAssignment: Detector = regexDetector(
  'secret_assignment',
  PAIR_GATE,
  new RegExp(
    `(?<![A-Za-z0-9])(?:${PAIR_NAMES})\\\\?["']?[ \\t]{0,${MAX_PAIR_SPACES}}[:=][ \\t]*` +
      `(?:\\\\?"([^"\\\\\\r\\n]{1,512})|\\\\?'([^'\\\\\\r\\n]{1,512})|([^\\s"'\\\\&,;<>{}\\[\\]()]{1,512}))`,
    'dgi',
  ),
  {
    group: [1, 2, 3],
    accept: (m) => {
      const value = m[1] ?? m[2] ?? m[3] ?? '';
      return !NOT_SECRETS.has(value.toLowerCase()) && !value.startsWith('[REDACTED') && !/^\*+$/.test(value);
    },
  },
);
