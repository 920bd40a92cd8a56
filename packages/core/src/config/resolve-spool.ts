import { fromOption, fromVar, pick, varSpec } from './candidates.js';
import { isRecord } from './option-values.js';
import { report, show } from './problem-lines.js';
import { integerParser } from './value-parsers.js';

/** Default of `spool.maxBytes`: what one service's spool folder may hold. */
export const DEFAULT_SPOOL_MAX_BYTES = 256 * 1024 * 1024;

/** The spool settings; `undefined` in the resolved configuration when the spool is off. */
export interface ResolvedSpool {
  /** Root folder; each service writes under `<root>/<service.name>`. */
  root: string;
  maxBytes: number;
}

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
  const spec = varSpec('SIGHTLINE_SPOOL_DIR');
  const dir = pick([fromOption('spool.dir', shared.dir, spec.type), fromVar(env, 'SIGHTLINE_SPOOL_DIR')], spec.default, problems);
  if (dir === false) return undefined;
  const maxBytes = pick(
    [fromOption('spool.maxBytes', shared.maxBytes, integerParser(1, Number.MAX_SAFE_INTEGER))],
    DEFAULT_SPOOL_MAX_BYTES,
    problems,
  );
  return { root: dir, maxBytes };
}
