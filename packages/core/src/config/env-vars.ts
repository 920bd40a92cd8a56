/** One environment variable read by `resolveConfig`, as documented in `docs/configuration.md`. */
export interface EnvVarDoc {
  readonly name: string;
  /** The value used when the variable is unset or invalid, as text. */
  readonly default: string;
  readonly description: string;
  readonly accepted: string;
}

const SIGNALS = [
  ['LOGS', 'logs'],
  ['TRACES', 'traces'],
  ['METRICS', 'metrics'],
] as const;

function perSignal(make: (upper: string, lower: string) => EnvVarDoc): EnvVarDoc[] {
  return SIGNALS.map(([upper, lower]) => make(upper, lower));
}

function queueVars(prefix: 'BLRP' | 'BSP', what: string): EnvVarDoc[] {
  return [
    {
      name: `OTEL_${prefix}_MAX_QUEUE_SIZE`,
      default: '(no count bound; memory bounds the queue)',
      description: `Most ${what} held for export, in addition to the memory bound (SIGHTLINE_EXPORT_QUEUE_MIB); past it new ones are dropped and counted.`,
      accepted: 'positive integer',
    },
    {
      name: `OTEL_${prefix}_MAX_EXPORT_BATCH_SIZE`,
      default: '2048',
      description: `Most ${what} in one export request; clamped to the queue size when one is set.`,
      accepted: 'positive integer',
    },
    {
      name: `OTEL_${prefix}_SCHEDULE_DELAY`,
      default: '1000',
      description: `Delay between two scheduled exports of ${what}, in ms.`,
      accepted: 'positive integer (ms)',
    },
    {
      name: `OTEL_${prefix}_EXPORT_TIMEOUT`,
      default: '30000',
      description: `Time one export of ${what} may take, in ms.`,
      accepted: 'positive integer (ms)',
    },
  ];
}

/** Every environment variable the configuration reads, standard `OTEL_*` ones first. */
export const CONFIG_ENV_VARS: readonly EnvVarDoc[] = [
  {
    name: 'OTEL_SDK_DISABLED',
    default: 'false',
    description: 'Disable the SDK: bootstrap returns a handle that records nothing.',
    accepted: 'true|false',
  },
  {
    name: 'OTEL_SERVICE_NAME',
    default: 'unknown_service:node',
    description: '`service.name` of the resource; wins over `service.name` in OTEL_RESOURCE_ATTRIBUTES.',
    accepted: 'any string',
  },
  {
    name: 'OTEL_RESOURCE_ATTRIBUTES',
    default: '(none)',
    description: 'Resource attributes; malformed entries are skipped.',
    accepted: 'k=v,k2=v2, percent-encoded',
  },
  {
    name: 'OTEL_LOGS_EXPORTER',
    default: 'otlp',
    description: 'Exporters of log records.',
    accepted: 'comma list of otlp|console, or none',
  },
  {
    name: 'OTEL_TRACES_EXPORTER',
    default: 'otlp',
    description: 'Exporters of spans.',
    accepted: 'comma list of otlp|console, or none',
  },
  {
    name: 'OTEL_METRICS_EXPORTER',
    default: 'otlp',
    description: 'Exporters of metrics; `prometheus` serves them for scraping instead of pushing them.',
    accepted: 'comma list of otlp|console|prometheus, or none',
  },
  {
    name: 'OTEL_EXPORTER_OTLP_ENDPOINT',
    default: 'http://localhost:4318',
    description: 'Base URL of the OTLP receiver; `/v1/logs`, `/v1/traces`, `/v1/metrics` are appended.',
    accepted: 'http:// or https:// URL',
  },
  ...perSignal((upper, lower) => ({
    name: `OTEL_EXPORTER_OTLP_${upper}_ENDPOINT`,
    default: `http://localhost:4318/v1/${lower}`,
    description: `Full URL for ${lower}, used as-is; wins over OTEL_EXPORTER_OTLP_ENDPOINT.`,
    accepted: 'http:// or https:// URL',
  })),
  {
    name: 'OTEL_EXPORTER_OTLP_PROTOCOL',
    default: 'http/protobuf',
    description: 'OTLP transport of every signal (`grpc` is not supported).',
    accepted: 'http/protobuf|http/json',
  },
  ...perSignal((upper, lower) => ({
    name: `OTEL_EXPORTER_OTLP_${upper}_PROTOCOL`,
    default: 'http/protobuf',
    description: `OTLP transport of ${lower}; wins over OTEL_EXPORTER_OTLP_PROTOCOL.`,
    accepted: 'http/protobuf|http/json',
  })),
  {
    name: 'OTEL_EXPORTER_OTLP_HEADERS',
    default: '(none)',
    description: 'Headers sent with every OTLP request; malformed entries are skipped (values never logged).',
    accepted: 'k=v,k2=v2, percent-encoded (W3C baggage format)',
  },
  ...perSignal((upper, lower) => ({
    name: `OTEL_EXPORTER_OTLP_${upper}_HEADERS`,
    default: '(none)',
    description: `Headers for ${lower}, merged over OTEL_EXPORTER_OTLP_HEADERS.`,
    accepted: 'k=v,k2=v2, percent-encoded (W3C baggage format)',
  })),
  {
    name: 'OTEL_EXPORTER_OTLP_TIMEOUT',
    default: '10000',
    description: 'Timeout of one OTLP request, in ms.',
    accepted: 'positive integer (ms)',
  },
  ...perSignal((upper, lower) => ({
    name: `OTEL_EXPORTER_OTLP_${upper}_TIMEOUT`,
    default: '10000',
    description: `Timeout of one OTLP request for ${lower}, in ms; wins over OTEL_EXPORTER_OTLP_TIMEOUT.`,
    accepted: 'positive integer (ms)',
  })),
  {
    name: 'OTEL_EXPORTER_OTLP_COMPRESSION',
    default: 'none',
    description: 'Compression of OTLP request bodies.',
    accepted: 'none|gzip',
  },
  ...perSignal((upper, lower) => ({
    name: `OTEL_EXPORTER_OTLP_${upper}_COMPRESSION`,
    default: 'none',
    description: `Compression of OTLP requests for ${lower}; wins over OTEL_EXPORTER_OTLP_COMPRESSION.`,
    accepted: 'none|gzip',
  })),
  ...(
    [
      ['CERTIFICATE', 'PEM file of the certificates trusted for the receiver (https).'],
      ['CLIENT_CERTIFICATE', 'PEM file of the client certificate (mTLS).'],
      ['CLIENT_KEY', 'PEM file of the client private key (mTLS).'],
    ] as const
  ).flatMap(([suffix, description]) => [
    { name: `OTEL_EXPORTER_OTLP_${suffix}`, default: '(none)', description, accepted: 'a readable file path' },
    ...perSignal((upper, lower) => ({
      name: `OTEL_EXPORTER_OTLP_${upper}_${suffix}`,
      default: '(none)',
      description: `${description.slice(0, -1)} for ${lower}; wins over OTEL_EXPORTER_OTLP_${suffix}.`,
      accepted: 'a readable file path',
    })),
  ]),
  {
    name: 'OTEL_EXPORTER_PROMETHEUS_HOST',
    default: 'localhost',
    description: 'Host the Prometheus endpoint (`OTEL_METRICS_EXPORTER=prometheus`) listens on.',
    accepted: 'host name or IP address',
  },
  {
    name: 'OTEL_EXPORTER_PROMETHEUS_PORT',
    default: '9464',
    description: 'Port of the Prometheus endpoint; metrics are served at `/metrics`.',
    accepted: 'positive integer up to 65535',
  },
  {
    name: 'OTEL_LOG_LEVEL',
    default: 'warn',
    description: "Level of the OpenTelemetry SDK's own diagnostics (`diag`).",
    accepted: 'none|error|warn|info|debug|verbose|all',
  },
  {
    name: 'OTEL_TRACES_SAMPLER',
    default: 'parentbased_always_on',
    description: 'Trace sampler.',
    accepted: 'always_on|always_off|traceidratio|parentbased_always_on|parentbased_always_off|parentbased_traceidratio',
  },
  {
    name: 'OTEL_TRACES_SAMPLER_ARG',
    default: '1.0',
    description: 'Sampling ratio of the `traceidratio` samplers (ignored by the others).',
    accepted: 'number from 0 to 1',
  },
  ...queueVars('BLRP', 'log records'),
  ...queueVars('BSP', 'spans'),
  {
    name: 'OTEL_METRIC_EXPORT_INTERVAL',
    default: '60000',
    description: 'Interval between two metric exports, in ms.',
    accepted: 'positive integer (ms)',
  },
  {
    name: 'OTEL_METRIC_EXPORT_TIMEOUT',
    default: '30000',
    description: 'Time one metric export may take, in ms; clamped to the interval.',
    accepted: 'positive integer (ms)',
  },
  {
    name: 'OTEL_SEMCONV_EXCEPTION_SIGNAL_OPT_IN',
    default: 'logs',
    description: 'How exceptions are reported: as log records only, or also as span exception events.',
    accepted: 'logs|logs/dup',
  },
  {
    name: 'SIGHTLINE_LOG_LEVEL',
    default: 'info',
    description: 'Levels of the logger facade, with per-logger-name overrides.',
    accepted: 'trace|debug|info|warn|error|fatal|silent, optionally with name=level overrides ("info,llm.openai=debug")',
  },
  {
    name: 'SIGHTLINE_CONSOLE_FORMAT',
    default: 'pretty',
    description: 'Format of the console exporters.',
    accepted: 'pretty|json|mcp',
  },
  {
    name: 'SIGHTLINE_BAGGAGE_KEYS',
    default: 'session.id,enduser.id',
    description: 'Baggage entries copied onto every span and log record; empty means none.',
    accepted: 'comma list of baggage keys',
  },
  {
    name: 'SIGHTLINE_SHUTDOWN_TIMEOUT_MS',
    default: '5000',
    description: 'Most time shutdown (signals, exit) spends flushing, in ms.',
    accepted: 'positive integer up to 600000',
  },
  {
    name: 'SIGHTLINE_SAMPLING_RATIO',
    default: '1',
    description: 'Share of traces and of their logs kept; errors and security events are always kept.',
    accepted: 'a number from 0 to 1',
  },
  {
    name: 'SIGHTLINE_LOG_RATE_LIMIT',
    default: '(no limit)',
    description: 'Budget of kept log records per second; errors are kept outside it.',
    accepted: 'a number from 0 to 1000000000',
  },
  {
    name: 'SIGHTLINE_REDACTION',
    default: 'mask',
    description: 'Secret and PII redaction of everything exported: replaced by a placeholder, by a keyed hash, or off.',
    accepted: 'mask|hash|off',
  },
  {
    name: 'SIGHTLINE_HMAC_KEY',
    default: '(a random key per process)',
    description: 'Key of every keyed hash: the audit trail HMAC, API-key digests, pseudonyms.',
    accepted: 'a non-empty secret string',
  },
  {
    name: 'SIGHTLINE_AUDIT_FILE',
    default: '(no audit trail)',
    description: 'Path of the hash-chained audit trail of security events; setting it turns the trail on.',
    accepted: 'a file path',
  },
  {
    name: 'SIGHTLINE_EXPORT_QUEUE_MIB',
    default: '64',
    description: 'Most estimated heap, in MiB, held by the records of one signal waiting for export (in flight and waiting for a retry included); 1/8 of it is reserved for ERROR+ records, exceptions and security events.',
    accepted: 'integer from 1 to 16384',
  },
  {
    name: 'SIGHTLINE_EXPORT_CONCURRENCY',
    default: '4',
    description: 'Export requests in flight at once per signal.',
    accepted: 'integer from 1 to 64',
  },
  {
    name: 'SIGHTLINE_SPOOL_DIR',
    default: '<os temp dir>/sightline-spool',
    description: 'Folder of the spool: records still queued at process.exit(), a crash or the shutdown deadline, written as OTLP JSON lines (mode 0600) under <dir>/<service.name> and sent by the next start; `off` turns it off.',
    accepted: 'a folder path, or off',
  },
];
