import { diag, DiagLogLevel } from '@opentelemetry/api';
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_PRICES } from '../../src/cost/default-prices.js';
import { priceBookFromConfig } from '../../src/cost/price-book-from-config.js';
import { PriceBook } from '../../src/cost/price-table.js';

const shipped = () => new PriceBook([{ table: DEFAULT_PRICES, source: 'shipped' }]);

function captureWarnings(): string[] {
  const lines: string[] = [];
  const log = (message: string) => lines.push(message);
  diag.setLogger({ error: log, warn: log, info: () => {}, debug: () => {}, verbose: () => {} }, DiagLogLevel.WARN);
  return lines;
}

afterEach(() => {
  diag.disable();
  vi.unstubAllEnvs();
});

describe('PriceBook.priceOf', () => {
  // Model names as the providers' APIs return them; prices as printed on their pricing pages (USD / 1M).
  it.each([
    ['openai', 'gpt-4o', 2.5, 10],
    ['openai', 'gpt-4o-2024-08-06', 2.5, 10],
    ['openai', 'gpt-4o-2024-11-20', 2.5, 10],
    ['openai', 'gpt-4o-2024-05-13', 5, 15],
    ['openai', 'gpt-4o-mini-2024-07-18', 0.15, 0.6],
    ['openai', 'gpt-4.1-2025-04-14', 2, 8],
    ['openai', 'o3-mini-2025-01-31', 1.1, 4.4],
    ['openai', 'GPT-4o', 2.5, 10],
    ['anthropic', 'claude-3-5-sonnet-20241022', 3, 15],
    ['anthropic', 'claude-3-5-sonnet-latest', 3, 15],
    ['anthropic', 'claude-3-5-sonnet@20240620', 3, 15],
    ['anthropic', 'claude-sonnet-4-20250514', 3, 15],
    ['anthropic', 'claude-opus-4-1-20250805', 15, 75],
    ['anthropic', 'claude-opus-4-5-20251101', 5, 25],
    ['anthropic', 'claude-3-5-haiku-20241022', 0.8, 4],
    ['anthropic', 'claude-haiku-4-5-20251001', 1, 5],
  ])('%s %s → input %d, output %d', (provider, model, input, output) => {
    expect(shipped().priceOf(provider, model)).toMatchObject({ input, output });
  });

  it.each([
    ['openai', 'gpt-4o-mini-search-preview'], // a different model of the family: not a snapshot
    ['openai', 'gpt-4o-2024-08-06-ft'],
    ['openai', 'local-model'],
    ['anthropic', 'claude-opus-4-6'], // a newer model is not priced as an older one
    ['openrouter', 'gpt-4o'], // another provider's price for the same model is not assumed
    ['azure.ai.openai', 'gpt-4o'],
  ])('%s %s has no price', (provider, model) => {
    expect(shipped().priceOf(provider, model)).toBeUndefined();
  });
});

describe('PriceBook.costOf', () => {
  it('bills uncached input, cache reads and cache writes at their own prices, output at its price', () => {
    const sonnet = shipped().priceOf('anthropic', 'claude-3-5-sonnet-20241022')!;
    // 1 000 input tokens of which 300 read from and 200 written to the cache; 100 output.
    const cost = PriceBook.costOf(sonnet, { inputTokens: 1000, outputTokens: 100, cacheReadTokens: 300, cacheCreationTokens: 200 })!;
    expect(cost.input).toBeCloseTo((500 * 3 + 300 * 0.3 + 200 * 3.75) / 1e6, 12);
    expect(cost.output).toBeCloseTo((100 * 15) / 1e6, 12);
  });

  it('cached input without a cached price is billed as input; no tokens, no cost', () => {
    const price = { input: 2, output: 8 };
    expect(PriceBook.costOf(price, { inputTokens: 1000, outputTokens: 0, cacheReadTokens: 400, cacheCreationTokens: undefined })).toEqual({ input: 0.002, output: 0 });
    expect(PriceBook.costOf(price, { inputTokens: undefined, outputTokens: undefined, cacheReadTokens: 5, cacheCreationTokens: undefined })).toBeUndefined();
  });

  it('is never negative and lies between the cheapest and the dearest input price', () => {
    const price = fc.double({ min: 0, max: 100, noNaN: true });
    fc.assert(
      fc.property(price, price, price, price, fc.nat(1e7), fc.nat(1e7), fc.nat(1e7), fc.nat(1e7), (input, output, cachedInput, cacheWrite, fresh, read, written, out) => {
        const tokens = fresh + read + written;
        const cost = PriceBook.costOf({ input, output, cachedInput, cacheWrite }, { inputTokens: tokens, outputTokens: out, cacheReadTokens: read, cacheCreationTokens: written })!;
        const lowest = Math.min(input, cachedInput, cacheWrite);
        const highest = Math.max(input, cachedInput, cacheWrite);
        expect(cost.input).toBeGreaterThanOrEqual(((tokens * lowest) / 1e6) * (1 - 1e-12));
        expect(cost.input).toBeLessThanOrEqual(((tokens * highest) / 1e6) * (1 + 1e-12));
        expect(cost.output).toBeCloseTo((out * output) / 1e6, 9);
      }),
    );
  });
});

describe('configured prices', () => {
  it('a later table replaces a model price and adds models and providers; the others stay', () => {
    const book = new PriceBook([
      { table: DEFAULT_PRICES, source: 'shipped' },
      { table: { openai: { 'gpt-4o': { input: 1, output: 2 } }, openrouter: { 'openai/gpt-4o': { input: 2.5, output: 10 } } }, source: 'mine' },
    ]);
    expect(book.priceOf('openai', 'gpt-4o-2024-08-06')).toMatchObject({ input: 1, output: 2 });
    expect(book.priceOf('openrouter', 'openai/gpt-4o')).toMatchObject({ input: 2.5, output: 10 });
    expect(book.priceOf('openai', 'gpt-4o-mini')).toMatchObject({ input: 0.15, output: 0.6 });
  });

  it('a bad entry is reported once, naming it, and skipped; the shipped price stays', () => {
    const warnings = captureWarnings();
    const book = new PriceBook([
      { table: DEFAULT_PRICES, source: 'shipped' },
      { table: { openai: { 'gpt-4o': { input: -1, output: 2 }, 'gpt-x': { input: '1', output: 2 } }, anthropic: [] }, source: 'mine' },
      { table: 'nonsense', source: 'other' },
    ]);
    expect(book.priceOf('openai', 'gpt-4o')).toMatchObject({ input: 2.5 });
    expect(book.priceOf('openai', 'gpt-x')).toBeUndefined();
    expect(warnings).toHaveLength(4);
    expect(warnings.join('\n')).toMatch(/openai\/gpt-4o in mine[\s\S]*openai\/gpt-x in mine[\s\S]*provider "anthropic"[\s\S]*other ignored/);
  });

  it('SIGHTLINE_GENAI_PRICES_FILE is laid over the shipped prices, the option over the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prices-'));
    const file = join(dir, 'prices.json');
    writeFileSync(file, JSON.stringify({ openai: { 'gpt-4o': { input: 1, output: 1 }, 'my-model': { input: 3, output: 4 } } }));
    vi.stubEnv('SIGHTLINE_GENAI_PRICES_FILE', file);
    const book = priceBookFromConfig({ openai: { 'my-model': { input: 5, output: 6 } } });
    expect(book.priceOf('openai', 'gpt-4o')).toMatchObject({ input: 1, output: 1 });
    expect(book.priceOf('openai', 'my-model')).toMatchObject({ input: 5, output: 6 });
    expect(book.priceOf('anthropic', 'claude-3-haiku-20240307')).toMatchObject({ input: 0.25 });
  });

  it('an unreadable file: one line naming the variable, the shipped prices apply', () => {
    const warnings = captureWarnings();
    const file = join(mkdtempSync(join(tmpdir(), 'prices-')), 'broken.json');
    writeFileSync(file, '{ not json');
    vi.stubEnv('SIGHTLINE_GENAI_PRICES_FILE', file);
    expect(priceBookFromConfig(undefined).priceOf('openai', 'gpt-4o')).toMatchObject({ input: 2.5 });
    expect(priceBookFromConfig(undefined).priceOf('openai', 'gpt-4o')).toMatchObject({ input: 2.5 });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`SIGHTLINE_GENAI_PRICES_FILE=${file} ignored`);
  });
});
