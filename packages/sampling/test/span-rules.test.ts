import { describe, expect, it } from 'vitest';
import { compileSpanRules, matchSpanRule } from '../src/span-rules.js';

describe('span rules', () => {
  const rules = compileSpanRules([
    { name: { regex: '^GET /health' }, ratio: 0 },
    { name: 'POST /chat', attributes: { 'gen_ai.request.model': 'gpt-*' }, ratio: 1 },
    { attributes: { 'http.request.method': 'POST' }, ratio: 0.5 },
  ]);

  it('give the first matching rule’s probability, compiled', () => {
    expect(matchSpanRule(rules, 'GET /healthz', {})?.value).toBe(0);
    expect(matchSpanRule(rules, 'POST /chat', { 'gen_ai.request.model': 'gpt-4o' })?.th).toBe('0');
    expect(matchSpanRule(rules, 'POST /chat', { 'http.request.method': 'POST' })?.th).toBe('8');
    expect(matchSpanRule(rules, 'GET /', {})).toBeUndefined();
  });
});
