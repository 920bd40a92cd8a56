import type { Detector } from '../detector.js';
import { card } from './card.js';
import { authHeader, bearerToken, cliCredential, jwt, urlPassword } from './credentials.js';
import { email } from './email.js';
import { iban } from './iban.js';
import { ip } from './ip.js';
import { phone } from './phone.js';
import {
  awsAccessKey,
  awsSessionToken,
  bedrockApiKey,
  githubToken,
  gitlabToken,
  slackToken,
  stripeKey,
} from './platform-tokens.js';
import { privateKey } from './private-key.js';
import { anthropicKey, deepseekKey, googleApiKey, groqKey, openaiKey } from './provider-keys.js';
import { secretAssignment } from './secret-assignment.js';
import { ssn } from './ssn.js';

/**
 * The content detectors in rank order: where ranges found by several overlap, they are redacted as one
 * range named after the first in this list (the most specific).
 */
export const BUILTIN_DETECTORS: readonly Detector[] = [
  privateKey,
  anthropicKey,
  deepseekKey,
  openaiKey,
  googleApiKey,
  groqKey,
  bedrockApiKey,
  awsSessionToken,
  awsAccessKey,
  githubToken,
  gitlabToken,
  slackToken,
  stripeKey,
  jwt,
  urlPassword,
  cliCredential,
  bearerToken,
  authHeader,
  secretAssignment,
  card,
  iban,
  ssn,
  email,
  phone,
  ip,
];
