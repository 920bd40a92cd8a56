import type { LevelSpec } from '../logger/levels.js';
import type { AttributeLimits } from '../safety/limits.js';
import type { SafetyCounters } from '../safety/safety-counters.js';
import type { SightlineHandle } from '../types.js';

/**
 * Process-wide state, shared by the ESM and the CommonJS build of every Sightline package
 * (both may be loaded in one process: `--require` preload plus an `import` in the app).
 */
export interface GlobalState {
  /** The running SDK's handle, if `bootstrap()` or the preload started one. */
  handle: SightlineHandle | undefined;
  /** Bumped whenever levels or the active SDK change; loggers re-resolve when it moves. */
  generation: number;
  /** The current level spec of the logger facade. */
  levels: LevelSpec;
  /** Whether an SDK is running; loggers are silent no-ops while it is false. */
  active: boolean;
  /** Where the running SDK counts sanitized fields and stage throws; unset while none runs. */
  safety?: SafetyCounters;
  /** The log record attribute limits of the running SDK, which the logger facade applies first. */
  logLimits?: AttributeLimits;
  /** Instances made so far per component type, for the default `otel.component.name` (`<type>/<n>`). */
  componentInstances?: Map<string, number>;
}

const STATE_KEY = Symbol.for('sightline.state.v1');

type WithState = typeof globalThis & { [STATE_KEY]?: GlobalState };

/** The one state object of this process, created on first use. */
export function globalState(): GlobalState {
  const g = globalThis as WithState;
  let state = g[STATE_KEY];
  if (state === undefined) {
    state = { handle: undefined, generation: 0, levels: { defaultLevel: 'info', overrides: [] }, active: false };
    g[STATE_KEY] = state;
  }
  return state;
}
