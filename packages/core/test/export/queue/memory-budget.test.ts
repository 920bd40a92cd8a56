import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryBudget } from '../../../src/export/queue/memory-budget.js';

describe('MemoryBudget', () => {
  it('keeps the last eighth of the memory for priority records', () => {
    const budget = new MemoryBudget(8_000, undefined);
    for (let i = 0; i < 7; i++) expect(budget.tryCharge(1_000, false)).toBe(true);
    expect(budget.tryCharge(1, false)).toBe(false);
    expect(budget.tryCharge(1_000, true)).toBe(true);
    expect(budget.tryCharge(1, true)).toBe(false);
    expect({ count: budget.heldCount, bytes: budget.heldBytes }).toEqual({ count: 8, bytes: 8_000 });
  });

  it('bounds the count when maxQueueSize is set, and gives back what a batch held', () => {
    const budget = new MemoryBudget(1_000_000, 2);
    expect(budget.tryCharge(10, false)).toBe(true);
    expect(budget.tryCharge(10, true)).toBe(true);
    expect(budget.tryCharge(10, true)).toBe(false);
    budget.release({ bytes: 20, length: 2 });
    expect({ count: budget.heldCount, bytes: budget.heldBytes }).toEqual({ count: 0, bytes: 0 });
    expect(budget.tryCharge(10, false)).toBe(true);
  });

  it('estimates its capacity from the average record accepted, capped by the count bound', () => {
    const budget = new MemoryBudget(10_000, undefined);
    budget.tryCharge(100, false);
    budget.tryCharge(300, false);
    expect(budget.capacity).toBe(50);
    expect(new MemoryBudget(10_000, 7).capacity).toBeLessThanOrEqual(7);
  });

  it('never holds more than its bounds, whatever is charged and released', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('charge' as const), bytes: fc.integer({ min: 0, max: 5_000 }), priority: fc.boolean() }),
      fc.record({ kind: fc.constant('release' as const) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20_000 }), fc.option(fc.integer({ min: 1, max: 50 }), { nil: undefined }), fc.array(op), (maxBytes, maxCount, ops) => {
        const budget = new MemoryBudget(maxBytes, maxCount);
        const held: number[] = [];
        for (const o of ops) {
          if (o.kind === 'charge') {
            if (budget.tryCharge(o.bytes, o.priority)) held.push(o.bytes);
          } else if (held.length > 0) {
            budget.release({ bytes: held.pop()!, length: 1 });
          }
          expect(budget.heldBytes).toBeLessThanOrEqual(maxBytes);
          if (maxCount !== undefined) expect(budget.heldCount).toBeLessThanOrEqual(maxCount);
          expect(budget.heldCount).toBe(held.length);
        }
      }),
    );
  });
});
