import { closest, distance } from 'fastest-levenshtein';
import { ENV_VARS, isEnvVarName } from './env-table.js';

const KNOWN_NAMES = Object.keys(ENV_VARS);

/** Most edits between a `SIGHTLINE_*` name and the known name it is taken for. */
const MAX_EDITS_OURS = 3;
/** Most edits for an `OTEL_*` name: many standard variables we do not read sit further from ours. */
const MAX_EDITS_STANDARD = 2;

/**
 * One line per variable that looks meant for Sightline but is not one it reads: every unknown `SIGHTLINE_*`
 * name (with the closest known name when one is near), and an `OTEL_*` name within two edits of one we
 * honour (other `OTEL_*` names belong to other tools). Names are compared in upper case, so a lower-case
 * spelling is caught too. Only the names are read, never the values.
 */
export function unknownEnvVarProblems(env: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [];
  for (const name of Object.keys(env)) {
    if (isEnvVarName(name)) continue;
    const upper = name.toUpperCase();
    const ours = upper.startsWith('SIGHTLINE_');
    if (!ours && !upper.startsWith('OTEL_')) continue;
    const near = closest(upper, KNOWN_NAMES);
    const edits = distance(upper, near);
    if (edits <= (ours ? MAX_EDITS_OURS : MAX_EDITS_STANDARD)) {
      problems.push(`${name} is not a variable Sightline reads; did you mean ${near}? It is ignored`);
    } else if (ours) {
      problems.push(`${name} is not a Sightline variable (docs/configuration.md lists them); it is ignored`);
    }
  }
  return problems;
}
