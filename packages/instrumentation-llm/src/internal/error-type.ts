/**
 * Classes that say nothing more than "the API answered an error": `@google/genai`'s `ApiError`, `ollama`'s
 * `ResponseError`, `@mistralai/mistralai`'s `SDKError`/`MistralError`, `cohere-ai`'s `CohereError` (its
 * per-status subclasses, `TooManyRequestsError`, are kept).
 */
const GENERIC_NAMES = new Set(['Error', 'ApiError', 'APIError', 'Object', 'ResponseError', 'SDKError', 'MistralError', 'CohereError']);

/**
 * The `error.type` of a failed call: the SDK's error class (`RateLimitError`, `APIConnectionTimeoutError`),
 * or the HTTP status (`status`, `statusCode` or `status_code`) when the class says nothing more
 * (`@google/genai`'s `ApiError` → `"429"`), else
 * `_OTHER`. Reads nothing that can throw.
 */
export function errorType(error: unknown): string {
  if (typeof error !== 'object' || error === null) return '_OTHER';
  const name = (error as { constructor?: { name?: unknown } }).constructor?.name;
  if (typeof name === 'string' && name !== '' && !GENERIC_NAMES.has(name)) return name;
  const e = error as { status?: unknown; statusCode?: unknown; status_code?: unknown };
  const status = typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : e.status_code;
  if (typeof status === 'number') return String(status);
  const errorName = (error as { name?: unknown }).name;
  return typeof errorName === 'string' && errorName !== '' ? errorName : '_OTHER';
}

