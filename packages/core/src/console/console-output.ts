/** Options shared by the three console exporters, and the stream writing they share. */
import { diag } from '@opentelemetry/api';
import { ExportResultCode } from '@opentelemetry/core';
import type { ExportResult } from '@opentelemetry/core';
import type { ConsoleFormat } from '../types.js';
import { createPalette, detectColors } from './colors.js';
import type { Palette } from './colors.js';
import type { McpFlowView } from './mcp-flow-view.js';

/** Options of {@link ConsoleLogRecordExporter}, {@link ConsoleSpanExporter} and {@link ConsoleMetricExporter}. */
export interface ConsoleExporterOptions {
  /**
   * `json` (one JSON object per line, for machines), `pretty` (for people) or `mcp` (the tool-call
   * flow view; metrics print as `pretty`). Required. An unknown value logs one `diag` warning and
   * falls back to `pretty` when the stream is a TTY, else `json`.
   */
  format: ConsoleFormat;
  /** Where the text goes; each exported batch is one `write` call. Default: `process.stdout`. */
  stream?: NodeJS.WritableStream;
  /**
   * ANSI colours in `pretty` and `mcp` (never in `json`). Default: `FORCE_COLOR` set and not `0`/`false`
   * → on; else `NO_COLOR` set (non-empty) or `TERM=dumb` → off; else on exactly when `stream.isTTY === true`.
   */
  colors?: boolean;
  /**
   * The flow view of the `mcp` format. Pass the same view to the log and span exporters so logs appear
   * inside their trace's tree (or use `createConsoleExporters`, which does). Ignored by other formats.
   * Default: a new view per exporter with default bounds.
   */
  mcpView?: McpFlowView;
}

const FORMATS: readonly ConsoleFormat[] = ['pretty', 'json', 'mcp'];

/** The result of a successful export. */
export const SUCCESS: ExportResult = Object.freeze({ code: ExportResultCode.SUCCESS });

/**
 * A console exporter's resolved format, stream and colours, and its one way of writing. Options are
 * resolved once, here.
 */
export class ConsoleOutput {
  /** The format in use (validated). */
  readonly format: ConsoleFormat;
  /** The stream written to. */
  readonly stream: NodeJS.WritableStream;
  /** The colours in use (always plain for `json`). */
  readonly palette: Palette;

  /**
   * @param options the exporter's options
   * @param exporterName the exporter class, named in the warning about a bad format
   */
  constructor(options: ConsoleExporterOptions, exporterName: string) {
    this.stream = options.stream ?? process.stdout;
    const isTTY = (this.stream as { isTTY?: boolean }).isTTY === true;
    if (FORMATS.includes(options.format)) {
      this.format = options.format;
    } else {
      this.format = isTTY ? 'pretty' : 'json';
      diag.warn(
        `sightline: ${exporterName} option "format" is ${JSON.stringify(String(options.format))}, not one of ${FORMATS.join('|')}; using "${this.format}"`,
      );
    }
    const colors = this.format !== 'json' && (options.colors ?? detectColors(this.stream as { isTTY?: boolean }));
    this.palette = createPalette(colors);
  }

  /**
   * Writes `text` with one `stream.write` call (nothing for `''`). Never throws: a stream that is no
   * longer writable, or a `write` that throws, gives a `FAILED` result carrying the error.
   *
   * @param text whole lines, each ending in `\n`
   */
  write(text: string): ExportResult {
    if (text === '') return SUCCESS;
    if (this.stream.writable === false) {
      return { code: ExportResultCode.FAILED, error: new Error('sightline console exporter: the stream is not writable') };
    }
    try {
      this.stream.write(text);
      return SUCCESS;
    } catch (error) {
      return failed(error);
    }
  }
}

/**
 * A `FAILED` result carrying `error` (wrapped in an `Error` when it is not one).
 *
 * @param error what went wrong
 */
export function failed(error: unknown): ExportResult {
  return { code: ExportResultCode.FAILED, error: error instanceof Error ? error : new Error(String(error)) };
}

/** The result of an export attempted after `shutdown()`. */
export function shutDownResult(exporterName: string): ExportResult {
  return { code: ExportResultCode.FAILED, error: new Error(`sightline: ${exporterName} is shut down`) };
}

/**
 * Calls an exporter's result callback without letting its exception reach our caller.
 *
 * @param callback the SDK's result callback
 * @param result the result to report
 */
export function report(callback: (result: ExportResult) => void, result: ExportResult): void {
  try {
    callback(result);
  } catch (error) {
    diag.error('sightline: console exporter result callback threw', error);
  }
}
