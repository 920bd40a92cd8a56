import { charFeatures } from './char-features.js';
import type { RankedDetector } from './compile-detectors.js';
import { MatchSink } from './detector.js';
import type { RedactionContext } from './redaction-context.js';

/**
 * Characters scanned past `maxStringLength`, so a secret that starts before the cut is found whole (and
 * redacted whole) rather than cut into an unrecognisable, partly visible prefix.
 */
const SCAN_MARGIN = 8192;

/**
 * Up to this length a string's characters are classified first, so only gates it could pass are run, and
 * a string found clean is remembered.
 */
const SHORT_STRING = 64;
/** Most clean short strings remembered per configuration; the set is emptied when full. */
const CLEAN_STRINGS_LIMIT = 4096;

/** Every feature bit: long strings skip the classification and run every gate regex. */
const ALL_FEATURES = -1;

function run(detectors: readonly RankedDetector[], text: string, sink: MatchSink | undefined): MatchSink {
  const out = sink ?? new MatchSink();
  for (const { detector, rank } of detectors) {
    out.rank = rank;
    detector.find(text, out);
  }
  return out;
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
    const { starts, ends, ranks } = sink;
    const order: number[] = [];
    for (let i = 0; i < starts.length; i++) order.push(i);
    if (order.length > 1) order.sort((a, b) => starts[a] - starts[b] || ranks[a] - ranks[b]);
    let i = 0;
    while (i < order.length && starts[order[i]] < limit) {
      const start = starts[order[i]];
      let end = ends[order[i]];
      let rank = ranks[order[i]];
      for (i++; i < order.length && starts[order[i]] < end; i++) {
        end = Math.max(end, ends[order[i]]);
        rank = Math.min(rank, ranks[order[i]]);
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

function remember(clean: Set<string>, s: string): void {
  if (clean.size >= CLEAN_STRINGS_LIMIT) clean.clear();
  clean.add(s);
}

/**
 * Redacts one string. The common case — nothing found, not too long — costs one regex test per gate (on
 * a short string only the gates its characters allow, and nothing at all for a short string already
 * found clean) and returns `s` itself. A detector that throws makes the whole string `[REDACTED:error]`.
 */
export function scanString(ctx: RedactionContext, s: string): string {
  if (s.length === 0) return s;
  const short = s.length <= SHORT_STRING;
  if (short && ctx.cleanStrings.has(s)) return s;
  const over = s.length > ctx.maxStringLength;
  const text = over && s.length > ctx.maxStringLength + SCAN_MARGIN ? s.slice(0, ctx.maxStringLength + SCAN_MARGIN) : s;
  let sink: MatchSink | undefined;
  try {
    const { groups, ungated } = ctx.detectors;
    const features = short ? charFeatures(text) : ALL_FEATURES;
    for (const { gate, detectors } of groups) {
      if (gate.needs !== 0 && (features & gate.needs) === 0) continue;
      if (text.length < (gate.minLength ?? 1) || !gate.regex.test(text)) continue;
      sink = run(detectors, text, sink);
    }
    if (ungated.length > 0) sink = run(ungated, text, sink);
  } catch {
    return ctx.redacted('error');
  }
  if (sink !== undefined && sink.size > 0) return render(ctx, s, sink, over);
  if (over) return render(ctx, s, undefined, over);
  if (short) remember(ctx.cleanStrings, s);
  return s;
}
