import type { SpanLimits } from '@opentelemetry/sdk-trace';
import { positive } from '../safety/limits.js';

/**
 * The span limits of the environment, named as `@opentelemetry/sdk-node` reads them
 * (`OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT`, else `OTEL_ATTRIBUTE_COUNT_LIMIT`; the value-length, event, link and
 * per-event/per-link variables likewise). A value that is not a positive number is ignored; what is unset
 * stays the SDK's default.
 */
export function spanLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): SpanLimits {
  const first = (...names: string[]): number | undefined => {
    for (const name of names) {
      const value = positive(env, name);
      if (value !== undefined) return value;
    }
    return undefined;
  };
  return {
    attributeCountLimit: first('OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT', 'OTEL_ATTRIBUTE_COUNT_LIMIT'),
    attributeValueLengthLimit: first('OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT', 'OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT'),
    eventCountLimit: first('OTEL_SPAN_EVENT_COUNT_LIMIT'),
    linkCountLimit: first('OTEL_SPAN_LINK_COUNT_LIMIT'),
    attributePerEventCountLimit: first('OTEL_EVENT_ATTRIBUTE_COUNT_LIMIT', 'OTEL_SPAN_ATTRIBUTE_PER_EVENT_COUNT_LIMIT'),
    attributePerLinkCountLimit: first('OTEL_LINK_ATTRIBUTE_COUNT_LIMIT', 'OTEL_SPAN_ATTRIBUTE_PER_LINK_COUNT_LIMIT'),
  };
}
