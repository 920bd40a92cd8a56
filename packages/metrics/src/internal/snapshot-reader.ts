import { MetricReader } from '@opentelemetry/sdk-metrics';

/** What the reader tells its owner about its life. */
export interface SnapshotReaderHooks {
  /** The MeterProvider registered the reader (the SDK started). */
  onStart(): void;
  /** The MeterProvider shut the reader down. */
  onStop(): void;
}

/**
 * A pull reader that nothing exports: `collect()` on demand gives the cumulative state of every
 * instrument (with the views applied), from which the in-process snapshot takes its histograms.
 */
export class SnapshotReader extends MetricReader {
  constructor(private readonly hooks: SnapshotReaderHooks) {
    super();
  }

  protected override onInitialized(): void {
    this.hooks.onStart();
  }

  protected override onShutdown(): Promise<void> {
    this.hooks.onStop();
    return Promise.resolve();
  }

  protected override onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
}
