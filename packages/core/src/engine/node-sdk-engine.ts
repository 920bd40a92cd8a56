import { createRequire } from 'node:module';
import type { NodeSDK } from '@opentelemetry/sdk-node';
import type { Engine, EngineOptions } from './engine.js';

/** The optional peer dependency that serves what the `providers` engine does not. */
export const NODE_SDK_PACKAGE = '@opentelemetry/sdk-node';

type NodeSdkModule = { NodeSDK: typeof NodeSDK };

/**
 * `@opentelemetry/sdk-node` when the app has it installed, else `undefined`. Loaded with `require()`, only
 * when one of its features is asked for, so that the default start never pays for it.
 */
export function loadNodeSdk(from: string | URL = import.meta.url): NodeSdkModule | undefined {
  try {
    return createRequire(from)(NODE_SDK_PACKAGE) as NodeSdkModule;
  } catch (error) {
    if ((error as NodeJS.ErrnoException | undefined)?.code === 'MODULE_NOT_FOUND') return undefined;
    throw error;
  }
}

/**
 * The engine of a feature only `NodeSDK` has (today: the `b3`/`b3multi` propagators of `OTEL_PROPAGATORS`,
 * which it reads itself): the same components, started by `NodeSDK`.
 */
export function startNodeSdk(module: NodeSdkModule, options: EngineOptions): Engine {
  const sdk = new module.NodeSDK({
    resource: options.resource,
    autoDetectResources: false,
    sampler: options.sampler,
    logRecordProcessors: options.logRecordProcessors,
    spanProcessors: options.spanProcessors,
    metricReaders: options.metricReaders,
    views: options.views,
    instrumentations: options.instrumentations,
  });
  sdk.start();
  return { kind: 'node-sdk', shutdown: () => sdk.shutdown() };
}
