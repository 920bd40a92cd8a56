import { ValueType, type Attributes } from '@opentelemetry/api';
import { AggregationTemporality, DataPointType, MeterProvider, type MetricData, type ViewOptions } from '@opentelemetry/sdk-metrics';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HistogramAggregator } from '../src/histogram-aggregator.js';
import type { HistogramDescription } from '../src/types.js';
import { sightlineViews } from '../src/views.js';
import { CollectingReader } from './fixtures/metrics.js';

const SCOPE = { name: '@sightline/test', version: '1.2.3' };

/** Three histograms: two the Sightline views cover (one of them INT), one no view covers. */
const HISTOGRAMS: HistogramDescription[] = [
  {
    name: 'gen_ai.client.operation.duration',
    description: 'GenAI operation duration.',
    unit: 's',
    boundaries: [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92],
    keys: ['gen_ai.operation.name', 'gen_ai.provider.name', 'gen_ai.request.model', 'server.address', 'server.port', 'error.type'],
  },
  {
    name: 'gen_ai.client.token.usage',
    description: 'Number of input and output tokens used.',
    unit: '{token}',
    valueType: ValueType.INT,
    boundaries: [1, 4, 16, 64, 256, 1024],
    keys: ['gen_ai.operation.name', 'gen_ai.provider.name', 'server.port', 'gen_ai.token.type'],
  },
  { name: 'test.latency', description: '', unit: 'ms', boundaries: [0, 5, 10, 100], keys: ['a', 'b'] },
];

/** Attribute values from small pools, so that sets repeat; `undefined` leaves the key out. */
const valueOf = fc.constantFrom<unknown>(undefined, 'chat', 'embeddings', 'openai', 'x', '', 443, 8080, 0, true);
const measurement = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: 0, max: 200, noNaN: true }) },
  { weight: 2, arbitrary: fc.constantFrom(0, 0.01, 0.02, 1, 4, 5, 10, 100, 1024, 81.92, 1e9) },
  { weight: 1, arbitrary: fc.constantFrom(Number.NaN, -1, -0.5, Infinity, 2.5) },
);

type Op =
  | { kind: 'record'; histogram: number; value: number; values: unknown[] }
  | { kind: 'collect'; reader: number }
  | { kind: 'tick'; ms: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 10, arbitrary: fc.record({ kind: fc.constant('record' as const), histogram: fc.integer({ min: 0, max: 2 }), value: measurement, values: fc.array(valueOf, { minLength: 6, maxLength: 6 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('collect' as const), reader: fc.integer({ min: 0, max: 1 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('tick' as const), ms: fc.integer({ min: 1, max: 5000 }) }) },
);

/** The attribute object of `values` for `description`, built here the way an app calling the SDK would. */
function attributesOf(description: HistogramDescription, values: unknown[]): Attributes {
  const attributes: Attributes = {};
  description.keys.forEach((key, i) => {
    if (values[i] !== undefined) attributes[key] = values[i] as Attributes[string];
  });
  return attributes;
}

/** A metric as exporters see it, data points in a stable order (attribute order is not significant). */
function normalized(metrics: MetricData[]) {
  return metrics
    .map((metric) => {
      expect(metric.dataPointType).toBe(DataPointType.HISTOGRAM);
      const points = (metric.dataPoints as Array<{ attributes: Attributes }>).map((p) => ({ ...p, key: JSON.stringify(Object.entries(p.attributes).sort()) }));
      points.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      return { ...metric, dataPoints: points };
    })
    .sort((a, b) => (a.descriptor.name < b.descriptor.name ? -1 : 1));
}

async function scopeMetrics(reader: CollectingReader) {
  const { resourceMetrics, errors } = await reader.collect();
  expect(errors).toEqual([]);
  return resourceMetrics.scopeMetrics.map((s) => ({ scope: s.scope, metrics: normalized(s.metrics) }));
}

const deltaReader = () => new CollectingReader({ aggregationTemporalitySelector: () => AggregationTemporality.DELTA });

/** The SDK side and the aggregator side, each with a cumulative and a delta reader. */
function sides(views: ViewOptions[] | undefined, cardinalityLimit?: number) {
  const sdkReaders = [new CollectingReader(), deltaReader()];
  const sdk = new MeterProvider({ views, readers: sdkReaders });
  const meter = sdk.getMeter(SCOPE.name, SCOPE.version);
  const instruments = HISTOGRAMS.map((d) =>
    meter.createHistogram(d.name, { description: d.description, unit: d.unit, valueType: d.valueType, advice: { explicitBucketBoundaries: [...d.boundaries] } }),
  );
  const ourReaders = [new CollectingReader(), deltaReader()];
  new MeterProvider({ readers: ourReaders });
  const aggregator = new HistogramAggregator({ views: views === undefined ? false : {}, cardinalityLimit });
  for (const reader of ourReaders) aggregator.attach(reader);
  const ours = HISTOGRAMS.map((d) => aggregator.histogram(SCOPE, d));
  return {
    record(i: number, value: number, values: unknown[]) {
      instruments[i]!.record(value, attributesOf(HISTOGRAMS[i]!, values));
      ours[i]!.record(value, values);
    },
    async compare(reader: number) {
      expect(await scopeMetrics(ourReaders[reader]!)).toEqual(await scopeMetrics(sdkReaders[reader]!));
    },
  };
}

describe('HistogramAggregator', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'], now: 1_750_000_000_123 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  for (const [label, views] of [
    ['with the Sightline views', sightlineViews()],
    ['without views', undefined],
  ] as const) {
    it(`produces the data points the SDK's histograms produce for the same records, ${label}, cumulative and delta`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(op, { maxLength: 120 }), async (ops) => {
          const both = sides(views as ViewOptions[] | undefined);
          for (const o of ops) {
            if (o.kind === 'record') both.record(o.histogram, o.value, o.values);
            else if (o.kind === 'tick') vi.setSystemTime(Date.now() + o.ms);
            else await both.compare(o.reader);
          }
          await both.compare(0);
          await both.compare(1);
        }),
        { numRuns: 150 },
      );
    });
  }

  // The SDK keeps one storage per view for all readers, but one storage per reader for an instrument no view
  // covers: the interval whose series the limit counts then differs by reader. The aggregator keeps one
  // storage, as with views (which bootstrap() installs); this compares the histograms the views cover.
  it('folds attribute sets past the cardinality limit into otel.metric.overflow, as the SDK does with views', async () => {
    const views = sightlineViews().map((view) => ({ ...view, aggregationCardinalityLimit: 4 }));
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 80 }), async (ops) => {
        const both = sides(views, 4);
        for (const o of ops) {
          if (o.kind === 'record') both.record(o.histogram % 2, o.value, o.values);
          else if (o.kind === 'tick') vi.setSystemTime(Date.now() + o.ms);
          else await both.compare(o.reader);
        }
        await both.compare(0);
        await both.compare(1);
      }),
      { numRuns: 100 },
    );
  });

  it('gives the same histogram to the same scope and name', () => {
    const aggregator = new HistogramAggregator();
    expect(aggregator.histogram(SCOPE, HISTOGRAMS[0]!)).toBe(aggregator.histogram(SCOPE, HISTOGRAMS[0]!));
    expect(aggregator.histogram({ name: 'other' }, HISTOGRAMS[0]!)).not.toBe(aggregator.histogram(SCOPE, HISTOGRAMS[0]!));
  });

  it('publishes through the metricProducers option of a reader too', async () => {
    const aggregator = new HistogramAggregator({ views: false });
    const reader = new CollectingReader({ metricProducers: [aggregator.createProducer(AggregationTemporality.DELTA)] });
    new MeterProvider({ readers: [reader] });
    const histogram = aggregator.histogram(SCOPE, HISTOGRAMS[2]!);
    histogram.record(7, ['x', undefined]);
    const first = await reader.histogram('test.latency');
    expect(first.aggregationTemporality).toBe(AggregationTemporality.DELTA);
    expect(first.dataPoints.map((p) => [p.attributes, p.value.count, p.value.buckets.counts])).toEqual([[{ a: 'x' }, 1, [0, 0, 1, 0, 0]]]);
    expect((await reader.metrics()).length).toBe(0);
  });
});
