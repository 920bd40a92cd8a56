import {
  isWrapped,
  InstrumentationBase,
  InstrumentationNodeModuleDefinition,
  InstrumentationNodeModuleFile,
} from '@opentelemetry/instrumentation';
import type { Hook } from 'require-in-the-middle';
import { wrapRequireBearerAuth, wrapRequireBearerAuthGate } from './internal/bearer-auth.js';
import { createInstruments, type McpInstruments } from './internal/instruments.js';
import type { AnyFunction } from './internal/functions.js';
import { patchProtocol, reportUnsupportedVersion, unpatchProtocol } from './internal/patch-protocol.js';
import { resolvePayloadOptions } from './internal/resolve-options.js';
import { hookSdkV1CommonJs, V1_CJS_BEARER_AUTH } from './internal/sdk-v1-commonjs-hook.js';
import type { Telemetry } from './internal/telemetry.js';
import type { PayloadOptions } from './internal/tool-payload.js';
import {
  SDK_V1_OUTSIDE_VERSIONS,
  SDK_V1_SUPPORTED_VERSIONS,
  SDK_V2_OUTSIDE_VERSIONS,
  SDK_V2_SUPPORTED_VERSIONS,
} from './supported-versions.js';
import type { McpInstrumentationConfig } from './types.js';

const NAME = '@sightline/instrumentation-mcp';
const VERSION = '0.1.0';
const SDK_V1 = '@modelcontextprotocol/sdk';
const CLIENT_V2 = '@modelcontextprotocol/client';
const SERVER_V2 = '@modelcontextprotocol/server';
const BEARER_AUTH = 'requireBearerAuth';

/** A CommonJS file seen by the SDK 1.x hook: its version, and whether it is the bearer-auth middleware. */
interface V1CommonJsModule {
  version: string | undefined;
  bearerAuth: boolean;
}

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
  /** SDK 1.x CommonJS modules seen by that hook, for disable()/enable(). */
  declare private _v1CommonJsModules: Map<unknown, V1CommonJsModule> | undefined;

  constructor(config: McpInstrumentationConfig = {}) {
    super(NAME, VERSION, config);
  }

  override setConfig(config: McpInstrumentationConfig = {}): void {
    super.setConfig(config);
    this._payload = resolvePayloadOptions(config);
  }

  protected override _updateMetricInstruments(): void {
    this._instruments = createInstruments(this.meter, { name: NAME, version: VERSION }, this._config.histogramAggregator);
  }

  protected init(): InstrumentationNodeModuleDefinition[] {
    const unpatch = (moduleExports: unknown) => this._unpatch(moduleExports);
    const patch = (label: string, major: number) => (moduleExports: unknown, version?: string) =>
      this._patch(moduleExports, version, label, major);
    const v1Files = ['esm', 'cjs'].flatMap((build) => [
      new InstrumentationNodeModuleFile(`${SDK_V1}/dist/${build}/shared/protocol.js`, [SDK_V1_SUPPORTED_VERSIONS], patch(SDK_V1, 1), unpatch),
      new InstrumentationNodeModuleFile(
        `${SDK_V1}/dist/${build}/server/auth/middleware/bearerAuth.js`,
        [SDK_V1_SUPPORTED_VERSIONS],
        (moduleExports: unknown, version?: string) => this._patchBearerAuth(moduleExports, version, 1),
        (moduleExports: unknown) => this._unpatchBearerAuth(moduleExports),
      ),
    ]);
    const outside = (name: string, versions: readonly string[], range: string) =>
      new InstrumentationNodeModuleDefinition(name, [...versions], (moduleExports: unknown, version?: string) => {
        reportUnsupportedVersion(name, version, range);
        return moduleExports;
      });
    return [
      new InstrumentationNodeModuleDefinition(SDK_V1, [SDK_V1_SUPPORTED_VERSIONS], undefined, undefined, v1Files),
      outside(SDK_V1, SDK_V1_OUTSIDE_VERSIONS, SDK_V1_SUPPORTED_VERSIONS),
      new InstrumentationNodeModuleDefinition(CLIENT_V2, [SDK_V2_SUPPORTED_VERSIONS], patch(CLIENT_V2, 2), unpatch),
      outside(CLIENT_V2, SDK_V2_OUTSIDE_VERSIONS, SDK_V2_SUPPORTED_VERSIONS),
      new InstrumentationNodeModuleDefinition(SERVER_V2, [SDK_V2_SUPPORTED_VERSIONS], patch(SERVER_V2, 2), unpatch),
      outside(SERVER_V2, SDK_V2_OUTSIDE_VERSIONS, SDK_V2_SUPPORTED_VERSIONS),
    ];
  }

  override enable(): void {
    super.enable();
    if (this._v1CommonJsHook === undefined) {
      const modules = new Map<unknown, V1CommonJsModule>();
      this._v1CommonJsModules = modules;
      this._v1CommonJsHook = hookSdkV1CommonJs((file, moduleExports, version) => {
        const module = { version, bearerAuth: file === V1_CJS_BEARER_AUTH };
        modules.set(moduleExports, module);
        if (this._enabled) this._patchV1CommonJs(moduleExports, module);
      });
      return;
    }
    for (const [moduleExports, module] of this._v1CommonJsModules ?? []) this._patchV1CommonJs(moduleExports, module);
  }

  override disable(): void {
    super.disable();
    for (const [moduleExports, module] of this._v1CommonJsModules ?? []) {
      if (module.bearerAuth) this._unpatchBearerAuth(moduleExports);
      else this._unpatch(moduleExports);
    }
  }

  private _patchV1CommonJs(moduleExports: unknown, module: V1CommonJsModule): void {
    if (module.bearerAuth) this._patchBearerAuth(moduleExports, module.version, 1);
    else this._patch(moduleExports, module.version, SDK_V1, 1);
  }

  /**
   * `requireBearerAuth` (SDK 1.x express middleware, SDK 2.x fetch gate): what it returns emits the
   * security events (see internal/bearer-auth.ts).
   */
  private _patchBearerAuth(moduleExports: unknown, version: string | undefined, major: number): unknown {
    const target = moduleExports as Record<string, unknown> | undefined;
    if (version?.startsWith(`${major}.`) && typeof target?.[BEARER_AUTH] === 'function' && !isWrapped(target[BEARER_AUTH])) {
      this._wrap(target as Record<string, AnyFunction>, BEARER_AUTH, major === 1 ? wrapRequireBearerAuth : wrapRequireBearerAuthGate);
    }
    return moduleExports;
  }

  private _unpatchBearerAuth(moduleExports: unknown): void {
    const target = moduleExports as Record<string, unknown> | undefined;
    if (isWrapped(target?.[BEARER_AUTH])) this._unwrap(target as Record<string, AnyFunction>, BEARER_AUTH);
  }

  private _patch(moduleExports: unknown, version: string | undefined, label: string, major: number): unknown {
    const wrap = (target: object, name: string, wrapper: (original: AnyFunction) => AnyFunction) =>
      void this._wrap(target as Record<string, AnyFunction>, name, wrapper);
    if (label === SERVER_V2) this._patchBearerAuth(moduleExports, version, 2);
    return patchProtocol(this._getTelemetry(), wrap, moduleExports, version, label, major);
  }

  private _unpatch(moduleExports: unknown): void {
    unpatchProtocol((target, name) => this._unwrap(target as Record<string, unknown>, name), moduleExports);
    this._unpatchBearerAuth(moduleExports);
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
