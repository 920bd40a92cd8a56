/** What the console log and span exporters share: one `write` per batch, the three formats, the mcp view. */
import { diag } from '@opentelemetry/api';
import type { ExportResult } from '@opentelemetry/core';
import type { Palette } from './colors.js';
import { ConsoleOutput, failed, report, shutDownResult } from './console-output.js';
import type { ConsoleExporterOptions } from './console-output.js';
import { McpFlowView } from './mcp-flow-view.js';

/** How one kind of item (log record, span) is printed in each format. */
export interface ItemFormats<T> {
  json(item: T): string;
  pretty(item: T, palette: Palette): string;
  /** Adds a batch to the mcp view; returns what is ready to print. */
  mcp(view: McpFlowView, items: readonly T[], palette: Palette): string;
}

/**
 * Writes a batch of items in the `json`, `pretty` or `mcp` format, every untrusted string escaped, one
 * `write` per batch; in the `mcp` format the items go through the (possibly shared) {@link McpFlowView}
 * and `forceFlush()` / `shutdown()` print whatever it holds. Never throws.
 */
export abstract class ConsoleItemExporter<T> {
  protected readonly _view: McpFlowView | undefined;
  private readonly _output: ConsoleOutput;
  private _isShutdown = false;

  protected constructor(
    options: ConsoleExporterOptions,
    private readonly _name: string,
    private readonly _formats: ItemFormats<T>,
  ) {
    this._output = new ConsoleOutput(options, _name);
    this._view = this._output.format === 'mcp' ? (options.mcpView ?? new McpFlowView()) : undefined;
  }

  /**
   * Formats and writes `items`, then reports `SUCCESS`, or `FAILED` with the error when the write fails
   * or the exporter is shut down. Never throws.
   */
  export(items: T[], resultCallback: (result: ExportResult) => void): void {
    if (this._isShutdown) {
      report(resultCallback, shutDownResult(this._name));
      return;
    }
    let text: string;
    try {
      text = this._render(items);
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
    this.onShutdown();
    return this.forceFlush();
  }

  /** Called once, at shutdown, before the final flush. */
  protected onShutdown(): void {}

  private _render(items: readonly T[]): string {
    const palette = this._output.palette;
    const formats = this._formats;
    switch (this._output.format) {
      case 'json': {
        let text = '';
        for (const item of items) text += `${formats.json(item)}\n`;
        return text;
      }
      case 'pretty': {
        let text = '';
        for (const item of items) text += `${formats.pretty(item, palette)}\n`;
        return text;
      }
      default:
        return formats.mcp(this._view!, items, palette);
    }
  }
}
