/**
 * Units of work one call to the redactor may do: {@link VALUE_COST} per value walked (an element, an entry,
 * a property, at every depth), one per character searched, {@link FOUND_COST} per string in which something
 * was found, {@link THROW_COST} per read that threw: at most 32 768 values, or 1 Mi characters (16
 * strings of the default `maxStringLength`), or 2 048 throwing getters.
 * Without it a walk had no bound in breadth: a sparse array of length 2^32 − 1 is one assignment to build,
 * and a value that shares its children is walked once per path (exponential in its depth).
 */
export const WORK_PER_CALL = 2 ** 20;

/**
 * What one value costs, in characters searched (about 20 ns each): what walking it takes, measured on the
 * development VM — a value about 0.5 µs, a string in which something was found (placeholder, copy) about
 * 6 µs, a getter or proxy trap that throws (the engine captures a stack) about 7 µs.
 */
export const VALUE_COST = 32;
export const FOUND_COST = 256;
export const THROW_COST = 512;

/**
 * The state of one call: the objects being walked (to find cycles) and the work left. What is left of a
 * collection when the work runs out is cut (an array or a set ends with one `[REDACTED:limit]`), counted
 * once under `limit`; a value met with no work left becomes `[REDACTED:limit]`. Nothing unsearched leaves.
 */
export class Walk {
  readonly parents: object[] = [];
  private _left = WORK_PER_CALL;

  /** Whether any work is left; if so, spends `cost` of it (the last value may overdraw). */
  take(cost: number): boolean {
    if (this._left <= 0) return false;
    this._left -= cost;
    return true;
  }

  /** Spends `cost` (characters searched beside a value: keys, bytes, the text of a URL). */
  spend(cost: number): void {
    this._left -= cost;
  }

  /** Whether the work has run out. */
  get exhausted(): boolean {
    return this._left <= 0;
  }
}
