import { regexDetector, type Detector, type MatchSink } from '../detector.js';
import { looksRandom } from '../random-looking.js';
import { Trigger } from '../triggers/trigger.js';

/**
 * AWS access key ids: every documented credential prefix — `AKIA` (long-term), `ASIA` (temporary, STS),
 * `ABIA` (STS service bearer token), `ACCA` (context-specific credential) and the older `A3T…` — and 16
 * characters of base32 (`A`–`Z`, `2`–`7`; digits `0189` were used by older keys too).
 */
const ACCESS_KEY_ID = /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}(?![A-Za-z0-9])/g;
/** A 40-character secret access key: base64 characters with both letter cases and a digit, `/` or `+`. */
const SECRET_ACCESS_KEY = /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;
/** How far after a key id its secret key is looked for (a CSV row, an `aws configure` transcript, a JSON object). */
const SECRET_WINDOW = 240;

/** Whether `s` has at least `count` digits from index `from` on (stops counting there). */
function hasDigits(s: string, from: number, count: number): boolean {
  let found = 0;
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57 && ++found >= count) return true;
  }
  return false;
}

function looksLikeSecretKey(s: string): boolean {
  return /[A-Z]/.test(s) && /[a-z]/.test(s) && /[0-9/+]/.test(s);
}

/** AWS access key ids, and the secret access key written within 240 characters after one. */
export const awsAccessKey: Detector = {
  name: 'aws_access_key',
  triggers: Trigger.Marker,
  pii: false,
  find(text: string, sink: MatchSink): void {
    ACCESS_KEY_ID.lastIndex = 0;
    let m: RegExpExecArray | null;
    let searchedTo = 0;
    while ((m = ACCESS_KEY_ID.exec(text)) !== null) {
      if (new Set(m[0].slice(4)).size < 5) continue; // `AKIAXXXXXXXXXXXXXXXX`
      sink.add(m.index, m.index + 20);
      const from = Math.max(m.index + 20, searchedTo);
      const window = text.slice(from, m.index + 20 + SECRET_WINDOW);
      searchedTo = m.index + 20 + SECRET_WINDOW;
      SECRET_ACCESS_KEY.lastIndex = 0;
      let s: RegExpExecArray | null;
      while ((s = SECRET_ACCESS_KEY.exec(window)) !== null) {
        if (looksLikeSecretKey(s[0])) sink.add(from + s.index, from + s.index + 40);
      }
    }
  },
};

/**
 * AWS session tokens (`aws_session_token`, `X-Amz-Security-Token`): base64 of the STS token structure,
 * which starts `FwoGZXIvYXdz`, `IQoJb3JpZ2lu` or (older) `AQoDYXdz`.
 */
export const awsSessionToken: Detector = regexDetector(
  'aws_session_token',
  Trigger.Marker,
  /(?<![A-Za-z0-9/+%])(?:FwoGZXIvYXdz|IQoJb3JpZ2lu|AQoDYXdz)(?:[A-Za-z0-9/+]|%2[BbFf]){60,}(?:=|%3[Dd]){0,2}/g,
);

/**
 * Amazon Bedrock API keys: long-term `ABSK` + base64 of `BedrockAPIKey-…` and short-term
 * `bedrock-api-key-` + base64 of a presigned `bedrock.amazonaws.com` URL.
 */
export const bedrockApiKey: Detector = regexDetector(
  'bedrock_api_key',
  Trigger.Marker | Trigger.Prefix,
  /(?<![A-Za-z0-9/+])(?:ABSKQmVkcm9ja0FQSUtleS[A-Za-z0-9/+]{20,}={0,2}|bedrock-api-key-[A-Za-z0-9/+]{40,}={0,2})/g,
);

/** GitHub: classic `ghp_`/`gho_`/`ghu_`/`ghs_`/`ghr_` tokens and fine-grained `github_pat_` tokens. */
export const githubToken: Detector = regexDetector(
  'github_token',
  Trigger.Prefix,
  /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})/g,
  { accept: (m) => looksRandom(m[0].slice(4)) },
);

const GITLAB_PREFIXES = 'pat|dt|rtr|rt|ptt|oas|cbt|imt|soat|ft|ffct|agent|wt';

/**
 * GitLab (docs: "Token prefixes"): personal, project and group access tokens (`glpat-`, routable ones
 * too), deploy (`gldt-`), runner authentication (`glrt-`, `glrtr-`), runner registration (`GR1348941…`),
 * pipeline trigger (`glptt-`), OAuth application secrets (`gloas-`), CI/CD job (`glcbt-`), incoming mail
 * (`glimt-`), SCIM (`glsoat-`), feed (`glft-`), feature-flag client (`glffct-`), agent (`glagent-`) and
 * workspace (`glwt-`) tokens, and `_gitlab_session` cookies.
 */
export const gitlabToken: Detector = regexDetector(
  'gitlab_token',
  Trigger.Prefix | Trigger.Marker,
  new RegExp(
    `(?<![A-Za-z0-9_-])(?:gl(?:${GITLAB_PREFIXES})-[A-Za-z0-9_.-]{20,}|GR1348941[A-Za-z0-9_-]{20,})|(?<=_gitlab_session=)[0-9a-z]{32}`,
    'g',
  ),
  { accept: (m) => looksRandom(m[0].startsWith('gl') ? m[0].slice(m[0].indexOf('-') + 1) : m[0].startsWith('GR') ? m[0].slice(9) : m[0]) },
);

/**
 * Slack: bot, user, app, refresh, workspace, legacy and session tokens (`xoxb-`, `xoxp-`, `xoxa-`,
 * `xoxr-`, `xoxs-`, `xoxo-`, `xoxc-`, `xoxd-`), configuration access and refresh tokens (`xoxe.xoxp-`,
 * `xoxe-`), app-level tokens (`xapp-`) and incoming-webhook / workflow URLs.
 */
export const slackToken: Detector = regexDetector(
  'slack_token',
  Trigger.Prefix,
  /(?<![A-Za-z0-9_-])(?:xox[abcdeoprs](?:\.xox[bp])?-[A-Za-z0-9%-]{15,}|xapp-\d-[A-Za-z0-9-]{20,})|hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9/_-]{20,}/g,
  { accept: (m) => hasDigits(m[0], 5, 3) },
);

/**
 * Stripe: secret (`sk_`), restricted (`rk_`) and publishable (`pk_`) keys of live and test (sandbox)
 * mode, and webhook signing secrets (`whsec_`).
 */
export const stripeKey: Detector = regexDetector(
  'stripe_key',
  Trigger.Prefix,
  /(?<![A-Za-z0-9_-])(?:[srp]k_(?:live|test)_[A-Za-z0-9]{16,}|whsec_[A-Za-z0-9+/]{24,})/g,
  { accept: (m) => looksRandom(m[0].slice(m[0].lastIndexOf('_') + 1)) },
);
