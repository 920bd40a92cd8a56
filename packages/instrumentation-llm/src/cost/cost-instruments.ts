import * as semconv from '../semconv.js';
import { callAttributes, TOKEN_TYPE_INDEX, type GenAiInstruments } from '../internal/telemetry.js';
import { PriceBook, type CallCost, type TokenCounts } from './price-table.js';

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
 * Records a priced call's cost per token type with the token metric's attribute sets (`values`, the call's
 * values in the histograms' key order, whose token type slot this sets), or counts an unpriced call.
 */
export function recordCost(
  instruments: GenAiInstruments,
  cost: CallCost | null | undefined,
  values: unknown[],
  hasInput: boolean,
  hasOutput: boolean,
): void {
  if (cost === null) {
    instruments.unpriced.add(1, callAttributes(values));
    return;
  }
  if (cost === undefined) return;
  if (hasInput) {
    values[TOKEN_TYPE_INDEX] = semconv.GEN_AI_TOKEN_TYPE_INPUT;
    instruments.cost.record(cost.input, values);
  }
  if (hasOutput) {
    values[TOKEN_TYPE_INDEX] = semconv.GEN_AI_TOKEN_TYPE_OUTPUT;
    instruments.cost.record(cost.output, values);
  }
}
