import { createContextKey, ROOT_CONTEXT, trace, type Context, type Span } from '@opentelemetry/api';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callContext, callOf } from '../../src/internal/call-context.js';

const KEYS = [createContextKey('a'), createContextKey('b'), createContextKey('OpenTelemetry Context Key SPAN'), createContextKey('c')];
const span = trace.wrapSpanContext({ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: 1 }) as Span;
const op = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), key: fc.nat(KEYS.length - 1), value: fc.oneof(fc.integer(), fc.constant(undefined)) }),
  fc.record({ kind: fc.constant('delete' as const), key: fc.nat(KEYS.length - 1) }),
);
type Op = { kind: 'set'; key: number; value: number | undefined } | { kind: 'delete'; key: number };

function apply(ctx: Context, ops: readonly Op[]): Context {
  for (const o of ops) ctx = o.kind === 'set' ? ctx.setValue(KEYS[o.key]!, o.value) : ctx.deleteValue(KEYS[o.key]!);
  return ctx;
}

describe('callContext', () => {
  it('reads like trace.setSpan on the API context, through any later setValue / deleteValue', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 8 }), fc.array(op, { maxLength: 12 }), (before, after) => {
        const parent = apply(ROOT_CONTEXT, before);
        const call = {};
        const ours = apply(callContext(parent, span, call), after);
        const api = apply(trace.setSpan(parent, span), after);
        for (const key of KEYS) expect(ours.getValue(key)).toBe(api.getValue(key));
        expect(trace.getSpan(ours)).toBe(trace.getSpan(api));
        expect(callOf(ours)).toBe(call);
        // The parent is unchanged.
        for (const key of KEYS) expect(parent.getValue(key)).toBe(apply(ROOT_CONTEXT, before).getValue(key));
      }),
    );
  });

  it('finds the innermost call, and none in a context not made from one', () => {
    const outer = {};
    const inner = {};
    const a = callContext(ROOT_CONTEXT, span, outer);
    const b = callContext(a.setValue(KEYS[0]!, 1), span, inner);
    expect(callOf(a)).toBe(outer);
    expect(callOf(b.setValue(KEYS[1]!, 2))).toBe(inner);
    expect(callOf(ROOT_CONTEXT.setValue(KEYS[0]!, 1))).toBeUndefined();
  });
});
