/**
 * The three wake-ups of an export queue, each armed at most once and `unref()`'d: the next
 * `setImmediate` (a batch filled), the scheduled delay (a partial batch is due), and the end of a retry
 * pause.
 */
export class PumpTimers {
  private immediate: NodeJS.Immediate | undefined;
  private delay: NodeJS.Timeout | undefined;
  private resume: NodeJS.Timeout | undefined;

  constructor(
    private readonly delayMillis: number,
    /** Runs on the armed `setImmediate` and at the end of a pause. */
    private readonly onWake: () => void,
    /** Runs when the scheduled delay has elapsed. */
    private readonly onDelay: () => void,
  ) {}

  get immediateArmed(): boolean {
    return this.immediate !== undefined;
  }

  armImmediate(): void {
    if (this.immediate === undefined) this.immediate = setImmediate(this.fireImmediate).unref();
  }

  /** Arms the scheduled delay unless it is already running. */
  armDelay(): void {
    if (this.delay === undefined) this.delay = setTimeout(this.fireDelay, this.delayMillis).unref();
  }

  /** Wakes the queue in `millis` (the end of a pause), unless such a wake-up is already armed. */
  armResume(millis: number): void {
    if (this.resume === undefined) this.resume = setTimeout(this.fireResume, millis).unref();
  }

  clear(): void {
    if (this.delay !== undefined) clearTimeout(this.delay);
    if (this.immediate !== undefined) clearImmediate(this.immediate);
    if (this.resume !== undefined) clearTimeout(this.resume);
    this.delay = undefined;
    this.immediate = undefined;
    this.resume = undefined;
  }

  private readonly fireImmediate = (): void => {
    this.immediate = undefined;
    this.onWake();
  };

  private readonly fireDelay = (): void => {
    this.delay = undefined;
    this.onDelay();
  };

  private readonly fireResume = (): void => {
    this.resume = undefined;
    this.onWake();
  };
}
