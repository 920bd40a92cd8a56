import { diag } from '@opentelemetry/api';

const warned = new Set<string>();

/**
 * Whether `version` of `module` has one of the tested `majors`. Outside them: one diagnostic line per
 * module and version, and the module stays unpatched.
 */
export function isSupportedVersion(module: string, version: string | undefined, majors: readonly number[], range: string): boolean {
  const major = version === undefined ? NaN : Number.parseInt(version, 10);
  if (majors.includes(major)) return true;
  const key = `${module}@${version}`;
  if (!warned.has(key)) {
    warned.add(key);
    diag.warn(`@sightline/instrumentation-llm: ${module} ${version ?? '(unknown version)'} is outside the supported range ${range}; it stays unpatched`);
  }
  return false;
}

/** One diagnostic line when a supported module does not have the expected shape; it stays unpatched. */
export function reportShapeMismatch(module: string, version: string | undefined, missing: string): void {
  const key = `${module}@${version}:shape`;
  if (warned.has(key)) return;
  warned.add(key);
  diag.warn(`@sightline/instrumentation-llm: ${module} ${version ?? ''} has no ${missing}; it stays unpatched`);
}
