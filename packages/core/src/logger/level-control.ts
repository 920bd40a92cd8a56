import { diag } from '@opentelemetry/api';
import { globalState } from '../internal/global-state.js';
import { ACCEPTED_LEVELS, levelFor, parseLevelSpec } from './levels.js';
import type { LogLevel } from './types.js';

/**
 * Changes the facade's levels at run time, without restart: `"warn"`, `"info,llm.openai=debug"`.
 * Every existing logger picks the change up on its next call. An invalid spec is reported through
 * `diag` and ignored; returns whether it was applied.
 */
export function setLogLevel(spec: string): boolean {
  const parsed = parseLevelSpec(String(spec));
  if (!parsed.ok) {
    diag.warn(
      `sightline: setLogLevel("${String(spec)}") ignored: ${parsed.error}; expected ${ACCEPTED_LEVELS}, optionally with name=level overrides like "info,llm.openai=debug"`,
    );
    return false;
  }
  const state = globalState();
  state.levels = parsed.spec;
  state.generation++;
  return true;
}

/** The level that applies to logger `name` now. */
export function getLogLevel(name: string): LogLevel {
  return levelFor(globalState().levels, name);
}
