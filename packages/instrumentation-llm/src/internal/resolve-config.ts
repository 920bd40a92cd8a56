import { diag } from '@opentelemetry/api';
import { getBooleanFromEnv, getStringListFromEnv } from '@opentelemetry/core';
import { priceBookFromConfig } from '../cost/price-book-from-config.js';
import type { PriceBook } from '../cost/price-table.js';
import { SEMCONV_OPT_IN_GEN_AI_LATEST } from '../semconv.js';
import type { LlmInstrumentationConfig } from '../types.js';

export const DEFAULT_MAX_CONTENT_LENGTH = 16_384;
export const DEFAULT_IDLE_TIMEOUT_MILLIS = 900_000;

/** The options with every default applied: what the hot path reads. */
export interface ResolvedLlmConfig {
  readonly captureMessageContent: boolean;
  readonly maxContentLength: number;
  readonly redactContent: ((json: string) => string) | undefined;
  readonly latestGenAiConventions: boolean;
  readonly includeStreamUsage: boolean;
  readonly idleTimeoutMillis: number;
  readonly prices: PriceBook;
}

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && value > 0) return value;
  diag.warn(`@sightline/instrumentation-llm: ${name} must be a positive number; using ${fallback}`);
  return fallback;
}

/** Applies defaults once, with the standard environment variables as fallback for unset options. */
export function resolveConfig(config: LlmInstrumentationConfig): ResolvedLlmConfig {
  return {
    captureMessageContent:
      config.captureMessageContent ?? getBooleanFromEnv('OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT'),
    maxContentLength: positive('maxContentLength', config.maxContentLength, DEFAULT_MAX_CONTENT_LENGTH),
    redactContent: typeof config.redactContent === 'function' ? config.redactContent : undefined,
    latestGenAiConventions:
      config.latestGenAiConventions ??
      (getStringListFromEnv('OTEL_SEMCONV_STABILITY_OPT_IN')?.includes(SEMCONV_OPT_IN_GEN_AI_LATEST) ?? false),
    includeStreamUsage: config.includeStreamUsage ?? false,
    idleTimeoutMillis: positive('idleTimeoutMillis', config.idleTimeoutMillis, DEFAULT_IDLE_TIMEOUT_MILLIS),
    prices: priceBookFromConfig(config.prices),
  };
}
