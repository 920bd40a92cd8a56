import { createContextKey, type Context, type Span } from '@opentelemetry/api';

/** The API's span key (`createContextKey` is `Symbol.for`, so this is the very key `trace.getSpan` reads). */
const SPAN_KEY = createContextKey('OpenTelemetry Context Key SPAN');
/** Our key for the call whose span a context carries (see `callOf`). */
const CALL_KEY = createContextKey('sightline.instrumentation-llm.call');

/**
 * A context that is its parent plus one value, looked up through the parent: what the API's `setValue`
 * gives, without its per-context copy of the parent's Map and three closures. Its own `setValue` and
 * `deleteValue` add a node the same way (a deleted key reads `undefined`, as in the API's contexts).
 */
class LinkedContext implements Context {
  constructor(
    private readonly _parent: Context,
    private readonly _key: symbol,
    private readonly _value: unknown,
  ) {}

  getValue(key: symbol): unknown {
    return key === this._key ? this._value : this._parent.getValue(key);
  }

  setValue(key: symbol, value: unknown): Context {
    return new LinkedContext(this, key, value);
  }

  deleteValue(key: symbol): Context {
    return new LinkedContext(this, key, undefined);
  }
}

/** `trace.setSpan(parent, span)` that also carries `call`, found again by `callOf` in it and in every context made from it. */
class CallContext extends LinkedContext {
  constructor(
    parent: Context,
    span: Span,
    private readonly _call: object,
  ) {
    super(parent, SPAN_KEY, span);
  }

  override getValue(key: symbol): unknown {
    return key === CALL_KEY ? this._call : super.getValue(key);
  }
}

/** `parent` with `span` active (what `trace.setSpan` gives) and `call` attached, in one small object. */
export function callContext(parent: Context, span: Span, call: object): Context {
  return new CallContext(parent, span, call);
}

/** The call attached to `ctx` or to the context it was made from by `callContext`, if any. */
export function callOf(ctx: Context): unknown {
  return ctx.getValue(CALL_KEY);
}
