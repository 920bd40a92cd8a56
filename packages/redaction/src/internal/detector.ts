/** Capacity a sink starts with; it doubles when full. */
const INITIAL_CAPACITY = 16;

/**
 * Collects the ranges detectors find in one string; created only once a string's triggers fired. The
 * ranges live in typed arrays that double when full: 1 MiB of adversarial input finds over 100 000 of
 * them, and arrays of numbers grown one `push` at a time cost more in copying and collection.
 */
export class MatchSink {
  /** Start of each range, `[0, size)`. */
  starts = new Int32Array(INITIAL_CAPACITY);
  /** End (exclusive) of each range. */
  ends = new Int32Array(INITIAL_CAPACITY);
  /** Rank of the detector that found each range. */
  ranks = new Int32Array(INITIAL_CAPACITY);
  /** Ranges collected. */
  size = 0;
  /** Rank of the detector running now (lower wins when ranges overlap). */
  rank = 0;

  add(start: number, end: number): void {
    if (end <= start) return;
    const i = this.size;
    if (i === this.starts.length) this._grow();
    this.starts[i] = start;
    this.ends[i] = end;
    this.ranks[i] = this.rank;
    this.size = i + 1;
  }

  private _grow(): void {
    const grown = (from: Int32Array): Int32Array<ArrayBuffer> => {
      const to = new Int32Array(from.length * 2);
      to.set(from);
      return to;
    };
    this.starts = grown(this.starts);
    this.ends = grown(this.ends);
    this.ranks = grown(this.ranks);
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
