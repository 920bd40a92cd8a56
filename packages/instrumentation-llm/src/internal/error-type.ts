const GENERIC_NAMES = new Set(['Error', 'ApiError', 'APIError', 'Object']);

/**
 * The `error.type` of a failed call: the SDK's error class (`RateLimitError`, `APIConnectionTimeoutError`),
 * or the HTTP status when the class says nothing more (`@google/genai`'s `ApiError` → `"429"`), else
 * `_OTHER`. Reads nothing that can throw.
 */
export function errorType(error: unknown): string {
  if (typeof error !== 'object' || error === null) return '_OTHER';
  const name = (error as { constructor?: { name?: unknown } }).constructor?.name;
  if (typeof name === 'string' && name !== '' && !GENERIC_NAMES.has(name)) return name;
  const status = (error as { status?: unknown }).status;
  if (typeof status === 'number') return String(status);
  const errorName = (error as { name?: unknown }).name;
  return typeof errorName === 'string' && errorName !== '' ? errorName : '_OTHER';
}

