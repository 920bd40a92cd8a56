import { diag } from '@opentelemetry/api';
import type { Adapter } from './adapters/adapter.js';
import type { LlmCall } from './llm-call.js';
import type { ChunkSink } from './observe-iterator.js';

/** The sink that feeds a call's stream chunks through its adapter and ends the call with the stream. */
export function callSink(call: LlmCall, adapter: Adapter): ChunkSink {
  return {
    chunk(value) {
      if (call.ended) return;
      call.chunk();
      try {
        adapter.chunk?.(value, call);
      } catch (problem) {
        diag.debug('@sightline/instrumentation-llm: could not read a stream chunk', problem);
      }
    },
    done: () => call.end(),
    fail: (error) => call.end(error),
    brokenOff: () => call.end(),
  };
}

/** Reads a complete result through the adapter and ends the call; never throws. */
export function completeCall(call: LlmCall, adapter: Adapter, result: unknown): void {
  if (call.ended) return;
  try {
    adapter.response(result, call);
  } catch (problem) {
    diag.debug('@sightline/instrumentation-llm: could not read a response', problem);
  }
  call.end();
}
