/** What the patches need from the instrumentation, read at call time (providers can change after patching). */
import type { Tracer } from '@opentelemetry/api';
import type { McpInstruments } from './instruments.js';
import type { PayloadOptions } from './tool-payload.js';

export interface Telemetry {
  readonly tracer: Tracer;
  readonly instruments: McpInstruments;
  readonly payload: PayloadOptions;
}
