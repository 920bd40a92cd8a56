import { logs, trace } from '@opentelemetry/api';
import { guardLoggerPrototype } from './logger-guard.js';
import { guardTracerPrototype } from './tracer-guard.js';

const SCOPE = '@sightline/core';

/**
 * Guards the tracer and logger classes of the SDK that is registered now (call it right after it started):
 * their prototypes are reached through one tracer and one logger of the registered providers. Span methods are
 * guarded by the sanitize span stage when the first span starts. Never throws.
 */
export function installSdkGuards(): void {
  try {
    const global = trace.getTracerProvider() as { getDelegate?: () => unknown };
    const provider = (typeof global.getDelegate === 'function' ? global.getDelegate() : global) as ReturnType<typeof trace.getTracerProvider>;
    guardTracerPrototype(Object.getPrototypeOf(provider.getTracer(SCOPE)) as object | null);
  } catch {
    // No tracer provider of a known shape: nothing to guard.
  }
  try {
    guardLoggerPrototype(Object.getPrototypeOf(logs.getLoggerProvider().getLogger(SCOPE)) as object | null);
  } catch {
    // Likewise.
  }
}
