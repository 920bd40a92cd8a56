import { PassThrough } from 'node:stream';
import { DiagLogLevel } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/resolve-config.js';
import { parseLevelSpec } from '../../src/logger/levels.js';
import type { BootstrapOptions } from '../../src/types.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const DEFAULT_QUEUE = {
  maxQueueBytes: 64 * 1024 * 1024,
  maxQueueSize: undefined,
  maxExportBatchSize: 2048,
  scheduledDelayMillis: 1000,
  exportTimeoutMillis: 30_000,
  maxConcurrentExports: 4,
};

/** A stream that claims to be a terminal: the console format default must not depend on it. */
function ttyStream(): NodeJS.WritableStream {
  return Object.assign(new PassThrough(), { isTTY: true });
}

function resolveEnv(env: NodeJS.ProcessEnv, options: BootstrapOptions = {}) {
  return resolveConfig({ consoleStream: ttyStream(), ...options }, env);
}

/** Exactly one problem line, naming the setting, the accepted values and the value used. */
function expectOneProblem(problems: string[], label: string, accepted: string, using: string): void {
  expect(problems).toHaveLength(1);
  expect(problems[0].startsWith(`${label}=`)).toBe(true);
  expect(problems[0]).toContain(` is not valid`);
  expect(problems[0]).toContain(`expected ${accepted}`);
  expect(problems[0].endsWith(`; using ${using}`)).toBe(true);
}

describe('defaults', () => {
  it('fills every field with no options and an empty environment', () => {
    const stream = ttyStream();
    const { config, problems } = resolveConfig({ consoleStream: stream }, {});
    expect(problems).toEqual([]);
    const { sampler, ...rest } = config;
    expect(rest).toEqual({
      disabled: false,
      serviceName: undefined,
      resourceAttributes: {},
      exporters: { logs: ['otlp'], traces: ['otlp'], metrics: ['otlp'] },
      otlp: {
        logs: { endpoint: 'http://localhost:4318/v1/logs', protocol: 'http/protobuf', headers: {}, timeoutMillis: 10_000, compression: 'none', tls: undefined },
        traces: { endpoint: 'http://localhost:4318/v1/traces', protocol: 'http/protobuf', headers: {}, timeoutMillis: 10_000, compression: 'none', tls: undefined },
        metrics: { endpoint: 'http://localhost:4318/v1/metrics', protocol: 'http/protobuf', headers: {}, timeoutMillis: 10_000, compression: 'none', tls: undefined },
      },
      prometheus: { host: 'localhost', port: 9464 },
      consoleFormat: 'pretty',
      consoleStream: stream,
      logLevel: 'info',
      diagLogLevel: DiagLogLevel.WARN,
      propagators: ['tracecontext', 'baggage'],
      baggageKeys: ['session.id', 'enduser.id'],
      shutdownTimeoutMillis: 5000,
      handleProcessExit: true,
      logQueue: DEFAULT_QUEUE,
      spanQueue: DEFAULT_QUEUE,
      spool: { root: join(tmpdir(), 'sightline-spool'), maxBytes: 256 * 1024 * 1024 },
      fileExport: { dir: join(process.cwd(), 'sightline-otlp'), maxFileBytes: 64 * 1024 * 1024, rotateMillis: 24 * 3_600_000, retentionMillis: 90 * 86_400_000 },
      metricExportIntervalMillis: 60_000,
      metricExportTimeoutMillis: 30_000,
      logStages: {},
      spanStages: {},
      logRecordProcessors: [],
      spanProcessors: [],
      metricReaders: [],
      views: [],
      instrumentations: [],
      logLimits: { countLimit: 128, valueLengthLimit: Number.POSITIVE_INFINITY },
      llm: {},
      mcp: {},
      features: {
        sampling: {},
        redaction: {},
        hmacKey: undefined,
        auditFile: undefined,
        auditTrail: {},
        exceptionSignal: 'logs',
        captureCrashes: true,
        breadcrumbs: {},
        alert: undefined,
      },
    });
    expect(sampler).toBeUndefined();
  });

  it('reads process.env when no environment is passed, and the console stream defaults to stdout', () => {
    const { config } = resolveConfig();
    expect(config.consoleStream).toBe(process.stdout);
  });
});

describe('OTEL_SDK_DISABLED', () => {
  it.each([
    ['true', true],
    [' TRUE ', true],
    ['False', false],
    ['', false],
  ])('%j → %s', (value, disabled) => {
    const { config, problems } = resolveEnv({ OTEL_SDK_DISABLED: value });
    expect(config.disabled).toBe(disabled);
    expect(problems).toEqual([]);
  });

  it.each(['1', 'yes', 'disabled', '✓'])('reports %j and stays enabled', (value) => {
    const { config, problems } = resolveEnv({ OTEL_SDK_DISABLED: value });
    expect(config.disabled).toBe(false);
    expectOneProblem(problems, 'OTEL_SDK_DISABLED', 'true|false', 'false');
  });
});

describe('service name and resource attributes', () => {
  it('reads OTEL_SERVICE_NAME, trimmed; the option wins', () => {
    expect(resolveEnv({ OTEL_SERVICE_NAME: ' checkout ' }).config.serviceName).toBe('checkout');
    expect(resolveEnv({ OTEL_SERVICE_NAME: 'env' }, { serviceName: 'opt' }).config.serviceName).toBe('opt');
  });

  it('reports an empty serviceName option and uses the variable', () => {
    const { config, problems } = resolveEnv({ OTEL_SERVICE_NAME: 'env' }, { serviceName: ' ' });
    expect(config.serviceName).toBe('env');
    expectOneProblem(problems, 'options.serviceName', 'a non-empty string', '"env"');
  });

  it('parses and percent-decodes OTEL_RESOURCE_ATTRIBUTES', () => {
    const { config, problems } = resolveEnv({
      OTEL_RESOURCE_ATTRIBUTES: ' deployment.environment.name=prod , team=a%3Db%2Cc,note=caf%C3%A9 ',
    });
    expect(config.resourceAttributes).toEqual({ 'deployment.environment.name': 'prod', team: 'a=b,c', note: 'café' });
    expect(problems).toEqual([]);
  });

  it('skips malformed entries with one problem and keeps the rest', () => {
    const { config, problems } = resolveEnv({ OTEL_RESOURCE_ATTRIBUTES: 'a=1,broken,=x,k=%zz,b=2' });
    expect(config.resourceAttributes).toEqual({ a: '1', b: '2' });
    expect(problems).toEqual([
      'OTEL_RESOURCE_ATTRIBUTES="a=1,broken,=x,k=%zz,b=2" is not valid (#2: no "="; #3: empty key; #4 key "k": bad percent-encoding in the value): ' +
        'expected comma-separated key=value pairs with ",", "=" and "%" percent-encoded; using the other 2 attribute(s)',
    ]);
  });

  it('merges options.resourceAttributes over the variable', () => {
    const { config } = resolveEnv({ OTEL_RESOURCE_ATTRIBUTES: 'a=env,b=env' }, { resourceAttributes: { b: 'opt', n: 3 } });
    expect(config.resourceAttributes).toEqual({ a: 'env', b: 'opt', n: 3 });
  });
});

describe('exporters', () => {
  it.each([
    ['otlp', ['otlp']],
    ['console', ['console']],
    [' Console , OTLP ', ['console', 'otlp']],
    ['otlp,otlp,console,console', ['otlp', 'console']],
    ['none', []],
    ['NONE,none', []],
    ['file,console', ['file', 'console']],
  ])('OTEL_LOGS_EXPORTER=%j → %j', (value, expected) => {
    const { config, problems } = resolveEnv({ OTEL_LOGS_EXPORTER: value });
    expect(config.exporters.logs).toEqual(expected);
    expect(problems).toEqual([]);
  });

  it('reads each signal from its own variable', () => {
    const { config } = resolveEnv({ OTEL_TRACES_EXPORTER: 'console', OTEL_METRICS_EXPORTER: 'none' });
    expect(config.exporters).toEqual({ logs: ['otlp'], traces: ['console'], metrics: [] });
  });

  it('lets other exporters win over "none", with one problem', () => {
    const { config, problems } = resolveEnv({ OTEL_TRACES_EXPORTER: 'none,console' });
    expect(config.exporters.traces).toEqual(['console']);
    expect(problems).toEqual([
      'OTEL_TRACES_EXPORTER="none,console" is not valid ("none" cannot be combined with other exporters): expected a comma list of otlp|console|file, or none alone; using "console"',
    ]);
  });

  it('drops unknown names with one problem', () => {
    const { config, problems } = resolveEnv({ OTEL_TRACES_EXPORTER: 'zipkin,console,jaeger' });
    expect(config.exporters.traces).toEqual(['console']);
    expectOneProblem(problems, 'OTEL_TRACES_EXPORTER', 'a comma list of otlp|console|file, or none alone', '"console"');
    expect(problems[0]).toContain('unknown "zipkin", "jaeger"');
  });

  it.each([
    ['prometheus', ['prometheus']],
    [' Prometheus ', ['prometheus']],
    ['otlp,prometheus', ['otlp', 'prometheus']],
    ['prometheus,console,prometheus', ['prometheus', 'console']],
  ])('OTEL_METRICS_EXPORTER=%j → %j', (value, expected) => {
    const { config, problems } = resolveEnv({ OTEL_METRICS_EXPORTER: value });
    expect(config.exporters.metrics).toEqual(expected);
    expect(problems).toEqual([]);
  });

  it('accepts prometheus for metrics only: for logs and traces it is an unknown name', () => {
    const { config, problems } = resolveEnv({ OTEL_LOGS_EXPORTER: 'prometheus', OTEL_TRACES_EXPORTER: 'prometheus,console' });
    expect(config.exporters).toEqual({ logs: ['otlp'], traces: ['console'], metrics: ['otlp'] });
    expect(problems).toEqual([
      'OTEL_LOGS_EXPORTER="prometheus" is not valid (unknown "prometheus"): expected a comma list of otlp|console|file, or none alone; using "otlp"',
      'OTEL_TRACES_EXPORTER="prometheus,console" is not valid (unknown "prometheus"): expected a comma list of otlp|console|file, or none alone; using "console"',
    ]);
  });

  it('names prometheus among the accepted metric exporters when the list is bad', () => {
    const { config, problems } = resolveEnv({ OTEL_METRICS_EXPORTER: 'statsd' });
    expect(config.exporters.metrics).toEqual(['otlp']);
    expectOneProblem(problems, 'OTEL_METRICS_EXPORTER', 'a comma list of otlp|console|file|prometheus, or none alone', '"otlp"');
  });

  it('takes prometheus as an option too', () => {
    const { config, problems } = resolveEnv({}, { exporters: { metrics: ['prometheus' as 'otlp'] } });
    expect(config.exporters.metrics).toEqual(['prometheus']);
    expect(problems).toEqual([]);
    const bad = resolveEnv({}, { exporters: { metrics: ['zipkin' as 'otlp'] } });
    expectOneProblem(bad.problems, 'options.exporters.metrics', 'an array of "otlp"|"console"|"file"|"prometheus", or ["none"]', '"otlp"');
  });

  it('keeps "none" when only unknown names stand beside it', () => {
    const { config, problems } = resolveEnv({ OTEL_LOGS_EXPORTER: 'none,zipkin' });
    expect(config.exporters.logs).toEqual([]);
    expectOneProblem(problems, 'OTEL_LOGS_EXPORTER', 'a comma list of otlp|console|file, or none alone', '"none"');
  });

  it('reports a list without names', () => {
    const { config, problems } = resolveEnv({ OTEL_LOGS_EXPORTER: ' , ,' });
    expect(config.exporters.logs).toEqual(['otlp']);
    expectOneProblem(problems, 'OTEL_LOGS_EXPORTER', 'a comma list of otlp|console|file, or none alone', '"otlp"');
  });

  it('options win per signal; an empty array means none', () => {
    const { config, problems } = resolveEnv(
      { OTEL_LOGS_EXPORTER: 'console', OTEL_TRACES_EXPORTER: 'console' },
      { exporters: { logs: ['otlp'], metrics: [] } },
    );
    expect(config.exporters).toEqual({ logs: ['otlp'], traces: ['console'], metrics: [] });
    expect(problems).toEqual([]);
  });

  it('reports bad option lists by option path', () => {
    const { config, problems } = resolveEnv({}, { exporters: { logs: ['zipkin' as 'otlp'] } });
    expect(config.exporters.logs).toEqual(['otlp']);
    expectOneProblem(problems, 'options.exporters.logs', 'an array of "otlp"|"console"|"file", or ["none"]', '"otlp"');
  });
});

describe('Prometheus endpoint', () => {
  it('reads host and port from the standard variables', () => {
    const { config, problems } = resolveEnv({ OTEL_EXPORTER_PROMETHEUS_HOST: ' 0.0.0.0 ', OTEL_EXPORTER_PROMETHEUS_PORT: '9100' });
    expect(config.prometheus).toEqual({ host: '0.0.0.0', port: 9100 });
    expect(problems).toEqual([]);
  });

  it.each(['0', '65536', '-1', '80.5', 'http', '0x50'])('refuses port %j with one problem and uses 9464', (port) => {
    const { config, problems } = resolveEnv({ OTEL_EXPORTER_PROMETHEUS_PORT: port });
    expect(config.prometheus.port).toBe(9464);
    expectOneProblem(problems, 'OTEL_EXPORTER_PROMETHEUS_PORT', 'a positive integer up to 65535', '9464');
  });

  it('treats an empty host as unset', () => {
    const { config, problems } = resolveEnv({ OTEL_EXPORTER_PROMETHEUS_HOST: '  ' });
    expect(config.prometheus.host).toBe('localhost');
    expect(problems).toEqual([]);
  });
});

describe('SIGHTLINE_CONSOLE_FORMAT', () => {
  it.each(['pretty', 'json', 'mcp'])('accepts %s', (format) => {
    expect(resolveEnv({ SIGHTLINE_CONSOLE_FORMAT: format.toUpperCase() }).config.consoleFormat).toBe(format);
  });

  it('defaults to pretty, on a terminal or not', () => {
    expect(resolveConfig({ consoleStream: ttyStream() }, {}).config.consoleFormat).toBe('pretty');
    expect(resolveConfig({ consoleStream: new PassThrough() }, {}).config.consoleFormat).toBe('pretty');
  });

  it('reports a bad value and uses the default', () => {
    const { config, problems } = resolveEnv({ SIGHTLINE_CONSOLE_FORMAT: 'fancy' });
    expect(config.consoleFormat).toBe('pretty');
    expectOneProblem(problems, 'SIGHTLINE_CONSOLE_FORMAT', 'pretty|json|mcp', '"pretty"');
  });

  it('the option wins', () => {
    expect(resolveEnv({ SIGHTLINE_CONSOLE_FORMAT: 'json' }, { consoleFormat: 'mcp' }).config.consoleFormat).toBe('mcp');
  });

  it('reports a consoleStream that is not a stream', () => {
    const { config, problems } = resolveConfig({ consoleStream: 'stdout' as unknown as NodeJS.WritableStream }, {});
    expect(config.consoleStream).toBe(process.stdout);
    expect(problems).toEqual(['options.consoleStream="stdout" is not valid: expected a writable stream; using process.stdout']);
  });
});

describe('SIGHTLINE_LOG_LEVEL', () => {
  it('normalizes valid specs', () => {
    expect(resolveEnv({ SIGHTLINE_LOG_LEVEL: 'DEBUG' }).config.logLevel).toBe('debug');
    expect(resolveEnv({ SIGHTLINE_LOG_LEVEL: ' warn , llm.openai = Debug ,llm=error' }).config.logLevel).toBe(
      'warn,llm.openai=debug,llm=error',
    );
    expect(resolveEnv({ SIGHTLINE_LOG_LEVEL: 'llm=debug,*=error' }).config.logLevel).toBe('error,llm=debug');
  });

  it('normalized specs parse to the same spec', () => {
    const raw = 'info,llm.openai=debug,mcp=warn';
    const { logLevel } = resolveEnv({ SIGHTLINE_LOG_LEVEL: raw }).config;
    expect(parseLevelSpec(logLevel)).toEqual(parseLevelSpec(raw));
  });

  it('reports a bad level in the documented words', () => {
    const { config, problems } = resolveEnv({ SIGHTLINE_LOG_LEVEL: 'loud' });
    expect(config.logLevel).toBe('info');
    expect(problems).toEqual([
      'SIGHTLINE_LOG_LEVEL="loud" is not valid: expected trace|debug|info|warn|error|fatal|silent, optionally with name=level overrides like "info,llm.openai=debug"; using "info"',
    ]);
  });

  it('says which part of a longer spec is wrong', () => {
    const { problems } = resolveEnv({ SIGHTLINE_LOG_LEVEL: 'info,llm=chatty' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^SIGHTLINE_LOG_LEVEL="info,llm=chatty" is not valid \(unknown level in "llm=chatty"\): expected /);
  });

  it('the option wins; a bad option falls back to the variable', () => {
    expect(resolveEnv({ SIGHTLINE_LOG_LEVEL: 'debug' }, { logLevel: 'error' }).config.logLevel).toBe('error');
    const { config, problems } = resolveEnv({ SIGHTLINE_LOG_LEVEL: 'debug' }, { logLevel: 'verbose' });
    expect(config.logLevel).toBe('debug');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^options\.logLevel="verbose" is not valid: .*; using "debug"$/);
  });
});

describe('OTEL_LOG_LEVEL', () => {
  it.each([
    ['none', DiagLogLevel.NONE],
    ['error', DiagLogLevel.ERROR],
    ['WARN', DiagLogLevel.WARN],
    ['info', DiagLogLevel.INFO],
    ['Debug', DiagLogLevel.DEBUG],
    ['verbose', DiagLogLevel.VERBOSE],
    ['all', DiagLogLevel.ALL],
  ])('%s', (value, level) => {
    const { config, problems } = resolveEnv({ OTEL_LOG_LEVEL: value });
    expect(config.diagLogLevel).toBe(level);
    expect(problems).toEqual([]);
  });

  it('reports a bad value and stays at warn', () => {
    const { config, problems } = resolveEnv({ OTEL_LOG_LEVEL: 'chatty' });
    expect(config.diagLogLevel).toBe(DiagLogLevel.WARN);
    expectOneProblem(problems, 'OTEL_LOG_LEVEL', 'none|error|warn|info|debug|verbose|all', '"warn"');
  });

  it('the option wins', () => {
    expect(resolveEnv({ OTEL_LOG_LEVEL: 'all' }, { diagLogLevel: 'error' }).config.diagLogLevel).toBe(DiagLogLevel.ERROR);
  });
});

describe('SIGHTLINE_BAGGAGE_KEYS', () => {
  it('reads a comma list, trimmed and deduplicated', () => {
    expect(resolveEnv({ SIGHTLINE_BAGGAGE_KEYS: ' tenant.id , session.id,tenant.id,' }).config.baggageKeys).toEqual([
      'tenant.id',
      'session.id',
    ]);
  });

  it.each(['', '   ', ','])('%j means no keys', (value) => {
    expect(resolveEnv({ SIGHTLINE_BAGGAGE_KEYS: value }).config.baggageKeys).toEqual([]);
  });

  it('the option wins, an empty array included', () => {
    expect(resolveEnv({ SIGHTLINE_BAGGAGE_KEYS: 'a' }, { baggageKeys: ['b'] }).config.baggageKeys).toEqual(['b']);
    expect(resolveEnv({ SIGHTLINE_BAGGAGE_KEYS: 'a' }, { baggageKeys: [] }).config.baggageKeys).toEqual([]);
  });

  it('reports bad option keys and keeps the good ones', () => {
    const { config, problems } = resolveEnv({}, { baggageKeys: ['a', '', 7 as unknown as string] });
    expect(config.baggageKeys).toEqual(['a']);
    expectOneProblem(problems, 'options.baggageKeys', 'an array of non-empty strings', '["a"]');
  });

  it('reports a baggageKeys option that is not an array', () => {
    const { config, problems } = resolveEnv({}, { baggageKeys: 'a,b' as unknown as string[] });
    expect(config.baggageKeys).toEqual(['session.id', 'enduser.id']);
    expectOneProblem(problems, 'options.baggageKeys', 'an array of non-empty strings', '["session.id","enduser.id"]');
  });
});

describe('SIGHTLINE_SHUTDOWN_TIMEOUT_MS', () => {
  it('reads a positive integer up to 600000', () => {
    expect(resolveEnv({ SIGHTLINE_SHUTDOWN_TIMEOUT_MS: '2000' }).config.shutdownTimeoutMillis).toBe(2000);
    expect(resolveEnv({ SIGHTLINE_SHUTDOWN_TIMEOUT_MS: '600000' }).config.shutdownTimeoutMillis).toBe(600_000);
  });

  it.each(['0', '-1', '1.5', '600001', 'abc', '5s', '1e309', '0x100'])('reports %j and uses 5000', (value) => {
    const { config, problems } = resolveEnv({ SIGHTLINE_SHUTDOWN_TIMEOUT_MS: value });
    expect(config.shutdownTimeoutMillis).toBe(5000);
    expectOneProblem(problems, 'SIGHTLINE_SHUTDOWN_TIMEOUT_MS', 'a positive integer up to 600000', '5000');
  });

  it('the option wins; a bad option falls back to the variable', () => {
    expect(resolveEnv({ SIGHTLINE_SHUTDOWN_TIMEOUT_MS: '2000' }, { shutdownTimeoutMillis: 100 }).config.shutdownTimeoutMillis).toBe(100);
    const { config, problems } = resolveEnv({ SIGHTLINE_SHUTDOWN_TIMEOUT_MS: '2000' }, { shutdownTimeoutMillis: -1 });
    expect(config.shutdownTimeoutMillis).toBe(2000);
    expectOneProblem(problems, 'options.shutdownTimeoutMillis', 'a positive integer up to 600000', '2000');
  });
});

describe('handleProcessExit', () => {
  it('is an option only, default true', () => {
    expect(resolveEnv({}, { handleProcessExit: false }).config.handleProcessExit).toBe(false);
    const { config, problems } = resolveEnv({}, { handleProcessExit: 'no' as unknown as boolean });
    expect(config.handleProcessExit).toBe(true);
    expectOneProblem(problems, 'options.handleProcessExit', 'true|false', 'true');
  });
});

describe('export queues', () => {
  it('reads OTEL_BLRP_* for logs and OTEL_BSP_* for spans', () => {
    const { config, problems } = resolveEnv({
      OTEL_BLRP_MAX_QUEUE_SIZE: '1000',
      OTEL_BLRP_MAX_EXPORT_BATCH_SIZE: '100',
      OTEL_BLRP_SCHEDULE_DELAY: '250',
      OTEL_BLRP_EXPORT_TIMEOUT: '5000',
      OTEL_BSP_MAX_QUEUE_SIZE: '2000',
      OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '200',
      OTEL_BSP_SCHEDULE_DELAY: '500',
      OTEL_BSP_EXPORT_TIMEOUT: '6000',
    });
    expect(config.logQueue).toEqual({ ...DEFAULT_QUEUE, maxQueueSize: 1000, maxExportBatchSize: 100, scheduledDelayMillis: 250, exportTimeoutMillis: 5000 });
    expect(config.spanQueue).toEqual({ ...DEFAULT_QUEUE, maxQueueSize: 2000, maxExportBatchSize: 200, scheduledDelayMillis: 500, exportTimeoutMillis: 6000 });
    expect(problems).toEqual([]);
  });

  it.each([
    ['OTEL_BLRP_MAX_QUEUE_SIZE', 'logQueue', 'maxQueueSize', undefined],
    ['OTEL_BLRP_MAX_EXPORT_BATCH_SIZE', 'logQueue', 'maxExportBatchSize', 2048],
    ['OTEL_BLRP_SCHEDULE_DELAY', 'logQueue', 'scheduledDelayMillis', 1000],
    ['OTEL_BLRP_EXPORT_TIMEOUT', 'logQueue', 'exportTimeoutMillis', 30_000],
    ['OTEL_BSP_MAX_QUEUE_SIZE', 'spanQueue', 'maxQueueSize', undefined],
    ['OTEL_BSP_MAX_EXPORT_BATCH_SIZE', 'spanQueue', 'maxExportBatchSize', 2048],
    ['OTEL_BSP_SCHEDULE_DELAY', 'spanQueue', 'scheduledDelayMillis', 1000],
    ['OTEL_BSP_EXPORT_TIMEOUT', 'spanQueue', 'exportTimeoutMillis', 30_000],
  ] as const)('reports a bad %s and uses its default', (name, queue, field, fallback) => {
    const { config, problems } = resolveEnv({ [name]: '-3' });
    expect(config[queue][field]).toBe(fallback);
    expectOneProblem(problems, name, 'a positive integer up to 2147483647', String(fallback));
  });

  it('clamps a batch size larger than the queue, with one problem', () => {
    const { config, problems } = resolveEnv({ OTEL_BSP_MAX_QUEUE_SIZE: '100', OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '500' });
    expect(config.spanQueue.maxExportBatchSize).toBe(100);
    expect(problems).toEqual([
      'OTEL_BSP_MAX_EXPORT_BATCH_SIZE="500" is not valid (larger than the queue size 100): expected a positive integer no larger than the queue size; using 100',
    ]);
  });

  it('clamps the default batch size to a small queue quietly', () => {
    const { config, problems } = resolveEnv({ OTEL_BLRP_MAX_QUEUE_SIZE: '100' });
    expect(config.logQueue.maxExportBatchSize).toBe(100);
    expect(problems).toEqual([]);
  });

  it('options.exportQueue wins over both variables', () => {
    const { config, problems } = resolveEnv(
      { OTEL_BLRP_MAX_QUEUE_SIZE: '10', OTEL_BSP_MAX_QUEUE_SIZE: '20', OTEL_BSP_SCHEDULE_DELAY: '5' },
      { exportQueue: { maxQueueSize: 500 } },
    );
    expect(config.logQueue.maxQueueSize).toBe(500);
    expect(config.spanQueue.maxQueueSize).toBe(500);
    expect(config.spanQueue.scheduledDelayMillis).toBe(5);
    expect(problems).toEqual([]);
  });

  it('reports a bad option once, though both queues read it', () => {
    const { config, problems } = resolveEnv({}, { exportQueue: { maxExportBatchSize: 0 } });
    expect(config.logQueue.maxExportBatchSize).toBe(2048);
    expectOneProblem(problems, 'options.exportQueue.maxExportBatchSize', 'a positive integer up to 2147483647', '2048');
  });
});

describe('metric export', () => {
  it('reads the interval and the timeout', () => {
    const { config, problems } = resolveEnv({ OTEL_METRIC_EXPORT_INTERVAL: '10000', OTEL_METRIC_EXPORT_TIMEOUT: '5000' });
    expect(config.metricExportIntervalMillis).toBe(10_000);
    expect(config.metricExportTimeoutMillis).toBe(5000);
    expect(problems).toEqual([]);
  });

  it('reports bad values and uses the defaults', () => {
    const { config, problems } = resolveEnv({ OTEL_METRIC_EXPORT_INTERVAL: 'often' });
    expect(config.metricExportIntervalMillis).toBe(60_000);
    expectOneProblem(problems, 'OTEL_METRIC_EXPORT_INTERVAL', 'a positive integer up to 2147483647', '60000');
    const timeout = resolveEnv({ OTEL_METRIC_EXPORT_TIMEOUT: '0' });
    expect(timeout.config.metricExportTimeoutMillis).toBe(30_000);
    expectOneProblem(timeout.problems, 'OTEL_METRIC_EXPORT_TIMEOUT', 'a positive integer up to 2147483647', '30000');
  });

  it('clamps a timeout set longer than the interval, with one problem', () => {
    const { config, problems } = resolveEnv({ OTEL_METRIC_EXPORT_INTERVAL: '10000', OTEL_METRIC_EXPORT_TIMEOUT: '20000' });
    expect(config.metricExportTimeoutMillis).toBe(10_000);
    expect(problems).toEqual([
      'OTEL_METRIC_EXPORT_TIMEOUT="20000" is not valid (longer than the export interval 10000): expected a positive integer no larger than the export interval; using 10000',
    ]);
  });

  it('clamps the default timeout to a short interval quietly', () => {
    const { config, problems } = resolveEnv({ OTEL_METRIC_EXPORT_INTERVAL: '5000' });
    expect(config.metricExportTimeoutMillis).toBe(5000);
    expect(problems).toEqual([]);
  });

  it('the interval option wins', () => {
    expect(resolveEnv({ OTEL_METRIC_EXPORT_INTERVAL: '1000' }, { metricExportIntervalMillis: 15_000 }).config.metricExportIntervalMillis).toBe(15_000);
  });
});

describe('pass-through options', () => {
  it('keeps the programmatic pipeline pieces', () => {
    const processor = { onEmit() {}, forceFlush: async () => {}, shutdown: async () => {} };
    const stages = { metrics: processor };
    const { config, problems } = resolveEnv({}, { logRecordProcessors: [processor], logStages: stages });
    expect(config.logRecordProcessors).toEqual([processor]);
    expect(config.logRecordProcessors[0]).toBe(processor);
    expect(config.logStages).toEqual(stages);
    expect(problems).toEqual([]);
  });

  it('reports pieces of the wrong shape and uses empty ones', () => {
    const { config, problems } = resolveEnv({}, { views: {} as unknown as [], spanStages: [] as unknown as object });
    expect(config.views).toEqual([]);
    expect(config.spanStages).toEqual({});
    expect(problems).toEqual([
      'options.spanStages=[] is not valid: expected an object; using {}',
      'options.views={} is not valid: expected an array; using []',
    ]);
  });
});

describe('one problem per invalid value', () => {
  it('reports each of several invalid variables exactly once', () => {
    const env = {
      OTEL_SDK_DISABLED: 'maybe',
      OTEL_LOGS_EXPORTER: 'kafka',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
      OTEL_EXPORTER_OTLP_TIMEOUT: 'soon',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'nowhere',
      OTEL_EXPORTER_OTLP_HEADERS: 'x',
      OTEL_LOG_LEVEL: 'chatty',
      OTEL_TRACES_SAMPLER: 'some',
      OTEL_BSP_SCHEDULE_DELAY: '-1',
      SIGHTLINE_LOG_LEVEL: 'loud',
      SIGHTLINE_CONSOLE_FORMAT: 'fancy',
      SIGHTLINE_SHUTDOWN_TIMEOUT_MS: 'never',
    };
    const { problems } = resolveEnv(env);
    expect(problems).toHaveLength(Object.keys(env).length);
    for (const name of Object.keys(env)) {
      expect(problems.filter((line) => line.startsWith(`${name}=`) || line.startsWith(`${name} `)), name).toHaveLength(1);
    }
  });

  it('does not read a variable its option overrides', () => {
    const { problems } = resolveEnv(
      { SIGHTLINE_LOG_LEVEL: 'loud', SIGHTLINE_CONSOLE_FORMAT: 'fancy', OTEL_LOGS_EXPORTER: 'kafka' },
      { logLevel: 'info', consoleFormat: 'json', exporters: { logs: ['console'] } },
    );
    expect(problems).toEqual([]);
  });
});

describe('export queue memory, concurrency and the spool', () => {
  it('reads SIGHTLINE_EXPORT_QUEUE_MIB (MiB) and SIGHTLINE_EXPORT_CONCURRENCY for both signals', () => {
    const { config, problems } = resolveEnv({ SIGHTLINE_EXPORT_QUEUE_MIB: '8', SIGHTLINE_EXPORT_CONCURRENCY: '2' });
    expect(problems).toEqual([]);
    for (const queue of [config.logQueue, config.spanQueue]) {
      expect(queue.maxQueueBytes).toBe(8 * 1024 * 1024);
      expect(queue.maxConcurrentExports).toBe(2);
    }
  });

  it('lets options win over the variables', () => {
    const { config } = resolveEnv(
      { SIGHTLINE_EXPORT_QUEUE_MIB: '8', SIGHTLINE_EXPORT_CONCURRENCY: '2' },
      { exportQueue: { maxQueueBytes: 1_000_000, maxConcurrentExports: 6 } },
    );
    expect(config.logQueue).toMatchObject({ maxQueueBytes: 1_000_000, maxConcurrentExports: 6 });
  });

  it.each([
    ['SIGHTLINE_EXPORT_QUEUE_MIB', '0', 'a positive integer up to 16384', '64 MiB'],
    ['SIGHTLINE_EXPORT_QUEUE_MIB', 'lots', 'a positive integer up to 16384', '64 MiB'],
    ['SIGHTLINE_EXPORT_CONCURRENCY', '100', 'a positive integer up to 64', '4'],
  ])('refuses %s=%j with one problem', (name, value, accepted, using) => {
    const { problems } = resolveEnv({ [name]: value });
    expectOneProblem(problems, name, accepted, using);
  });

  it('spools under the OS temp folder by default, under SIGHTLINE_SPOOL_DIR when set, and not at all when off', () => {
    expect(resolveEnv({}).config.spool).toEqual({ root: join(tmpdir(), 'sightline-spool'), maxBytes: 256 * 1024 * 1024 });
    expect(resolveEnv({ SIGHTLINE_SPOOL_DIR: '/var/spool/app' }).config.spool?.root).toBe('/var/spool/app');
    expect(resolveEnv({ SIGHTLINE_SPOOL_DIR: 'relative/dir' }).config.spool?.root).toBe(join(process.cwd(), 'relative/dir'));
    for (const off of ['off', 'OFF', 'none', 'false']) expect(resolveEnv({ SIGHTLINE_SPOOL_DIR: off }).config.spool).toBeUndefined();
    expect(resolveEnv({}, { spool: false }).config.spool).toBeUndefined();
    expect(resolveEnv({ SIGHTLINE_SPOOL_DIR: '/a' }, { spool: { dir: '/b', maxBytes: 1000 } }).config.spool).toEqual({ root: '/b', maxBytes: 1000 });
  });

  it('refuses a spool option that is not false or an object, with one problem', () => {
    const { config, problems } = resolveEnv({}, { spool: 'yes' as never });
    expect(problems).toEqual([expect.stringContaining('options.spool="yes" is not valid')]);
    expect(config.spool?.root).toBe(join(tmpdir(), 'sightline-spool'));
  });
});

describe('the file exporters', () => {
  it('accept `file` for every signal', () => {
    const { config, problems } = resolveEnv({ OTEL_LOGS_EXPORTER: 'file', OTEL_TRACES_EXPORTER: 'FILE', OTEL_METRICS_EXPORTER: 'file,prometheus' });
    expect(problems).toEqual([]);
    expect(config.exporters).toEqual({ logs: ['file'], traces: ['file'], metrics: ['file', 'prometheus'] });
  });

  it('read SIGHTLINE_FILE_DIR (resolved against the working directory) and SIGHTLINE_FILE_RETENTION_DAYS; options win', () => {
    const { config, problems } = resolveEnv({ SIGHTLINE_FILE_DIR: 'out/otlp', SIGHTLINE_FILE_RETENTION_DAYS: '7' });
    expect(problems).toEqual([]);
    expect(config.fileExport).toMatchObject({ dir: join(process.cwd(), 'out/otlp'), retentionMillis: 7 * 86_400_000 });
    const options = resolveEnv({ SIGHTLINE_FILE_DIR: '/env' }, { fileExport: { dir: '/opt', maxFileMiB: 2, rotateHours: 0.5, retentionDays: 0 } });
    expect(options.config.fileExport).toEqual({ dir: '/opt', maxFileBytes: 2 * 1024 * 1024, rotateMillis: 1_800_000, retentionMillis: 0 });
  });

  it.each([
    ['SIGHTLINE_FILE_RETENTION_DAYS', '-1', 'a number from 0 to 36500', '90'],
    ['SIGHTLINE_FILE_RETENTION_DAYS', 'forever', 'a number from 0 to 36500', '90'],
  ])('refuses %s=%j with one problem', (name, value, accepted, using) => {
    const { config, problems } = resolveEnv({ [name]: value });
    expectOneProblem(problems, name, accepted, using);
    expect(config.fileExport.retentionMillis).toBe(90 * 86_400_000);
  });

  it('refuses a bad rotation option with one problem and keeps the default', () => {
    const { config, problems } = resolveEnv({}, { fileExport: { maxFileMiB: 0 } });
    expect(problems).toEqual([expect.stringContaining('options.fileExport.maxFileMiB=0 is not valid')]);
    expect(config.fileExport.maxFileBytes).toBe(64 * 1024 * 1024);
  });
});
