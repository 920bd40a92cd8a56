import { describe, expect, it } from 'vitest';
import { restoreSdkSpans, silenceSdkSpans } from '../../src/internal/anthropic-sdk-spans.js';

// The installed SDKs (1.12 and 0.137) both have a tracer and are covered end to end in
// anthropic-instrumentation.test.ts; these are the client prototypes none of them has.
describe('silenceSdkSpans', () => {
  it('does not require a _tracer: a client without tracing (@anthropic-ai/sdk 0.x before 0.134) is patched', () => {
    class Client {}
    expect(silenceSdkSpans(Client.prototype)).toBe(true);
    restoreSdkSpans(Client.prototype);
    expect(Object.getOwnPropertyNames(Client.prototype)).toEqual(['constructor']);
  });

  it('a _tracer data property on the prototype cannot be shadowed: false, left as it is', () => {
    const prototype = { _tracer: 'tracer' };
    expect(silenceSdkSpans(prototype)).toBe(false);
    expect(prototype._tracer).toBe('tracer');
  });
});
