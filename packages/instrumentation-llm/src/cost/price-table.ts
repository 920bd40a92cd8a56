import { diag } from '@opentelemetry/api';

/** What one model costs, in USD per million tokens. */
export interface ModelPrice {
  /** Input tokens that were neither read from nor written to a prompt cache. */
  readonly input: number;
  /** Output tokens (reasoning tokens included: they are billed as output). */
  readonly output: number;
  /** Input tokens read from a prompt cache; `input` when absent (no discount). */
  readonly cachedInput?: number;
  /** Input tokens written to a prompt cache (Anthropic); `input` when absent. */
  readonly cacheWrite?: number;
}

/** Prices by `gen_ai.provider.name`, then by model name (a family name or an exact snapshot name). */
export type PriceTable = Readonly<Record<string, Readonly<Record<string, ModelPrice>>>>;

/** The token counts of one call, as the conventions report them (input includes cached tokens). */
export interface TokenCounts {
  readonly inputTokens: number | undefined;
  readonly outputTokens: number | undefined;
  readonly cacheReadTokens: number | undefined;
  readonly cacheCreationTokens: number | undefined;
}

/** The cost of one call in USD, split as `gen_ai.client.token.usage` is (by token type). */
export interface CallCost {
  readonly input: number;
  readonly output: number;
}

/**
 * Date and version suffixes of snapshot names, tried in order when a name has no price of its own:
 * `gpt-4o-2024-08-06`, `claude-3-5-sonnet-20241022`, Vertex AI's `claude-3-5-sonnet@20240620`, `-latest`
 * aliases. Nothing else is stripped: a name that is not a snapshot of a priced family has no price.
 */
const SNAPSHOT_SUFFIXES = [/-\d{4}-\d{2}-\d{2}$/, /-\d{8}$/, /@\d{8}$/, /-latest$/];
const MAX_CACHED = 512;
const PER_MILLION = 1e-6;

function isPrice(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/** A valid price, or `undefined` (with one diagnostic line naming `where`). */
function validPrice(value: unknown, where: string): ModelPrice | undefined {
  const p = value as Partial<Record<keyof ModelPrice, unknown>> | null;
  if (
    typeof p === 'object' && p !== null && isPrice(p.input) && isPrice(p.output) &&
    (p.cachedInput === undefined || isPrice(p.cachedInput)) && (p.cacheWrite === undefined || isPrice(p.cacheWrite))
  ) {
    return { input: p.input, output: p.output, cachedInput: p.cachedInput as number | undefined, cacheWrite: p.cacheWrite as number | undefined };
  }
  diag.warn(`@sightline/instrumentation-llm: price of ${where} ignored: expected { input, output, cachedInput?, cacheWrite? } in USD per million tokens, non-negative numbers`);
  return undefined;
}

/**
 * The prices in use: the shipped table with the user's tables laid over it (a model named in a later table
 * replaces its price). Looks a model up by its exact name first, then by its family (the name without a
 * snapshot suffix), once per provider and model: the answer is remembered.
 */
export class PriceBook {
  private readonly _byProvider = new Map<string, Map<string, ModelPrice>>();
  /** Answers by provider, then model (no key string built per call); at most `MAX_CACHED` in all. */
  private readonly _resolved = new Map<string, Map<string, ModelPrice | null>>();
  private _resolvedCount = 0;

  constructor(tables: ReadonlyArray<{ readonly table: unknown; readonly source: string }>) {
    for (const { table, source } of tables) this._add(table, source);
  }

  /** The price of `model` at `provider`, or `undefined` when it has none. */
  priceOf(provider: string, model: string): ModelPrice | undefined {
    let byModel = this._resolved.get(provider);
    const cached = byModel?.get(model);
    if (cached !== undefined) return cached ?? undefined;
    const price = this._lookUp(provider, model) ?? null;
    if (this._resolvedCount < MAX_CACHED) {
      if (byModel === undefined) this._resolved.set(provider, (byModel = new Map()));
      byModel.set(model, price);
      this._resolvedCount++;
    }
    return price ?? undefined;
  }

  /** The cost of a call with `counts` at `price`; `undefined` when the call reported no tokens. */
  static costOf(price: ModelPrice, counts: TokenCounts): CallCost | undefined {
    const { inputTokens, outputTokens } = counts;
    if (inputTokens === undefined && outputTokens === undefined) return undefined;
    const cacheRead = counts.cacheReadTokens ?? 0;
    const cacheWrite = counts.cacheCreationTokens ?? 0;
    const uncached = Math.max(0, (inputTokens ?? 0) - cacheRead - cacheWrite);
    const input = (uncached * price.input + cacheRead * (price.cachedInput ?? price.input) + cacheWrite * (price.cacheWrite ?? price.input)) * PER_MILLION;
    return { input, output: (outputTokens ?? 0) * price.output * PER_MILLION };
  }

  private _lookUp(provider: string, model: string): ModelPrice | undefined {
    const models = this._byProvider.get(provider);
    if (models === undefined) return undefined;
    const name = model.toLowerCase();
    const exact = models.get(name);
    if (exact !== undefined) return exact;
    for (const suffix of SNAPSHOT_SUFFIXES) {
      if (suffix.test(name)) return models.get(name.replace(suffix, ''));
    }
    return undefined;
  }

  private _add(table: unknown, source: string): void {
    if (typeof table !== 'object' || table === null || Array.isArray(table)) {
      diag.warn(`@sightline/instrumentation-llm: ${source} ignored: expected { "<gen_ai.provider.name>": { "<model>": { input, output, ... } } }`);
      return;
    }
    for (const [provider, models] of Object.entries(table)) {
      if (typeof models !== 'object' || models === null || Array.isArray(models)) {
        diag.warn(`@sightline/instrumentation-llm: ${source}: provider "${provider}" ignored: expected an object of model prices`);
        continue;
      }
      let byModel = this._byProvider.get(provider);
      if (byModel === undefined) this._byProvider.set(provider, (byModel = new Map()));
      for (const [model, value] of Object.entries(models)) {
        const price = validPrice(value, `${provider}/${model} in ${source}`);
        if (price !== undefined) byModel.set(model.toLowerCase(), price);
      }
    }
  }
}
