import type { Attributes } from '@opentelemetry/api';
import {
  ATTR_EXCEPTION_MESSAGE,
  ATTR_EXCEPTION_STACKTRACE,
  ATTR_EXCEPTION_TYPE,
} from '@opentelemetry/semantic-conventions';

/** The exception's type: its class name (`TypeError`, `APIError`), else its `name`, else `Error`. */
export function exceptionType(error: Error): string {
  const ctorName = (error.constructor as { name?: unknown } | undefined)?.name;
  if (typeof ctorName === 'string' && ctorName !== '' && ctorName !== 'Object') return ctorName;
  return typeof error.name === 'string' && error.name !== '' ? error.name : 'Error';
}

/** Writes `exception.type`, `exception.message` and `exception.stacktrace` for `error` into `target`. */
export function setExceptionAttributes(target: Attributes, error: Error): void {
  target[ATTR_EXCEPTION_TYPE] = exceptionType(error);
  target[ATTR_EXCEPTION_MESSAGE] = String(error.message);
  if (typeof error.stack === 'string') target[ATTR_EXCEPTION_STACKTRACE] = error.stack;
}
