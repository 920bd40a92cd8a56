import type { Signal } from '../types.js';
import { envValue } from './candidates.js';
import { ENV_VARS } from './env-table.js';
import { splitList } from './key-value-list.js';
import { isRecord } from './option-values.js';
import { invalidValue, report, show, showList } from './problem-lines.js';
import type { ExportedKind, MetricExporterKind, ResolvedConfig } from './resolved-config.js';
import { SIGNALS } from './resolve-otlp.js';

/** The exporters each signal accepts: only metrics can be pulled (`prometheus`). */
const EXPORTED_KINDS: Readonly<Record<Signal, readonly MetricExporterKind[]>> = {
  logs: ['otlp', 'console', 'file'],
  traces: ['otlp', 'console', 'file'],
  metrics: ['otlp', 'console', 'file', 'prometheus'],
};
const DEFAULT_EXPORTERS = ENV_VARS.OTEL_LOGS_EXPORTER.default as readonly ExportedKind[];

function showExporters(kinds: readonly string[]): string {
  return JSON.stringify(kinds.length === 0 ? 'none' : kinds.join(','));
}

/**
 * One exporter list: a comma list (variable) or an array (option). Names are case-insensitive and
 * deduplicated; names not in `known` are dropped; `none` alone means no exporter, `none` beside other names
 * is ignored; when no name is usable the default `otlp` applies. One problem line per bad list.
 */
function exporterList(label: string, raw: unknown, known: readonly MetricExporterKind[], accepted: string, problems: string[]): MetricExporterKind[] {
  let items: unknown[];
  if (typeof raw === 'string') items = splitList(raw);
  else if (Array.isArray(raw)) items = raw;
  else {
    report(problems, invalidValue(label, raw, accepted, showExporters(DEFAULT_EXPORTERS)));
    return [...DEFAULT_EXPORTERS];
  }
  const kinds = new Set<MetricExporterKind>();
  const unknown: unknown[] = [];
  let sawNone = false;
  for (const item of items) {
    const name = typeof item === 'string' ? item.trim().toLowerCase() : undefined;
    if (name === 'none') sawNone = true;
    else if (name !== undefined && (known as readonly string[]).includes(name)) kinds.add(name as MetricExporterKind);
    else unknown.push(item);
  }
  let result: MetricExporterKind[];
  const details: string[] = [];
  if (unknown.length > 0) details.push(`unknown ${showList(unknown)}`);
  if (kinds.size > 0) {
    result = [...kinds];
    if (sawNone) details.push('"none" cannot be combined with other exporters');
  } else if (sawNone || (Array.isArray(raw) && items.length === 0)) {
    result = [];
  } else {
    result = [...DEFAULT_EXPORTERS];
    if (items.length === 0) details.push('no exporter named');
  }
  if (details.length > 0) report(problems, invalidValue(label, raw, accepted, showExporters(result), details.join('; ')));
  return result;
}

/** The variable of each signal. */
const EXPORTERS_ENV = {
  logs: 'OTEL_LOGS_EXPORTER',
  traces: 'OTEL_TRACES_EXPORTER',
  metrics: 'OTEL_METRICS_EXPORTER',
} as const satisfies Record<Signal, keyof typeof ENV_VARS>;

/** `OTEL_LOGS_EXPORTER`, `OTEL_TRACES_EXPORTER`, `OTEL_METRICS_EXPORTER`, or `options.exporters`. */
export function resolveExporters(option: unknown, env: NodeJS.ProcessEnv, problems: string[]): ResolvedConfig['exporters'] {
  let perSignal: Record<string, unknown> = {};
  if (option !== undefined) {
    if (isRecord(option)) perSignal = option;
    else report(problems, `options.exporters=${show(option)} is not valid: expected an object of exporter lists per signal; using the environment`);
  }
  const result = {} as Record<Signal, MetricExporterKind[]>;
  for (const signal of SIGNALS) {
    const fromOptions = perSignal[signal];
    const name = EXPORTERS_ENV[signal];
    const fromVariable = envValue(env, name);
    const known = EXPORTED_KINDS[signal];
    if (fromOptions !== undefined) {
      const accepted = `an array of ${known.map((kind) => `"${kind}"`).join('|')}, or ["none"]`;
      result[signal] = exporterList(`options.exporters.${signal}`, fromOptions, known, accepted, problems);
    } else if (fromVariable !== undefined) {
      result[signal] = exporterList(name, fromVariable, known, ENV_VARS[name].type.accepted, problems);
    } else {
      result[signal] = [...DEFAULT_EXPORTERS];
    }
  }
  return result as ResolvedConfig['exporters'];
}

