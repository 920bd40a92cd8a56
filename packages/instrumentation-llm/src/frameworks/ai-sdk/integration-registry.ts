import { diag } from '@opentelemetry/api';

/**
 * The AI SDK's (`ai` 7) global list of telemetry integrations: `registerTelemetry(...)` pushes onto
 * `globalThis.AI_SDK_TELEMETRY_INTEGRATIONS` (creating it when missing) and every operation reads it.
 *
 * Ours is added to it. While it is there, the SDK's own OpenTelemetry integrations from `@ai-sdk/otel`
 * (`OpenTelemetry`: GenAI spans; `LegacyOpenTelemetry`: `ai.*` spans) are kept aside — not called — so one
 * operation makes one set of spans: ours (see docs/llm.md, "Vercel AI SDK"). The list gets an own `push`
 * that sets them aside when they are registered later; removing ours puts them back.
 */
const KEY = 'AI_SDK_TELEMETRY_INTEGRATIONS';
const STATE = Symbol.for('sightline.instrumentation-llm.ai-sdk-integrations');
/** Class names of `@ai-sdk/otel`'s integrations. */
const SDK_OTEL_INTEGRATIONS = new Set(['OpenTelemetry', 'LegacyOpenTelemetry']);

interface RegistryState {
  readonly ours: object;
  readonly setAside: object[];
}

type IntegrationList = object[] & { push(...items: object[]): number; [STATE]?: RegistryState };
type WithList = typeof globalThis & { [KEY]?: IntegrationList };

function isSdkOtelIntegration(integration: unknown): integration is object {
  if (typeof integration !== 'object' || integration === null) return false;
  const name = (integration as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === 'string' && SDK_OTEL_INTEGRATIONS.has(name) && 'callStates' in integration;
}

let warned = false;
function setAside(state: RegistryState, integration: object): void {
  state.setAside.push(integration);
  if (!warned) {
    warned = true;
    diag.info('@sightline/instrumentation-llm: the AI SDK’s @ai-sdk/otel integration is not called while Sightline traces the AI SDK (one set of spans per call); disable AiSdkInstrumentation to keep it');
  }
}

/** Adds `integration` once per process (a second Sightline instance finds it there); `false` when it could not. */
export function addIntegration(integration: object): boolean {
  const g = globalThis as WithList;
  let list = g[KEY];
  if (list === undefined) {
    list = [];
    g[KEY] = list;
  }
  if (!Array.isArray(list)) return false;
  if (list[STATE] !== undefined) return true;
  const state: RegistryState = { ours: integration, setAside: [] };
  for (let i = list.length - 1; i >= 0; i--) {
    const existing = list[i];
    if (isSdkOtelIntegration(existing)) {
      list.splice(i, 1);
      setAside(state, existing);
    }
  }
  const push = Array.prototype.push;
  Object.defineProperty(list, 'push', {
    configurable: true,
    writable: true,
    value(this: IntegrationList, ...items: object[]): number {
      for (const item of items) {
        if (isSdkOtelIntegration(item)) setAside(state, item);
        else push.call(this, item);
      }
      return this.length;
    },
  });
  Object.defineProperty(list, STATE, { configurable: true, value: state });
  push.call(list, integration);
  return true;
}

/** Removes ours and puts back what was set aside. */
export function removeIntegration(): void {
  const list = (globalThis as WithList)[KEY];
  const state = list?.[STATE];
  if (list === undefined || state === undefined) return;
  const index = list.indexOf(state.ours);
  if (index !== -1) list.splice(index, 1);
  delete (list as { push?: unknown }).push;
  delete list[STATE];
  list.push(...state.setAside);
}
