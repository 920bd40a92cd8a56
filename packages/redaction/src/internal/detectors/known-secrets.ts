import type { Detector, MatchSink } from '../detector.js';

/** Shortest value accepted as a known secret: shorter ones would match ordinary words. */
export const MIN_KNOWN_SECRET_LENGTH = 8;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Exact occurrences of the given values (e.g. the values of `*_API_KEY` variables), anywhere in a string,
 * even where no pattern recognises them. Longer values are tried first, so a secret containing another is
 * redacted whole. An alternation of literals: V8 searches it with a quick first-characters check, linear.
 * Undefined when no value is long enough.
 */
export function knownSecrets(values: readonly string[]): Detector | undefined {
  const unique = [...new Set(values.filter((v) => typeof v === 'string' && v.length >= MIN_KNOWN_SECRET_LENGTH))];
  if (unique.length === 0) return undefined;
  unique.sort((a, b) => b.length - a.length);
  const pattern = new RegExp(unique.map(escapeRegExp).join('|'), 'g');
  const shortest = unique[unique.length - 1].length;
  return {
    name: 'known_secret',
    triggers: 0,
    pii: false,
    find(text: string, sink: MatchSink): void {
      if (text.length < shortest) return;
      pattern.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = pattern.exec(text)) !== null) sink.add(m.index, m.index + m[0].length);
    },
  };
}
