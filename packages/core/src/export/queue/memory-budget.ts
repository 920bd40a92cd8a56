import { PRIORITY_RESERVE_SHARE, TYPICAL_RECORD_BYTES } from '../queue-defaults.js';

/**
 * What the queue holds, in records and estimated bytes, against its bounds. The last
 * `PRIORITY_RESERVE_SHARE` of the memory is a reserve only priority records may use, so a flood of
 * routine records never crowds out the FATAL that ends it. Bytes stay charged until released (the
 * receiver has the batch, or it is dropped or abandoned).
 */
export class MemoryBudget {
  heldCount = 0;
  heldBytes = 0;
  /** Bytes and records ever accepted, for the capacity estimate. */
  private acceptedBytes = 0;
  private acceptedCount = 0;
  /** Routine records cannot use the last `reserveBytes`. */
  private readonly routineLimit: number;

  constructor(
    readonly maxBytes: number,
    /** `maxQueueSize`, or `undefined` when only memory bounds the queue. */
    readonly maxCount: number | undefined,
  ) {
    this.routineLimit = Math.floor(maxBytes * (1 - PRIORITY_RESERVE_SHARE));
  }

  /** Records held at most: `maxCount`, else what `maxBytes` holds at the average record size seen. */
  get capacity(): number {
    const average = this.acceptedCount === 0 ? TYPICAL_RECORD_BYTES : this.acceptedBytes / this.acceptedCount;
    const byBytes = Math.floor(this.maxBytes / Math.max(1, average));
    return this.maxCount === undefined ? byBytes : Math.min(this.maxCount, byBytes);
  }

  /** Charges one record if it fits (routine records within the routine limit); returns whether it did. */
  tryCharge(bytes: number, priority: boolean): boolean {
    if (
      this.heldBytes + bytes > (priority ? this.maxBytes : this.routineLimit) ||
      (this.maxCount !== undefined && this.heldCount >= this.maxCount)
    ) {
      return false;
    }
    this.heldBytes += bytes;
    this.heldCount++;
    this.acceptedBytes += bytes;
    this.acceptedCount++;
    return true;
  }

  /** Gives back what a batch held. */
  release(batch: { readonly bytes: number; readonly length: number }): void {
    this.heldBytes -= batch.bytes;
    this.heldCount -= batch.length;
  }
}
