/** Longest diagnostic line printed; the rest is cut and its length given. */
export const MAX_DIAG_LINE = 1_000;
/** Longest rendering of one argument after the message. */
const MAX_ARG = 300;

function errorText(error: Error): string {
  const name = error.name || 'Error';
  const message = error.message ? `${name}: ${error.message}` : name;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && !message.includes(code) ? `${message} (${code})` : message;
}

/**
 * An upstream message that is a serialized exception (`{"stack":"Error: …\n    at …","message":…}`, what
 * the SDK's global error handler prints): its first line, without the stack.
 */
function unwrapSerializedError(message: string): string {
  if (!message.startsWith('{"') || !/"(stack|message)"/.test(message)) return message;
  try {
    const parsed = JSON.parse(message) as { message?: unknown; stack?: unknown; name?: unknown };
    if (typeof parsed.stack === 'string') return parsed.stack.split('\n', 1)[0];
    if (typeof parsed.message === 'string') return typeof parsed.name === 'string' ? `${parsed.name}: ${parsed.message}` : parsed.message;
  } catch {
    // not JSON after all
  }
  return message;
}

function argText(arg: unknown): string {
  if (typeof arg === 'string') return arg;
  if (arg instanceof Error) return errorText(arg);
  if (arg === null || typeof arg !== 'object') return String(arg);
  try {
    const json = JSON.stringify(arg, (_key, value: unknown) => (typeof value === 'bigint' ? String(value) : value));
    return json === undefined ? String(arg) : json;
  } catch {
    return Object.prototype.toString.call(arg);
  }
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} chars)`;
}

/**
 * One diagnostic line from a message and its arguments: errors as `Name: message`, no stacks, objects as
 * compact JSON, line breaks and other control characters escaped, at most {@link MAX_DIAG_LINE} characters.
 * Never throws.
 */
export function formatDiagLine(message: unknown, args: readonly unknown[]): string {
  let text: string;
  try {
    text = unwrapSerializedError(typeof message === 'string' ? message : argText(message));
    for (const arg of args) text += ` ${cut(argText(arg), MAX_ARG)}`;
  } catch {
    text = 'sightline: a diagnostic message could not be formatted';
  }
  // eslint-disable-next-line no-control-regex
  text = text.replace(/\r?\n\s*/g, ' ⏎ ').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return cut(text, MAX_DIAG_LINE);
}
