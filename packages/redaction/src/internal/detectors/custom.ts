import { RE2JS } from 're2js';
import type { Detector, MatchSink } from '../detector.js';
import type { CustomPattern } from '../../types.js';

/** Thrown by {@link compileCustomPattern} for a pattern the linear-time engine cannot run. */
export class UnsupportedPatternError extends Error {}

/** The RE2 flags for a JavaScript RegExp's `i`, `m` and `s` flags; `g`, `y`, `d`, `u`, `v` need none. */
function re2Flags(flags: string): number {
  let out = 0;
  if (flags.includes('i')) out |= RE2JS.CASE_INSENSITIVE;
  if (flags.includes('m')) out |= RE2JS.MULTILINE;
  if (flags.includes('s')) out |= RE2JS.DOTALL;
  return out;
}

/**
 * Compiles a user pattern for RE2JS, a JavaScript port of RE2: matching takes time linear in the input
 * whatever the pattern, so `/(a+)+b/` cannot hang the application. Features RE2 does not have
 * (backreferences, look-around) are rejected here, at configuration time.
 */
export function compileCustomPattern(pattern: RegExp): RE2JS {
  try {
    return RE2JS.compile(RE2JS.translateRegExp(pattern.source), re2Flags(pattern.flags));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UnsupportedPatternError(`${String(pattern)} cannot run on the linear-time engine (RE2): ${reason}`);
  }
}

/** A detector for one user pattern, compiled with {@link compileCustomPattern}; it runs on every string. */
export function customDetector({ type }: CustomPattern, compiled: RE2JS): Detector {
  return {
    name: type,
    triggers: 0,
    pii: false,
    find(text: string, sink: MatchSink): void {
      if (!compiled.test(text)) return;
      const matcher = compiled.matcher(text);
      let from = 0;
      while (from <= text.length && matcher.find(from)) {
        const start = matcher.start();
        const end = matcher.end();
        sink.add(start, end);
        from = end > start ? end : end + 1;
      }
    },
  };
}
