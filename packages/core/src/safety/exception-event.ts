import type { Attributes } from '@opentelemetry/api';
import { safeGet, safeString } from './describe-value.js';
import { ATTR_EXCEPTION_MESSAGE, ATTR_EXCEPTION_STACKTRACE, ATTR_EXCEPTION_TYPE } from '../semconv.js';

/** A text attribute from a field the SDK reads by truthiness: strings as they are, other truthy values made strings. */
function textOf(value: unknown): string | undefined {
  if (!value) return undefined;
  return typeof value === 'string' ? value : safeString(value);
}

/**
 * The attributes of the `exception` event the SDK's `recordException` records — `exception.type` from `code`,
 * else `name`; `exception.message`; `exception.stacktrace` — read once each, guarded, never through user
 * `toString`; `undefined` when there is neither a type nor a message (the SDK records nothing then either).
 */
export function exceptionEventAttributes(exception: unknown): Attributes | undefined {
  const attributes: Attributes = {};
  if (typeof exception === 'string') attributes[ATTR_EXCEPTION_MESSAGE] = exception;
  else if (exception !== null && typeof exception === 'object') {
    const type = textOf(safeGet(exception, 'code')) ?? textOf(safeGet(exception, 'name'));
    const message = textOf(safeGet(exception, 'message'));
    const stack = textOf(safeGet(exception, 'stack'));
    if (type !== undefined) attributes[ATTR_EXCEPTION_TYPE] = type;
    if (message !== undefined) attributes[ATTR_EXCEPTION_MESSAGE] = message;
    if (stack !== undefined) attributes[ATTR_EXCEPTION_STACKTRACE] = stack;
  }
  return attributes[ATTR_EXCEPTION_TYPE] !== undefined || attributes[ATTR_EXCEPTION_MESSAGE] !== undefined ? attributes : undefined;
}

