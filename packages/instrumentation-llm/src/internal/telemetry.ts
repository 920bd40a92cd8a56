import { ValueType, type Attributes, type Counter, type Logger, type Meter, type Tracer } from '@opentelemetry/api';
import { meterHistogram, type HistogramAggregator, type HistogramDescription, type KeyedHistogram } from '@sightline/metrics';
import * as semconv from '../semconv.js';
import type { IdleReaper } from './idle-reaper.js';
import type { ResolvedLlmConfig } from './resolve-config.js';

/**
 * The metric attribute keys of a call, in the order of the values `LlmCall` passes: the duration and
 * time-to-first-chunk histograms read the first seven, token usage all eight.
 */
const CALL_KEYS = [
  semconv.ATTR_GEN_AI_OPERATION_NAME,
  semconv.ATTR_GEN_AI_PROVIDER_NAME,
  semconv.ATTR_GEN_AI_REQUEST_MODEL,
  semconv.ATTR_SERVER_ADDRESS,
  semconv.ATTR_SERVER_PORT,
  semconv.ATTR_GEN_AI_RESPONSE_MODEL,
  semconv.ATTR_ERROR_TYPE,
];
/** Position of `gen_ai.token.type` in the values of a call. */
export const TOKEN_TYPE_INDEX = CALL_KEYS.length;

const DURATION: HistogramDescription = {
  name: semconv.METRIC_GEN_AI_CLIENT_OPERATION_DURATION,
  description: 'GenAI operation duration.',
  unit: 's',
  boundaries: semconv.DURATION_BUCKETS,
  keys: CALL_KEYS,
};
const TOKEN_USAGE: HistogramDescription = {
  name: semconv.METRIC_GEN_AI_CLIENT_TOKEN_USAGE,
  description: 'Number of input and output tokens used.',
  unit: '{token}',
  valueType: ValueType.INT,
  boundaries: semconv.TOKEN_BUCKETS,
  keys: [...CALL_KEYS, semconv.ATTR_GEN_AI_TOKEN_TYPE],
};
const TIME_TO_FIRST_CHUNK: HistogramDescription = {
  name: semconv.METRIC_GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK,
  description: 'Time to receive the first chunk of a streaming response.',
  unit: 's',
  boundaries: semconv.DURATION_BUCKETS,
  keys: CALL_KEYS,
};
const TIME_PER_OUTPUT_CHUNK: HistogramDescription = {
  name: semconv.METRIC_GEN_AI_CLIENT_OPERATION_TIME_PER_OUTPUT_CHUNK,
  description: 'Time per output chunk of a streaming response, for each chunk after the first.',
  unit: 's',
  boundaries: semconv.DURATION_BUCKETS,
  keys: CALL_KEYS,
};
/** Ours: the cost of a call per token type, with the attribute sets of `gen_ai.client.token.usage`. */
const COST: HistogramDescription = {
  name: semconv.METRIC_SIGHTLINE_GEN_AI_CLIENT_COST,
  description: 'Cost of GenAI operations in USD, from the reported token usage and the price table, by token type.',
  unit: '{USD}',
  boundaries: semconv.COST_BUCKETS,
  keys: TOKEN_USAGE.keys,
};

/** The attributes of a call's values (without the token type): for the rare records made without a histogram. */
export function callAttributes(values: readonly unknown[]): Attributes {
  const attributes: Attributes = {};
  for (let i = 0; i < CALL_KEYS.length; i++) {
    if (values[i] !== undefined) attributes[CALL_KEYS[i]!] = values[i] as Attributes[string];
  }
  return attributes;
}

/** The four GenAI client histograms, with the conventions' bucket advice (Views may override it), and ours for cost. */
export interface GenAiInstruments {
  readonly duration: KeyedHistogram;
  readonly tokenUsage: KeyedHistogram;
  readonly timeToFirstChunk: KeyedHistogram;
  readonly timePerOutputChunk: KeyedHistogram;
  readonly cost: KeyedHistogram;
  /** Calls that reported tokens for a model with no price (no cost recorded). */
  readonly unpriced: Counter;
}

/** Everything a call records through; owned by one instrumentation, shared by its calls. */
export interface Telemetry {
  readonly tracer: Tracer;
  readonly logger: Logger;
  readonly instruments: GenAiInstruments;
  readonly config: ResolvedLlmConfig;
  readonly reaper: IdleReaper;
}

/**
 * The histograms on `meter`, or in `aggregator` (scope `scope`) when one is given: see
 * `LlmInstrumentationConfig.histogramAggregator`.
 */
export function createInstruments(meter: Meter, scope: { name: string; version: string }, aggregator: HistogramAggregator | undefined): GenAiInstruments {
  const histogram = (description: HistogramDescription) =>
    aggregator === undefined ? meterHistogram(meter, description) : aggregator.histogram(scope, description);
  return {
    duration: histogram(DURATION),
    tokenUsage: histogram(TOKEN_USAGE),
    timeToFirstChunk: histogram(TIME_TO_FIRST_CHUNK),
    timePerOutputChunk: histogram(TIME_PER_OUTPUT_CHUNK),
    cost: histogram(COST),
    unpriced: meter.createCounter(semconv.METRIC_SIGHTLINE_GEN_AI_CLIENT_COST_UNPRICED, {
      description: 'GenAI operations that reported token usage for a model with no price: no cost was recorded.',
      unit: '{call}',
    }),
  };
}
