/**
 * One pass over a string's characters that says which detectors could find something in it. Each
 * detector declares the {@link Trigger} bits it needs; a string whose pass sets none of them is not
 * searched at all, so the common case — a log line or attribute with nothing to redact — costs one loop
 * of table look-ups and integer hashing, with no regex and no allocation.
 *
 * A trigger must fire on every string its detectors could match (a detector test checks this for each
 * vector): it is a necessary condition, never a sufficient one.
 */
export const Trigger = {
  /** 8 or more digits in one run of digit groups (`4111 1111`, `+44 20 7946`, `123-45-6789`). */
  Digits: 1,
  /** A word starting with two letters and two digits: an IBAN's country code and check digits. */
  Iban: 2,
  /** `@`: e-mail addresses, `user:password@host`. */
  At: 4,
  /** `:` or `=` after a secret-carrying word (`password=`, `"apiToken":`, `Authorization:`). */
  Pair: 8,
  /** `Bearer `/`Basic `/`Token ` and command-line flags (`-u`, `--password`, `--token`). */
  Credential: 16,
  /** A token prefix followed by `-`, `_` or `.`: `sk-`, `ghp_`, `glpat-`, `xoxb-`, `hooks.`… */
  Prefix: 32,
  /** A run starting `AKIA`, `ASIA`, `ABIA`, `ACCA`, `AIza`, `eyJ`, `ABSK`, `GR13`, `FwoG`, `IQoJ`, `AQoD` or `BEGI`. */
  Marker: 64,
  /** A `.` between digits, or `::`/hex`:`hex: IP addresses. */
  Ip: 128,
  /** `%` and two hex digits: a percent-encoded string, also searched decoded. */
  Percent: 256,
} as const;

/** Every trigger bit. */
export const ALL_TRIGGERS = 511;
