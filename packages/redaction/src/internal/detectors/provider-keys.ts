import { regexDetector, type Detector } from '../detector.js';
import { MARKER_GATE, TOKEN_GATE } from '../gates.js';

/** True when `s` has at least one ASCII digit and one ASCII letter: random keys do, words do not. */
function hasDigitAndLetter(s: string): boolean {
  return /\d/.test(s) && /[A-Za-z]/.test(s);
}

/** Anthropic: `sk-ant-api03-…`, `sk-ant-admin01-…`. */
export const anthropicKey: Detector = regexDetector('anthropic_key', TOKEN_GATE, /(?<![A-Za-z0-9_-])sk-ant-[A-Za-z0-9_-]{20,}/g);

/** DeepSeek: `sk-` and exactly 32 lowercase hex digits (ranked before the OpenAI shape, which it also fits). */
export const deepseekKey: Detector = regexDetector('deepseek_key', TOKEN_GATE, /(?<![A-Za-z0-9_-])sk-[a-f0-9]{32}(?![A-Za-z0-9_-])/g);

/**
 * OpenAI: `sk-…` (legacy), `sk-proj-…`, `sk-svcacct-…`, `sk-admin-…`, `sk-None-…`: at least 20 key
 * characters with a digit and a letter, so `sk-learn-compatible-pipeline` is left alone.
 */
export const openaiKey: Detector = regexDetector(
  'openai_key',
  TOKEN_GATE,
  /(?<![A-Za-z0-9_-])sk-(?!ant-)(?:[A-Za-z0-9]{2,10}-)?[A-Za-z0-9_-]{20,}/g,
  { accept: (m) => hasDigitAndLetter(m[0].slice(3)) },
);

/** Google API keys: `AIza` and 35 key characters. */
export const googleApiKey: Detector = regexDetector('google_api_key', MARKER_GATE, /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}/g);

/** Groq: `gsk_…`. */
export const groqKey: Detector = regexDetector('groq_key', TOKEN_GATE, /(?<![A-Za-z0-9_-])gsk_[A-Za-z0-9]{20,}/g);
