import { isAbsolute, resolve as resolvePath } from 'node:path';
import { defaultSpoolRoot } from '../export/spool/spool-location.js';
import { fromEnv, fromOption, integerParser, isRecord, pick, report, show, type ValueParser } from './env-readers.js';

/** Default of `spool.maxBytes`: what one service's spool folder may hold. */
export const DEFAULT_SPOOL_MAX_BYTES = 256 * 1024 * 1024;

/** The spool settings; `undefined` in the resolved configuration when the spool is off. */
export interface ResolvedSpool {
  /** Root folder; each service writes under `<root>/<service.name>`. */
  root: string;
  maxBytes: number;
}

const OFF_WORDS = new Set(['off', 'none', 'false', '0']);

const dirParser: ValueParser<string | false> = {
  accepted: 'a folder path, or "off"',
  parse(raw) {
    if (typeof raw !== 'string' || raw.trim() === '') return { ok: false };
    const text = raw.trim();
    if (OFF_WORDS.has(text.toLowerCase())) return { ok: true, value: false };
    return { ok: true, value: isAbsolute(text) ? text : resolvePath(text) };
  },
};

/**
 * The spool of records still queued at `process.exit()`, crashes and the shutdown deadline:
 * `options.spool` (`false`, or `{ dir, maxBytes }`) over `SIGHTLINE_SPOOL_DIR` (a folder, or `off`);
 * on by default under the OS temp folder.
 */
export function resolveSpool(option: unknown, env: NodeJS.ProcessEnv, problems: string[]): ResolvedSpool | undefined {
  if (option === false) return undefined;
  let shared: Record<string, unknown> = {};
  if (option !== undefined && option !== true) {
    if (isRecord(option)) shared = option;
    else report(problems, `options.spool=${show(option)} is not valid: expected false or { dir, maxBytes }; using the environment and defaults`);
  }
  const dir = pick<string | false>(
    [fromOption('spool.dir', shared.dir, dirParser), fromEnv(env, 'SIGHTLINE_SPOOL_DIR', dirParser)],
    defaultSpoolRoot(),
    problems,
  );
  if (dir === false) return undefined;
  const maxBytes = pick(
    [fromOption('spool.maxBytes', shared.maxBytes, integerParser(1, Number.MAX_SAFE_INTEGER))],
    DEFAULT_SPOOL_MAX_BYTES,
    problems,
  );
  return { root: dir, maxBytes };
}
