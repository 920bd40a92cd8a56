import { ValueType, type Logger, type Meter, type Tracer } from '@opentelemetry/api';
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

/** The three GenAI client histograms, with the conventions' bucket advice (Views may override it). */
export interface GenAiInstruments {
  readonly duration: KeyedHistogram;
  readonly tokenUsage: KeyedHistogram;
  readonly timeToFirstChunk: KeyedHistogram;
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
  return { duration: histogram(DURATION), tokenUsage: histogram(TOKEN_USAGE), timeToFirstChunk: histogram(TIME_TO_FIRST_CHUNK) };
}
