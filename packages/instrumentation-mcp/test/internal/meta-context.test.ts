import { context, propagation, ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { extractMetaContext, withTraceMeta } from '../../src/internal/meta-context.js';

const spanContext = { traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), traceFlags: TraceFlags.SAMPLED };
const active = trace.setSpanContext(ROOT_CONTEXT, spanContext);

describe('withTraceMeta', () => {
  it('adds traceparent (and baggage) to a copy of params._meta, keeping the caller’s keys', () => {
    const baggage = propagation.createBaggage({ user: { value: 'ada' } });
    const message = { method: 'tools/call', params: { name: 't', _meta: { progressToken: 1, traceparent: 'stale' } } };
    const out = withTraceMeta(message, propagation.setBaggage(active, baggage));
    expect(out.params._meta).toEqual({ progressToken: 1, traceparent: `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01`, baggage: 'user=ada' });
    expect(message.params._meta.traceparent).toBe('stale');
  });

  it('leaves the message alone without a span or when params/_meta are not objects', () => {
    const message = { method: 'ping' };
    expect(withTraceMeta(message, context.active())).toBe(message);
    const odd = { method: 'x', params: { _meta: 'text' } };
    expect(withTraceMeta(odd, active)).toBe(odd);
    expect(withTraceMeta({ method: 'ping' }, active)).toEqual({ method: 'ping', params: { _meta: { traceparent: expect.any(String) } } });
  });
});

describe('extractMetaContext', () => {
  it('returns the remote parent from a valid traceparent', () => {
    const ctx = extractMetaContext(ROOT_CONTEXT, { _meta: { traceparent: `00-${'c'.repeat(32)}-${'d'.repeat(16)}-01`, tracestate: 'v=1' } });
    expect(trace.getSpanContext(ctx)).toMatchObject({ traceId: 'c'.repeat(32), spanId: 'd'.repeat(16), isRemote: true });
  });

  it.each([
    ['no params', undefined],
    ['params not an object', 'x'],
    ['_meta not an object', { _meta: 5 }],
    ['wrong types', { _meta: { traceparent: 42, tracestate: {}, baggage: [] } }],
    ['invalid traceparent', { _meta: { traceparent: 'garbage' } }],
    ['all-zero ids', { _meta: { traceparent: `00-${'0'.repeat(32)}-${'0'.repeat(16)}-01` } }],
    ['huge traceparent', { _meta: { traceparent: `00-${'c'.repeat(32)}-${'d'.repeat(16)}-01${' '.repeat(10_000)}` } }],
    ['throwing getter', { get _meta() { throw new Error('boom'); } }],
  ])('ignores %s', (_label, params) => {
    expect(extractMetaContext(active, params)).toBe(active);
  });
});
