import { MAX_LISTED_ITEMS, show } from './problem-lines.js';

/** The items of a comma list, trimmed, empty items dropped. */
export function splitList(text: string): string[] {
  const items: string[] = [];
  for (const part of text.split(',')) {
    const item = part.trim();
    if (item !== '') items.push(item);
  }
  return items;
}

/** Why one entry of a `k=v,k2=v2` list was skipped. `key` is the entry's key when it has one. */
export interface KeyValueEntryIssue {
  /** 1-based position of the entry among the comma-separated parts. */
  readonly position: number;
  readonly key?: string;
  readonly reason: string;
}

/** Why a check refused an entry. */
export interface EntryRefusal {
  readonly reason: string;
  /** Whether the key may appear in a problem line. */
  readonly showKey: boolean;
}

export interface KeyValueListResult {
  readonly entries: Array<[key: string, value: string]>;
  readonly issues: KeyValueEntryIssue[];
}

export interface KeyValueListOptions {
  /** Ignore W3C baggage properties (`k=v;prop`), as the OTLP header variables allow. Default false. */
  readonly baggageProperties?: boolean;
  /**
   * Extra check of a decoded entry; returns why it is refused, and whether the key is fit to be shown
   * (a key that is itself malformed may be a mistyped secret, e.g. `token:abc=`).
   */
  readonly check?: (key: string, value: string) => EntryRefusal | undefined;
}

/**
 * Parses `k=v,k2=v2` with percent-decoded keys and values (the format of `OTEL_RESOURCE_ATTRIBUTES`
 * and `OTEL_EXPORTER_OTLP_HEADERS`). An entry splits at its first `=`, so values may contain `=`
 * (base64 padding). Empty parts are ignored; malformed entries are skipped and described in `issues`.
 */
export function parseKeyValueList(text: string, options: KeyValueListOptions = {}): KeyValueListResult {
  const entries: Array<[string, string]> = [];
  const issues: KeyValueEntryIssue[] = [];
  const parts = text.split(',');
  for (let i = 0; i < parts.length; i++) {
    const position = i + 1;
    let part = parts[i];
    if (options.baggageProperties) {
      const semicolon = part.indexOf(';');
      if (semicolon !== -1) part = part.slice(0, semicolon);
    }
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    if (eq === -1) {
      issues.push({ position, reason: 'no "="' });
      continue;
    }
    const rawKey = part.slice(0, eq).trim();
    if (rawKey === '') {
      issues.push({ position, reason: 'empty key' });
      continue;
    }
    const key = percentDecode(rawKey);
    if (key === undefined) {
      issues.push({ position, reason: 'bad percent-encoding in the key' });
      continue;
    }
    const value = percentDecode(part.slice(eq + 1).trim());
    if (value === undefined) {
      issues.push({ position, key, reason: 'bad percent-encoding in the value' });
      continue;
    }
    const refused = options.check?.(key, value);
    if (refused !== undefined) {
      issues.push({ position, key: refused.showKey ? key : undefined, reason: refused.reason });
      continue;
    }
    entries.push([key, value]);
  }
  return { entries, issues };
}

function percentDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/**
 * `#2 key "x": bad percent-encoding in the value; #3: no "="` — positions and keys only, so that a line
 * about a list of secrets never echoes one.
 */
export function describeIssues(issues: readonly KeyValueEntryIssue[]): string {
  const listed = issues.slice(0, MAX_LISTED_ITEMS).map((issue) => {
    const key = issue.key === undefined ? '' : ` key ${show(issue.key)}`;
    return `#${issue.position}${key}: ${issue.reason}`;
  });
  const more = issues.length - listed.length;
  if (more > 0) listed.push(`and ${more} more`);
  return listed.join('; ');
}
