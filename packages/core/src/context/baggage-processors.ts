import { propagation, type Context } from '@opentelemetry/api';
import type { LogRecordProcessor, ReadWriteLogRecord } from '@opentelemetry/sdk-logs';
import type { Span, SpanProcessor } from '@opentelemetry/sdk-trace';

/** Something attributes can be set on: a log record or a span. */
interface AttributeTarget {
  readonly attributes: Readonly<Record<string, unknown>>;
  setAttribute(key: string, value: string): unknown;
}

/*
 * Not `@opentelemetry/baggage-span-processor` / `@opentelemetry/baggage-log-record-processor`: they pull in an
 * older SDK line, overwrite attributes already set and allocate per record; see docs/pipeline.md.
 */

/**
 * Copies the selected baggage entries of `ctx` onto `target`, without overwriting what is set.
 * On the hot path: nothing is allocated when the context carries no baggage.
 */
function copyBaggage(keys: readonly string[], ctx: Context | undefined, target: AttributeTarget): void {
  if (keys.length === 0 || ctx === undefined) return;
  const baggage = propagation.getBaggage(ctx);
  if (baggage === undefined) return;
  for (const key of keys) {
    const entry = baggage.getEntry(key);
    if (entry !== undefined && !Object.hasOwn(target.attributes, key)) target.setAttribute(key, entry.value);
  }
}

/**
 * The enrich stage for logs: copies selected baggage entries (e.g. `session.id`, `enduser.id`)
 * onto every log record emitted in their context.
 */
export class BaggageLogRecordProcessor implements LogRecordProcessor {
  private readonly _keys: readonly string[];

  /** @param keys baggage keys to copy; an empty list makes the processor a no-op. */
  constructor(keys: readonly string[]) {
    this._keys = [...keys];
  }

  onEmit(record: ReadWriteLogRecord, ctx?: Context): void {
    copyBaggage(this._keys, ctx, record);
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/** The enrich stage for spans: copies selected baggage entries onto every span when it starts. */
export class BaggageSpanProcessor implements SpanProcessor {
  private readonly _keys: readonly string[];

  /** @param keys baggage keys to copy; an empty list makes the processor a no-op. */
  constructor(keys: readonly string[]) {
    this._keys = [...keys];
  }

  onStart(span: Span, parentContext: Context): void {
    copyBaggage(this._keys, parentContext, span);
  }

  onEnd(): void {}

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
