import type { PriceTable } from './price-table.js';

/**
 * The day the prices below were transcribed from the providers' pricing pages:
 * OpenAI https://developers.openai.com/api/docs/pricing (standard tier, text tokens) and Anthropic
 * https://docs.anthropic.com/en/docs/about-claude/pricing (base input, 5-minute cache writes, cache hits,
 * output). How to update them: docs/cost.md.
 */
export const DEFAULT_PRICES_AS_OF = '2026-12-06';

/**
 * USD per million tokens, by `gen_ai.provider.name` then model name (a family name also prices its
 * date-versioned snapshots: see `PriceBook`). Only models whose price was read on the pages above; a model
 * missing here has no cost (counted, never estimated).
 */
export const DEFAULT_PRICES: PriceTable = {
  openai: {
    'gpt-5.4': { input: 2.5, cachedInput: 0.25, output: 15 },
    'gpt-5.4-mini': { input: 0.75, cachedInput: 0.075, output: 4.5 },
    'gpt-5.4-nano': { input: 0.2, cachedInput: 0.02, output: 1.25 },
    'gpt-5': { input: 1.25, cachedInput: 0.125, output: 10 },
    'gpt-5-mini': { input: 0.25, cachedInput: 0.025, output: 2 },
    'gpt-5-nano': { input: 0.05, cachedInput: 0.005, output: 0.4 },
    'gpt-4.1': { input: 2, cachedInput: 0.5, output: 8 },
    'gpt-4.1-mini': { input: 0.4, cachedInput: 0.1, output: 1.6 },
    'gpt-4.1-nano': { input: 0.1, cachedInput: 0.025, output: 0.4 },
    'gpt-4o': { input: 2.5, cachedInput: 1.25, output: 10 },
    // The first gpt-4o snapshot kept its launch price (and has no cached-input discount).
    'gpt-4o-2024-05-13': { input: 5, output: 15 },
    'gpt-4o-mini': { input: 0.15, cachedInput: 0.075, output: 0.6 },
    o1: { input: 15, cachedInput: 7.5, output: 60 },
    o3: { input: 2, cachedInput: 0.5, output: 8 },
    'o3-mini': { input: 1.1, cachedInput: 0.55, output: 4.4 },
    'o4-mini': { input: 1.1, cachedInput: 0.275, output: 4.4 },
    'text-embedding-3-small': { input: 0.02, output: 0 },
    'text-embedding-3-large': { input: 0.13, output: 0 },
    'text-embedding-ada-002': { input: 0.1, output: 0 },
  },
  anthropic: {
    'claude-opus-4-5': { input: 5, cacheWrite: 6.25, cachedInput: 0.5, output: 25 },
    'claude-opus-4-1': { input: 15, cacheWrite: 18.75, cachedInput: 1.5, output: 75 },
    'claude-opus-4': { input: 15, cacheWrite: 18.75, cachedInput: 1.5, output: 75 },
    'claude-3-opus': { input: 15, cacheWrite: 18.75, cachedInput: 1.5, output: 75 },
    'claude-sonnet-4-5': { input: 3, cacheWrite: 3.75, cachedInput: 0.3, output: 15 },
    'claude-sonnet-4': { input: 3, cacheWrite: 3.75, cachedInput: 0.3, output: 15 },
    'claude-3-7-sonnet': { input: 3, cacheWrite: 3.75, cachedInput: 0.3, output: 15 },
    'claude-3-5-sonnet': { input: 3, cacheWrite: 3.75, cachedInput: 0.3, output: 15 },
    'claude-haiku-4-5': { input: 1, cacheWrite: 1.25, cachedInput: 0.1, output: 5 },
    'claude-3-5-haiku': { input: 0.8, cacheWrite: 1, cachedInput: 0.08, output: 4 },
    'claude-3-haiku': { input: 0.25, cacheWrite: 0.3, cachedInput: 0.03, output: 1.25 },
  },
};
