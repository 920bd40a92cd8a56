/**
 * Issue 2 benchmark: ns per `logger.info` with 5 attributes.
 * (a) level disabled; (b) enabled, through the full bootstrap() pipeline exporting to a no-op exporter,
 * against the bare OpenTelemetry Logs SDK (LoggerProvider + BatchLogRecordProcessor, same no-op exporter).
 * Each iteration emits 1 000 records and then flushes, so both sides pay for their export path too.
 */
import { SeverityNumber } from '@opentelemetry/api';
import { ExportResultCode } from '@opentelemetry/core';
import { BatchLogRecordProcessor, LoggerProvider, type LogRecordExporter } from '@opentelemetry/sdk-logs';
import { BatchLogExportProcessor, bootstrap, getLogger } from '@sightline/core';
import { report, runGroup } from './harness.ts';

const PER_ITERATION = 1_000;

function noopExporter(): LogRecordExporter {
  return {
    export: (_records, done) => done({ code: ExportResultCode.SUCCESS }),
    shutdown: () => Promise.resolve(),
    forceFlush: () => Promise.resolve(),
  };
}

const sightlineExport = new BatchLogExportProcessor({ exporter: noopExporter() });
const handle = bootstrap({
  exporters: { logs: [], traces: [], metrics: [] },
  logRecordProcessors: [sightlineExport],
  handleProcessExit: false,
  logLevel: 'info',
});
const log = getLogger('bench.app');

const bareProcessor = new BatchLogRecordProcessor({ exporter: noopExporter(), maxQueueSize: 65_536, maxExportBatchSize: 2_048 });
const bare = new LoggerProvider({ processors: [bareProcessor] }).getLogger('bench.app');

const attrs = { 'user.id': 'u-123', 'order.id': 'o-456', amount: 42.5, items: 3, express: true };

const disabled = await runGroup('logger.info with 5 attributes, level disabled', [
  { name: 'sightline: logger.debug below the level', perCall: PER_ITERATION, fn: () => {
    for (let i = 0; i < PER_ITERATION; i++) log.debug('order placed', attrs);
  } },
]);

const enabled = await runGroup('logger.info with 5 attributes, enabled, exported to a no-op exporter', [
  { name: 'bare OpenTelemetry SDK: logger.emit + BatchLogRecordProcessor', perCall: PER_ITERATION, fn: async () => {
    for (let i = 0; i < PER_ITERATION; i++) {
      bare.emit({ severityNumber: SeverityNumber.INFO, severityText: 'INFO', body: 'order placed', attributes: attrs });
    }
    await bareProcessor.forceFlush();
  } },
  { name: 'sightline: logger.info through the bootstrap() pipeline', perCall: PER_ITERATION, fn: async () => {
    for (let i = 0; i < PER_ITERATION; i++) log.info('order placed', attrs);
    await handle.forceFlush();
  } },
]);

report('logger', [disabled, enabled]);
await handle.shutdown();
