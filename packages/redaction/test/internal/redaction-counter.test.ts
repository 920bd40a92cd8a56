import { diag, DiagLogLevel, type DiagLogger } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import { RedactionCounter } from '../../src/internal/redaction-counter.js';

afterEach(() => diag.disable());

describe('RedactionCounter', () => {
  it('counts by type and in total and calls onRedact for each value', () => {
    const calls: [string, number][] = [];
    const counter = new RedactionCounter((type, n) => calls.push([type, n]));
    counter.add('email');
    counter.add('email');
    counter.add('card');
    expect(counter.total).toBe(3);
    expect(counter.byType()).toEqual({ email: 2, card: 1 });
    expect(calls).toEqual([
      ['email', 1],
      ['email', 1],
      ['card', 1],
    ]);
  });

  it('swallows onRedact errors and reports the first one through diag', () => {
    const warnings: unknown[][] = [];
    const logger = { warn: (...args: unknown[]) => warnings.push(args) } as unknown as DiagLogger;
    diag.setLogger({ ...logger, error() {}, info() {}, debug() {}, verbose() {} }, DiagLogLevel.WARN);
    const counter = new RedactionCounter(() => {
      throw new Error('metrics down');
    });
    counter.add('email');
    counter.add('email');
    expect(counter.total).toBe(2);
    expect(warnings).toHaveLength(1);
  });
});
