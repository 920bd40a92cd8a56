import type { AttributeMatcher, StringMatcher } from '../types.js';
import { warnInvalid } from './diagnostics.js';
import { compileAttributeMatcher, compileStringMatcher, InvalidMatcherError, type ValueTest } from './matchers.js';

/**
 * The parts log rules and span rules share: ratio, string and attribute conditions. Each compiler throws
 * {@link InvalidRule} after reporting the problem, so the caller skips the whole rule.
 */

/** Thrown once a rule's problem has been reported: the rule is ignored. */
export class InvalidRule extends Error {}

const IGNORED = 'no rule in its place (the rule is ignored)';

/** Whether `value` is a probability: a number from 0 to 1. */
export function isRatio(value: unknown): value is number {
  return typeof value === 'number' && value >= 0 && value <= 1;
}

export function ruleRatio(label: string, value: unknown): number {
  if (isRatio(value)) return value;
  warnInvalid(`${label}.ratio`, value, 'a number from 0 to 1', IGNORED);
  throw new InvalidRule();
}

function reportMatcher(label: string, value: unknown, error: unknown): never {
  if (!(error instanceof InvalidMatcherError)) throw error;
  warnInvalid(label, value, 'a string, "prefix*" or { regex } with a valid regular expression', IGNORED, error.message);
  throw new InvalidRule();
}

export function ruleString(label: string, matcher: StringMatcher | undefined): ((text: string) => boolean) | undefined {
  if (matcher === undefined) return undefined;
  try {
    return compileStringMatcher(matcher);
  } catch (error) {
    return reportMatcher(label, matcher, error);
  }
}

export function ruleAttributes(
  label: string,
  attributes: Record<string, AttributeMatcher> | undefined,
): ReadonlyArray<readonly [string, ValueTest]> {
  if (attributes === undefined) return [];
  if (typeof attributes !== 'object' || attributes === null) {
    warnInvalid(`${label}.attributes`, attributes, 'an object of attribute matchers', IGNORED);
    throw new InvalidRule();
  }
  return Object.entries(attributes).map(([key, matcher]) => {
    try {
      return [key, compileAttributeMatcher(matcher)] as const;
    } catch (error) {
      return reportMatcher(`${label}.attributes[${JSON.stringify(key)}]`, matcher, error);
    }
  });
}

/** Whether every attribute condition holds. */
export function attributesMatch(
  conditions: ReadonlyArray<readonly [string, ValueTest]>,
  attributes: Readonly<Record<string, unknown>>,
): boolean {
  for (const [key, test] of conditions) {
    if (!test(attributes[key])) return false;
  }
  return true;
}

/** Compiles each rule with `compile`; a rule whose problem was reported is left out. */
export function compileRules<R, C>(label: string, rules: readonly R[], compile: (rule: R, label: string) => C): C[] {
  const compiled: C[] = [];
  rules.forEach((rule, index) => {
    const ruleLabel = `${label}[${index}]`;
    try {
      if (typeof rule !== 'object' || rule === null) {
        warnInvalid(ruleLabel, rule, 'a rule object', IGNORED);
        return;
      }
      compiled.push(compile(rule, ruleLabel));
    } catch (error) {
      if (!(error instanceof InvalidRule)) throw error;
    }
  });
  return compiled;
}
