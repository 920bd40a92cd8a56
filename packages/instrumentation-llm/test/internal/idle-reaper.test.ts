import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdleReaper, type Reapable } from '../../src/internal/idle-reaper.js';

class Call implements Reapable {
  lastActivity: number;
  active = false;
  reaperPrev: Reapable | undefined = undefined;
  reaperNext: Reapable | undefined = undefined;
  abandoned = 0;
  onAbandon: (() => void) | undefined;
  constructor(at: number) {
    this.lastActivity = at;
  }
  abandon(): void {
    this.abandoned++;
    this.onAbandon?.();
  }
}

describe('IdleReaper', () => {
  it('abandons exactly the open calls idle past the bound, once, whatever was added and deleted before', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ at: fc.integer({ min: 0, max: 100 }), deleted: fc.boolean(), active: fc.boolean() }), { maxLength: 30 }),
        fc.array(fc.nat(40)),
        (specs, deleteOrder) => {
          const reaper = new IdleReaper(50);
          const calls = specs.map((spec) => new Call(spec.at));
          for (const call of calls) reaper.add(call);
          // Deletions in an arbitrary order, some repeated (a no-op the second time).
          for (const i of deleteOrder) if (i < calls.length && specs[i]!.deleted) reaper.delete(calls[i]!);
          for (let i = 0; i < calls.length; i++) if (specs[i]!.deleted) reaper.delete(calls[i]!);
          calls.forEach((call, i) => (call.active = specs[i]!.active));
          const open = specs.filter((s) => !s.deleted).length;
          expect(reaper.size).toBe(open);
          reaper.sweep(120);
          const expected = specs.map((s) => (!s.deleted && !s.active && 120 - s.at > 50 ? 1 : 0));
          expect(calls.map((c) => c.abandoned)).toEqual(expected);
          expect(reaper.size).toBe(open - expected.reduce((a: number, b) => a + b, 0));
          // A second sweep much later ends the ones that were active, and nothing twice.
          reaper.sweep(1000);
          expect(calls.map((c) => c.abandoned)).toEqual(specs.map((s) => (s.deleted ? 0 : 1)));
          expect(reaper.size).toBe(0);
        },
      ),
    );
  });

  it('keeps sweeping when abandoning one call ends the next one in the list', () => {
    const reaper = new IdleReaper(10);
    const [a, b, c] = [new Call(0), new Call(0), new Call(0)];
    for (const call of [c, b, a]) reaper.add(call); // list order: a, b, c
    a.onAbandon = () => {
      reaper.delete(b);
      b.abandoned = -1; // ended by its own path, not by the reaper
    };
    reaper.sweep(100);
    expect([a.abandoned, b.abandoned, c.abandoned]).toEqual([1, -1, 1]);
    expect(reaper.size).toBe(0);
  });

  it('ignores deleting a call it does not hold, and adding one twice', () => {
    const reaper = new IdleReaper(10);
    const held = new Call(0);
    reaper.add(held);
    reaper.add(held);
    reaper.delete(new Call(0));
    expect(reaper.size).toBe(1);
    reaper.sweep(100);
    expect(held.abandoned).toBe(1);
  });
});
