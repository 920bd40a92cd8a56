/**
 * Issue 2 benchmark: ns per `logger.info` with 5 attributes.
 * (a) level disabled; (b) enabled, through the bootstrap() pipeline exporting to a no-op exporter, against
 * the bare OpenTelemetry Logs SDK (LoggerProvider + BatchLogRecordProcessor, same no-op exporter) — once
 * with the stages issue 2 defines (enrich, export), once with everything bootstrap() installs by default
 * (redaction, exception grouping and breadcrumbs, sampling, counting). Each iteration emits 1 000 records
 * and then flushes, so both sides pay for their export path too.
 */
import { SeverityNumber } from '@opentelemetry/api';
import { ExportResultCode } from '@opentelemetry/core';
import { BatchLogRecordProcessor, LoggerProvider, type LogRecordExporter, type LogRecordProcessor } from '@opentelemetry/sdk-logs';
import { BatchLogExportProcessor, bootstrap, getLogger, type BootstrapOptions } from '@sightline/core';
import { report, runGroup, type GroupResult } from './harness.ts';

const PER_ITERATION = 1_000;

function noopExporter(): LogRecordExporter {
  return {
    export: (_records, done) => done({ code: ExportResultCode.SUCCESS }),
    shutdown: () => Promise.resolve(),
    forceFlush: () => Promise.resolve(),
  };
}

const passThrough = (downstream: LogRecordProcessor): LogRecordProcessor => downstream;
const noopStage: LogRecordProcessor = { onEmit() {}, forceFlush: () => Promise.resolve(), shutdown: () => Promise.resolve() };

const bareProcessor = new BatchLogRecordProcessor({ exporter: noopExporter(), maxQueueSize: 65_536, maxExportBatchSize: 2_048 });
const bare = new LoggerProvider({ processors: [bareProcessor] }).getLogger('bench.app');
const attrs = { 'user.id': 'u-123', 'order.id': 'o-456', amount: 42.5, items: 3, express: true };

/** Measures the bare SDK against `bootstrap(options)` in one group, then shuts that SDK down. */
async function againstBare(group: string, label: string, options: BootstrapOptions): Promise<GroupResult[]> {
  const handle = bootstrap({
    exporters: { logs: [], traces: [], metrics: [] },
    logRecordProcessors: [new BatchLogExportProcessor({ exporter: noopExporter() })],
    handleProcessExit: false,
    captureCrashes: false,
    logLevel: 'info',
    ...options,
  });
  const log = getLogger('bench.app');
  const groups: GroupResult[] = [];
  if (group.startsWith('(a)')) {
    groups.push(
      await runGroup('logger.info with 5 attributes, level disabled', [
        { name: 'sightline: logger.debug below the level', perCall: PER_ITERATION, fn: () => {
          for (let i = 0; i < PER_ITERATION; i++) log.debug('order placed', attrs);
        } },
      ]),
    );
  }
  groups.push(
    await runGroup(group, [
      { name: 'bare OpenTelemetry SDK: logger.emit + BatchLogRecordProcessor', perCall: PER_ITERATION, fn: async () => {
        for (let i = 0; i < PER_ITERATION; i++) {
          bare.emit({ severityNumber: SeverityNumber.INFO, severityText: 'INFO', body: 'order placed', attributes: attrs });
        }
        await bareProcessor.forceFlush();
      } },
      { name: label, perCall: PER_ITERATION, fn: async () => {
        for (let i = 0; i < PER_ITERATION; i++) log.info('order placed', attrs);
        await handle.forceFlush();
      } },
    ]),
  );
  await handle.shutdown();
  return groups;
}

const issue2 = await againstBare(
  '(a) logger.info with 5 attributes, enabled: the issue-2 stages (enrich, export)',
  'sightline: logger.info through enrich → export',
  { redaction: false, breadcrumbs: false, logStages: { errors: [], sampling: passThrough, metrics: noopStage } },
);
const full = await againstBare(
  '(b) logger.info with 5 attributes, enabled: everything bootstrap() installs by default',
  'sightline: logger.info through the default pipeline',
  {},
);
report('logger', [...issue2, ...full]);
