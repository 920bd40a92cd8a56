/**
 * Values that stand in for a secret rather than being one: `$API_KEY`, `${TOKEN}`, `{{ secrets.X }}`,
 * `<token>`, `[PASSWORD]`, `XXXXXXXX`, `****`, `changeme`, `your-api-key-here`, `null`… A value found
 * after a secret name or in a credential position is left alone when it is one of these.
 */
const WORDS = new Set([
  'null', 'nil', 'none', 'undefined', 'true', 'false', 'redacted', 'changeme', 'changeit', 'change_me', 'secret',
  'password', 'passwd', 'pass', 'token', 'apikey', 'api_key', 'key', 'test', 'example', 'dummy', 'placeholder',
  'xxx', 'required', 'optional', 'string', 'value', 'empty', 'hidden', 'masked', 'todo', 'tbd', 'n/a', 'na',
]);

const PATTERN =
  /^(?:\$\{?[A-Za-z_][A-Za-z0-9_.]*\}?|\$\d+|\$\(.*\)|%[A-Za-z_][A-Za-z0-9_]*%|\{\{.*\}\}|\$\{\{.*\}\}|<[^<>]*>|\[[^[\]]*\]|\.{3,}|…|(.)\1*|(?:your|my|insert|enter|put|replace)[-_ ][A-Za-z_ -]*|[A-Za-z_]+[-_](?:here|goes[-_]here)|process\.env\.[A-Za-z_][A-Za-z0-9_]*|os\.environ.*|env\.[A-Za-z_][A-Za-z0-9_]*)$/i;

/** True when `value` is a placeholder (see above), an empty string or an existing `[REDACTED…]` marker. */
export function isPlaceholderValue(value: string): boolean {
  if (value.length === 0 || value.startsWith('[REDACTED')) return true;
  if (value.length <= 40 && WORDS.has(value.toLowerCase())) return true;
  return value.length <= 200 && PATTERN.test(value);
}
