/** Collects the ranges detectors find in one string; created only once a string's triggers fired. */
export class MatchSink {
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  readonly ranks: number[] = [];
  /** Rank of the detector running now (lower wins when ranges overlap). */
  rank = 0;

  add(start: number, end: number): void {
    if (end <= start) return;
    this.starts.push(start);
    this.ends.push(end);
    this.ranks.push(this.rank);
  }

  get size(): number {
    return this.starts.length;
  }
}

/** One kind of sensitive data. */
export interface Detector {
  /** Switch name and placeholder type. */
  readonly name: string;
  /**
   * `Trigger` bits (see `triggers/trigger.ts`) of which a string needs at least one for `find` to run on it; 0:
   * `find` runs on every string (custom patterns, known secrets).
   */
  readonly triggers: number;
  /**
   * Personal data (e-mail, phone, card…) rather than a secret. Values under allow-listed keys (a route, a
   * model name) are searched for secrets only.
   */
  readonly pii: boolean;
  /** Reports every range to redact. Must run in time linear in `text.length`. */
  find(text: string, sink: MatchSink): void;
}

/** Options of {@link regexDetector}. */
export interface RegexDetectorOptions {
  /** Redact only this capture group (the regex needs the `d` flag); the first group that matched if an array. */
  group?: number | readonly number[];
  /** Rejects a candidate; the search then resumes one character after the candidate's start. */
  accept?: (match: RegExpExecArray, text: string) => boolean;
  /** Personal data rather than a secret. Default false. */
  pii?: boolean;
}

/**
 * A detector driven by one global regex. `pattern` must carry the `g` flag and be linear: every built-in
 * pattern starts with a look-behind that pins candidates to the start of a run (so a run is consumed once),
 * and its repetitions are bounded or cannot fail after matching.
 */
export function regexDetector(name: string, triggers: number, pattern: RegExp, options: RegexDetectorOptions = {}): Detector {
  const { accept } = options;
  const groups = options.group === undefined ? undefined : typeof options.group === 'number' ? [options.group] : options.group;
  return {
    name,
    triggers,
    pii: options.pii ?? false,
    find(text, sink) {
      pattern.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = pattern.exec(text)) !== null) {
        if (m[0].length === 0) {
          pattern.lastIndex++;
          continue;
        }
        if (accept !== undefined && !accept(m, text)) {
          pattern.lastIndex = m.index + 1;
          continue;
        }
        if (groups === undefined) {
          sink.add(m.index, m.index + m[0].length);
          continue;
        }
        for (const g of groups) {
          const range = m.indices?.[g];
          if (range !== undefined) {
            sink.add(range[0], range[1]);
            break;
          }
        }
      }
    },
  };
}
