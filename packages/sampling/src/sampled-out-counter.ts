import { diag } from '@opentelemetry/api';
import type { DropReason, SamplingDropCounts } from './types.js';

/**
 * Counts log records sampled out on purpose, by sampling reason (the `sightline.log.sampled_out` metric), and
 * passes each to the optional `onDrop` callback. Not the export stage's loss counter (`DropCounter` of
 * `@sightline/core`): a record sampled out is not lost.
 */
export class SampledOutCounter {
  private readonly _counts: SamplingDropCounts = { ratio: 0, rate_limit: 0, error_rate_limit: 0, retention_evicted: 0 };
  private _callbackFailed = false;

  constructor(private readonly _onDrop: ((reason: DropReason, count: number) => void) | undefined) {}

  add(reason: DropReason, count = 1): void {
    this._counts[reason] += count;
    if (this._onDrop === undefined) return;
    try {
      this._onDrop(reason, count);
    } catch (error) {
      // The callback is the caller's code: one line, then silence; the counts stay right.
      if (this._callbackFailed) return;
      this._callbackFailed = true;
      diag.error(`sightline: sampling onDrop callback threw (reported once): ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  snapshot(): SamplingDropCounts {
    return { ...this._counts };
  }
}
