import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The spool's root when neither `spool.dir` nor `SIGHTLINE_SPOOL_DIR` is set: `<os temp dir>/sightline-spool`. */
export function defaultSpoolRoot(): string {
  return join(tmpdir(), 'sightline-spool');
}

/**
 * The folder of one service's spool: `<root>/<service.name>`, the name reduced to a safe file name
 * (letters, digits, `.`, `_`, `-`; at most 100 characters), so that the next start of the same service
 * finds what this one left.
 */
export function serviceSpoolDir(root: string, serviceName: string): string {
  let safe = serviceName.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 100);
  if (safe === '' || safe === '.' || safe === '..') safe = '_';
  return join(root, safe);
}

/** The two signals whose queued records are spooled (metrics are cumulative and re-collected by the next start). */
export type SpoolSignal = 'logs' | 'traces';

/** `<signal>-<ms since epoch>-<pid>-<random>.jsonl`: one file per process and signal. */
export function spoolFileName(signal: SpoolSignal): string {
  const random = Math.floor(Math.random() * 0xffffffff).toString(16).padStart(8, '0');
  return `${signal}-${Date.now()}-${process.pid}-${random}.jsonl`;
}

/** The signal of a spool file name, or `undefined` for anything else in the folder. */
export function spoolFileSignal(name: string): SpoolSignal | undefined {
  const match = /^(logs|traces)-\d+-\d+-[0-9a-f]{8}\.jsonl$/.exec(name);
  return match === null ? undefined : (match[1] as SpoolSignal);
}
