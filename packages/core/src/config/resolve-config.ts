import { type Attributes, DiagLogLevel } from '@opentelemetry/api';
import type { BootstrapOptions } from '../types.js';
import {
  type Candidate,
  type ConfigSources,
  envValue,
  envValueKeepEmpty,
  fromOption,
  fromVar,
  pick,
  pickEach,
  pickVar,
  validSource,
  varSpec,
} from './candidates.js';
import { DIAG_LEVEL_NAMES, ENV_VARS, type ParsedVarName } from './env-table.js';
import { describeIssues, parseKeyValueList, splitList } from './key-value-list.js';
import { arrayOption, isRecord, recordOption, setOwn } from './option-values.js';
import { invalidValue, report, show, showList } from './problem-lines.js';
import { resolveExporters } from './resolve-exporters.js';
import { resolveFeatures } from './resolve-features.js';
import type { ResolvedConfig, ResolvedExportQueue } from './resolved-config.js';
import { resolveOtlp } from './resolve-otlp.js';
import { resolvePropagators } from './resolve-propagators.js';
import { resolveSpool } from './resolve-spool.js';
import { resolveFileExport } from './resolve-file-export.js';
import { samplerOption } from './sampler-from-config.js';
import { unknownEnvVarProblems } from './unknown-env-vars.js';
import { logRecordLimitsFromEnv } from '../safety/limits.js';
import { booleanParser, integerParser, type ValueParser } from './value-parsers.js';

const DEFAULT_BAGGAGE_KEYS = ENV_VARS.SIGHTLINE_BAGGAGE_KEYS.default;

/** What {@link resolveConfig} returns: the configuration, and one line per invalid setting. */
export interface ConfigResolution {
  config: ResolvedConfig;
  /** One line per invalid value: the setting, its value, what is accepted, and the value used instead. */
  problems: string[];
}

/**
 * Merges the options of `bootstrap()` with the environment into a {@link ResolvedConfig}. Options always
 * win over the environment. Each invalid value yields exactly one line in `problems` and its safe default;
 * this function never throws.
 */
export function resolveConfig(options: BootstrapOptions = {}, env: NodeJS.ProcessEnv = process.env): ConfigResolution {
  const problems: string[] = [];
  try {
    return { config: resolve(options, env, problems), problems };
  } catch (error) {
    // Reached only by hostile input (an options object whose getters throw): the app must still start.
    report(problems, `configuration could not be resolved (${show(error instanceof Error ? error.message : error)}); using the defaults`);
    return { config: resolve({}, {}, []), problems };
  }
}

function resolve(rawOptions: unknown, rawEnv: unknown, problems: string[]): ResolvedConfig {
  let options: Record<string, unknown> = {};
  if (isRecord(rawOptions)) options = rawOptions;
  else if (rawOptions !== undefined) {
    report(problems, `options=${show(rawOptions)} is not valid: expected an object of bootstrap options; using the environment and defaults`);
  }
  const env: NodeJS.ProcessEnv = isRecord(rawEnv) ? (rawEnv as NodeJS.ProcessEnv) : {};
  const sources: ConfigSources = { options, env };

  const consoleStream = resolveConsoleStream(options.consoleStream, problems);
  const queues = resolveQueues(options.exportQueue, env, problems);
  const metricExportIntervalMillis = pickVar('OTEL_METRIC_EXPORT_INTERVAL', sources, problems);

  const config: ResolvedConfig = {
    disabled: pickVar('OTEL_SDK_DISABLED', sources, problems),
    serviceName: pickVar('OTEL_SERVICE_NAME', sources, problems, (name) =>
      name === undefined ? 'the default "unknown_service:node"' : show(name),
    ),
    resourceAttributes: resolveResourceAttributes(options.resourceAttributes, env, problems),
    exporters: resolveExporters(options.exporters, env, problems),
    otlp: resolveOtlp(options.otlp, env, problems),
    prometheus: {
      host: pickVar('OTEL_EXPORTER_PROMETHEUS_HOST', sources, problems),
      port: pickVar('OTEL_EXPORTER_PROMETHEUS_PORT', sources, problems),
    },
    consoleFormat: pickVar('SIGHTLINE_CONSOLE_FORMAT', sources, problems),
    consoleStream,
    logLevel: pickVar('SIGHTLINE_LOG_LEVEL', sources, problems),
    diagLogLevel: DIAG_LEVELS[pickVar('OTEL_LOG_LEVEL', sources, problems)],
    sampler: samplerOption(options.sampler, problems),
    propagators: resolvePropagators(env, problems),
    baggageKeys: resolveBaggageKeys(options.baggageKeys, env, problems),
    shutdownTimeoutMillis: pickVar('SIGHTLINE_SHUTDOWN_TIMEOUT_MS', sources, problems),
    handleProcessExit: pick([fromOption('handleProcessExit', options.handleProcessExit, booleanParser)], true, problems),
    spool: resolveSpool(options.spool, env, problems),
    fileExport: resolveFileExport(sources, problems),
    logQueue: queues.logs,
    spanQueue: queues.spans,
    metricExportIntervalMillis,
    metricExportTimeoutMillis: resolveMetricExportTimeout(env, metricExportIntervalMillis, problems),
    logStages: recordOption('logStages', options.logStages, problems),
    spanStages: recordOption('spanStages', options.spanStages, problems),
    logRecordProcessors: arrayOption('logRecordProcessors', options.logRecordProcessors, problems),
    spanProcessors: arrayOption('spanProcessors', options.spanProcessors, problems),
    metricReaders: arrayOption('metricReaders', options.metricReaders, problems),
    features: resolveFeatures(sources, problems),
    views: arrayOption('views', options.views, problems),
    instrumentations: arrayOption('instrumentations', options.instrumentations, problems),
    logLimits: logRecordLimitsFromEnv(env),
    llm: recordOption('llm', options.llm, problems),
    mcp: recordOption('mcp', options.mcp, problems),
  };
  for (const line of unknownEnvVarProblems(env)) report(problems, line);
  return config;
}

const DIAG_LEVELS = {
  none: DiagLogLevel.NONE,
  error: DiagLogLevel.ERROR,
  warn: DiagLogLevel.WARN,
  info: DiagLogLevel.INFO,
  debug: DiagLogLevel.DEBUG,
  verbose: DiagLogLevel.VERBOSE,
  all: DiagLogLevel.ALL,
} as const satisfies Record<(typeof DIAG_LEVEL_NAMES)[number], DiagLogLevel>;

function resolveConsoleStream(raw: unknown, problems: string[]): NodeJS.WritableStream {
  if (raw !== undefined) {
    if (isRecord(raw) && typeof raw.write === 'function') return raw as unknown as NodeJS.WritableStream;
    report(problems, `options.consoleStream=${show(raw)} is not valid: expected a writable stream; using process.stdout`);
  }
  return process.stdout;
}

function resolveResourceAttributes(option: unknown, env: NodeJS.ProcessEnv, problems: string[]): Attributes {
  const attributes: Attributes = {};
  const raw = envValue(env, 'OTEL_RESOURCE_ATTRIBUTES');
  if (raw !== undefined) {
    const { entries, issues } = parseKeyValueList(raw);
    for (const [key, value] of entries) setOwn(attributes, key, value);
    if (issues.length > 0) {
      report(
        problems,
        invalidValue('OTEL_RESOURCE_ATTRIBUTES', raw, ENV_VARS.OTEL_RESOURCE_ATTRIBUTES.type.accepted, `the other ${entries.length} attribute(s)`, describeIssues(issues)),
      );
    }
  }
  if (option !== undefined) {
    if (isRecord(option)) {
      for (const [key, value] of Object.entries(option)) setOwn(attributes, key, value as Attributes[string]);
    } else {
      report(problems, `options.resourceAttributes=${show(option)} is not valid: expected an object of attributes; using OTEL_RESOURCE_ATTRIBUTES only`);
    }
  }
  return attributes;
}

/** `SIGHTLINE_BAGGAGE_KEYS` (an explicitly empty value means none) or `options.baggageKeys`. */
function resolveBaggageKeys(option: unknown, env: NodeJS.ProcessEnv, problems: string[]): string[] {
  if (option !== undefined) {
    if (Array.isArray(option)) {
      const keys = option.filter((k): k is string => typeof k === 'string' && k.trim() !== '').map((k) => k.trim());
      const unique = [...new Set(keys)];
      if (keys.length !== option.length) {
        const bad = option.filter((k) => typeof k !== 'string' || k.trim() === '');
        report(
          problems,
          invalidValue('options.baggageKeys', option, 'an array of non-empty strings', JSON.stringify(unique), `bad keys ${showList(bad)}`),
        );
      }
      return unique;
    }
    report(
      problems,
      invalidValue('options.baggageKeys', option, 'an array of non-empty strings', JSON.stringify(DEFAULT_BAGGAGE_KEYS)),
    );
    return [...DEFAULT_BAGGAGE_KEYS];
  }
  const raw = envValueKeepEmpty(env, 'SIGHTLINE_BAGGAGE_KEYS');
  if (raw === undefined) return [...DEFAULT_BAGGAGE_KEYS];
  return [...new Set(splitList(raw))];
}

type QueueField = 'maxQueueSize' | 'maxExportBatchSize' | 'scheduledDelayMillis' | 'exportTimeoutMillis';

const MIB = 1024 * 1024;

/** The variable of each queue setting, per queue. */
const QUEUE_VARS = {
  logs: {
    maxQueueSize: 'OTEL_BLRP_MAX_QUEUE_SIZE',
    maxExportBatchSize: 'OTEL_BLRP_MAX_EXPORT_BATCH_SIZE',
    scheduledDelayMillis: 'OTEL_BLRP_SCHEDULE_DELAY',
    exportTimeoutMillis: 'OTEL_BLRP_EXPORT_TIMEOUT',
  },
  spans: {
    maxQueueSize: 'OTEL_BSP_MAX_QUEUE_SIZE',
    maxExportBatchSize: 'OTEL_BSP_MAX_EXPORT_BATCH_SIZE',
    scheduledDelayMillis: 'OTEL_BSP_SCHEDULE_DELAY',
    exportTimeoutMillis: 'OTEL_BSP_EXPORT_TIMEOUT',
  },
} as const satisfies Record<string, Record<QueueField, ParsedVarName>>;
type QueueKind = keyof typeof QUEUE_VARS;

/**
 * Log and span queues: `options.exportQueue` (shared) over `OTEL_BLRP_*` / `OTEL_BSP_*` and the two
 * `SIGHTLINE_EXPORT_*` variables; batch size clamped to a count bound when one is set.
 */
function resolveQueues(option: unknown, env: NodeJS.ProcessEnv, problems: string[]): Record<QueueKind, ResolvedExportQueue> {
  let shared: Record<string, unknown> = {};
  if (option !== undefined) {
    if (isRecord(option)) shared = option;
    else report(problems, `options.exportQueue=${show(option)} is not valid: expected an object of queue settings; using the environment and defaults`);
  }
  const field = (name: QueueField) => {
    const chain = (kind: QueueKind): Array<Candidate<number | undefined>> => {
      const variable = fromVar(env, QUEUE_VARS[kind][name]) as Candidate<number | undefined>;
      return [fromOption(`exportQueue.${name}`, shared[name], variable.parser), variable];
    };
    const chains = { logs: chain('logs'), spans: chain('spans') };
    const fallbacks = { logs: varSpec(QUEUE_VARS.logs[name]).default, spans: varSpec(QUEUE_VARS.spans[name]).default };
    return { chains, values: pickEach(chains, fallbacks, problems) };
  };
  const queueSize = field('maxQueueSize');
  const batchSize = field('maxExportBatchSize');
  const delay = field('scheduledDelayMillis');
  const timeout = field('exportTimeoutMillis');
  const mib = varSpec('SIGHTLINE_EXPORT_QUEUE_MIB');
  const maxQueueBytes = pick(
    [
      fromOption('exportQueue.maxQueueBytes', shared.maxQueueBytes, integerParser(1, 16_384 * MIB)),
      { ...fromVar(env, 'SIGHTLINE_EXPORT_QUEUE_MIB'), parser: inBytes(mib.type) },
    ],
    mib.default * MIB,
    problems,
    (bytes) => (bytes % MIB === 0 ? `${bytes / MIB} MiB` : `${bytes} bytes`),
  );
  const concurrencyParser: ValueParser<number> = varSpec('SIGHTLINE_EXPORT_CONCURRENCY').type;
  const maxConcurrentExports = pick(
    [fromOption('exportQueue.maxConcurrentExports', shared.maxConcurrentExports, concurrencyParser), fromVar(env, 'SIGHTLINE_EXPORT_CONCURRENCY')],
    varSpec('SIGHTLINE_EXPORT_CONCURRENCY').default,
    problems,
  );

  const queue = (kind: QueueKind): ResolvedExportQueue => {
    const maxQueueSize = queueSize.values[kind];
    let maxExportBatchSize = batchSize.values[kind] as number;
    if (maxQueueSize !== undefined && maxExportBatchSize > maxQueueSize) {
      // A batch size the user chose is reported; the default one is clamped quietly.
      const source = validSource(batchSize.chains[kind]);
      if (source) {
        report(
          problems,
          invalidValue(source.label, source.raw, 'a positive integer no larger than the queue size', String(maxQueueSize), `larger than the queue size ${maxQueueSize}`),
        );
      }
      maxExportBatchSize = maxQueueSize;
    }
    return {
      maxQueueBytes,
      maxQueueSize,
      maxExportBatchSize,
      scheduledDelayMillis: delay.values[kind] as number,
      exportTimeoutMillis: timeout.values[kind] as number,
      maxConcurrentExports,
    };
  };
  return { logs: queue('logs'), spans: queue('spans') };
}

/** `OTEL_METRIC_EXPORT_TIMEOUT`, never above the interval (the metric reader refuses that). */
function resolveMetricExportTimeout(env: NodeJS.ProcessEnv, intervalMillis: number, problems: string[]): number {
  const chain = [fromVar(env, 'OTEL_METRIC_EXPORT_TIMEOUT')];
  const timeout = pick(chain, ENV_VARS.OTEL_METRIC_EXPORT_TIMEOUT.default, problems);
  if (timeout <= intervalMillis) return timeout;
  const source = validSource(chain);
  if (source) {
    report(
      problems,
      invalidValue(source.label, source.raw, 'a positive integer no larger than the export interval', String(intervalMillis), `longer than the export interval ${intervalMillis}`),
    );
  }
  return intervalMillis;
}

/** A MiB parser whose value is given in bytes. */
function inBytes(mibParser: ValueParser<number>): ValueParser<number> {
  return {
    accepted: mibParser.accepted,
    parse(raw) {
      const parsed = mibParser.parse(raw);
      return parsed.ok ? { ok: true, value: parsed.value * MIB } : parsed;
    },
  };
}
