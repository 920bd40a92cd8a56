import { diag } from '@opentelemetry/api';
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import type { ResolvedOtlpSignal } from '../config/resolved-config.js';
import type { ResolvedSpool } from '../config/resolve-spool.js';
import { VERSION } from '../version.js';
import type { BatchLogExportProcessor } from './batch-log-processor.js';
import type { BatchSpanExportProcessor } from './batch-span-processor.js';
import { MAX_EXIT_WRITE_MILLIS } from './queue-defaults.js';
import { serviceSpoolDir, type SpoolSignal } from './spool/spool-location.js';
import { replaySpool } from './spool/spool-replay.js';
import { SpoolWriter } from './spool/spool-writer.js';
import type { ExportControl } from './transport/export-control.js';
import { HttpRequestSender } from './transport/http-request.js';

/** Files the spool keeps at most this long; older ones are deleted unsent (and counted). */
const SPOOL_MAX_AGE_MILLIS = 7 * 24 * 60 * 60 * 1000;
/** A spool file younger than this may still be written by an exiting process. */
const SPOOL_MIN_AGE_MILLIS = 2_000;

/** Options of {@link ExportSupervisor}. */
export interface ExportSupervisorOptions {
  /** The control the OTLP exporters were built with. */
  control: ExportControl;
  logStages: readonly BatchLogExportProcessor[];
  spanStages: readonly BatchSpanExportProcessor[];
  /** Off when `undefined`. */
  spool: ResolvedSpool | undefined;
  serviceName: string;
  /** The OTLP settings of the signals exported over OTLP, for replaying the spool. */
  otlp: Partial<Record<SpoolSignal, ResolvedOtlpSignal>>;
  shutdownTimeoutMillis: number;
}

/**
 * The end of the export pipeline's life, in one place: the {@link ExportControl} every OTLP request
 * obeys, the spool that receives what could not be sent (at the shutdown deadline, at `process.exit()`,
 * after a crash), its replay at start-up, and the one summary line of what was lost or kept.
 */
export class ExportSupervisor {
  readonly control: ExportControl;
  private readonly writer: SpoolWriter | undefined;
  private readonly spoolDir: string | undefined;
  private reported = false;
  private replaying: Promise<void> = Promise.resolve();

  constructor(private readonly options: ExportSupervisorOptions) {
    this.control = options.control;
    if (options.spool !== undefined) {
      this.spoolDir = serviceSpoolDir(options.spool.root, options.serviceName);
      this.writer = new SpoolWriter({
        dir: this.spoolDir,
        maxBytes: options.spool.maxBytes,
        timeBudgetMillis: Math.min(options.shutdownTimeoutMillis, MAX_EXIT_WRITE_MILLIS),
      });
      const writer = this.writer;
      for (const stage of options.logStages) stage.setAbandonSink((records: ReadableLogRecord[]) => writer.writeLogs(records));
      for (const stage of options.spanStages) stage.setAbandonSink((spans: ReadableSpan[]) => writer.writeSpans(spans));
    }
  }

  /** Sends, in the background, what earlier runs of this service spooled. Never rejects. */
  replaySpool(): Promise<void> {
    this.replaying = this.runReplay();
    return this.replaying;
  }

  /** Settles when the spool replay started at start-up has ended (shutdown waits for it, within its deadline). */
  get replayDone(): Promise<void> {
    return this.replaying;
  }

  private runReplay(): Promise<void> {
    const dir = this.spoolDir;
    if (dir === undefined) return Promise.resolve();
    const senders: Partial<Record<SpoolSignal, HttpRequestSender>> = {};
    let timeoutMillis = 10_000;
    for (const signal of ['logs', 'traces'] as const) {
      const otlp = this.options.otlp[signal];
      if (otlp === undefined) continue;
      timeoutMillis = otlp.timeoutMillis;
      senders[signal] = new HttpRequestSender({
        url: otlp.endpoint,
        headers: { ...otlp.headers, 'Content-Type': 'application/json' },
        compression: otlp.compression,
        tls: otlp.tls,
        userAgent: `sightline/${VERSION}`,
      });
    }
    return replaySpool({
      dir,
      senders,
      control: this.control,
      timeoutMillis,
      maxAgeMillis: SPOOL_MAX_AGE_MILLIS,
      minAgeMillis: SPOOL_MIN_AGE_MILLIS,
    }).then(
      (result) => {
        for (const sender of Object.values(senders)) sender.close();
        const { logs, traces } = result.sent;
        if (logs + traces > 0) {
          diag.info(`sightline: sent ${logs} log records and ${traces} spans spooled by earlier runs (${dir})`);
        }
        if (result.dropped + result.unreadable > 0) {
          diag.warn(
            `sightline: spool ${dir}: ${result.dropped} records dropped (refused by the receiver or older than 7 days), ${result.unreadable} unreadable lines skipped`,
          );
        }
      },
      () => undefined,
    );
  }

  /** Shutdown has begun: a refused connection is final from now on. */
  startDraining(): void {
    this.control.startDraining();
    for (const stage of [...this.options.logStages, ...this.options.spanStages]) stage.startDraining();
  }

  /**
   * Gives up on everything still held, synchronously: open requests are aborted and every stage hands
   * what it holds to the spool (or counts it dropped). Then prints the summary, once.
   * For the shutdown deadline and the process's `exit` event.
   */
  finish(): void {
    this.control.abort();
    const writer = this.writer;
    for (const stage of this.options.logStages) {
      abandonQuietly(() => stage.abandon(writer && ((records) => writer.writeLogs(records))));
    }
    for (const stage of this.options.spanStages) {
      abandonQuietly(() => stage.abandon(writer && ((spans) => writer.writeSpans(spans))));
    }
    this.writer?.close();
    this.report();
  }

  /** One line, once, when anything was dropped or spooled; nothing when every record was exported. */
  report(): void {
    if (this.reported) return;
    const parts: string[] = [];
    let spooled = 0;
    for (const [noun, stages] of [
      ['log records', this.options.logStages],
      ['spans', this.options.spanStages],
    ] as const) {
      let exported = 0;
      const dropped = { queue_full: 0, export_failed: 0, shutdown: 0 };
      let kept = 0;
      for (const stage of stages) {
        const stats = stage.getStats();
        exported += stats.exported;
        kept += stats.spooled;
        for (const reason of Object.keys(dropped) as Array<keyof typeof dropped>) dropped[reason] += stats.dropped[reason];
      }
      const lost = dropped.queue_full + dropped.export_failed + dropped.shutdown;
      spooled += kept;
      if (lost + kept === 0) continue;
      const reasons = Object.entries(dropped)
        .filter(([, n]) => n > 0)
        .map(([reason, n]) => `${reason}=${n}`)
        .join(' ');
      parts.push(`${noun}: ${exported} exported, ${lost} dropped${lost > 0 ? ` (${reasons})` : ''}${kept > 0 ? `, ${kept} spooled` : ''}`);
    }
    if (parts.length === 0) return;
    this.reported = true;
    let where = '';
    if (spooled > 0 && this.spoolDir !== undefined) where = `; spooled records are in ${this.spoolDir} and are sent by the next start`;
    if (this.writer?.failure !== undefined) where += `; the spool could not be written (${this.writer.failure})`;
    try {
      diag.warn(`sightline: export summary: ${parts.join('; ')}${where}`);
    } catch {
      // the application's diag logger failed
    }
  }
}

function abandonQuietly(abandon: () => unknown): void {
  try {
    abandon();
  } catch {
    // a stage that fails here has nothing more we could save
  }
}
