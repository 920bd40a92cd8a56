import type { Attributes } from '@opentelemetry/api';
import type { ValueTest } from './internal/matchers.js';
import { attributesMatch, compileRules, ruleAttributes, ruleRatio, ruleString } from './internal/rule-parts.js';
import { probability, type Probability } from './internal/threshold.js';
import type { SpanSamplingRule } from './types.js';

/** A {@link SpanSamplingRule} with its patterns and probability compiled. */
export interface CompiledSpanRule {
  readonly name: ((name: string) => boolean) | undefined;
  readonly attributes: ReadonlyArray<readonly [string, ValueTest]>;
  readonly probability: Probability;
}

function compileSpanRule(rule: SpanSamplingRule, label: string): CompiledSpanRule {
  return {
    name: ruleString(`${label}.name`, rule.name),
    attributes: ruleAttributes(label, rule.attributes),
    probability: probability(ruleRatio(label, rule.ratio)),
  };
}

/** Compiles span rules once; an invalid rule is reported in one diag line and ignored. */
export function compileSpanRules(rules: readonly SpanSamplingRule[]): CompiledSpanRule[] {
  return compileRules('spanRules', rules, compileSpanRule);
}

/** The probability of the first rule matching a span about to start, if any. */
export function matchSpanRule(
  rules: readonly CompiledSpanRule[],
  spanName: string,
  attributes: Attributes,
): Probability | undefined {
  for (const rule of rules) {
    if (rule.name !== undefined && !rule.name(spanName)) continue;
    if (!attributesMatch(rule.attributes, attributes)) continue;
    return rule.probability;
  }
  return undefined;
}
