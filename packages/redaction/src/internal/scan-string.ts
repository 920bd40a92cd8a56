import type { DetectorSet } from './compile-detectors.js';
import { MatchSink } from './detector.js';
import { decodePercent } from './percent-decoding.js';
import type { RedactionContext } from './redaction-context.js';
import { scanTriggers } from './triggers/scan-triggers.js';
import { Trigger } from './triggers/trigger.js';

/**
 * Characters scanned past `maxStringLength`, so a secret that starts before the cut is found whole (and
 * redacted whole) rather than cut into an unrecognisable, partly visible prefix.
 */
export const SCAN_MARGIN = 8192;

/** Most clean strings remembered per configuration; the set is emptied when full. */
const CLEAN_STRINGS_LIMIT = 4096;
/**
 * Longer strings (log messages) found clean are remembered in a small cache, compared by `===`: a message
 * logged again (a constant template, a repeated error) costs a comparison or two instead of a search, and
 * a message seen once costs no hashing. Shorter strings are searched faster than they could be looked up.
 * The cache has 8 sets of 2 entries; a string's set is chosen by its length and two of its characters, so
 * a lookup compares at most two strings (the newest first) instead of all 16.
 */
const MIN_REMEMBERED = 41;
const MAX_REMEMBERED = 4096;

/** An empty cache of recently clean strings for a new configuration (16 slots, filled with `''`, which never matches). */
export function recentCleanCache(): string[] {
  return new Array<string>(16).fill('');
}

/** First slot of the set of `s` (a cheap mix of its length, middle and last characters). */
function setOf(s: string): number {
  const n = s.length;
  return ((n + s.charCodeAt(n >> 1) + 3 * s.charCodeAt(n - 1)) & 7) << 1;
}

function recentlyClean(ctx: RedactionContext, s: string): boolean {
  const recent = ctx.recentClean;
  const slot = setOf(s);
  return recent[slot] === s || recent[slot + 1] === s;
}

function rememberRecent(ctx: RedactionContext, s: string): void {
  const recent = ctx.recentClean;
  const slot = setOf(s);
  recent[slot + 1] = recent[slot];
  recent[slot] = s;
}

/** Remembers a key found clean under `ctx`. */
export function remember(ctx: RedactionContext, s: string): void {
  if (ctx.cleanStrings.size >= CLEAN_STRINGS_LIMIT) ctx.cleanStrings.clear();
  ctx.cleanStrings.add(s);
}

function run(set: DetectorSet, bits: number, text: string, sink: MatchSink | undefined): MatchSink | undefined {
  let out = sink;
  for (const { detector, rank } of set.detectors) {
    if (detector.triggers !== 0 && (detector.triggers & bits) === 0) continue;
    out ??= new MatchSink();
    out.rank = rank;
    detector.find(text, out);
  }
  return out;
}

/** Searches the percent-decoded form of `text` and adds what it finds, mapped back onto `text`. */
function runDecoded(set: DetectorSet, text: string, sink: MatchSink | undefined): MatchSink | undefined {
  const decoded = decodePercent(text);
  if (decoded === undefined) return sink;
  const bits = scanTriggers(decoded.text, set.triggers | Trigger.Percent);
  if ((bits & set.triggers) === 0 && !set.always) return sink;
  const found = run(set, bits, decoded.text, undefined);
  if (found === undefined || found.size === 0) return sink;
  const { map } = decoded;
  if (sink === undefined) {
    // Nothing found in the original: the ranges found decoded are mapped back in place.
    const { starts, ends } = found;
    for (let i = 0; i < found.size; i++) {
      starts[i] = map[starts[i]];
      ends[i] = map[ends[i]];
    }
    return found;
  }
  for (let i = 0; i < found.size; i++) {
    sink.rank = found.ranks[i];
    sink.add(map[found.starts[i]], map[found.ends[i]]);
  }
  return sink;
}

/**
 * Writes the string with each found range replaced by its placeholder (overlapping ranges merged into
 * one, named by the best-ranked detector), cut to `maxStringLength` when longer.
 */
function render(ctx: RedactionContext, s: string, sink: MatchSink | undefined, over: boolean): string {
  const limit = over ? ctx.maxStringLength : s.length;
  let out = '';
  let pos = 0;
  if (sink !== undefined && sink.size > 0) {
    const { starts, ends, ranks, size } = sink;
    let sorted = true;
    for (let i = 1; i < size && sorted; i++) sorted = starts[i - 1] < starts[i];
    // One detector reports left to right: most sinks are in order already, and sorting 100 000 ranges is not free.
    let order: number[] | undefined;
    if (!sorted) {
      order = [];
      for (let i = 0; i < size; i++) order.push(i);
      order.sort((a, b) => starts[a] - starts[b] || ranks[a] - ranks[b]);
    }
    const at = (i: number): number => (order === undefined ? i : order[i]);
    let i = 0;
    while (i < size && starts[at(i)] < limit) {
      const start = starts[at(i)];
      let end = ends[at(i)];
      let rank = ranks[at(i)];
      for (i++; i < size && starts[at(i)] < end; i++) {
        end = Math.max(end, ends[at(i)]);
        rank = Math.min(rank, ranks[at(i)]);
      }
      out += s.slice(pos, start) + ctx.redacted(ctx.detectors.types[rank], s.slice(start, end));
      pos = end;
    }
  }
  const cut = Math.max(limit, pos);
  if (cut >= s.length) return out + s.slice(pos);
  ctx.count('truncated');
  return `${out}${s.slice(pos, cut)}...[TRUNCATED:${s.length - cut} chars]`;
}

/**
 * Redacts one string. The common case — nothing found, not too long — costs one pass of
 * {@link scanTriggers} and returns `s` itself; detectors run only when a trigger they need fired. A
 * percent-encoded string is also searched decoded. `secretsOnly` skips the personal-data detectors (values
 * under allow-listed keys). A detector that throws makes the whole string `[REDACTED:error]`.
 */
export function scanString(ctx: RedactionContext, s: string, secretsOnly = false): string {
  if (s.length === 0) return s;
  const rememberable = s.length >= MIN_REMEMBERED && s.length <= MAX_REMEMBERED;
  if (rememberable && recentlyClean(ctx, s)) return s;
  const set = secretsOnly ? ctx.detectors.secrets : ctx.detectors.all;
  const over = s.length > ctx.maxStringLength;
  const text = over && s.length > ctx.maxStringLength + SCAN_MARGIN ? s.slice(0, ctx.maxStringLength + SCAN_MARGIN) : s;
  let sink: MatchSink | undefined;
  try {
    const bits = scanTriggers(text, set.triggers | Trigger.Percent);
    if ((bits & set.triggers) !== 0 || set.always) sink = run(set, bits, text, undefined);
    if ((bits & Trigger.Percent) !== 0) sink = runDecoded(set, text, sink);
  } catch {
    return ctx.redacted('error');
  }
  if (sink !== undefined && sink.size > 0) return render(ctx, s, sink, over);
  if (over) return render(ctx, s, undefined, over);
  if (rememberable) rememberRecent(ctx, s);
  return s;
}
