import type { CompiledDetectors } from './compile-detectors.js';
import type { KeyClassifier } from './key-classifier.js';

/**
 * Everything one redaction pass reads: a snapshot taken at the start of each call, so a configuration
 * switched meanwhile (by a callback) never mixes into a half-done value.
 */
export interface RedactionContext {
  readonly detectors: CompiledDetectors;
  readonly keys: KeyClassifier;
  /** Whether keys classified sensitive have their value replaced (`sensitive_key` switch). */
  readonly sensitiveKeys: boolean;
  readonly maxStringLength: number;
  readonly maxDepth: number;
  /**
   * Short strings this configuration found nothing in (enum-like attribute values repeat: models,
   * routes, regions), so they are not scanned again. Bounded; never holds anything that was redacted.
   */
  readonly cleanStrings: Set<string>;
  /** Counts one redacted value of `type` and returns its placeholder; `original` feeds hash mode. */
  redacted(type: string, original?: string): string;
  /** Counts one value of `type` changed without a placeholder (a truncation). */
  count(type: string): void;
}
