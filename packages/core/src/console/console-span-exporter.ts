/** The console exporter of spans. */
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import { ConsoleItemExporter } from './console-item-exporter.js';
import type { ConsoleExporterOptions } from './console-output.js';
import { formatSpanJson } from './format-json.js';
import { formatSpanPretty } from './format-pretty.js';

/**
 * Writes ended spans to a stream in the `json`, `pretty` or `mcp` format (see
 * {@link ConsoleExporterOptions}), one `write` per exported batch, every untrusted string escaped.
 * In the `mcp` format spans wait in the {@link McpFlowView} until their trace's local root ends,
 * then print as a tree; `forceFlush()` and `shutdown()` print whatever the view holds.
 */
export class ConsoleSpanExporter extends ConsoleItemExporter<ReadableSpan> implements SpanExporter {
  /** @param options format, stream, colours and `mcp` view; see {@link ConsoleExporterOptions} */
  constructor(options: ConsoleExporterOptions) {
    super(options, 'ConsoleSpanExporter', {
      json: formatSpanJson,
      pretty: formatSpanPretty,
      mcp: (view, spans, palette) => view.addSpans(spans, palette),
    });
  }

  /** Tells the view no more spans come, so a shared log exporter stops holding records for them. */
  protected override onShutdown(): void {
    this._view?.endSpans();
  }
}
