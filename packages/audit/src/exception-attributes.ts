import type { Attributes } from '@opentelemetry/api';
import { ATTR_EXCEPTION_MESSAGE, ATTR_EXCEPTION_STACKTRACE, ATTR_EXCEPTION_TYPE } from './semconv.js';

/** Bounds of what {@link exceptionAttributes} keeps of an error's `cause` chain and `AggregateError` members. */
export interface ExceptionLimits {
  /** Most `cause` links followed (each nested level counts). Default 5. */
  maxCauseDepth?: number;
  /** Most members of one `AggregateError` kept. Default 10. */
  maxAggregateErrors?: number;
  /** Longest `exception.stacktrace`, in characters; the rest is cut with a marker. Default 32768. */
  maxStacktraceLength?: number;
}

const DEFAULT_MAX_CAUSE_DEPTH = 5;
const DEFAULT_MAX_AGGREGATE_ERRORS = 10;
const DEFAULT_MAX_STACKTRACE_LENGTH = 32_768;
const MAX_MESSAGE_LENGTH = 8_192;

/** The exception's type: its class name (`TypeError`, `APIError`), else its `name`, else `Error`; for a non-Error thrown value, its JavaScript type. */
export function exceptionType(error: unknown): string {
  if (error instanceof Error) {
    const ctorName = (error.constructor as { name?: unknown } | undefined)?.name;
    if (typeof ctorName === 'string' && ctorName !== '' && ctorName !== 'Object') return ctorName;
    return typeof error.name === 'string' && error.name !== '' ? error.name : 'Error';
  }
  if (error === null) return 'null';
  if (typeof error === 'object') {
    const ctorName = (error.constructor as { name?: unknown } | undefined)?.name;
    return typeof ctorName === 'string' && ctorName !== '' ? ctorName : 'Object';
  }
  return typeof error;
}

function messageOf(error: unknown): string {
  let text: string;
  if (error instanceof Error) text = String(error.message);
  else if (typeof error === 'string') text = error;
  else {
    try {
      text = typeof error === 'object' && error !== null ? JSON.stringify(error) ?? String(error) : String(error);
    } catch {
      text = String(error);
    }
  }
  return text.length > MAX_MESSAGE_LENGTH ? `${text.slice(0, MAX_MESSAGE_LENGTH)}…` : text;
}

function headOf(error: unknown): string {
  if (error instanceof Error && typeof error.stack === 'string' && error.stack !== '') return error.stack;
  return `${exceptionType(error)}: ${messageOf(error)}`;
}

function indent(text: string, prefix: string): string {
  return text.replace(/\n/g, `\n${prefix}`);
}

/**
 * Renders `error` with its causes and aggregate members, Java-style, in V8's format:
 * the error's own stack, then `Caused by: <stack>` per cause and `[errors][i] <stack>` (indented) per member.
 */
function render(error: unknown, limits: Required<ExceptionLimits>, depth: number, seen: Set<unknown>): string {
  seen.add(error);
  let out = headOf(error);
  if (error instanceof AggregateError && Array.isArray(error.errors)) {
    const members = error.errors.slice(0, limits.maxAggregateErrors);
    members.forEach((member, i) => {
      const text = seen.has(member) ? '[circular]' : render(member, limits, depth + 1, seen);
      out += `\n  [errors][${i}] ${indent(text, '  ')}`;
    });
    const rest = error.errors.length - members.length;
    if (rest > 0) out += `\n  … ${rest} more errors`;
  }
  if (error instanceof Error && error.cause !== undefined) {
    if (depth >= limits.maxCauseDepth) out += '\nCaused by: … (more causes left out)';
    else out += `\nCaused by: ${seen.has(error.cause) ? '[circular]' : render(error.cause, limits, depth + 1, seen)}`;
  }
  return out;
}

/**
 * The `exception.type`, `exception.message` and `exception.stacktrace` attributes of a thrown value.
 * The stacktrace keeps the `cause` chain and `AggregateError` members, bounded by `limits`.
 */
export function exceptionAttributes(error: unknown, limits: ExceptionLimits = {}): Attributes {
  const bounds: Required<ExceptionLimits> = {
    maxCauseDepth: limits.maxCauseDepth ?? DEFAULT_MAX_CAUSE_DEPTH,
    maxAggregateErrors: limits.maxAggregateErrors ?? DEFAULT_MAX_AGGREGATE_ERRORS,
    maxStacktraceLength: limits.maxStacktraceLength ?? DEFAULT_MAX_STACKTRACE_LENGTH,
  };
  const attributes: Attributes = {
    [ATTR_EXCEPTION_TYPE]: exceptionType(error),
    [ATTR_EXCEPTION_MESSAGE]: messageOf(error),
  };
  const hasMore = error instanceof Error && (error.cause !== undefined || error instanceof AggregateError);
  if ((error instanceof Error && typeof error.stack === 'string') || hasMore) {
    let stack = render(error, bounds, 0, new Set());
    if (stack.length > bounds.maxStacktraceLength) stack = `${stack.slice(0, bounds.maxStacktraceLength)}\n… (stacktrace cut)`;
    attributes[ATTR_EXCEPTION_STACKTRACE] = stack;
  }
  return attributes;
}
