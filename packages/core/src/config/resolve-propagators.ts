import { PROPAGATOR_NAMES, type PropagatorName } from '../engine/propagators.js';
import { envValue } from './candidates.js';
import { ENV_VARS } from './env-table.js';
import { splitList } from './key-value-list.js';
import { invalidValue, report, showList } from './problem-lines.js';

const DEFAULT = ENV_VARS.OTEL_PROPAGATORS.default as readonly PropagatorName[];

/**
 * `OTEL_PROPAGATORS`: names are case-insensitive and deduplicated, kept in their order; unknown names are
 * dropped; `none` alone means no propagation, `none` beside other names is ignored; when no name is usable
 * the default `tracecontext,baggage` applies. One problem line per bad list.
 */
export function resolvePropagators(env: NodeJS.ProcessEnv, problems: string[]): PropagatorName[] {
  const raw = envValue(env, 'OTEL_PROPAGATORS');
  if (raw === undefined) return [...DEFAULT];
  const names = new Set<PropagatorName>();
  const unknown: string[] = [];
  let sawNone = false;
  for (const item of splitList(raw)) {
    const name = item.toLowerCase();
    if (name === 'none') sawNone = true;
    else if ((PROPAGATOR_NAMES as readonly string[]).includes(name)) names.add(name as PropagatorName);
    else unknown.push(item);
  }
  let result: PropagatorName[];
  const details: string[] = [];
  if (unknown.length > 0) details.push(`unknown ${showList(unknown)}`);
  if (names.size > 0) {
    result = [...names];
    if (sawNone) details.push('"none" cannot be combined with other propagators');
  } else if (sawNone) {
    result = [];
  } else {
    result = [...DEFAULT];
    details.push('no propagator named');
  }
  if (details.length > 0) {
    const using = JSON.stringify(result.length === 0 ? 'none' : result.join(','));
    report(problems, invalidValue('OTEL_PROPAGATORS', raw, ENV_VARS.OTEL_PROPAGATORS.type.accepted, using, details.join('; ')));
  }
  return result;
}
