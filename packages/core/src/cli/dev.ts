import { EXIT_OK, EXIT_USAGE, UsageError, type Command } from './command.js';
import { describeListenError, integerOption, loadViewer, PAGE_OPTIONS, untilStopped } from './load-viewer.js';

/** `sightline dev`: the local OTLP receiver and web page (`@sightline/viewer`). */
export const command: Command = {
  usage: '[--port N] [--otlp-port N] [--host HOST] [--save DIR] [--max-spans N] [--max-logs N]',
  description: [
    'Receives OTLP/HTTP (protobuf or JSON, gzip or not) on 127.0.0.1:4318, the endpoint the OTLP exporters',
    'use by default, so an app started with the Sightline preload shows up with no configuration; and serves',
    'a web page on 127.0.0.1:4319 with its traces, LLM and MCP calls, logs, metrics and exceptions, live.',
    'Everything stays in memory, bounded: past --max-spans or --max-logs the oldest traces are evicted (the',
    'page shows how many). --save also writes what arrives as OTLP JSON Lines files (`sightline view` reads them).',
    '',
    'Needs @sightline/viewer installed beside @sightline/core. Stop with Ctrl-C. See docs/viewer.md.',
  ].join('\n'),
  options: {
    port: PAGE_OPTIONS.port,
    'otlp-port': { type: 'string', valueName: 'N', description: 'port of the OTLP/HTTP receiver (default 4318)' },
    host: PAGE_OPTIONS.host,
    save: { type: 'string', valueName: 'DIR', description: 'also write what is received to DIR/{traces,logs,metrics}.jsonl' },
    'max-spans': PAGE_OPTIONS['max-spans'],
    'max-logs': PAGE_OPTIONS['max-logs'],
  },
  exitCodes: ['0  stopped (Ctrl-C)', '2  usage error, a port in use, or @sightline/viewer not installed'],
  async run({ values, positionals }, io) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const options = {
      host: typeof values.host === 'string' ? values.host : undefined,
      port: integerOption(values, 'port', 0),
      otlpPort: integerOption(values, 'otlp-port', 0),
      saveDir: typeof values.save === 'string' ? values.save : undefined,
      maxSpans: integerOption(values, 'max-spans'),
      maxLogs: integerOption(values, 'max-logs'),
    };
    const { startViewer } = await loadViewer();
    let viewer;
    try {
      viewer = await startViewer(options);
    } catch (error) {
      const line = describeListenError(error);
      if (line === undefined) throw error;
      io.stderr(`sightline dev: ${line}\n`);
      return EXIT_USAGE;
    }
    const { maxSpans, maxLogs } = viewer.store;
    const lines = [
      'Sightline viewer',
      `  page:  ${viewer.pageUrl}`,
      `  OTLP:  ${viewer.otlpUrl}  (OTLP/HTTP: /v1/traces, /v1/logs, /v1/metrics)`,
      `  holds: ${maxSpans} spans, ${maxLogs} log records (oldest traces evicted first)`,
    ];
    if (options.saveDir !== undefined) lines.push(`  saves: ${options.saveDir}/{traces,logs,metrics}.jsonl`);
    if (viewer.token !== undefined) {
      lines.push(
        `  token: required off loopback. Senders set OTEL_EXPORTER_OTLP_HEADERS=Authorization=Bearer%20${viewer.token}`,
        `         and OTEL_EXPORTER_OTLP_ENDPOINT=${viewer.otlpUrl}`,
      );
    } else {
      lines.push('Start your app with `node --import @sightline/core/register app.js`: it exports here by default.');
    }
    io.stdout(`${lines.join('\n')}\n`);
    await untilStopped(io.stopped);
    await viewer.close();
    return EXIT_OK;
  },
};
