import { regexDetector, type Detector } from '../detector.js';
import { isPlaceholderValue } from '../placeholder-values.js';
import { Trigger } from '../triggers/trigger.js';

/** Longest run of spaces or tabs accepted around the `:`/`=` of a `name: value` pair. */
export const MAX_PAIR_SPACES = 8;

/** JSON Web Tokens: three base64url parts, the first two JSON objects (`eyJ…`). */
export const jwt: Detector = regexDetector(
  'jwt',
  Trigger.Marker,
  /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g,
);

/** A credential looks random: a digit, a symbol, or an upper-case letter past the first character. */
function looksLikeCredential(credential: string): boolean {
  if (isPlaceholderValue(credential)) return false;
  return /[\d+/=._~-]/.test(credential) || /[A-Z]/.test(credential.slice(1));
}

/**
 * The credential after `Bearer`, `Basic`, `Token` or `ApiKey` (any case), base64-padded at most at its end
 * and followed by a space, quote or end (so `scheme=Bearer audience=https://…` is no credential); only the
 * credential is replaced, so `Bearer [REDACTED:bearer_token]`.
 */
export const bearerToken: Detector = regexDetector(
  'bearer_token',
  Trigger.Credential,
  /(?<![A-Za-z0-9_])(?:bearer|basic|token|apikey)[ \t]+([A-Za-z0-9._~+/-]{8,}=*)(?![^\s"',;)\]}])/dgi,
  { group: 1, accept: (m) => looksLikeCredential(m[1]) },
);

/**
 * The value of `Authorization`, `Proxy-Authorization`, `Cookie`, `Set-Cookie`, `X-Api-Key`, `Api-Key`
 * and `X-Auth-Token` headers, as `Name: value` lines or `"name": "value"` JSON, up to the end of the line
 * or the closing quote.
 */
export const authHeader: Detector = regexDetector(
  'auth_header',
  Trigger.Pair,
  new RegExp(
    `(?<![A-Za-z0-9_-])(?:proxy-)?(?:authorization|set-cookie|cookie|x-api-key|api-key|x-auth-token)` +
      `\\\\?["']?[ \\t]{0,${MAX_PAIR_SPACES}}[:=][ \\t]*\\\\?["']?([^\\s"'\\\\][^\\r\\n"'\\\\]*)`,
    'dgi',
  ),
  { group: 1, accept: (m) => !isPlaceholderValue(m[1].trim()) && !/^(?:bearer|basic|token)\s+(?:\$|<|\{|x{4,}|\*{3,}|\.\.\.)/i.test(m[1]) },
);

/**
 * The password of `scheme://user:password@host`; only the password is replaced. The regex starts at
 * `://` (after a scheme character), so ordinary words cost nothing.
 */
export const urlPassword: Detector = regexDetector(
  'url_password',
  Trigger.At,
  /(?<=[A-Za-z0-9+.-]):\/\/[^\s:/?#@"'<>]{0,256}:([^\s/?#"'<>]{1,256})@/dg,
  { group: 1, accept: (m) => !isPlaceholderValue(m[1]) && !/^\$\{?[A-Za-z_]/.test(m[1]) },
);

/**
 * Credentials on command lines: `curl -u user:pass` / `--user user:pass` (the whole `user:pass`),
 * `--password x`, `--token x`, `--api-key x`, `--secret x`, `--auth x` (space or `=`, quoted or not).
 */
export const cliCredential: Detector = regexDetector(
  'cli_credential',
  Trigger.Credential,
  /(?<![A-Za-z0-9_-])(?:-u|--user|--(?:[a-z]+-)*(?:password|passwd|pass|token|secret|api-?key|auth))(?:[ \t]+|=)(?:"([^"\r\n]{1,512})"|'([^'\r\n]{1,512})'|([^\s"':]{1,256}:(?:'[^'\r\n]{1,256}'|"[^"\r\n]{1,256}")|[^\s"']{1,512}))/dgi,
  {
    group: [1, 2, 3],
    accept: (m) => {
      const value = m[1] ?? m[2] ?? m[3] ?? '';
      if (value.startsWith('-') || isPlaceholderValue(value)) return false;
      if (!/^-u$|^--user$/i.test(m[0].slice(0, m[0].search(/[ \t=]/)))) return true;
      // `-u user:pass`: a credential only with a colon and a non-placeholder on one side.
      const colon = value.indexOf(':');
      if (colon === -1) return false;
      const user = value.slice(0, colon).replace(/^["']|["']$/g, '');
      const pass = value.slice(colon + 1).replace(/^["']|["']$/g, '');
      return (pass.length > 0 && !isPlaceholderValue(pass)) || (pass.length === 0 && user.length >= 8 && !isPlaceholderValue(user));
    },
  },
);
