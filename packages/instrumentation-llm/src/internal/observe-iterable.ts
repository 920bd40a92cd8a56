import { observeIterator, type ChunkSink } from './observe-iterator.js';

/**
 * Observes an async iterable in place (an Ollama `AbortableAsyncIterator`, a Mistral `EventStream`, a
 * Cohere `Stream`, an AWS event stream): its own `[Symbol.asyncIterator]` is shadowed by one that returns
 * the very iterator the original returns, observed by {@link observeIterator}. The first iteration is the
 * one observed. `false` when `iterable` has no async iterator.
 */
export function observeIterable(iterable: unknown, sink: ChunkSink): boolean {
  if (typeof iterable !== 'object' || iterable === null) return false;
  const original = (iterable as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator];
  if (typeof original !== 'function') return false;
  let observed = false;
  Object.defineProperty(iterable, Symbol.asyncIterator, {
    value: function sightlineAsyncIterator(this: unknown, ...args: unknown[]): AsyncIterator<unknown> {
      const iterator = (original as (...a: unknown[]) => AsyncIterator<unknown>).apply(this, args);
      if (!observed) {
        observed = true;
        observeIterator(iterator, sink);
      }
      return iterator;
    },
    writable: true,
    configurable: true,
    enumerable: false,
  });
  return true;
}
