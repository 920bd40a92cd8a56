import { ValueType, type Histogram, type Logger, type Meter, type Tracer } from '@opentelemetry/api';
import {
  DURATION_BUCKETS,
  METRIC_GEN_AI_CLIENT_OPERATION_DURATION,
  METRIC_GEN_AI_CLIENT_OPERATION_TIME_PER_OUTPUT_CHUNK,
  METRIC_GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK,
  METRIC_GEN_AI_CLIENT_TOKEN_USAGE,
  TOKEN_BUCKETS,
} from '../semconv.js';
import { createCostInstruments, type CostInstruments } from '../cost/cost-instruments.js';
import type { IdleReaper } from './idle-reaper.js';
import type { ResolvedLlmConfig } from './resolve-config.js';

/** The four GenAI client instruments, with the conventions' bucket advice (Views may override it), and ours for cost. */
export interface GenAiInstruments {
  readonly duration: Histogram;
  readonly tokenUsage: Histogram;
  readonly timeToFirstChunk: Histogram;
  readonly timePerOutputChunk: Histogram;
  readonly cost: CostInstruments;
}

/** Everything a call records through; owned by one instrumentation, shared by its calls. */
export interface Telemetry {
  readonly tracer: Tracer;
  readonly logger: Logger;
  readonly instruments: GenAiInstruments;
  readonly config: ResolvedLlmConfig;
  readonly reaper: IdleReaper;
}

export function createInstruments(meter: Meter): GenAiInstruments {
  return {
    duration: meter.createHistogram(METRIC_GEN_AI_CLIENT_OPERATION_DURATION, {
      description: 'GenAI operation duration.',
      unit: 's',
      advice: { explicitBucketBoundaries: DURATION_BUCKETS },
    }),
    tokenUsage: meter.createHistogram(METRIC_GEN_AI_CLIENT_TOKEN_USAGE, {
      description: 'Number of input and output tokens used.',
      unit: '{token}',
      valueType: ValueType.INT,
      advice: { explicitBucketBoundaries: TOKEN_BUCKETS },
    }),
    timeToFirstChunk: meter.createHistogram(METRIC_GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK, {
      description: 'Time to receive the first chunk of a streaming response.',
      unit: 's',
      advice: { explicitBucketBoundaries: DURATION_BUCKETS },
    }),
    timePerOutputChunk: meter.createHistogram(METRIC_GEN_AI_CLIENT_OPERATION_TIME_PER_OUTPUT_CHUNK, {
      description: 'Time per output chunk of a streaming response, for each chunk after the first.',
      unit: 's',
      advice: { explicitBucketBoundaries: DURATION_BUCKETS },
    }),
    cost: createCostInstruments(meter),
  };
}
