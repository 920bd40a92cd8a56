import { PriceBook } from '../../src/cost/price-table.js';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_IDLE_TIMEOUT_MILLIS, DEFAULT_MAX_CONTENT_LENGTH, resolveConfig } from '../../src/internal/resolve-config.js';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

describe('resolveConfig', () => {
  it('defaults: content off, released conventions, no stream-usage rewrite', () => {
    delete process.env.OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT;
    delete process.env.OTEL_SEMCONV_STABILITY_OPT_IN;
    expect(resolveConfig({})).toEqual({
      captureMessageContent: false,
      maxContentLength: DEFAULT_MAX_CONTENT_LENGTH,
      redactContent: undefined,
      latestGenAiConventions: false,
      includeStreamUsage: false,
      idleTimeoutMillis: DEFAULT_IDLE_TIMEOUT_MILLIS,
      prices: expect.any(PriceBook),
    });
  });

  it('the standard environment variables apply when the option is unset; options win', () => {
    process.env.OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT = 'true';
    process.env.OTEL_SEMCONV_STABILITY_OPT_IN = 'http, gen_ai_latest_experimental';
    expect(resolveConfig({})).toMatchObject({ captureMessageContent: true, latestGenAiConventions: true });
    expect(resolveConfig({ captureMessageContent: false, latestGenAiConventions: false })).toMatchObject({ captureMessageContent: false, latestGenAiConventions: false });
  });

  it('a bad number falls back to the default', () => {
    expect(resolveConfig({ maxContentLength: -1, idleTimeoutMillis: Number.NaN })).toMatchObject({
      maxContentLength: DEFAULT_MAX_CONTENT_LENGTH,
      idleTimeoutMillis: DEFAULT_IDLE_TIMEOUT_MILLIS,
    });
  });
});
