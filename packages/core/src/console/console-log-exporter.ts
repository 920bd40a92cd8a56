/** The console exporter of log records. */
import type { LogRecordExporter, ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { ConsoleItemExporter } from './console-item-exporter.js';
import type { ConsoleExporterOptions } from './console-output.js';
import { formatLogJson } from './format-json.js';
import { formatLogPretty } from './format-pretty.js';

/**
 * Writes log records to a stream in the `json`, `pretty` or `mcp` format (see
 * {@link ConsoleExporterOptions}), one `write` per exported batch, every untrusted string escaped.
 * In the `mcp` format, records of sampled traces wait in the {@link McpFlowView} (shared with a
 * {@link ConsoleSpanExporter}) to print inside their trace's tree; `forceFlush()` and `shutdown()`
 * print whatever the view holds.
 */
export class ConsoleLogRecordExporter extends ConsoleItemExporter<ReadableLogRecord> implements LogRecordExporter {
  /** @param options format, stream, colours and `mcp` view; see {@link ConsoleExporterOptions} */
  constructor(options: ConsoleExporterOptions) {
    super(options, 'ConsoleLogRecordExporter', {
      json: formatLogJson,
      pretty: formatLogPretty,
      mcp: (view, records, palette) => view.addLogs(records, palette),
    });
  }
}
