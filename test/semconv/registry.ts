import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** One name of the installed semantic-conventions registry. */
export interface RegistryEntry {
  /** The constant that holds it (`ATTR_…`, `METRIC_…`, `EVENT_…`). */
  readonly constant: string;
  readonly stable: boolean;
  /** The `@deprecated` note, when the name is deprecated. */
  readonly deprecated: string | undefined;
}

const FILES = ['stable_attributes', 'stable_metrics', 'stable_events', 'experimental_attributes', 'experimental_metrics', 'experimental_events'];
/** A JSDoc block and the constant it documents: `declare const ATTR_X: "x.y";`. */
const DECLARATION = /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*declare const ((?:ATTR|METRIC|EVENT)_[A-Z0-9_]+): "([^"]*)";/g;

/**
 * Every attribute, metric and event name of the installed `@opentelemetry/semantic-conventions`, by name,
 * read from its declaration files (the only place that says which names are deprecated).
 */
export function loadRegistry(): Map<string, RegistryEntry> {
  const require = createRequire(import.meta.url);
  const dist = dirname(require.resolve('@opentelemetry/semantic-conventions'));
  const registry = new Map<string, RegistryEntry>();
  for (const file of FILES) {
    const text = readFileSync(join(dist, `${file}.d.mts`), 'utf8');
    for (const [, doc, constant, name] of text.matchAll(DECLARATION)) {
      const deprecated = /@deprecated\s+([^\n]*)/.exec(doc!)?.[1]?.trim();
      const previous = registry.get(name!);
      registry.set(name!, { constant: constant!, stable: file.startsWith('stable') || previous?.stable === true, deprecated });
    }
  }
  return registry;
}

/**
 * A deprecation that only says where the definition went ("Moved to the [OpenTelemetry GenAI semantic
 * conventions repository](…)."): the name is still current, only its home changed. Every other note
 * ("Replaced by `x`.", "Removed, …") retires the name.
 */
export function isMoveOnly(note: string): boolean {
  return /^Moved to the \[[^\]]+\]\([^)]+\)\.?$/.test(note);
}
