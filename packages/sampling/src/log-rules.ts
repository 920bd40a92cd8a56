import type { ReadWriteLogRecord } from '@opentelemetry/sdk-logs';
import { warnInvalid } from './internal/diagnostics.js';
import type { ValueTest } from './internal/matchers.js';
import { attributesMatch, compileRules, InvalidRule, ruleAttributes, ruleRatio, ruleString } from './internal/rule-parts.js';
import { probability, type Probability } from './internal/threshold.js';
import type { LogSamplingRule } from './types.js';

/** A {@link LogSamplingRule} with its patterns compiled. */
export interface CompiledLogRule {
  readonly minSeverity: number;
  readonly maxSeverity: number;
  readonly scope: ((name: string) => boolean) | undefined;
  readonly eventName: ((name: string) => boolean) | undefined;
  readonly attributes: ReadonlyArray<readonly [string, ValueTest]>;
  readonly probability: Probability;
}

function severityBound(label: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  warnInvalid(label, value, 'a severity number', 'no rule in its place (the rule is ignored)');
  throw new InvalidRule();
}

function compileLogRule(rule: LogSamplingRule, label: string): CompiledLogRule {
  return {
    minSeverity: severityBound(`${label}.minSeverity`, rule.minSeverity, -Infinity),
    maxSeverity: severityBound(`${label}.maxSeverity`, rule.maxSeverity, Infinity),
    scope: ruleString(`${label}.scope`, rule.scope),
    eventName: ruleString(`${label}.eventName`, rule.eventName),
    attributes: ruleAttributes(label, rule.attributes),
    probability: probability(ruleRatio(label, rule.ratio)),
  };
}

/** Compiles log rules once; an invalid rule is reported in one diag line and ignored. */
export function compileLogRules(rules: readonly LogSamplingRule[]): CompiledLogRule[] {
  return compileRules('logRules', rules, compileLogRule);
}

/** The first rule matching a record of severity `severity`, if any. */
export function matchLogRule(
  rules: readonly CompiledLogRule[],
  record: ReadWriteLogRecord,
  severity: number,
): CompiledLogRule | undefined {
  for (const rule of rules) {
    if (severity < rule.minSeverity || severity > rule.maxSeverity) continue;
    if (rule.scope !== undefined && !rule.scope(record.instrumentationScope.name)) continue;
    if (rule.eventName !== undefined) {
      const eventName = record.eventName;
      if (eventName === undefined || !rule.eventName(eventName)) continue;
    }
    if (!attributesMatch(rule.attributes, record.attributes)) continue;
    return rule;
  }
  return undefined;
}
