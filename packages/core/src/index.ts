export { bootstrap, getSightline } from './bootstrap.js';
export { registerLoaderHooks } from './esm-hooks.js';
export type { LoaderHooks, LoaderHooksMode } from './esm-hooks.js';
export { getLogger } from './logger/logger.js';
export { getLogLevel, setLogLevel } from './logger/level-control.js';
export type { LogAttributes, LogLevel, LogMethod, Logger } from './logger/types.js';
export { withSpan } from './context/with-span.js';
export type { WithSpanOptions } from './context/with-span.js';
export { withAgent, withAgentCreation, withTool } from './context/agent-spans.js';
export type { AgentSpanOptions, ToolSpanOptions } from '@sightline/instrumentation-llm/spans';
export { BaggageLogRecordProcessor, BaggageSpanProcessor } from './context/baggage-processors.js';
export { BatchLogExportProcessor } from './export/batch-log-processor.js';
export { BatchSpanExportProcessor } from './export/batch-span-processor.js';
export { parseOtlpJsonLine, readOtlpFiles } from './export/file/otlp-file-reader.js';
export type { OtlpFileEntry, OtlpFileReadResult } from './export/file/otlp-file-reader.js';
export type { OtlpJsonSignal } from './export/otlp-json/serializers.js';
export type {
  BootstrapOptions,
  ConsoleFormat,
  DropCounts,
  DropReason,
  ExporterKind,
  FileExportOptions,
  ExportQueueOptions,
  LogPipelineStages,
  OtlpProtocol,
  OtlpSignalOptions,
  SanitizeReason,
  Signal,
  SightlineHandle,
  SpanPipelineStages,
} from './types.js';
export type { MetricsSnapshot } from '@sightline/metrics';
