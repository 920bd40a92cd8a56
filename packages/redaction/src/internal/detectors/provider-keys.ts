import { regexDetector, type Detector } from '../detector.js';
import { looksRandom } from '../random-looking.js';
import { Trigger } from '../triggers/trigger.js';

/** True when `s` has at least one ASCII digit and one ASCII letter: random keys do, words do not. */
function hasDigitAndLetter(s: string): boolean {
  return /\d/.test(s) && /[A-Za-z]/.test(s);
}

/** Anthropic: `sk-ant-api03-…`, `sk-ant-admin01-…`, `sk-ant-oat01-…`. */
export const anthropicKey: Detector = regexDetector('anthropic_key', Trigger.Prefix, /(?<![A-Za-z0-9_-])sk-ant-[A-Za-z0-9_-]{20,}/g, {
  accept: (m) => looksRandom(m[0].slice(7)),
});

/** DeepSeek: `sk-` and exactly 32 lowercase hex digits (ranked before the OpenAI shape, which it also fits). */
export const deepseekKey: Detector = regexDetector('deepseek_key', Trigger.Prefix, /(?<![A-Za-z0-9_-])sk-[a-f0-9]{32}(?![A-Za-z0-9_-])/g, {
  accept: (m) => hasDigitAndLetter(m[0].slice(3)),
});

/**
 * OpenAI: `sk-…` (legacy), `sk-proj-…`, `sk-svcacct-…`, `sk-admin-…`, `sk-None-…` (and OpenRouter's
 * `sk-or-v1-…`): at least 20 key characters with a digit and a letter, so `sk-learn-compatible-pipeline`
 * is left alone.
 */
export const openaiKey: Detector = regexDetector(
  'openai_key',
  Trigger.Prefix,
  /(?<![A-Za-z0-9_-])sk-(?!ant-)(?:[A-Za-z0-9]{2,10}-)?[A-Za-z0-9_-]{20,}/g,
  { accept: (m) => hasDigitAndLetter(m[0].slice(3)) && looksRandom(m[0].slice(3)) },
);

/** Google API keys: `AIza` and 35 key characters. */
export const googleApiKey: Detector = regexDetector('google_api_key', Trigger.Marker, /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/g);

/** Groq: `gsk_…`. */
export const groqKey: Detector = regexDetector('groq_key', Trigger.Prefix, /(?<![A-Za-z0-9_-])gsk_[A-Za-z0-9]{20,}/g, {
  accept: (m) => looksRandom(m[0].slice(4)),
});
