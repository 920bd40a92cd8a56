/**
 * Whether `s` has a command-line flag that takes a credential (a superset of what `cli_credential`
 * accepts): `-u` or `--…user|pass|passwd|password|token|secret|key|auth`, then a space, tab or `=`, in any
 * case — what `/-(?:u|-[A-Za-z-]{0,40}(?:user|…|auth))[ \t=]/i` matches, without its cost: on a long run of
 * dashes that regex tries up to 40 lengths and eight words at every position (1 MiB of `-` took 165 ms).
 * Here the flag's last word is found first (no word is the end of another, so each occurrence is found
 * once), then the characters before it are read back, at most 41 of them, for the `--`.
 */
const SHORT_FLAG = /-u[ \t=]/i;
const FLAG_WORD = /(?:password|passwd|pass|user|token|secret|key|auth)[ \t=]/gi;
/** Most characters between the `--` and the last word. */
const MAX_BETWEEN = 40;

function isFlagChar(c: number): boolean {
  return c === 45 || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

export function hasCliFlag(s: string): boolean {
  if (SHORT_FLAG.test(s)) return true;
  FLAG_WORD.lastIndex = 0;
  for (let m = FLAG_WORD.exec(s); m !== null; m = FLAG_WORD.exec(s)) {
    const word = m.index;
    // `--` ending at `j`, with only letters and dashes between it and the word.
    for (let j = word; j >= 2 && word - j <= MAX_BETWEEN; j--) {
      if (s.charCodeAt(j - 1) === 45 && s.charCodeAt(j - 2) === 45) return true;
      if (!isFlagChar(s.charCodeAt(j - 1))) break;
    }
  }
  return false;
}
