import { DIGITS, HALF, type Probability } from './threshold.js';

/**
 * The sources of the 56-bit randomness R and the test R >= T on each: hex text (the trace id's rightmost
 * 14 digits, an explicit `rv`) is compared digit by digit; a stable hash of a string or `Math.random`
 * give R as two 28-bit halves (see threshold.ts).
 */

/** Value of each ASCII hex digit (either case), -1 for any other character. */
const HEX_VALUE = new Int8Array(128).fill(-1);
for (let c = 0; c < 10; c++) HEX_VALUE[0x30 + c] = c;
for (let c = 0; c < 6; c++) {
  HEX_VALUE[0x61 + c] = 10 + c;
  HEX_VALUE[0x41 + c] = 10 + c;
}

/** Offset of the rightmost 56 bits (14 hex digits) in a 32-digit trace id. */
export const TRACE_ID_RANDOM_OFFSET = 18;

/**
 * Whether the 14 hex digits of `text` from `offset` (R) are at least the threshold's (T). The first
 * differing digit decides, which is the first digit 15 times out of 16: no parsing, no allocation. A
 * character that is not a hex digit counts below every digit (such randomness is not kept).
 */
export function hexKept(text: string, offset: number, probability: Probability): boolean {
  const threshold = probability.digits;
  for (let i = 0; i < DIGITS; i++) {
    const code = text.charCodeAt(offset + i);
    const digit = code < 128 ? HEX_VALUE[code] : -1;
    if (digit !== threshold[i]) return digit > threshold[i];
  }
  return true;
}

const RV_PATTERN = /^[0-9a-f]{14}$/;

/** Whether `rv` is a valid explicit randomness value: exactly 14 lowercase hex digits. */
export function isValidRandomness(rv: string): boolean {
  return RV_PATTERN.test(rv);
}

/**
 * Whether a trace is kept: by its explicit `rv` when given and valid, else by its trace id's rightmost
 * 56 bits (the specification presumes trace ids random unless `rv` is present).
 */
export function traceKept(traceId: string, rv: string | undefined, probability: Probability): boolean {
  return rv !== undefined && isValidRandomness(rv)
    ? hexKept(rv, 0, probability)
    : hexKept(traceId, TRACE_ID_RANDOM_OFFSET, probability);
}

/** A mutable pair of halves, reused so that the hot path allocates nothing. */
export interface RandomnessSlot {
  hi: number;
  lo: number;
}

/** murmur3's 32-bit finaliser: spreads every input bit over the output. */
function mix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85eb_ca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2_ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * A stable 56-bit hash of `text` into `slot`: two independent 32-bit FNV-1a style hashes, each finalised
 * and cut to 28 bits. The same text always gives the same randomness, in every process.
 */
export function hashInto(text: string, slot: RandomnessSlot): void {
  let a = 0x811c_9dc5;
  let b = 0x050c_5d1f;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    a = Math.imul(a ^ code, 0x0100_0193);
    b = Math.imul(b ^ code, 0x0100_0193) ^ (b >>> 15);
  }
  slot.hi = mix32(a) >>> 4;
  slot.lo = mix32(b ^ 0x9e37_79b9) >>> 4;
}

/** Fresh randomness from `Math.random` into `slot` (its 52 bits are spread over the two halves). */
export function randomInto(slot: RandomnessSlot): void {
  const scaled = Math.random() * HALF;
  slot.hi = Math.floor(scaled);
  slot.lo = Math.floor((scaled - slot.hi) * HALF);
}
