import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

/**
 * `service.name` of a resource, read from its raw attributes: reading `resource.attributes` while a
 * detector's attributes are still pending (the host id is read asynchronously) makes the SDK print an
 * error line, and `service.name` itself is never asynchronous.
 */
export function serviceNameOf(resource: ReadableLogRecord['resource']): unknown {
  if (!resource.asyncAttributesPending) return resource.attributes[ATTR_SERVICE_NAME];
  let name: unknown;
  for (const [key, value] of resource.getRawAttributes()) {
    if (key === ATTR_SERVICE_NAME && typeof (value as PromiseLike<unknown> | undefined)?.then !== 'function') name = value;
  }
  return name;
}
