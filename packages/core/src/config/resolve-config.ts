import { type Attributes, DiagLogLevel } from '@opentelemetry/api';
import { ACCEPTED_LEVELS, parseLevelSpec } from '../logger/levels.js';
import type { BootstrapOptions, ConsoleFormat } from '../types.js';
import {
  type Candidate,
  type ValueParser,
  arrayOption,
  booleanParser,
  describeIssues,
  envValue,
  envValueKeepEmpty,
  enumParser,
  fromEnv,
  fromOption,
  integerParser,
  invalidValue,
  isRecord,
  millisParser,
  nonEmptyStringParser,
  parseKeyValueList,
  pick,
  pickEach,
  recordOption,
  report,
  setOwn,
  show,
  showList,
  splitList,
} from './env-readers.js';
import { resolveExporters } from './resolve-exporters.js';
import { resolveFeatures } from './resolve-features.js';
import type { ResolvedConfig, ResolvedExportQueue, ResolvedPrometheus } from './resolved-config.js';
import {
  DEFAULT_EXPORT_TIMEOUT_MILLIS,
  DEFAULT_MAX_CONCURRENT_EXPORTS,
  DEFAULT_MAX_EXPORT_BATCH_SIZE,
  DEFAULT_MAX_QUEUE_BYTES,
  DEFAULT_SCHEDULED_DELAY_MILLIS,
} from '../export/queue-defaults.js';
import { resolveOtlp } from './resolve-otlp.js';
import { resolveSpool } from './resolve-spool.js';
import { samplerOption } from './sampler-from-config.js';

export const DEFAULT_LOG_LEVEL = 'info';
export const DEFAULT_DIAG_LOG_LEVEL = DiagLogLevel.WARN;
export const DEFAULT_BAGGAGE_KEYS: readonly string[] = ['session.id', 'enduser.id'];
export const DEFAULT_SHUTDOWN_TIMEOUT_MILLIS = 5000;
export const MAX_SHUTDOWN_TIMEOUT_MILLIS = 600_000;
export const DEFAULT_EXPORT_QUEUE: Readonly<ResolvedExportQueue> = {
  maxQueueBytes: DEFAULT_MAX_QUEUE_BYTES,
  maxQueueSize: undefined,
  maxExportBatchSize: DEFAULT_MAX_EXPORT_BATCH_SIZE,
  scheduledDelayMillis: DEFAULT_SCHEDULED_DELAY_MILLIS,
  exportTimeoutMillis: DEFAULT_EXPORT_TIMEOUT_MILLIS,
  maxConcurrentExports: DEFAULT_MAX_CONCURRENT_EXPORTS,
};
/** Largest `SIGHTLINE_EXPORT_QUEUE_MIB`: 16 GiB. */
const MAX_QUEUE_MIB = 16_384;
/** Largest `SIGHTLINE_EXPORT_CONCURRENCY`. */
const MAX_EXPORT_CONCURRENCY = 64;
export const DEFAULT_METRIC_EXPORT_INTERVAL_MILLIS = 60_000;
export const DEFAULT_METRIC_EXPORT_TIMEOUT_MILLIS = 30_000;
export const CONSOLE_FORMATS: readonly ConsoleFormat[] = ['pretty', 'json', 'mcp'];
export const DEFAULT_CONSOLE_FORMAT: ConsoleFormat = 'pretty';
/** Where the Prometheus exporter listens by default, as the OpenTelemetry specification says. */
export const DEFAULT_PROMETHEUS: Readonly<ResolvedPrometheus> = { host: 'localhost', port: 9464 };

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

  const consoleStream = resolveConsoleStream(options.consoleStream, problems);
  const queues = resolveQueues(options.exportQueue, env, problems);
  const metricExportIntervalMillis = pick(
    [fromOption('metricExportIntervalMillis', options.metricExportIntervalMillis, millisParser), fromEnv(env, 'OTEL_METRIC_EXPORT_INTERVAL', millisParser)],
    DEFAULT_METRIC_EXPORT_INTERVAL_MILLIS,
    problems,
  );

  return {
    disabled: pick([fromEnv(env, 'OTEL_SDK_DISABLED', booleanParser)], false, problems),
    serviceName: pick<string | undefined>(
      [fromOption('serviceName', options.serviceName, nonEmptyStringParser), fromEnv(env, 'OTEL_SERVICE_NAME', nonEmptyStringParser)],
      undefined,
      problems,
      (name) => (name === undefined ? 'the default "unknown_service:node"' : show(name)),
    ),
    resourceAttributes: resolveResourceAttributes(options.resourceAttributes, env, problems),
    exporters: resolveExporters(options.exporters, env, problems),
    otlp: resolveOtlp(options.otlp, env, problems),
    prometheus: {
      host: pick([fromEnv(env, 'OTEL_EXPORTER_PROMETHEUS_HOST', nonEmptyStringParser)], DEFAULT_PROMETHEUS.host, problems),
      port: pick([fromEnv(env, 'OTEL_EXPORTER_PROMETHEUS_PORT', integerParser(1, 65_535))], DEFAULT_PROMETHEUS.port, problems),
    },
    consoleFormat: pick(
      [fromOption('consoleFormat', options.consoleFormat, consoleFormatParser), fromEnv(env, 'SIGHTLINE_CONSOLE_FORMAT', consoleFormatParser)],
      DEFAULT_CONSOLE_FORMAT,
      problems,
    ),
    consoleStream,
    logLevel: pick(
      [fromOption('logLevel', options.logLevel, levelSpecParser), fromEnv(env, 'SIGHTLINE_LOG_LEVEL', levelSpecParser)],
      DEFAULT_LOG_LEVEL,
      problems,
    ),
    diagLogLevel: DIAG_LEVELS[
      pick(
        [fromOption('diagLogLevel', options.diagLogLevel, diagLevelParser), fromEnv(env, 'OTEL_LOG_LEVEL', diagLevelParser)],
        'warn',
        problems,
      )
    ],
    sampler: samplerOption(options.sampler, problems),
    baggageKeys: resolveBaggageKeys(options.baggageKeys, env, problems),
    shutdownTimeoutMillis: pick(
      [
        fromOption('shutdownTimeoutMillis', options.shutdownTimeoutMillis, shutdownTimeoutParser),
        fromEnv(env, 'SIGHTLINE_SHUTDOWN_TIMEOUT_MS', shutdownTimeoutParser),
      ],
      DEFAULT_SHUTDOWN_TIMEOUT_MILLIS,
      problems,
    ),
    handleProcessExit: pick([fromOption('handleProcessExit', options.handleProcessExit, booleanParser)], true, problems),
    spool: resolveSpool(options.spool, env, problems),
    logQueue: queues.logs,
    spanQueue: queues.spans,
    metricExportIntervalMillis,
    metricExportTimeoutMillis: resolveMetricExportTimeout(env, metricExportIntervalMillis, problems),
    logStages: recordOption('logStages', options.logStages, problems),
    spanStages: recordOption('spanStages', options.spanStages, problems),
    logRecordProcessors: arrayOption('logRecordProcessors', options.logRecordProcessors, problems),
    spanProcessors: arrayOption('spanProcessors', options.spanProcessors, problems),
    metricReaders: arrayOption('metricReaders', options.metricReaders, problems),
    features: resolveFeatures(options as BootstrapOptions, env, problems),
    views: arrayOption('views', options.views, problems),
    instrumentations: arrayOption('instrumentations', options.instrumentations, problems),
  };
}

const consoleFormatParser = enumParser(CONSOLE_FORMATS);

/** A level spec checked by `parseLevelSpec`, returned normalized: `INFO , llm.openai = Debug` → `info,llm.openai=debug`. */
const levelSpecParser: ValueParser<string> = {
  accepted: `${ACCEPTED_LEVELS}, optionally with name=level overrides like "info,llm.openai=debug"`,
  parse(raw) {
    if (typeof raw !== 'string') return { ok: false };
    const result = parseLevelSpec(raw);
    if (!result.ok) {
      // A lone bad word speaks for itself; in a longer spec, say which part is wrong.
      return { ok: false, detail: /[,=]/.test(raw) ? result.error : undefined };
    }
    const { defaultLevel, overrides } = result.spec;
    return { ok: true, value: [defaultLevel, ...overrides.map(([name, level]) => `${name}=${level}`)].join(',') };
  },
};

const DIAG_LEVELS = {
  none: DiagLogLevel.NONE,
  error: DiagLogLevel.ERROR,
  warn: DiagLogLevel.WARN,
  info: DiagLogLevel.INFO,
  debug: DiagLogLevel.DEBUG,
  verbose: DiagLogLevel.VERBOSE,
  all: DiagLogLevel.ALL,
} as const satisfies Record<string, DiagLogLevel>;

const diagLevelParser = enumParser(Object.keys(DIAG_LEVELS) as Array<keyof typeof DIAG_LEVELS>);

const shutdownTimeoutParser = integerParser(1, MAX_SHUTDOWN_TIMEOUT_MILLIS);

function resolveConsoleStream(raw: unknown, problems: string[]): NodeJS.WritableStream {
  if (raw !== undefined) {
    if (isRecord(raw) && typeof raw.write === 'function') return raw as unknown as NodeJS.WritableStream;
    report(problems, `options.consoleStream=${show(raw)} is not valid: expected a writable stream; using process.stdout`);
  }
  return process.stdout;
}

const RESOURCE_ATTRIBUTES_ACCEPTED = 'comma-separated key=value pairs with ",", "=" and "%" percent-encoded';

function resolveResourceAttributes(option: unknown, env: NodeJS.ProcessEnv, problems: string[]): Attributes {
  const attributes: Attributes = {};
  const raw = envValue(env, 'OTEL_RESOURCE_ATTRIBUTES');
  if (raw !== undefined) {
    const { entries, issues } = parseKeyValueList(raw);
    for (const [key, value] of entries) setOwn(attributes, key, value);
    if (issues.length > 0) {
      report(
        problems,
        invalidValue('OTEL_RESOURCE_ATTRIBUTES', raw, RESOURCE_ATTRIBUTES_ACCEPTED, `the other ${entries.length} attribute(s)`, describeIssues(issues)),
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

const QUEUE_ENV_SUFFIX: Readonly<Record<QueueField, string>> = {
  maxQueueSize: 'MAX_QUEUE_SIZE',
  maxExportBatchSize: 'MAX_EXPORT_BATCH_SIZE',
  scheduledDelayMillis: 'SCHEDULE_DELAY',
  exportTimeoutMillis: 'EXPORT_TIMEOUT',
};

const QUEUE_ENV_PREFIX = { logs: 'OTEL_BLRP_', spans: 'OTEL_BSP_' } as const;
type QueueKind = keyof typeof QUEUE_ENV_PREFIX;

const queueSizeParser = integerParser(1, 2_147_483_647);
const MIB = 1024 * 1024;

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
  const chainsFor = <T>(name: QueueField, parser: ValueParser<T>) => {
    const chain = (kind: QueueKind): Array<Candidate<T>> => [
      fromOption(`exportQueue.${name}`, shared[name], parser),
      fromEnv(env, `${QUEUE_ENV_PREFIX[kind]}${QUEUE_ENV_SUFFIX[name]}`, parser),
    ];
    return { logs: chain('logs'), spans: chain('spans') };
  };
  const field = <T>(name: QueueField, parser: ValueParser<T>, fallback: T): { chains: Record<QueueKind, Array<Candidate<T>>>; values: Record<QueueKind, T> } => {
    const chains = chainsFor(name, parser);
    return { chains, values: pickEach<QueueKind, T>(chains, { logs: fallback, spans: fallback }, problems) };
  };
  const queueSize = field<number | undefined>('maxQueueSize', queueSizeParser as ValueParser<number | undefined>, undefined);
  const batchSize = field('maxExportBatchSize', queueSizeParser, DEFAULT_MAX_EXPORT_BATCH_SIZE);
  const delay = field('scheduledDelayMillis', millisParser, DEFAULT_SCHEDULED_DELAY_MILLIS);
  const timeout = field('exportTimeoutMillis', millisParser, DEFAULT_EXPORT_TIMEOUT_MILLIS);
  const maxQueueBytes = pick(
    [
      fromOption('exportQueue.maxQueueBytes', shared.maxQueueBytes, integerParser(1, MAX_QUEUE_MIB * MIB)),
      fromEnv(env, 'SIGHTLINE_EXPORT_QUEUE_MIB', scaled(integerParser(1, MAX_QUEUE_MIB), MIB)),
    ],
    DEFAULT_MAX_QUEUE_BYTES,
    problems,
    (bytes) => (bytes % MIB === 0 ? `${bytes / MIB} MiB` : `${bytes} bytes`),
  );
  const maxConcurrentExports = pick(
    [
      fromOption('exportQueue.maxConcurrentExports', shared.maxConcurrentExports, integerParser(1, MAX_EXPORT_CONCURRENCY)),
      fromEnv(env, 'SIGHTLINE_EXPORT_CONCURRENCY', integerParser(1, MAX_EXPORT_CONCURRENCY)),
    ],
    DEFAULT_MAX_CONCURRENT_EXPORTS,
    problems,
  );

  const queue = (kind: QueueKind): ResolvedExportQueue => {
    const maxQueueSize = queueSize.values[kind];
    let maxExportBatchSize = batchSize.values[kind];
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
      scheduledDelayMillis: delay.values[kind],
      exportTimeoutMillis: timeout.values[kind],
      maxConcurrentExports,
    };
  };
  return { logs: queue('logs'), spans: queue('spans') };
}

/** A parser whose accepted value is multiplied by `scale` (MiB to bytes). */
function scaled(parser: ValueParser<number>, scale: number): ValueParser<number> {
  return {
    accepted: parser.accepted,
    parse(raw) {
      const parsed = parser.parse(raw);
      return parsed.ok ? { ok: true, value: parsed.value * scale } : parsed;
    },
  };
}

/** The candidate a value came from: the first that is set and valid. */
function validSource<T>(chain: ReadonlyArray<Candidate<T>>): Candidate<T> | undefined {
  return chain.find((c) => c.raw !== undefined && c.parser.parse(c.raw).ok);
}

/** `OTEL_METRIC_EXPORT_TIMEOUT`, never above the interval (the metric reader refuses that). */
function resolveMetricExportTimeout(env: NodeJS.ProcessEnv, intervalMillis: number, problems: string[]): number {
  const chain = [fromEnv(env, 'OTEL_METRIC_EXPORT_TIMEOUT', millisParser)];
  const timeout = pick(chain, DEFAULT_METRIC_EXPORT_TIMEOUT_MILLIS, problems);
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
