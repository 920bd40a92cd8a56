import { ENV_VARS, type EnvVarValue, type ParsedEnvVar, type ParsedVarName } from './env-table.js';
import { isRecord } from './option-values.js';
import { invalidValue, report, show } from './problem-lines.js';
import type { ValueParser } from './value-parsers.js';

/**
 * Reading a setting from a chain of candidates (options first, then environment variables, most specific
 * first). The first candidate that is set and valid wins; each candidate that is set but invalid adds
 * exactly one problem line naming it, its value, what is accepted, and the value finally used.
 */

/** One place a setting may come from: an option (`options.logLevel`) or a variable (`SIGHTLINE_LOG_LEVEL`). */
export interface Candidate<T> {
  /** What the problem line names: the variable or `options.<path>`. */
  readonly label: string;
  /** The raw value; `undefined` means not set. */
  readonly raw: unknown;
  readonly parser: ValueParser<T>;
}

/** Where settings come from: the options of `bootstrap()` and the environment. */
export interface ConfigSources {
  readonly options: Readonly<Record<string, unknown>>;
  readonly env: NodeJS.ProcessEnv;
}

/**
 * The trimmed value of an environment variable; `undefined` when unset, empty or only whitespace
 * (the OpenTelemetry rule: an empty value means unset).
 */
export function envValue(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw: unknown = env[name];
  if (typeof raw !== 'string') return undefined;
  const trimmed = raw.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** The trimmed value of a variable, keeping an explicitly empty value as `''` (unset stays `undefined`). */
export function envValueKeepEmpty(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw: unknown = env[name];
  return typeof raw === 'string' ? raw.trim() : undefined;
}

/**
 * The value of the first set and valid candidate, else `fallback`. Each set but invalid candidate
 * before it adds one problem line that ends with the value finally used (`showUsing`).
 */
export function pick<T>(
  candidates: ReadonlyArray<Candidate<T>>,
  fallback: T,
  problems: string[],
  showUsing: (value: T) => string = show,
): T {
  return pickEach({ only: candidates }, { only: fallback }, problems, showUsing).only;
}

/**
 * {@link pick} for several settings at once (one per signal) whose chains share candidates, such as
 * `OTEL_EXPORTER_OTLP_PROTOCOL`: a shared candidate that is invalid yields ONE line, listing the
 * values used in its place when they differ.
 */
export function pickEach<K extends string, T>(
  chains: Readonly<Record<K, ReadonlyArray<Candidate<T>>>>,
  fallbacks: Readonly<Record<K, T>>,
  problems: string[],
  showUsing: (value: T) => string = show,
): Record<K, T> {
  const rejected = new Map<string, { candidate: Candidate<T>; detail?: string; usings: Set<string> }>();
  const results = {} as Record<K, T>;
  for (const key of Object.keys(chains) as K[]) {
    let result = fallbacks[key];
    const rejectedHere: string[] = [];
    for (const candidate of chains[key]) {
      if (candidate.raw === undefined) continue;
      const parsed = candidate.parser.parse(candidate.raw);
      if (parsed.ok) {
        result = parsed.value;
        break;
      }
      if (!rejected.has(candidate.label)) {
        rejected.set(candidate.label, { candidate, detail: parsed.detail, usings: new Set() });
      }
      rejectedHere.push(candidate.label);
    }
    results[key] = result;
    for (const label of rejectedHere) rejected.get(label)?.usings.add(showUsing(result));
  }
  for (const { candidate, detail, usings } of rejected.values()) {
    const line = invalidValue(candidate.label, candidate.raw, candidate.parser.accepted, [...usings].join(', '), detail);
    report(problems, line);
  }
  return results;
}

/** The candidate a value came from: the first that is set and valid. */
export function validSource<T>(chain: ReadonlyArray<Candidate<T>>): Candidate<T> | undefined {
  return chain.find((c) => c.raw !== undefined && c.parser.parse(c.raw).ok);
}

/** A candidate read from the environment (trimmed; empty means unset). */
export function fromEnv<T>(env: NodeJS.ProcessEnv, name: string, parser: ValueParser<T>): Candidate<T> {
  return { label: name, raw: envValue(env, name), parser };
}

/** A candidate given programmatically; `undefined` means not set. */
export function fromOption<T>(path: string, raw: unknown, parser: ValueParser<T>): Candidate<T> {
  return { label: `options.${path}`, raw, parser };
}

/** The spec of a parsed variable, typed by its name. */
export function varSpec<N extends ParsedVarName>(name: N): ParsedEnvVar<EnvVarValue<N>> {
  return ENV_VARS[name] as unknown as ParsedEnvVar<EnvVarValue<N>>;
}

/** A variable as a candidate, with the type the table gives it. */
export function fromVar<N extends ParsedVarName>(env: NodeJS.ProcessEnv, name: N): Candidate<EnvVarValue<N>> {
  return fromEnv(env, name, varSpec(name).type);
}

/** The value at `path` (`auditTrail.file`) of the options; `undefined` when a step is not an object. */
export function optionAt(options: Readonly<Record<string, unknown>>, path: string): unknown {
  let value: unknown = options;
  for (const step of path.split('.')) {
    if (!isRecord(value)) return undefined;
    value = value[step];
  }
  return value;
}

/**
 * A setting described by one row of the table: its option (when the row names one) over the variable,
 * else the row's default. `showUsing` words the value used in a problem line (the default when undefined).
 */
export function pickVar<N extends ParsedVarName>(
  name: N,
  sources: ConfigSources,
  problems: string[],
  showUsing?: (value: EnvVarValue<N>) => string,
): EnvVarValue<N> {
  const spec = varSpec(name);
  const chain: Array<Candidate<EnvVarValue<N>>> = [fromVar(sources.env, name)];
  if (spec.option !== undefined) chain.unshift(fromOption(spec.option, optionAt(sources.options, spec.option), spec.type));
  return pick(chain, spec.default, problems, showUsing);
}
