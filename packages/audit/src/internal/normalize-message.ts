/** Longest message prefix that is normalized; the rest does not take part in grouping. */
const MAX_MESSAGE_LENGTH = 512;

/**
 * The variable parts of a message, most specific first, each with its placeholder. Compiled once.
 * Quoted values go early so that what they hold (a path, a name with digits) becomes one placeholder.
 */
const RULES: ReadonlyArray<readonly [RegExp, string]> = [
  [/\b[a-z][a-z0-9+.-]*:\/\/[^\s'"<>()]+/gi, '<url>'],
  [/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, '<email>'],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uuid>'],
  [/\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b/g, '<date>'],
  [/\b\d{1,2}:\d{2}:\d{2}(?:\.\d+)?\b/g, '<date>'],
  [/"[^"\n]*"|'[^'\n]*'|`[^`\n]*`|“[^”\n]*”/g, '<str>'],
  [/\b0x[0-9a-f]+\b/gi, '<hex>'],
  [/\b\d+(?:\.\d+)?\s?(?:ns|us|µs|ms|s|sec|secs|seconds?|m|min|mins|minutes?|h|hrs?|hours?|d|days?)\b/g, '<duration>'],
  // Tokens with both digits and lowercase letters, 6+ long: ids, tokens, hashes (`usr_8f2k9d`, `a1b2c3d4`).
  [/\b(?=[\w-]*\d)(?=[\w-]*[a-z])[A-Za-z0-9][\w-]{5,}\b/g, '<id>'],
  [/\b[0-9a-f]{8,}\b/gi, '<hex>'],
  [/-?\b\d+(?:[.,]\d+)*\b/g, '<n>'],
];

/**
 * The message with its variable parts replaced by placeholders, so that "user 42 not found" and
 * "user 7 not found" read the same: numbers, ids, UUIDs, hex, e-mails, URLs, quoted values, durations and
 * dates. Whitespace runs collapse to one space.
 */
export function normalizeMessage(message: string): string {
  let text = message.length > MAX_MESSAGE_LENGTH ? message.slice(0, MAX_MESSAGE_LENGTH) : message;
  for (const [pattern, placeholder] of RULES) text = text.replace(pattern, placeholder);
  return text.replace(/\s+/g, ' ').trim();
}
