import { isMoveOnly, type RegistryEntry } from './registry.js';

/** A name a package can emit, and where it was found. */
export interface EmittedName {
  readonly name: string;
  readonly source: string;
}

/** Names the check lets through although the registry has them not (or as deprecated), each with its reason. */
export type Exceptions = ReadonlyMap<string, string>;

/** Namespaces the semantic conventions own: our own names may never be inside them. */
const OWNED = /^(gen_ai|mcp|rpc|jsonrpc|http|server|error|exception|network|otel|service)\./;

/**
 * The problems of `names` against `registry`: a name is fine when the registry has it and it is not
 * deprecated (a deprecation that only records a move to another conventions repository does not count),
 * or it is ours (`sightline.*`), or it is a draft name (`drafts`: emitted only behind the opt-in, never in
 * the registry), or it is listed in `exceptions` with a reason.
 */
export function checkNames(
  names: readonly EmittedName[],
  registry: ReadonlyMap<string, RegistryEntry>,
  drafts: ReadonlySet<string>,
  exceptions: Exceptions,
): string[] {
  const problems: string[] = [];
  for (const { name, source } of names) {
    if (exceptions.has(name)) continue;
    const entry = registry.get(name);
    if (drafts.has(name)) {
      if (entry !== undefined) problems.push(`${name} (${source}): a draft name that the registry now has: import it`);
      else if (!/^gen_ai\./.test(name)) problems.push(`${name} (${source}): a draft name outside gen_ai.*`);
      continue;
    }
    if (entry === undefined) {
      if (name.startsWith('sightline.')) continue;
      problems.push(`${name} (${source}): not in the registry${OWNED.test(name) ? ', inside a namespace the conventions own' : ''}`);
    } else if (entry.deprecated !== undefined && !isMoveOnly(entry.deprecated)) {
      problems.push(`${name} (${source}): deprecated: ${entry.deprecated}`);
    }
  }
  return problems;
}
