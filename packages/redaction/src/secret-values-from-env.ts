import { MIN_KNOWN_SECRET_LENGTH } from './internal/detectors/known-secrets.js';

/** Names ending like a credential: `OPENAI_API_KEY`, `GITHUB_TOKEN`, `CLIENT_SECRET`, `SENTRY_DSN`, `STRIPE_KEY`. */
const SECRET_SUFFIX = /(?:^|_|auth)(?:KEY|TOKEN|SECRET|CREDENTIALS?|PASSPHRASE|DSN|AUTH)$/i;
/** Names containing `PASSWORD`/`PASSWD` anywhere (`DB_PASSWORD`, `PASSWORD_PROD`), except file and path settings. */
const PASSWORD_ANYWHERE = /PASSW(?:OR)?D/i;
const NOT_A_VALUE = /_(?:FILE|PATH|DIR)$/i;
/** Values that are settings rather than secrets, even under a secret-looking name. */
const NOT_SECRET_VALUE = /^(?:\d+|true|false|null|undefined)$/i;

/**
 * The values of environment variables whose names look secret (`*_API_KEY`, `*_TOKEN`, `*_SECRET`,
 * `*_KEY`, `*_CREDENTIALS`, `*_DSN`, `*PASSWORD*`…) and are at least 8 characters long: the known secrets
 * redacted wherever they appear. Numbers and booleans are skipped.
 */
export function secretValuesFromEnv(env: NodeJS.ProcessEnv): string[] {
  const values = new Set<string>();
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || value.length < MIN_KNOWN_SECRET_LENGTH || NOT_SECRET_VALUE.test(value)) continue;
    if (SECRET_SUFFIX.test(name) || (PASSWORD_ANYWHERE.test(name) && !NOT_A_VALUE.test(name))) values.add(value);
  }
  return [...values];
}
