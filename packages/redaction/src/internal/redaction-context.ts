import type { CompiledDetectors } from './compile-detectors.js';
import type { KeyClassifier } from './key-classifier.js';

/**
 * Everything one redaction pass reads: a snapshot taken at the start of each call, so a configuration
 * switched meanwhile (by a callback) never mixes into a half-done value.
 */
export interface RedactionContext {
  /** Detectors this context searches strings with (`all`); `secrets` is the subset without personal data. */
  readonly detectors: CompiledDetectors;
  /** The same configuration searching for secrets only: values under allow-listed keys. */
  readonly secretsOnly: RedactionContext;
  readonly keys: KeyClassifier;
  /** Whether keys classified sensitive have their value replaced (`sensitive_key` switch). */
  readonly sensitiveKeys: boolean;
  readonly maxStringLength: number;
  readonly maxDepth: number;
  /**
   * Keys (attribute names, object and Map keys) found clean, so each distinct key is searched once.
   * Bounded; never holds anything that was redacted.
   */
  readonly cleanStrings: Set<string>;
  /** The last few longer strings found clean (a small cache, compared by `===`); never anything redacted. */
  readonly recentClean: string[];
  /** Counts one redacted value of `type` and returns its placeholder; `original` feeds hash mode. */
  redacted(type: string, original?: string): string;
  /** Counts one value of `type` changed without a placeholder (a truncation). */
  count(type: string): void;
}
