import { propagation, type Context } from '@opentelemetry/api';
import type { LogRecordProcessor, ReadWriteLogRecord } from '@opentelemetry/sdk-logs';
import type { Span, SpanProcessor } from '@opentelemetry/sdk-trace';

/** Copies the selected baggage entries of `ctx` onto a record or span, without overwriting what is set. */
function copyBaggage(
  keys: readonly string[],
  ctx: Context | undefined,
  has: (key: string) => boolean,
  set: (key: string, value: string) => void,
): void {
  if (keys.length === 0 || ctx === undefined) return;
  const baggage = propagation.getBaggage(ctx);
  if (baggage === undefined) return;
  for (const key of keys) {
    const entry = baggage.getEntry(key);
    if (entry !== undefined && !has(key)) set(key, entry.value);
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
    copyBaggage(
      this._keys,
      ctx,
      (key) => Object.hasOwn(record.attributes, key),
      (key, value) => record.setAttribute(key, value),
    );
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
    copyBaggage(
      this._keys,
      parentContext,
      (key) => Object.hasOwn(span.attributes, key),
      (key, value) => span.setAttribute(key, value),
    );
  }

  onEnd(): void {}

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
