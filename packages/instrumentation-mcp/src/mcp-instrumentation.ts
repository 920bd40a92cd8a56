import {
  InstrumentationBase,
  InstrumentationNodeModuleDefinition,
  InstrumentationNodeModuleFile,
} from '@opentelemetry/instrumentation';
import type { Hook } from 'require-in-the-middle';
import { createInstruments, type McpInstruments } from './internal/instruments.js';
import { patchProtocol, unpatchProtocol, type AnyFunction } from './internal/patch-protocol.js';
import { resolvePayloadOptions } from './internal/resolve-options.js';
import { hookSdkV1CommonJs } from './internal/sdk-v1-commonjs-hook.js';
import type { Telemetry } from './internal/telemetry.js';
import type { PayloadOptions } from './internal/tool-payload.js';
import type { McpInstrumentationConfig } from './types.js';

const NAME = '@sightline/instrumentation-mcp';
const VERSION = '0.1.0';
const SDK_V1 = '@modelcontextprotocol/sdk';
const CLIENT_V2 = '@modelcontextprotocol/client';
const SERVER_V2 = '@modelcontextprotocol/server';

/**
 * OpenTelemetry instrumentation of the MCP TypeScript SDK: `@modelcontextprotocol/sdk` 1.x and the
 * 2.x packages `@modelcontextprotocol/client` / `@modelcontextprotocol/server`. CLIENT spans for every
 * request and notification sent, SERVER spans for every request handled, W3C context in `params._meta`,
 * the MCP operation and session duration histograms. Works in ESM (with import-in-the-middle loader
 * hooks) and CommonJS apps, through `bootstrap()` or any `NodeSDK` / `registerInstrumentations`.
 */
export class McpInstrumentation extends InstrumentationBase<McpInstrumentationConfig> {
  // `declare`: these are assigned from the base constructor (setConfig, _updateMetricInstruments,
  // enable), before field initialisers would run; an initialiser would reset them.
  declare private _payload: PayloadOptions;
  declare private _instruments: McpInstruments;
  declare private _telemetry: Telemetry | undefined;
  declare private _v1CommonJsHook: Hook | undefined;
  /** SDK 1.x CommonJS `protocol.js` modules seen by that hook, with their version, for disable()/enable(). */
  declare private _v1CommonJsModules: Map<unknown, string | undefined> | undefined;

  constructor(config: McpInstrumentationConfig = {}) {
    super(NAME, VERSION, config);
  }

  override setConfig(config: McpInstrumentationConfig = {}): void {
    super.setConfig(config);
    this._payload = resolvePayloadOptions(config);
  }

  protected override _updateMetricInstruments(): void {
    this._instruments = createInstruments(this.meter);
  }

  protected init(): InstrumentationNodeModuleDefinition[] {
    const unpatch = (moduleExports: unknown) => this._unpatch(moduleExports);
    const patch = (label: string, major: number) => (moduleExports: unknown, version?: string) =>
      this._patch(moduleExports, version, label, major);
    const v1Files = ['esm', 'cjs'].map(
      (build) => new InstrumentationNodeModuleFile(`${SDK_V1}/dist/${build}/shared/protocol.js`, ['*'], patch(SDK_V1, 1), unpatch),
    );
    return [
      new InstrumentationNodeModuleDefinition(SDK_V1, ['*'], undefined, undefined, v1Files),
      new InstrumentationNodeModuleDefinition(CLIENT_V2, ['*'], patch(CLIENT_V2, 2), unpatch),
      new InstrumentationNodeModuleDefinition(SERVER_V2, ['*'], patch(SERVER_V2, 2), unpatch),
    ];
  }

  override enable(): void {
    super.enable();
    if (this._v1CommonJsHook === undefined) {
      const modules = new Map<unknown, string | undefined>();
      this._v1CommonJsModules = modules;
      this._v1CommonJsHook = hookSdkV1CommonJs((moduleExports, version) => {
        modules.set(moduleExports, version);
        if (this._enabled) this._patch(moduleExports, version, SDK_V1, 1);
      });
      return;
    }
    for (const [moduleExports, version] of this._v1CommonJsModules ?? []) this._patch(moduleExports, version, SDK_V1, 1);
  }

  override disable(): void {
    super.disable();
    for (const moduleExports of this._v1CommonJsModules?.keys() ?? []) this._unpatch(moduleExports);
  }

  private _patch(moduleExports: unknown, version: string | undefined, label: string, major: number): unknown {
    const wrap = (target: object, name: string, wrapper: (original: AnyFunction) => AnyFunction) =>
      void this._wrap(target as Record<string, AnyFunction>, name, wrapper);
    return patchProtocol(this._getTelemetry(), wrap, moduleExports, version, label, major);
  }

  private _unpatch(moduleExports: unknown): void {
    unpatchProtocol((target, name) => this._unwrap(target as Record<string, unknown>, name), moduleExports);
  }

  private _getTelemetry(): Telemetry {
    if (this._telemetry === undefined) {
      const self = this;
      this._telemetry = {
        get tracer() {
          return self.tracer;
        },
        get instruments() {
          return self._instruments;
        },
        get payload() {
          return self._payload;
        },
      };
    }
    return this._telemetry;
  }
}
