import type { AttributeMatcher, StringMatcher } from '../types.js';

/** A compiled matcher: a test applied to one value. */
export type ValueTest = (value: unknown) => boolean;

/** Why a matcher cannot be compiled. */
export class InvalidMatcherError extends Error {}

function isRegexMatcher(matcher: unknown): matcher is { regex: string } {
  return typeof matcher === 'object' && matcher !== null && typeof (matcher as { regex?: unknown }).regex === 'string';
}

/** Compiles `{ regex }`, reporting the engine's own message when it is not a valid pattern. */
function compileRegex(source: string): RegExp {
  try {
    return new RegExp(source);
  } catch (error) {
    throw new InvalidMatcherError(error instanceof Error ? error.message : String(error));
  }
}

/**
 * Compiles a {@link StringMatcher} to a test of a string: exact, `prefix*`, or `{ regex }`.
 * Throws {@link InvalidMatcherError} for anything else or an invalid regular expression.
 */
export function compileStringMatcher(matcher: StringMatcher): (text: string) => boolean {
  if (typeof matcher === 'string') {
    if (matcher.endsWith('*')) {
      const prefix = matcher.slice(0, -1);
      return (text) => text.startsWith(prefix);
    }
    return (text) => text === matcher;
  }
  if (isRegexMatcher(matcher)) {
    const pattern = compileRegex(matcher.regex);
    return (text) => pattern.test(text);
  }
  throw new InvalidMatcherError('expected a string or { regex: string }');
}

/**
 * Compiles an {@link AttributeMatcher} to a test of an attribute value. A number or boolean matches that
 * very value; a string matcher matches the text of a string, number or boolean value; arrays and
 * absent values never match.
 */
export function compileAttributeMatcher(matcher: AttributeMatcher): ValueTest {
  if (typeof matcher === 'number' || typeof matcher === 'boolean') return (value) => value === matcher;
  const test = compileStringMatcher(matcher);
  return (value) => {
    switch (typeof value) {
      case 'string':
        return test(value);
      case 'number':
      case 'boolean':
        return test(String(value));
      default:
        return false;
    }
  };
}
