import { regexDetector, type Detector } from '../detector.js';
import { MARKER_GATE, TOKEN_GATE } from '../gates.js';

/** AWS access key ids: long-term `AKIA…` and temporary `ASIA…`, 20 characters. */
export const awsAccessKey: Detector = regexDetector(
  'aws_access_key',
  MARKER_GATE,
  /(?<![A-Za-z0-9])A[KS]IA[A-Z0-9]{16}(?![A-Za-z0-9])/g,
);

/** GitHub: classic `ghp_`/`gho_`/`ghu_`/`ghs_`/`ghr_` tokens and fine-grained `github_pat_` tokens. */
export const githubToken: Detector = regexDetector(
  'github_token',
  TOKEN_GATE,
  /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})/g,
);

const GITLAB_PREFIXES = 'pat|dt|rt|ptt|oas|cbt|imt|soat|ft|ffct|agent|wt';

/** GitLab: personal (`glpat-`), deploy, runner, trigger, OAuth, CI-build, feed and agent tokens. */
export const gitlabToken: Detector = regexDetector(
  'gitlab_token',
  TOKEN_GATE,
  new RegExp(`(?<![A-Za-z0-9_-])gl(?:${GITLAB_PREFIXES})-[A-Za-z0-9_-]{20,}`, 'g'),
);

/** Slack: bot/user/app tokens (`xoxb-`, `xoxp-`, `xapp-`…) and incoming-webhook paths. */
export const slackToken: Detector = regexDetector(
  'slack_token',
  TOKEN_GATE,
  /(?<![A-Za-z0-9_-])(?:xox[abposr]-[A-Za-z0-9-]{10,}|xapp-\d-[A-Za-z0-9-]{10,})|hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9/_-]{10,}/g,
);

/** Stripe: secret, restricted and publishable keys (live and test) and webhook signing secrets. */
export const stripeKey: Detector = regexDetector(
  'stripe_key',
  TOKEN_GATE,
  /(?<![A-Za-z0-9_-])(?:[srp]k_(?:live|test)_[A-Za-z0-9]{16,}|whsec_[A-Za-z0-9]{24,})/g,
);
