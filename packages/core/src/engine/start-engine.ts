import { diag } from '@opentelemetry/api';
import type { Engine, EngineOptions } from './engine.js';
import { loadNodeSdk, NODE_SDK_PACKAGE, startNodeSdk } from './node-sdk-engine.js';
import { NODE_SDK_PROPAGATORS, type PropagatorName } from './propagators.js';
import { startProviders } from './provider-engine.js';

/** `OTEL_PROPAGATORS`' default. */
const DEFAULT_PROPAGATORS: readonly PropagatorName[] = ['tracecontext', 'baggage'];

/**
 * Starts the SDK with the cheapest engine that serves the configuration: the providers built directly
 * ({@link startProviders}) unless a feature only `@opentelemetry/sdk-node` has is asked for; then `NodeSDK`,
 * when installed (an optional peer dependency), else one diag line and the providers without that feature.
 */
export function startEngine(options: EngineOptions, load = loadNodeSdk): Engine {
  const needsNodeSdk = options.propagators.filter((name) => NODE_SDK_PROPAGATORS.includes(name));
  if (needsNodeSdk.length === 0) return startProviders(options);
  const nodeSdk = load();
  if (nodeSdk !== undefined) return startNodeSdk(nodeSdk, options);
  const w3c = options.propagators.filter((name) => !NODE_SDK_PROPAGATORS.includes(name));
  const propagators = w3c.length > 0 ? w3c : DEFAULT_PROPAGATORS;
  diag.warn(
    `sightline: OTEL_PROPAGATORS names ${needsNodeSdk.join(', ')}, which needs ${NODE_SDK_PACKAGE} (npm install ${NODE_SDK_PACKAGE}); ` +
      `propagating ${propagators.join(',')} instead`,
  );
  return startProviders({ ...options, propagators });
}
