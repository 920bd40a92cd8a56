/** Receives what the app reads from a stream. Implementations never throw. */
export interface ChunkSink {
  chunk(value: unknown): void;
  /** The stream ended: read to its end, or closed by an abort of its request. */
  done(): void;
  fail(error: unknown): void;
  /** The app stopped reading (`break`, `return()`, `throw()`). */
  brokenOff(): void;
}

type Method = (this: unknown, ...args: unknown[]) => Promise<IteratorResult<unknown>>;
interface AnyIterator {
  next: Method;
  return?: Method;
  throw?: Method;
}

/**
 * Observes `iterator` in place: its own `next`, `return` and `throw` are replaced by ones that report to
 * `sink` and otherwise behave identically (same values, same errors, same object). One `.then` per chunk.
 */
export function observeIterator(iterator: AsyncIterator<unknown>, sink: ChunkSink): void {
  const it = iterator as unknown as AnyIterator;
  const next = it.next;
  const ret = it.return;
  const thr = it.throw;
  const onStep = (step: IteratorResult<unknown>): IteratorResult<unknown> => {
    if (step.done) sink.done();
    else sink.chunk(step.value);
    return step;
  };
  const onFail = (error: unknown): never => {
    sink.fail(error);
    throw error;
  };
  it.next = function (this: unknown, ...args: unknown[]) {
    return next.apply(this, args).then(onStep, onFail);
  };
  if (typeof ret === 'function') {
    it.return = function (this: unknown, ...args: unknown[]) {
      sink.brokenOff();
      return ret.apply(this, args);
    };
  }
  if (typeof thr === 'function') {
    it.throw = function (this: unknown, ...args: unknown[]) {
      sink.brokenOff();
      return thr.apply(this, args);
    };
  }
}
