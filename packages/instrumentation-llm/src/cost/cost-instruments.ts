import { type Attributes, type Counter, type Histogram, type Meter } from '@opentelemetry/api';
import {
  COST_BUCKETS,
  METRIC_SIGHTLINE_GEN_AI_CLIENT_COST,
  METRIC_SIGHTLINE_GEN_AI_CLIENT_COST_UNPRICED,
} from '../semconv.js';
import { PriceBook, type CallCost, type TokenCounts } from './price-table.js';

/** The cost histogram and the count of calls that could not be priced. */
export interface CostInstruments {
  readonly cost: Histogram;
  readonly unpriced: Counter;
}

export function createCostInstruments(meter: Meter): CostInstruments {
  return {
    cost: meter.createHistogram(METRIC_SIGHTLINE_GEN_AI_CLIENT_COST, {
      description: 'Cost of GenAI operations in USD, from the reported token usage and the price table, by token type.',
      unit: '{USD}',
      advice: { explicitBucketBoundaries: COST_BUCKETS },
    }),
    unpriced: meter.createCounter(METRIC_SIGHTLINE_GEN_AI_CLIENT_COST_UNPRICED, {
      description: 'GenAI operations that reported token usage for a model with no price: no cost was recorded.',
      unit: '{call}',
    }),
  };
}

/**
 * The cost of a call: `undefined` when it reported no tokens (nothing to price), `null` when its model has
 * no price (the response model, e.g. a dated snapshot, is looked up first, then the requested model).
 */
export function priceCall(
  book: PriceBook,
  provider: string,
  responseModel: string | undefined,
  requestModel: string | undefined,
  counts: TokenCounts,
): CallCost | null | undefined {
  if (counts.inputTokens === undefined && counts.outputTokens === undefined) return undefined;
  const price =
    (responseModel !== undefined ? book.priceOf(provider, responseModel) : undefined) ??
    (requestModel !== undefined ? book.priceOf(provider, requestModel) : undefined);
  if (price === undefined) return null;
  return PriceBook.costOf(price, counts) ?? null;
}

/**
 * Records a priced call's cost with the token metric's attribute sets (the same objects), or counts an
 * unpriced one with the call's attributes.
 */
export function recordCost(
  instruments: CostInstruments,
  cost: CallCost | null | undefined,
  inputAttributes: Attributes | undefined,
  outputAttributes: Attributes | undefined,
  callAttributes: Attributes,
): void {
  if (cost === null) instruments.unpriced.add(1, callAttributes);
  else if (cost !== undefined) {
    if (inputAttributes !== undefined) instruments.cost.record(cost.input, inputAttributes);
    if (outputAttributes !== undefined) instruments.cost.record(cost.output, outputAttributes);
  }
}
