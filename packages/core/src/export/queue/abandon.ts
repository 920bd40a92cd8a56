import type { Batch } from './batch.js';
import type { MemoryBudget } from './memory-budget.js';
import type { AbandonSink } from './types.js';

/**
 * Gives up on `batches` synchronously: each is marked abandoned (a late outcome of its export is
 * ignored), its bytes released, and its records handed to `sink`; what the sink does not keep (or
 * everything, without a sink) is counted dropped. A sink that throws keeps nothing.
 */
export function abandonBatches<T>(
  batches: readonly Batch<T>[],
  sink: AbandonSink<T> | undefined,
  budget: MemoryBudget,
): { spooled: number; dropped: number } {
  let spooled = 0;
  let dropped = 0;
  for (const batch of batches) {
    batch.abandoned = true;
    batch.state = 'settled';
    budget.release(batch);
    let kept = false;
    if (sink !== undefined) {
      try {
        kept = sink(batch.items.length === batch.length ? batch.items : batch.items.slice(0, batch.length));
      } catch {
        kept = false;
      }
    }
    if (kept) spooled += batch.length;
    else dropped += batch.length;
  }
  return { spooled, dropped };
}
