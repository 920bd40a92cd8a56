import {
  DEFAULT_EXPORT_TIMEOUT_MILLIS,
  DEFAULT_MAX_CONCURRENT_EXPORTS,
  DEFAULT_MAX_EXPORT_BATCH_SIZE,
  DEFAULT_MAX_QUEUE_BYTES,
  DEFAULT_SCHEDULED_DELAY_MILLIS,
  MAX_TIMER_MILLIS,
} from '../export/queue-defaults.js';
import { DEFAULT_FILE_DIR, DEFAULT_FILE_MAX_MIB, DEFAULT_FILE_RETENTION_DAYS, DEFAULT_FILE_ROTATE_HOURS } from '../export/file/file-defaults.js';
import { defaultSpoolRoot } from '../export/spool/spool-location.js';
import { ACCEPTED_LEVELS, parseLevelSpec } from '../logger/levels.js';
import type { ConsoleFormat, OtlpCompression, OtlpProtocol } from '../types.js';
import {
  booleanParser,
  enumParser,
  folderPathParser,
  httpUrlParser,
  integerParser,
  millisParser,
  nonEmptyStringParser,
  numberParser,
  pemFileParser,
  ratioParser,
  spoolDirParser,
  type ValueParser,
} from './value-parsers.js';

/**
 * Every environment variable Sightline reads, described once: its type and range (a parser, whose
 * `accepted` text the problem lines and the docs show), its default, its doc line, its section of
 * docs/configuration.md and the `bootstrap()` option that overrides it. The readers take parser and default
 * from here (`fromVar`, `pickVar`), the unknown-variable check takes the names, and the tables of
 * docs/configuration.md are generated from it (`npx vitest run packages/core/test/config/env-table.test.ts -u`).
 *
 * Adding a variable: one row here, then read it with `pickVar('NAME', sources, problems)` where the
 * setting is resolved, and regenerate the docs.
 */

/** The sections of docs/configuration.md, in page order. */
export const ENV_SECTIONS = ['general', 'exporters', 'prometheus', 'otlp', 'sampling', 'batching', 'metrics', 'genai', 'limits', 'exceptions', 'sightline'] as const;
export type EnvSection = (typeof ENV_SECTIONS)[number];

interface EnvVarBase {
  readonly section: EnvSection;
  /** What it does: one line of docs/configuration.md. */
  readonly doc: string;
  /** The `bootstrap()` option (a path such as `auditTrail.file`) that wins over the variable, with the same type. */
  readonly option?: string;
  /** The default as the docs show it, when it is not the value itself (e.g. `(no limit)`). */
  readonly shownDefault?: string;
  /** The package that reads it, when core does not. */
  readonly readBy?: string;
}

/** A variable with one value, read by its parser. */
export interface ParsedEnvVar<T> extends EnvVarBase {
  readonly type: ValueParser<T>;
  /** The value used when the variable is unset or invalid; `undefined`: the feature's own default (`shownDefault`). */
  readonly default: T;
}

/** A list variable, read entry by entry by its own reader (bad entries are skipped, the others kept). */
export interface ListEnvVar extends EnvVarBase {
  readonly type: { readonly accepted: string };
  readonly default: readonly string[] | undefined;
}

export type EnvVarSpec = ParsedEnvVar<unknown> | ListEnvVar;

/** A row read by its parser; `T` comes from the parser (or is given), never from the default. */
function parsed<T>(spec: EnvVarBase & { readonly type: ValueParser<T>; readonly default: NoInfer<T> }): ParsedEnvVar<T> {
  return spec;
}

/** A list row; its default keeps its literal type. */
function list<const D extends readonly string[] | undefined>(spec: EnvVarBase & { readonly type: { readonly accepted: string }; readonly default: D }): ListEnvVar & { readonly default: D } {
  return spec;
}

export const CONSOLE_FORMATS: readonly ConsoleFormat[] = ['pretty', 'json', 'mcp'];
export const OTLP_PROTOCOLS: readonly OtlpProtocol[] = ['http/protobuf', 'http/json'];
export const OTLP_COMPRESSIONS: readonly OtlpCompression[] = ['none', 'gzip'];
export const DIAG_LEVEL_NAMES = ['none', 'error', 'warn', 'info', 'debug', 'verbose', 'all'] as const;
export const SAMPLER_NAMES = [
  'always_on',
  'always_off',
  'traceidratio',
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
] as const;
export const REDACTION_MODES = ['mask', 'hash', 'off'] as const;
export const EXCEPTION_SIGNALS = ['logs', 'logs/dup'] as const;

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

const protocolParser = enumParser(OTLP_PROTOCOLS, (lower) => (lower === 'grpc' ? 'grpc is not supported by Sightline' : undefined));
const queueSizeParser = integerParser(1, MAX_TIMER_MILLIS);
const compressionParser = enumParser(OTLP_COMPRESSIONS);
/** An attribute limit as `@opentelemetry/sdk-node` reads it: any positive number (others are ignored). */
export const attributeLimitParser: ValueParser<number> = {
  accepted: 'a positive number',
  parse(raw) {
    const value = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
    return Number.isFinite(value) && value > 0 ? { ok: true, value } : { ok: false };
  },
};


const PEM = [
  ['CERTIFICATE', 'PEM file of the certificates trusted for an `https://` receiver; read once at start-up.'],
  ['CLIENT_CERTIFICATE', 'PEM file of the client certificate (mutual TLS); read once at start-up.'],
  ['CLIENT_KEY', 'PEM file of the client private key (mutual TLS); read once at start-up.'],
] as const;

const HEADERS = { accepted: 'comma-separated key=value pairs, percent-encoded (W3C baggage format)' };
const exporters = (known: string) => ({ accepted: `a comma list of ${known}, or none alone` });

export const ENV_VARS = {
  OTEL_SDK_DISABLED: parsed({ section: 'general', type: booleanParser, default: false, doc: 'Disable the SDK: `bootstrap()` returns a handle that records nothing.' }),
  OTEL_SERVICE_NAME: parsed<string | undefined>({
    section: 'general', type: nonEmptyStringParser, default: undefined, shownDefault: '`unknown_service:node`', option: 'serviceName',
    doc: '`service.name` of the resource; wins over a `service.name` in `OTEL_RESOURCE_ATTRIBUTES`.',
  }),
  OTEL_RESOURCE_ATTRIBUTES: list({
    section: 'general', type: { accepted: 'comma-separated key=value pairs with ",", "=" and "%" percent-encoded' }, default: undefined, shownDefault: '(none)', option: 'resourceAttributes',
    doc: "Resource attributes. Malformed entries are reported and skipped; the others are kept. The option's attributes are merged over them.",
  }),
  OTEL_LOG_LEVEL: parsed({ section: 'general', type: enumParser(DIAG_LEVEL_NAMES), default: 'warn', option: 'diagLogLevel', doc: "Level of the OpenTelemetry SDK's own diagnostics (`diag`)." }),

  OTEL_PROPAGATORS: list({
    section: 'general', type: { accepted: 'a comma list of tracecontext|baggage|b3|b3multi, or none alone' }, default: ['tracecontext', 'baggage'],
    doc: 'Formats of the trace context and baggage read from incoming and written to outgoing requests. `b3` and `b3multi` need `@opentelemetry/sdk-node` installed (without it: one diag line, the W3C ones named, else the default).',
  }),

  OTEL_LOGS_EXPORTER: list({
    section: 'exporters', type: exporters('otlp|console|file'), default: ['otlp'], option: 'exporters.logs',
    doc: 'Where log records go; `file` appends them to OTLP JSON Lines files (see below).',
  }),
  OTEL_TRACES_EXPORTER: list({ section: 'exporters', type: exporters('otlp|console|file'), default: ['otlp'], option: 'exporters.traces', doc: 'Where spans go.' }),
  OTEL_METRICS_EXPORTER: list({
    section: 'exporters', type: exporters('otlp|console|file|prometheus'), default: ['otlp'], option: 'exporters.metrics',
    doc: 'Where metrics go; `prometheus` serves them for scraping (see below).',
  }),
  SIGHTLINE_FILE_DIR: parsed<string | undefined>({
    section: 'exporters', type: folderPathParser, default: undefined, shownDefault: `\`./${DEFAULT_FILE_DIR}\` (in the working directory at start-up)`, option: 'fileExport.dir',
    doc: 'Folder of the `file` exporter: one OTLP JSON Lines file per signal and process (`<signal>-<start time>-<pid>-<n>.jsonl`, mode 0600), the OpenTelemetry file format ([file export](file-export.md)).',
  }),
  SIGHTLINE_FILE_RETENTION_DAYS: parsed({
    section: 'exporters', type: numberParser(0, 36_500), default: DEFAULT_FILE_RETENTION_DAYS, option: 'fileExport.retentionDays',
    doc: `Files of the folder last written longer ago than this are deleted (when a file is started); \`0\` keeps them all. A file is rotated at ${DEFAULT_FILE_MAX_MIB} MiB or ${DEFAULT_FILE_ROTATE_HOURS} hours (options \`fileExport.maxFileMiB\`, \`fileExport.rotateHours\`).`,
  }),

  OTEL_EXPORTER_PROMETHEUS_HOST: parsed({ section: 'prometheus', type: nonEmptyStringParser, default: 'localhost', doc: 'Host the endpoint listens on; `0.0.0.0` to be scraped from other hosts.' }),
  OTEL_EXPORTER_PROMETHEUS_PORT: parsed({ section: 'prometheus', type: integerParser(1, 65_535), default: 9464, doc: 'Port of the endpoint.' }),

  OTEL_EXPORTER_OTLP_ENDPOINT: parsed({
    section: 'otlp', type: httpUrlParser, default: 'http://localhost:4318',
    doc: 'Base URL of the OTLP receiver; `/v1/logs`, `/v1/traces`, `/v1/metrics` are appended to its path (trailing slash or not).',
  }),
  OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: parsed({ section: 'otlp', type: httpUrlParser, default: 'http://localhost:4318/v1/logs', doc: 'Full URL for logs, used as-is.' }),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: parsed({ section: 'otlp', type: httpUrlParser, default: 'http://localhost:4318/v1/traces', doc: 'Full URL for traces, used as-is.' }),
  OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: parsed({ section: 'otlp', type: httpUrlParser, default: 'http://localhost:4318/v1/metrics', doc: 'Full URL for metrics, used as-is.' }),
  OTEL_EXPORTER_OTLP_PROTOCOL: parsed<OtlpProtocol>({
    section: 'otlp', type: protocolParser, default: 'http/protobuf',
    doc: 'OTLP transport of every signal. `grpc` is not supported by Sightline and falls back to `http/protobuf`.',
  }),
  OTEL_EXPORTER_OTLP_LOGS_PROTOCOL: parsed<OtlpProtocol>({ section: 'otlp', type: protocolParser, default: 'http/protobuf', doc: 'Transport for logs.' }),
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: parsed<OtlpProtocol>({ section: 'otlp', type: protocolParser, default: 'http/protobuf', doc: 'Transport for traces.' }),
  OTEL_EXPORTER_OTLP_METRICS_PROTOCOL: parsed<OtlpProtocol>({ section: 'otlp', type: protocolParser, default: 'http/protobuf', doc: 'Transport for metrics.' }),
  OTEL_EXPORTER_OTLP_HEADERS: list({
    section: 'otlp', type: HEADERS, default: undefined, shownDefault: '(none)',
    doc: 'Headers sent with every OTLP request (e.g. an API key). Malformed entries are reported (position and key only) and skipped; `;properties` are ignored.',
  }),
  OTEL_EXPORTER_OTLP_LOGS_HEADERS: list({ section: 'otlp', type: HEADERS, default: undefined, shownDefault: '(none)', doc: 'Headers for logs, merged over `OTEL_EXPORTER_OTLP_HEADERS`.' }),
  OTEL_EXPORTER_OTLP_TRACES_HEADERS: list({ section: 'otlp', type: HEADERS, default: undefined, shownDefault: '(none)', doc: 'Headers for traces, merged over `OTEL_EXPORTER_OTLP_HEADERS`.' }),
  OTEL_EXPORTER_OTLP_METRICS_HEADERS: list({ section: 'otlp', type: HEADERS, default: undefined, shownDefault: '(none)', doc: 'Headers for metrics, merged over `OTEL_EXPORTER_OTLP_HEADERS`.' }),
  OTEL_EXPORTER_OTLP_TIMEOUT: parsed({ section: 'otlp', type: millisParser, default: 10_000, doc: 'Timeout of one OTLP request, in ms.' }),
  OTEL_EXPORTER_OTLP_LOGS_TIMEOUT: parsed({ section: 'otlp', type: millisParser, default: 10_000, doc: 'Request timeout for logs, in ms.' }),
  OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: parsed({ section: 'otlp', type: millisParser, default: 10_000, doc: 'Request timeout for traces, in ms.' }),
  OTEL_EXPORTER_OTLP_METRICS_TIMEOUT: parsed({ section: 'otlp', type: millisParser, default: 10_000, doc: 'Request timeout for metrics, in ms.' }),
  OTEL_EXPORTER_OTLP_COMPRESSION: parsed<OtlpCompression>({ section: 'otlp', type: compressionParser, default: 'none', option: 'otlp.compression', doc: 'Compression of every OTLP request body.' }),
  OTEL_EXPORTER_OTLP_LOGS_COMPRESSION: parsed<OtlpCompression>({ section: 'otlp', type: compressionParser, default: 'none', doc: 'Compression for logs.' }),
  OTEL_EXPORTER_OTLP_TRACES_COMPRESSION: parsed<OtlpCompression>({ section: 'otlp', type: compressionParser, default: 'none', doc: 'Compression for traces.' }),
  OTEL_EXPORTER_OTLP_METRICS_COMPRESSION: parsed<OtlpCompression>({ section: 'otlp', type: compressionParser, default: 'none', doc: 'Compression for metrics.' }),
  OTEL_EXPORTER_OTLP_CERTIFICATE: parsed<Buffer | undefined>({ section: 'otlp', type: pemFileParser, default: undefined, shownDefault: '(none)', option: 'otlp.certificate', doc: PEM[0][1] }),
  OTEL_EXPORTER_OTLP_LOGS_CERTIFICATE: parsed<Buffer | undefined>({ section: 'otlp', type: pemFileParser, default: undefined, shownDefault: '(none)', doc: 'The same, for logs.' }),
  OTEL_EXPORTER_OTLP_TRACES_CERTIFICATE: parsed<Buffer | undefined>({ section: 'otlp', type: pemFileParser, default: undefined, shownDefault: '(none)', doc: 'The same, for traces.' }),
  OTEL_EXPORTER_OTLP_METRICS_CERTIFICATE: parsed<Buffer | undefined>({ section: 'otlp', type: pemFileParser, default: undefined, shownDefault: '(none)', doc: 'The same, for metrics.' }),
  OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE: parsed<Buffer | undefined>({ section: 'otlp', type: pemFileParser, default: undefined, shownDefault: '(none)', option: 'otlp.clientCertificate', doc: PEM[1][1] }),
  OTEL_EXPORTER_OTLP_LOGS_CLIENT_CERTIFICATE: parsed<Buffer | undefined>({ section: 'otlp', type: pemFileParser, default: undefined, shownDefault: '(none)', doc: 'The same, for logs.' }),
  OTEL_EXPORTER_OTLP_TRACES_CLIENT_CERTIFICATE: parsed<Buffer | undefined>({ section: 'otlp', type: pemFileParser, default: undefined, shownDefault: '(none)', doc: 'The same, for traces.' }),
  OTEL_EXPORTER_OTLP_METRICS_CLIENT_CERTIFICATE: parsed<Buffer | undefined>({ section: 'otlp', type: pemFileParser, default: undefined, shownDefault: '(none)', doc: 'The same, for metrics.' }),
  OTEL_EXPORTER_OTLP_CLIENT_KEY: parsed<Buffer | undefined>({ section: 'otlp', type: pemFileParser, default: undefined, shownDefault: '(none)', option: 'otlp.clientKey', doc: PEM[2][1] }),
  OTEL_EXPORTER_OTLP_LOGS_CLIENT_KEY: parsed<Buffer | undefined>({ section: 'otlp', type: pemFileParser, default: undefined, shownDefault: '(none)', doc: 'The same, for logs.' }),
  OTEL_EXPORTER_OTLP_TRACES_CLIENT_KEY: parsed<Buffer | undefined>({ section: 'otlp', type: pemFileParser, default: undefined, shownDefault: '(none)', doc: 'The same, for traces.' }),
  OTEL_EXPORTER_OTLP_METRICS_CLIENT_KEY: parsed<Buffer | undefined>({ section: 'otlp', type: pemFileParser, default: undefined, shownDefault: '(none)', doc: 'The same, for metrics.' }),

  OTEL_TRACES_SAMPLER: parsed<(typeof SAMPLER_NAMES)[number] | undefined>({
    section: 'sampling', type: enumParser(SAMPLER_NAMES), default: undefined, shownDefault: '`parentbased_always_on`',
    doc: 'Trace sampler. Option: `sampler` (a `Sampler` object).',
  }),
  OTEL_TRACES_SAMPLER_ARG: parsed({
    section: 'sampling', type: ratioParser, default: 1, shownDefault: '`1.0`',
    doc: 'Ratio of traces kept by the `traceidratio` samplers; ignored by the others.',
  }),

  OTEL_BLRP_MAX_QUEUE_SIZE: parsed<number | undefined>({
    section: 'batching', type: queueSizeParser, default: undefined, shownDefault: '(no count bound)', option: 'exportQueue.maxQueueSize',
    doc: 'Most log records held for export, in addition to the memory bound (`SIGHTLINE_EXPORT_QUEUE_MIB`); past it new ones are dropped and counted.',
  }),
  OTEL_BLRP_MAX_EXPORT_BATCH_SIZE: parsed({
    section: 'batching', type: queueSizeParser, default: DEFAULT_MAX_EXPORT_BATCH_SIZE, option: 'exportQueue.maxExportBatchSize',
    doc: 'Most log records in one export request; reported and clamped when larger than a count bound you set.',
  }),
  OTEL_BLRP_SCHEDULE_DELAY: parsed({ section: 'batching', type: millisParser, default: DEFAULT_SCHEDULED_DELAY_MILLIS, option: 'exportQueue.scheduledDelayMillis', doc: 'Delay between two scheduled exports of log records, in ms.' }),
  OTEL_BLRP_EXPORT_TIMEOUT: parsed({ section: 'batching', type: millisParser, default: DEFAULT_EXPORT_TIMEOUT_MILLIS, option: 'exportQueue.exportTimeoutMillis', doc: 'Time one export of log records may take, in ms.' }),
  OTEL_BSP_MAX_QUEUE_SIZE: parsed<number | undefined>({
    section: 'batching', type: queueSizeParser, default: undefined, shownDefault: '(no count bound)', option: 'exportQueue.maxQueueSize',
    doc: 'Most spans held for export, in addition to the memory bound (`SIGHTLINE_EXPORT_QUEUE_MIB`); past it new ones are dropped and counted.',
  }),
  OTEL_BSP_MAX_EXPORT_BATCH_SIZE: parsed({
    section: 'batching', type: queueSizeParser, default: DEFAULT_MAX_EXPORT_BATCH_SIZE, option: 'exportQueue.maxExportBatchSize',
    doc: 'Most spans in one export request; reported and clamped when larger than a count bound you set.',
  }),
  OTEL_BSP_SCHEDULE_DELAY: parsed({ section: 'batching', type: millisParser, default: DEFAULT_SCHEDULED_DELAY_MILLIS, option: 'exportQueue.scheduledDelayMillis', doc: 'Delay between two scheduled exports of spans, in ms.' }),
  OTEL_BSP_EXPORT_TIMEOUT: parsed({ section: 'batching', type: millisParser, default: DEFAULT_EXPORT_TIMEOUT_MILLIS, option: 'exportQueue.exportTimeoutMillis', doc: 'Time one export of spans may take, in ms.' }),

  OTEL_METRIC_EXPORT_INTERVAL: parsed({ section: 'metrics', type: millisParser, default: 60_000, option: 'metricExportIntervalMillis', doc: 'Interval between two metric exports, in ms.' }),
  OTEL_METRIC_EXPORT_TIMEOUT: parsed({
    section: 'metrics', type: millisParser, default: 30_000,
    doc: 'Time one metric export may take, in ms; clamped to the interval (reported when you set it).',
  }),

  OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: parsed({
    section: 'genai', type: booleanParser, default: false, readBy: '@sightline/instrumentation-llm, @sightline/instrumentation-mcp',
    doc: "Capture prompts, completions, system instructions and tool arguments on LLM spans, in the current conventions' form; captured content passes through redaction and the size limit.",
  }),
  SIGHTLINE_GENAI_PRICES_FILE: parsed<string | undefined>({
    section: 'genai', type: nonEmptyStringParser, default: undefined, shownDefault: '(the shipped prices only)', readBy: '@sightline/instrumentation-llm',
    doc: 'A JSON file of model prices (USD per million tokens, by `gen_ai.provider.name` then model) laid over the shipped table for `sightline.gen_ai.client.cost`; see docs/cost.md.',
  }),
  OTEL_SEMCONV_STABILITY_OPT_IN: list({
    section: 'genai', type: { accepted: 'a comma list; gen_ai_latest_experimental is honoured' }, default: undefined, shownDefault: '(none)', readBy: '@sightline/instrumentation-llm',
    doc: "`gen_ai_latest_experimental` switches to the newest GenAI attribute names from the conventions' own repository.",
  }),

  OTEL_ATTRIBUTE_COUNT_LIMIT: parsed<number>({
    section: 'limits', type: attributeLimitParser, default: 128,
    doc: 'Most attributes per span, span event, link and log record; the rest are dropped and counted.',
  }),
  OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT: parsed<number | undefined>({
    section: 'limits', type: attributeLimitParser, default: undefined, shownDefault: '(none)',
    doc: 'Longest string (UTF-16 units) or byte array kept as an attribute value; longer ones are cut.',
  }),
  OTEL_LOGRECORD_ATTRIBUTE_COUNT_LIMIT: parsed<number | undefined>({
    section: 'limits', type: attributeLimitParser, default: undefined, shownDefault: '`128`',
    doc: 'As `OTEL_ATTRIBUTE_COUNT_LIMIT`, for log records; wins over it.',
  }),
  OTEL_LOGRECORD_ATTRIBUTE_VALUE_LENGTH_LIMIT: parsed<number | undefined>({
    section: 'limits', type: attributeLimitParser, default: undefined, shownDefault: '(none)',
    doc: 'As `OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT`, for log records; wins over it.',
  }),

  OTEL_SEMCONV_EXCEPTION_SIGNAL_OPT_IN: parsed({
    section: 'exceptions', type: enumParser(EXCEPTION_SIGNALS), default: 'logs',
    doc: 'Exceptions are reported as log records (Sentry and others drop span events on OTLP ingest); `logs/dup` also adds span exception events.',
  }),

  SIGHTLINE_LOG_LEVEL: parsed({ section: 'sightline', type: levelSpecParser, default: 'info', option: 'logLevel', doc: 'Levels of the logger facade, hierarchical by logger name.' }),
  SIGHTLINE_CONSOLE_FORMAT: parsed<ConsoleFormat>({ section: 'sightline', type: enumParser(CONSOLE_FORMATS), default: 'pretty', option: 'consoleFormat', doc: 'Format of the console exporters.' }),
  SIGHTLINE_BAGGAGE_KEYS: list({
    section: 'sightline', type: { accepted: 'a comma list of baggage keys' }, default: ['session.id', 'enduser.id'], option: 'baggageKeys',
    doc: 'Baggage entries copied onto every span and log record; an empty value means none.',
  }),
  SIGHTLINE_SHUTDOWN_TIMEOUT_MS: parsed({
    section: 'sightline', type: integerParser(1, 600_000), default: 5000, option: 'shutdownTimeoutMillis',
    doc: 'Most time shutdown (on `SIGTERM`/`SIGINT` and at exit) spends flushing, in ms.',
  }),
  SIGHTLINE_SAMPLING_RATIO: parsed<number | undefined>({
    section: 'sightline', type: ratioParser, default: undefined, shownDefault: '`1`', option: 'samplingRatio',
    doc: 'Share of traces, and of their logs, kept — consistent probability sampling, so the logs of a kept trace are kept ([sampling](sampling.md)). Errors and security events are always kept.',
  }),
  SIGHTLINE_LOG_RATE_LIMIT: parsed<number | undefined>({
    section: 'sightline', type: numberParser(0, 1e9), default: undefined, shownDefault: '(no limit)', option: 'logRateLimit',
    doc: 'Budget of kept log records per second per process; above it the effective ratio drops, errors are kept outside it.',
  }),
  SIGHTLINE_REDACTION: parsed({
    section: 'sightline', type: enumParser(REDACTION_MODES), default: 'mask',
    doc: 'Secret and PII redaction of every exported log and span ([redaction](redaction.md)): `mask` replaces a finding by `[REDACTED:<type>]`, `hash` by a short keyed HMAC (keyed by `SIGHTLINE_HMAC_KEY`), `off` turns it off. Option: `redaction` (options object or `false`).',
  }),
  SIGHTLINE_HMAC_KEY: parsed<string | undefined>({
    section: 'sightline', type: nonEmptyStringParser, default: undefined, shownDefault: '(a random key per process)', option: 'hmacKey',
    doc: "Key of every keyed hash: redaction in `hash` mode, the audit trail's HMAC, API-key digests in security events, pseudonyms. Without it, digests correlate only within one process and a trail cannot be verified by a later process.",
  }),
  SIGHTLINE_EXPORT_QUEUE_MIB: parsed({
    section: 'sightline', type: integerParser(1, 16_384), default: DEFAULT_MAX_QUEUE_BYTES / (1024 * 1024),
    doc: 'Most estimated heap, in MiB, held per signal by records waiting for export, in flight or waiting for a retry; past it new records are dropped and counted. 1/8 is reserved for ERROR+ records, exceptions and security events ([pipeline](pipeline.md)). Option: `exportQueue.maxQueueBytes` (in bytes).',
  }),
  SIGHTLINE_EXPORT_CONCURRENCY: parsed({
    section: 'sightline', type: integerParser(1, 64), default: DEFAULT_MAX_CONCURRENT_EXPORTS, option: 'exportQueue.maxConcurrentExports',
    doc: 'Export requests in flight at once per signal.',
  }),
  SIGHTLINE_SPOOL_DIR: parsed<string | false>({
    section: 'sightline', type: spoolDirParser, default: defaultSpoolRoot(), shownDefault: '`<os temp dir>/sightline-spool`',
    doc: 'Folder of the spool: records still queued at `process.exit()`, after a crash or at the shutdown deadline are written there (OTLP JSON lines, mode 0600, under `<dir>/<service.name>`) and sent by the next start of the same service; `off` turns it off ([pipeline](pipeline.md#the-spool)). Option `spool.dir`, or `spool: false`; `spool.maxBytes` default 256 MiB.',
  }),
  SIGHTLINE_AUDIT_FILE: parsed<string | undefined>({
    section: 'sightline', type: nonEmptyStringParser, default: undefined, shownDefault: '(no audit trail)', option: 'auditTrail.file',
    doc: 'Path of the hash-chained JSONL audit trail of security events ([audit](audit.md)); setting it turns the trail on.',
  }),
} satisfies Record<string, EnvVarSpec>;

type Table = typeof ENV_VARS;
export type EnvVarName = keyof Table;
/** The variables read by a parser (not list variables). */
export type ParsedVarName = { [N in EnvVarName]: Table[N] extends ParsedEnvVar<unknown> ? N : never }[EnvVarName];
/** The value a parsed variable yields. */
export type EnvVarValue<N extends ParsedVarName> = Table[N] extends ParsedEnvVar<infer T> ? T : never;

/** Whether `name` is a variable of the table. */
export function isEnvVarName(name: string): name is EnvVarName {
  return Object.hasOwn(ENV_VARS, name);
}
