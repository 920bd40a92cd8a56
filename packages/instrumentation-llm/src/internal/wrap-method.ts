/**
 * Method wrapping that is idempotent across instrumentation instances and across the ESM and CommonJS
 * builds of this package: the mark is keyed on `Symbol.for`, so a second Sightline instance (bootstrap()
 * plus a manual registration) leaves an already wrapped method alone and each call makes one span.
 * Wrappers of other libraries are left in place and wrapped around, never unwrapped.
 */
const WRAPPED = Symbol.for('sightline.instrumentation-llm.wrapped.v1');

interface WrapRecord {
  readonly original: Function;
  readonly hadOwn: boolean;
}

type Methods = Record<PropertyKey, unknown>;

/** Replaces `target[name]` by `makeWrapper(original)`; `false` when `target[name]` is not a function. */
export function wrapMethod(target: object, name: string, makeWrapper: (original: Function) => Function): boolean {
  const methods = target as Methods;
  const original = methods[name];
  if (typeof original !== 'function') return false;
  if ((original as unknown as Record<symbol, unknown>)[WRAPPED] !== undefined) return true;
  const wrapped = makeWrapper(original);
  const record: WrapRecord = { original, hadOwn: Object.prototype.hasOwnProperty.call(target, name) };
  Object.defineProperty(wrapped, WRAPPED, { value: record });
  Object.defineProperty(target, name, { value: wrapped, writable: true, configurable: true, enumerable: false });
  return true;
}

/** Restores what {@link wrapMethod} replaced, if `target[name]` is still our wrapper. */
export function unwrapMethod(target: object, name: string): void {
  const methods = target as Methods;
  const current = methods[name];
  if (typeof current !== 'function' || !Object.prototype.hasOwnProperty.call(target, name)) return;
  const record = (current as unknown as Record<symbol, WrapRecord | undefined>)[WRAPPED];
  if (record === undefined) return;
  if (record.hadOwn) Object.defineProperty(target, name, { value: record.original, writable: true, configurable: true });
  else delete methods[name];
}

