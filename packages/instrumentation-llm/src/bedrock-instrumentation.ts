import { PROVIDER_AWS_BEDROCK } from './semconv.js';
import type { Adapter } from './internal/adapters/adapter.js';
import { bedrockConverseAdapter, bedrockConverseStreamAdapter } from './internal/adapters/bedrock-converse.js';
import { bedrockInvokeAdapter, bedrockInvokeEmbeddingsAdapter, bedrockInvokeStreamAdapter } from './internal/adapters/bedrock-invoke.js';
import { runAsyncCall, type ResultShape } from './internal/async-call.js';
import { addAttemptMiddleware, type MiddlewareStackLike } from './internal/bedrock-middleware.js';
import { LlmInstrumentationBase } from './internal/llm-instrumentation-base.js';
import { endpointFor } from './internal/server-info.js';
import { moduleDefinitions, reportShapeMismatch } from './internal/supported-version.js';
import { BEDROCK_SUPPORTED_VERSIONS } from './supported-versions.js';
import { unwrapMethod, wrapMethod } from './internal/wrap-method.js';

type CommandClass = abstract new (...args: never[]) => object;
interface BedrockModule {
  BedrockRuntimeClient?: { prototype: object };
  ConverseCommand?: CommandClass;
  ConverseStreamCommand?: CommandClass;
  InvokeModelCommand?: CommandClass;
  InvokeModelWithResponseStreamCommand?: CommandClass;
}
interface Command {
  input?: { modelId?: unknown };
}
interface Client {
  middlewareStack?: MiddlewareStackLike;
}

const OUTPUT_STREAM: ResultShape = { stream: (output) => (output as { stream?: unknown } | null)?.stream };
const OUTPUT_BODY: ResultShape = { stream: (output) => (output as { body?: unknown } | null)?.body };
const IDENTITY: ResultShape = {};
const NO_ADDRESS = endpointFor(undefined, PROVIDER_AWS_BEDROCK);

/** The traced commands, by class, with the adapter and the output's shape. */
function commandTable(exports: BedrockModule): ReadonlyArray<readonly [CommandClass, (input: Command['input']) => Adapter, ResultShape]> | undefined {
  const { ConverseCommand, ConverseStreamCommand, InvokeModelCommand, InvokeModelWithResponseStreamCommand } = exports;
  if (!ConverseCommand || !ConverseStreamCommand || !InvokeModelCommand || !InvokeModelWithResponseStreamCommand) return undefined;
  return [
    [ConverseCommand, () => bedrockConverseAdapter, IDENTITY],
    [ConverseStreamCommand, () => bedrockConverseStreamAdapter, OUTPUT_STREAM],
    [InvokeModelCommand, (input) => (/embed/i.test(String(input?.modelId ?? '')) ? bedrockInvokeEmbeddingsAdapter : bedrockInvokeAdapter), IDENTITY],
    [InvokeModelWithResponseStreamCommand, () => bedrockInvokeStreamAdapter, OUTPUT_BODY],
  ];
}

/**
 * Traces `@aws-sdk/client-bedrock-runtime` (v3): `ConverseCommand`, `ConverseStreamCommand`,
 * `InvokeModelCommand` and `InvokeModelWithResponseStreamCommand`, sent through `client.send()` or the
 * aggregated `BedrockRuntime` methods (which call `send`). `send` is shadowed on `BedrockRuntimeClient`
 * alone (other AWS clients share the Smithy `Client.prototype.send`); other commands and the callback
 * form pass through untouched. A middleware added to each traced client reads the address, the resend
 * count and InvokeModel's token-count headers.
 */
export class BedrockInstrumentation extends LlmInstrumentationBase {
  protected init() {
    return moduleDefinitions(
      '@aws-sdk/client-bedrock-runtime',
      BEDROCK_SUPPORTED_VERSIONS,
      (exports: BedrockModule, version?: string) => this._patch(exports, version),
      (exports: BedrockModule) => this._unpatch(exports),
    );
  }

  private _patch(exports: BedrockModule, version: string | undefined): BedrockModule {
    const proto = exports?.BedrockRuntimeClient?.prototype;
    const table = commandTable(exports ?? {});
    if (proto === undefined || table === undefined || typeof (proto as { send?: unknown }).send !== 'function') {
      reportShapeMismatch('@aws-sdk/client-bedrock-runtime', version, proto === undefined ? 'BedrockRuntimeClient' : 'Converse/InvokeModel commands');
      return exports;
    }
    const instrumentation = this;
    wrapMethod(proto, 'send', (original) =>
      function sightlineSend(this: Client | undefined, command: Command, optionsOrCallback?: unknown, callback?: unknown): unknown {
        if (typeof optionsOrCallback === 'function' || typeof callback === 'function') return original.apply(this, arguments);
        let row: (typeof table)[number] | undefined;
        for (const entry of table) {
          if (command instanceof entry[0]) {
            row = entry;
            break;
          }
        }
        if (row === undefined) return original.apply(this, arguments);
        addAttemptMiddleware(this?.middlewareStack);
        return runAsyncCall(instrumentation, row[1](command.input), command.input, NO_ADDRESS, original, this, arguments, row[2]);
      },
    );
    return exports;
  }

  private _unpatch(exports: BedrockModule): void {
    const proto = exports?.BedrockRuntimeClient?.prototype;
    if (proto !== undefined) unwrapMethod(proto, 'send');
  }
}
