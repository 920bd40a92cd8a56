import { diag } from '@opentelemetry/api';
import { globalState } from '../internal/global-state.js';
import { safeString } from './describe-value.js';

/** The two record signals whose fields are sanitized. */
export type SanitizedSignal = 'logs' | 'spans';

/**
 * Why a field or an argument was coerced or dropped (the record itself was kept):
 * - `invalid_argument`: an API call got an argument of the wrong type (a string where attributes go);
 *   refused, or wrapped (an Error where attributes go);
 * - `invalid_value`: a value that cannot be encoded (a fake typed array, a cycle, a throwing getter); dropped;
 * - `coerced`: a field of the wrong type made into the right one (a span named `null`, a NaN time);
 * - `attribute_count_limit`: attributes past the count limit, left out before any work was done on them;
 * - `nested_limit`: parts of a nested value (arrays, maps) past the per-call bound, cut;
 * - `api_error`: an SDK method threw on what it was given; the call was done again from safe arguments
 *   (a span started without the attribute that made it throw, a log record copied) or skipped.
 */
export type SanitizeReason = 'invalid_argument' | 'invalid_value' | 'coerced' | 'attribute_count_limit' | 'nested_limit' | 'api_error';

export const SANITIZE_REASONS: readonly SanitizeReason[] = [
  'invalid_argument',
  'invalid_value',
  'coerced',
  'attribute_count_limit',
  'nested_limit',
  'api_error',
];

function zeroReasons(): Record<SanitizeReason, number> {
  return { invalid_argument: 0, invalid_value: 0, coerced: 0, attribute_count_limit: 0, nested_limit: 0, api_error: 0 };
}

/** Diag lines must never throw into the host application, whatever diag logger it installed. */
function warnOnce(reported: Set<string>, key: string, message: string): void {
  if (reported.has(key)) return;
  reported.add(key);
  try {
    diag.warn(message);
  } catch {
    // The application's diag logger failed; the count still says it.
  }
}

/** One line of text: newlines and runs of whitespace become one space. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/**
 * What the safety layer did instead of failing: fields sanitized per signal and reason, and throws of
 * pipeline stages per stage. Each kind is reported in one `diag.warn` line the first time it happens, then
 * only counted; the counts are read by `handle.getDropCounts()` and reported as metrics
 * (`sightline.log.sanitized`, `sightline.span.sanitized`, `sightline.pipeline.stage.errors`).
 * Counting is an integer increment.
 */
export class SafetyCounters {
  private readonly _sanitized: Record<SanitizedSignal, Record<SanitizeReason, number>> = { logs: zeroReasons(), spans: zeroReasons() };
  private readonly _stageErrors: Record<string, number> = {};
  private readonly _reported = new Set<string>();

  /** Hot path: one field or argument of `signal` coerced or dropped; `what` names it in the first diag line. */
  sanitized(signal: SanitizedSignal, reason: SanitizeReason, what: string, count = 1): void {
    this._sanitized[signal][reason] += count;
    warnOnce(
      this._reported,
      `${signal}|${reason}|${what}`,
      `sightline: ${what}: ${REASON_TEXT[reason]}; the record was kept (counted as ${signal} sanitized ${reason}, further cases are only counted)`,
    );
  }

  /** Declares a stage, so that its count reads 0 until it throws. */
  declareStage(stage: string): void {
    this._stageErrors[stage] ??= 0;
  }

  /** A stage threw in `callback`; the record went on to the next stage. */
  stageError(stage: string, callback: string, processor: unknown, error: unknown): void {
    this._stageErrors[stage] = (this._stageErrors[stage] ?? 0) + 1;
    warnOnce(
      this._reported,
      `stage|${stage}`,
      `sightline: pipeline stage ${stage} (${processorName(processor)}) threw in ${callback}: ${oneLine(safeString(error, 200))}; the record went on to the next stage (further throws of this stage are only counted)`,
    );
  }

  /** Fresh copies of the counts by signal and reason. */
  getSanitizedCounts(): Record<SanitizedSignal, Record<SanitizeReason, number>> {
    return { logs: { ...this._sanitized.logs }, spans: { ...this._sanitized.spans } };
  }

  /** A fresh copy of the stage error counts, by stage (`logs.redaction`, `spans.processors[0]`). */
  getStageErrors(): Record<string, number> {
    return { ...this._stageErrors };
  }
}

const REASON_TEXT: Readonly<Record<SanitizeReason, string>> = {
  invalid_argument: 'argument of the wrong type refused or wrapped',
  invalid_value: 'value that cannot be encoded dropped',
  coerced: 'field of the wrong type coerced',
  attribute_count_limit: 'attributes past the attribute count limit left out',
  nested_limit: 'nested value cut at the per-call bound',
  api_error: 'the SDK threw on this call, which was done again from safe arguments or skipped',
};

function processorName(processor: unknown): string {
  if (processor === null || typeof processor !== 'object') return typeof processor;
  try {
    const name = (processor as { constructor?: { name?: unknown } }).constructor?.name;
    return typeof name === 'string' && name !== '' ? name : 'anonymous';
  } catch {
    return 'anonymous';
  }
}

/** Counters used while no SDK runs (the facade and the span guards outlive a shutdown). */
const idle = new SafetyCounters();

/** The counters of the running SDK, where the logger facade and the span guards count. */
export function currentSafetyCounters(): SafetyCounters {
  return globalState().safety ?? idle;
}
