import type { Attributes, Meter } from '@opentelemetry/api';
import type { HistogramDescription, KeyedHistogram } from './types.js';

/**
 * A {@link KeyedHistogram} on the MeterProvider's own histogram instrument (the SDK aggregates, Views
 * apply): what an instrumentation records through when no {@link HistogramAggregator} is given. Builds the
 * attribute object on every record, as a direct `histogram.record(value, attributes)` would.
 */
export function meterHistogram(meter: Meter, description: HistogramDescription): KeyedHistogram {
  const histogram = meter.createHistogram(description.name, {
    description: description.description,
    unit: description.unit,
    valueType: description.valueType,
    advice: { explicitBucketBoundaries: [...description.boundaries] },
  });
  const keys = description.keys;
  return {
    record(value, values) {
      const attributes: Attributes = {};
      for (let i = 0; i < keys.length; i++) {
        const v = values[i];
        if (v !== undefined) attributes[keys[i]!] = v as Attributes[string];
      }
      histogram.record(value, attributes);
    },
  };
}
