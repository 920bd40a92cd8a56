import { diag } from '@opentelemetry/api';
import { getStringFromEnv } from '@opentelemetry/core';
import { readFileSync } from 'node:fs';
import { DEFAULT_PRICES } from './default-prices.js';
import { PriceBook, type PriceTable } from './price-table.js';

/** The environment variable naming a JSON price file (see `LlmInstrumentationConfig.prices`). */
export const ENV_PRICES_FILE = 'SIGHTLINE_GENAI_PRICES_FILE';

/** Files read so far, by path: every instrumentation of the process reads (and reports) a file once. */
const files = new Map<string, unknown>();

function readPriceFile(path: string): unknown {
  if (files.has(path)) return files.get(path);
  let table: unknown;
  try {
    table = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    diag.warn(`@sightline/instrumentation-llm: ${ENV_PRICES_FILE}=${path} ignored (the shipped prices apply): ${(error as Error).message}`);
  }
  files.set(path, table);
  return table;
}

/**
 * The prices an instrumentation uses: the shipped table, then the file `SIGHTLINE_GENAI_PRICES_FILE`
 * names, then the `prices` option; a model named in a later one replaces its price.
 */
export function priceBookFromConfig(prices: PriceTable | undefined): PriceBook {
  const tables: Array<{ table: unknown; source: string }> = [{ table: DEFAULT_PRICES, source: 'the shipped prices' }];
  const path = getStringFromEnv(ENV_PRICES_FILE);
  if (path !== undefined) {
    const table = readPriceFile(path);
    if (table !== undefined) tables.push({ table, source: `${ENV_PRICES_FILE}=${path}` });
  }
  if (prices !== undefined) tables.push({ table: prices, source: 'the prices option' });
  return new PriceBook(tables);
}
