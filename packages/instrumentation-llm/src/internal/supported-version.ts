import { diag } from '@opentelemetry/api';
import { InstrumentationNodeModuleDefinition, type InstrumentationModuleFile } from '@opentelemetry/instrumentation';

const warned = new Set<string>();

/**
 * The versions outside `range` (of the form `>=A <B`), as ranges the instrumentation framework matches:
 * `['<A', '>=B']`.
 */
export function outsideRange(range: string): string[] {
  const bounds = /^>=(\S+) <(\S+)$/.exec(range);
  if (bounds === null) throw new Error(`supported range ${range} is not of the form >=A <B`);
  return [`<${bounds[1]}`, `>=${bounds[2]}`];
}

/**
 * The module definitions of `module`: the one that patches, for the `range` it supports (the framework
 * applies it only to those versions, as the contrib instrumentations do), and one for every other version
 * whose only job is one diagnostic line per module and version (the framework skips unsupported versions
 * silently); that version stays unpatched.
 */
export function moduleDefinitions<T>(
  module: string,
  range: string,
  patch: ((exports: T, version?: string) => T) | undefined,
  unpatch: ((exports: T, version?: string) => void) | undefined,
  files: InstrumentationModuleFile[] = [],
): InstrumentationNodeModuleDefinition[] {
  return [
    new InstrumentationNodeModuleDefinition(module, [range], patch, unpatch, files),
    new InstrumentationNodeModuleDefinition(module, outsideRange(range), (exports: T, version?: string) => {
      const key = `${module}@${version}`;
      if (!warned.has(key)) {
        warned.add(key);
        diag.warn(`@sightline/instrumentation-llm: ${module} ${version ?? '(unknown version)'} is outside the supported range ${range}; it stays unpatched`);
      }
      return exports;
    }),
  ];
}

/** One diagnostic line when a supported module does not have the expected shape; it stays unpatched. */
export function reportShapeMismatch(module: string, version: string | undefined, missing: string): void {
  const key = `${module}@${version}:shape`;
  if (warned.has(key)) return;
  warned.add(key);
  diag.warn(`@sightline/instrumentation-llm: ${module} ${version ?? ''} has no ${missing}; it stays unpatched`);
}

function triple(version: string): number[] | undefined {
  const match = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  return match === null ? undefined : [Number(match[1]), Number(match[2]), Number(match[3])];
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/**
 * Whether `version` (`x.y.z`, anything after ignored) is inside `range` (`>=A <B`, A and B full `x.y.z`), for
 * a hook that is not an instrumentation module definition (those are matched by the framework).
 */
export function inRange(version: string | undefined, range: string): boolean {
  const bounds = /^>=(\S+) <(\S+)$/.exec(range);
  const v = version === undefined ? undefined : triple(version);
  const low = bounds === null ? undefined : triple(bounds[1]!);
  const high = bounds === null ? undefined : triple(bounds[2]!);
  if (v === undefined || low === undefined || high === undefined) return false;
  return compare(v, low) >= 0 && compare(v, high) < 0;
}
