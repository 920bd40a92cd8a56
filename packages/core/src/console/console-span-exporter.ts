/** The console exporter of spans. */
import { diag } from '@opentelemetry/api';
import type { ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import { ConsoleOutput, failed, report, shutDownResult } from './console-output.js';
import type { ConsoleExporterOptions } from './console-output.js';
import { formatSpanJson } from './format-json.js';
import { formatSpanPretty } from './format-pretty.js';
import { McpFlowView } from './mcp-flow-view.js';

const NAME = 'ConsoleSpanExporter';

/**
 * Writes ended spans to a stream in the `json`, `pretty` or `mcp` format (see
 * {@link ConsoleExporterOptions}), one `write` per exported batch, every untrusted string escaped.
 * In the `mcp` format spans wait in the {@link McpFlowView} until their trace's local root ends,
 * then print as a tree; `forceFlush()` and `shutdown()` print whatever the view holds.
 */
export class ConsoleSpanExporter implements SpanExporter {
  private readonly _output: ConsoleOutput;
  private readonly _view: McpFlowView | undefined;
  private _isShutdown = false;

  /** @param options format, stream, colours and `mcp` view; see {@link ConsoleExporterOptions} */
  constructor(options: ConsoleExporterOptions) {
    this._output = new ConsoleOutput(options, NAME);
    this._view = this._output.format === 'mcp' ? (options.mcpView ?? new McpFlowView()) : undefined;
  }

  /**
   * Formats and writes `spans`, then reports `SUCCESS`, or `FAILED` with the error when the write
   * fails or the exporter is shut down. Never throws.
   */
  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    if (this._isShutdown) {
      report(resultCallback, shutDownResult(NAME));
      return;
    }
    let text: string;
    try {
      text = this._render(spans);
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

  /**
   * Prints what the `mcp` view holds and tells it no more spans come (so a shared log exporter stops
   * holding records for them), then refuses further exports. Idempotent; resolves.
   */
  shutdown(): Promise<void> {
    if (this._isShutdown) return Promise.resolve();
    this._isShutdown = true;
    this._view?.endSpans();
    return this.forceFlush();
  }

  private _render(spans: readonly ReadableSpan[]): string {
    const palette = this._output.palette;
    switch (this._output.format) {
      case 'json': {
        let text = '';
        for (const span of spans) text += `${formatSpanJson(span)}\n`;
        return text;
      }
      case 'pretty': {
        let text = '';
        for (const span of spans) text += `${formatSpanPretty(span, palette)}\n`;
        return text;
      }
      default:
        return this._view!.addSpans(spans, palette);
    }
  }
}
