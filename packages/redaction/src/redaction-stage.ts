import { createRedactor } from './create-redactor.js';
import type { Redactor } from './types.js';

/** What the log and span redaction processors share: the redactor, its counts, and nothing to flush. */
export abstract class RedactionStage {
  /** The redactor used; switch it at run time with `setEnabled` / `setDetectors`. */
  readonly redactor: Redactor;

  /** @param redactor shared by the log and span processors so switches apply to both. Default: `createRedactor()`. */
  constructor(redactor: Redactor = createRedactor()) {
    this.redactor = redactor;
  }

  /** Values redacted so far, by type. */
  getRedactionCounts(): Record<string, number> {
    return this.redactor.getRedactionCounts();
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
