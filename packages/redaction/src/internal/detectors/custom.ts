import { createRequire } from 'node:module';
import type { RE2JS } from 're2js';
import type { Detector, MatchSink } from '../detector.js';
import type { CustomPattern } from '../../types.js';

/** Thrown by {@link compileCustomPattern} for a pattern the linear-time engine cannot run. */
export class UnsupportedPatternError extends Error {}

let engine: typeof RE2JS | undefined;

/**
 * The RE2JS class, loaded (synchronously) at the first custom pattern: the engine is a quarter of a
 * megabyte of code that an app without custom patterns never needs, and every process start would parse it.
 */
function re2(): typeof RE2JS {
  engine ??= (createRequire(import.meta.url)('re2js') as typeof import('re2js')).RE2JS;
  return engine;
}

/** The RE2 flags for a JavaScript RegExp's `i`, `m` and `s` flags; `g`, `y`, `d`, `u`, `v` need none. */
function re2Flags(flags: string): number {
  const { CASE_INSENSITIVE, MULTILINE, DOTALL } = re2();
  let out = 0;
  if (flags.includes('i')) out |= CASE_INSENSITIVE;
  if (flags.includes('m')) out |= MULTILINE;
  if (flags.includes('s')) out |= DOTALL;
  return out;
}

/**
 * Compiles a user pattern for RE2JS, a JavaScript port of RE2: matching takes time linear in the input
 * whatever the pattern, so `/(a+)+b/` cannot hang the application. Features RE2 does not have
 * (backreferences, look-around) are rejected here, at configuration time.
 */
export function compileCustomPattern(pattern: RegExp): RE2JS {
  try {
    const engine = re2();
    return engine.compile(engine.translateRegExp(pattern.source), re2Flags(pattern.flags));
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
