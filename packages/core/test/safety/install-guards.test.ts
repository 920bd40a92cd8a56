import { logs, trace } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap } from '../../src/bootstrap.js';
import type { SightlineHandle } from '../../src/types.js';

let handle: SightlineHandle;
beforeAll(() => {
  handle = bootstrap({ exporters: { logs: [], traces: [], metrics: [] }, handleProcessExit: false, captureCrashes: false, diagLogLevel: 'none' });
});
afterAll(() => handle.shutdown());

describe('installSdkGuards (run by bootstrap)', () => {
  it('guards the registered SDK tracer and logger classes', () => {
    const tracerProto = Object.getPrototypeOf(trace.getTracer('x')) as object;
    const loggerProto = Object.getPrototypeOf(logs.getLogger('x')) as object;
    expect(Object.getOwnPropertySymbols(tracerProto).map(String)).toContain('Symbol(sightline.tracerGuard.v1)');
    expect(Object.getOwnPropertySymbols(loggerProto).map(String)).toContain('Symbol(sightline.loggerGuard.v1)');
    expect(() => trace.getTracer('x').startSpan('s', { attributes: { b: Object.setPrototypeOf({}, Uint8Array.prototype) } }).end()).not.toThrow();
    expect(() => logs.getLogger('x').emit({ body: 'b', timestamp: 'yesterday' as never })).not.toThrow();
  });
});
