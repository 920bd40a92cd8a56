/** One call that builds the three console exporters around shared state. */
import { ConsoleLogRecordExporter } from './console-log-exporter.js';
import { ConsoleMetricExporter } from './console-metric-exporter.js';
import type { ConsoleMetricExporterOptions } from './console-metric-exporter.js';
import type { ConsoleExporterOptions } from './console-output.js';
import { ConsoleSpanExporter } from './console-span-exporter.js';
import { McpFlowView } from './mcp-flow-view.js';
import type { McpFlowViewOptions } from './mcp-flow-view.js';

/** Options of {@link createConsoleExporters}. */
export interface CreateConsoleExportersOptions extends Omit<ConsoleMetricExporterOptions, 'mcpView'> {
  /** Bounds of the shared flow view (`mcp` format only); see {@link McpFlowViewOptions} for the defaults. */
  mcp?: McpFlowViewOptions;
}

/** The exporters returned by {@link createConsoleExporters}. */
export interface ConsoleExporters {
  /** Exporter of log records. */
  readonly logs: ConsoleLogRecordExporter;
  /** Exporter of spans. */
  readonly spans: ConsoleSpanExporter;
  /** Exporter of metrics. */
  readonly metrics: ConsoleMetricExporter;
  /** The flow view shared by `logs` and `spans`; only with the `mcp` format. */
  readonly mcpView?: McpFlowView;
}

/**
 * Builds the log, span and metric console exporters with the same format, stream and colours. With
 * the `mcp` format the log and span exporters share one {@link McpFlowView}, so log records print
 * inside the tool-call tree of their trace. Build the exporters this way (or pass one view to both
 * yourself) whenever both signals go to the console.
 *
 * @param options format, stream, colours, metric temporality and the `mcp` view's bounds
 */
export function createConsoleExporters(options: CreateConsoleExportersOptions): ConsoleExporters {
  const { mcp, ...rest } = options;
  const mcpView = options.format === 'mcp' ? new McpFlowView(mcp) : undefined;
  const shared: ConsoleExporterOptions = { ...rest, mcpView };
  return {
    logs: new ConsoleLogRecordExporter(shared),
    spans: new ConsoleSpanExporter(shared),
    metrics: new ConsoleMetricExporter(rest),
    mcpView,
  };
}
