/** The console exporter of metrics. */
import type { ExportResult } from '@opentelemetry/core';
import { AggregationTemporality } from '@opentelemetry/sdk-metrics';
import type {
  AggregationTemporalitySelector,
  InstrumentType,
  PushMetricExporter,
  ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import { ConsoleOutput, failed, report, shutDownResult } from './console-output.js';
import type { ConsoleExporterOptions } from './console-output.js';
import { formatMetricJson } from './format-json.js';
import { formatMetricPretty } from './format-pretty.js';

const NAME = 'ConsoleMetricExporter';

/** Options of {@link ConsoleMetricExporter}. */
export interface ConsoleMetricExporterOptions extends ConsoleExporterOptions {
  /**
   * Temporality per instrument type. Default: cumulative for every instrument.
   */
  temporalitySelector?: AggregationTemporalitySelector;
}

const CUMULATIVE: AggregationTemporalitySelector = () => AggregationTemporality.CUMULATIVE;

/**
 * Writes metrics to a stream: in `json` one line per metric (all its points), in `pretty` and `mcp`
 * one line per data point. One `write` per exported batch, every untrusted string escaped.
 */
export class ConsoleMetricExporter implements PushMetricExporter {
  private readonly _output: ConsoleOutput;
  private readonly _temporalitySelector: AggregationTemporalitySelector;
  private _isShutdown = false;

  /** @param options format, stream, colours and temporality; see {@link ConsoleMetricExporterOptions} */
  constructor(options: ConsoleMetricExporterOptions) {
    this._output = new ConsoleOutput(options, NAME);
    this._temporalitySelector = options.temporalitySelector ?? CUMULATIVE;
  }

  /**
   * Formats and writes `metrics`, then reports `SUCCESS`, or `FAILED` with the error when the write
   * fails or the exporter is shut down. Never throws.
   */
  export(metrics: ResourceMetrics, resultCallback: (result: ExportResult) => void): void {
    if (this._isShutdown) {
      report(resultCallback, shutDownResult(NAME));
      return;
    }
    let text: string;
    try {
      text = this._render(metrics);
    } catch (error) {
      report(resultCallback, failed(error));
      return;
    }
    report(resultCallback, this._output.write(text));
  }

  /** The temporality of `instrumentType` (cumulative unless `temporalitySelector` says otherwise). */
  selectAggregationTemporality(instrumentType: InstrumentType): AggregationTemporality {
    return this._temporalitySelector(instrumentType);
  }

  /** Nothing is buffered; resolves. */
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  /** Refuses further exports. Idempotent; resolves. */
  shutdown(): Promise<void> {
    this._isShutdown = true;
    return Promise.resolve();
  }

  private _render(metrics: ResourceMetrics): string {
    const json = this._output.format === 'json';
    const palette = this._output.palette;
    let text = '';
    for (const scopeMetrics of metrics.scopeMetrics) {
      for (const metric of scopeMetrics.metrics) {
        const formatted = json
          ? formatMetricJson(metric, scopeMetrics.scope)
          : formatMetricPretty(metric, scopeMetrics.scope, palette);
        if (formatted !== '') text += `${formatted}\n`;
      }
    }
    return text;
  }
}
