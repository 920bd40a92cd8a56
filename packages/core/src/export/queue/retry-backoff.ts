import { RETRY_INITIAL_MILLIS, RETRY_MAX_ELAPSED_MILLIS, RETRY_MAX_MILLIS } from '../queue-defaults.js';

/**
 * When the queue may export again after a batch could not be sent: a pause of 5 s doubling to 30 s per
 * consecutive failure, or the receiver's `Retry-After`; a batch is retried for 5 minutes at most.
 */
export class RetryBackoff {
  /** Exports pause until this time (ms since epoch) after a batch could not be sent. */
  private pausedUntil = 0;
  private consecutiveUnsent = 0;

  paused(): boolean {
    return this.pausedUntil !== 0 && Date.now() < this.pausedUntil;
  }

  /** Milliseconds until the pause ends. */
  remainingMillis(): number {
    return this.pausedUntil - Date.now();
  }

  /** Whether a batch first attempted at `firstAttemptAt` may still be retried. */
  mayRetry(firstAttemptAt: number): boolean {
    return Date.now() - firstAttemptAt < RETRY_MAX_ELAPSED_MILLIS;
  }

  /** A batch could not be sent: pause (longer for each consecutive failure, or as the receiver asked). */
  pauseAfterUnsent(retryAfterMillis: number | undefined): void {
    const backoff = Math.min(RETRY_INITIAL_MILLIS * 2 ** this.consecutiveUnsent, RETRY_MAX_MILLIS);
    this.consecutiveUnsent++;
    const wait = retryAfterMillis === undefined ? backoff : Math.min(Math.max(retryAfterMillis, 0), RETRY_MAX_ELAPSED_MILLIS);
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + wait);
  }

  /** A batch reached the receiver: the next failure starts the backoff over. */
  succeeded(): void {
    this.consecutiveUnsent = 0;
  }
}
