/** The console exporter of log records. */
import { diag } from '@opentelemetry/api';
import type { ExportResult } from '@opentelemetry/core';
import type { LogRecordExporter, ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { ConsoleOutput, failed, report, shutDownResult } from './console-output.js';
import type { ConsoleExporterOptions } from './console-output.js';
import { formatLogJson } from './format-json.js';
import { formatLogPretty } from './format-pretty.js';
import { McpFlowView } from './mcp-flow-view.js';

const NAME = 'ConsoleLogRecordExporter';

/**
 * Writes log records to a stream in the `json`, `pretty` or `mcp` format (see
 * {@link ConsoleExporterOptions}), one `write` per exported batch, every untrusted string escaped.
 * In the `mcp` format, records of sampled traces wait in the {@link McpFlowView} (shared with a
 * {@link ConsoleSpanExporter}) to print inside their trace's tree; `forceFlush()` and `shutdown()`
 * print whatever the view holds.
 */
export class ConsoleLogRecordExporter implements LogRecordExporter {
  private readonly _output: ConsoleOutput;
  private readonly _view: McpFlowView | undefined;
  private _isShutdown = false;

  /** @param options format, stream, colours and `mcp` view; see {@link ConsoleExporterOptions} */
  constructor(options: ConsoleExporterOptions) {
    this._output = new ConsoleOutput(options, NAME);
    this._view = this._output.format === 'mcp' ? (options.mcpView ?? new McpFlowView()) : undefined;
  }

  /**
   * Formats and writes `logs`, then reports `SUCCESS`, or `FAILED` with the error when the write fails
   * or the exporter is shut down. Never throws.
   */
  export(logs: ReadableLogRecord[], resultCallback: (result: ExportResult) => void): void {
    if (this._isShutdown) {
      report(resultCallback, shutDownResult(NAME));
      return;
    }
    let text: string;
    try {
      text = this._render(logs);
    } catch (error) {
      report(resultCallback, failed(error));
      return;
    }
    report(resultCallback, this._output.write(text));
  }

  /** Prints what the `mcp` view holds; resolves. */
  forceFlush(): Promise<void> {
    if (this._view !== undefined) {
      try {
        this._output.write(this._view.flush(this._output.palette));
      } catch (error) {
        diag.error('sightline: console exporter could not print the mcp flow view', error);
      }
    }
    return Promise.resolve();
  }

  /** Prints what the `mcp` view holds, then refuses further exports. Idempotent; resolves. */
  shutdown(): Promise<void> {
    if (this._isShutdown) return Promise.resolve();
    this._isShutdown = true;
    return this.forceFlush();
  }

  private _render(logs: readonly ReadableLogRecord[]): string {
    const palette = this._output.palette;
    switch (this._output.format) {
      case 'json': {
        let text = '';
        for (const record of logs) text += `${formatLogJson(record)}\n`;
        return text;
      }
      case 'pretty': {
        let text = '';
        for (const record of logs) text += `${formatLogPretty(record, palette)}\n`;
        return text;
      }
      default:
        return this._view!.addLogs(logs, palette);
    }
  }
}
