/**
 * Escaping of untrusted text for console output, so that a logged string can never forge a new log
 * line, rewrite the current one or recolour the terminal.
 *
 * Escaped: C0 controls (U+0000–U+001F, including CR, LF and TAB), DEL (U+007F), C1 controls
 * (U+0080–U+009F, including the 8-bit CSI U+009B and NEL U+0085), the Unicode line and paragraph
 * separators (U+2028, U+2029) and the bidirectional formatting characters that can reorder what a
 * reader sees (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069). An ANSI escape sequence is
 * neutralised by escaping its ESC (or C1 CSI) byte: `"\x1b[31mred"` prints as `\x1b[31mred`.
 *
 * Backslashes are left alone on purpose (Windows paths and regexes stay readable); a literal
 * backslash followed by `n` can make the text ambiguous to a reader but cannot break a line.
 *
 * Both functions test a precompiled regular expression first and allocate only when a string holds
 * something to escape.
 */

/** Every character {@link escapeText} rewrites. Non-global, so `test()` keeps no state. */
const UNSAFE_TEXT = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;
const UNSAFE_TEXT_ALL = new RegExp(UNSAFE_TEXT.source, 'g');

/**
 * The characters `JSON.stringify` leaves raw but that we escape in JSON output: it already writes
 * C0 controls as `\n`, `\u001b`, …, so only DEL, C1, the separators and the bidi controls remain.
 */
const UNSAFE_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;
const UNSAFE_JSON_ALL = new RegExp(UNSAFE_JSON.source, 'g');

function hex(code: number, width: number): string {
  return code.toString(16).padStart(width, '0');
}

/** Escapes for U+0000–U+009F, built once: `\n`, `\r`, `\t`, else `\xHH`. */
const LOW_ESCAPES: readonly string[] = Array.from({ length: 0xa0 }, (_, code) => {
  if (code === 0x0a) return '\\n';
  if (code === 0x0d) return '\\r';
  if (code === 0x09) return '\\t';
  return `\\x${hex(code, 2)}`;
});

function escapeTextChar(ch: string): string {
  const code = ch.charCodeAt(0);
  return code < 0xa0 ? LOW_ESCAPES[code] : `\\u${hex(code, 4)}`;
}

function escapeJsonChar(ch: string): string {
  return `\\u${hex(ch.charCodeAt(0), 4)}`;
}

/**
 * Whether `text` holds a character that {@link escapeText} would rewrite.
 *
 * @param text any string
 */
export function needsEscape(text: string): boolean {
  return UNSAFE_TEXT.test(text);
}

/**
 * Makes untrusted text safe for a single line of human-readable output: line breaks become `\n`,
 * `\r`, tabs `\t`, other C0/DEL/C1 controls `\xHH` (ESC is `\x1b`), and separators and bidi
 * controls `\uHHHH` (`\u2028`, `\u202e`). Returns `text` itself when nothing needs escaping.
 *
 * @param text a message, attribute key or value, span or scope name
 */
export function escapeText(text: string): string {
  return UNSAFE_TEXT.test(text) ? text.replace(UNSAFE_TEXT_ALL, escapeTextChar) : text;
}

/**
 * Finishes a line produced by `JSON.stringify`: writes DEL, C1 controls, U+2028/U+2029 and the bidi
 * controls as `\uHHHH` escapes, which JSON parsers read back as the original characters. Correct on
 * a whole serialized document because these characters can only occur inside JSON strings, where a
 * raw character is never part of an existing escape sequence. Returns `json` itself when nothing
 * needs escaping.
 *
 * @param json the output of `JSON.stringify`
 */
export function escapeJsonLine(json: string): string {
  return UNSAFE_JSON.test(json) ? json.replace(UNSAFE_JSON_ALL, escapeJsonChar) : json;
}
