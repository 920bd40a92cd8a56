/**
 * Text and type names of values we did not choose — thrown values, names, messages — made without ever
 * throwing and in bounded time: no user `toString`, `toJSON` or `Symbol.toPrimitive` is called, every
 * property read that could run a getter or a Proxy trap is guarded, and the text is cut at a bound.
 */

/** Longest text made of an unexpected value (a thrown value's message, a name that was not a string). */
export const MAX_DESCRIBED_LENGTH = 1024;

type IsError = (value: unknown) => boolean;

/** `Error.isError` (brand check, no Proxy trap) where the runtime has it (Node 24), else a guarded `instanceof`. */
const isErrorBrand: IsError | undefined = (Error as { isError?: IsError }).isError;

/** Whether `value` is an Error; never throws (a revoked Proxy or a throwing `getPrototypeOf` trap is not). */
export function isError(value: unknown): value is Error {
  if (typeof value !== 'object' || value === null) return false;
  if (isErrorBrand !== undefined) return isErrorBrand(value);
  try {
    return value instanceof Error;
  } catch {
    return false;
  }
}

/** `target[key]`, or `undefined` when reading it throws (a getter, a Proxy trap, a revoked Proxy). */
export function safeGet(target: object, key: PropertyKey): unknown {
  try {
    return (target as Record<PropertyKey, unknown>)[key];
  } catch {
    return undefined;
  }
}

function cut(text: string, maxLength: number): string {
  return text.length > maxLength ? `${text.slice(0, maxLength)}…` : text;
}

/** The name of `value`'s constructor, if it is a non-empty string; never throws. */
function constructorName(value: object): string | undefined {
  const ctor = safeGet(value, 'constructor');
  if (typeof ctor !== 'function') return undefined;
  const name = safeGet(ctor, 'name');
  return typeof name === 'string' && name !== '' ? name : undefined;
}

/**
 * A short text for any value, never throwing: strings as they are, primitives as `String()` makes them,
 * an Error's (or error-like object's) string `message`, otherwise `[object <constructor name>]`.
 * Cut at `maxLength` characters.
 */
export function safeString(value: unknown, maxLength = MAX_DESCRIBED_LENGTH): string {
  switch (typeof value) {
    case 'string':
      return cut(value, maxLength);
    case 'number':
    case 'boolean':
    case 'bigint':
    case 'undefined':
      return cut(String(value), maxLength);
    case 'symbol':
      return cut(value.toString(), maxLength);
    case 'function': {
      const name = safeGet(value, 'name');
      return cut(`[function ${typeof name === 'string' && name !== '' ? name : 'anonymous'}]`, maxLength);
    }
    default:
      break;
  }
  if (value === null) return 'null';
  const message = safeGet(value as object, 'message');
  if (typeof message === 'string') return cut(message, maxLength);
  return cut(`[object ${constructorName(value as object) ?? 'Object'}]`, maxLength);
}

/**
 * The `error.type` of a thrown value, never throwing: an Error's constructor name (else its string `name`,
 * else `Error`); for another object its constructor name, else `Object`; `null`; else its JavaScript type.
 */
export function safeErrorType(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  const ctor = constructorName(value);
  if (isError(value)) {
    if (ctor !== undefined && ctor !== 'Object') return cut(ctor, MAX_DESCRIBED_LENGTH);
    const name = safeGet(value, 'name');
    return typeof name === 'string' && name !== '' ? cut(name, MAX_DESCRIBED_LENGTH) : 'Error';
  }
  return cut(ctor ?? 'Object', MAX_DESCRIBED_LENGTH);
}
