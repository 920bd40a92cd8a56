/**
 * Patches (and unpatches) one copy of the SDK's `Protocol` class, found as the `Protocol` export of the
 * module given: SDK 1.x's `dist/{esm,cjs}/shared/protocol.js`, SDK 2.x's `@modelcontextprotocol/client`
 * and `@modelcontextprotocol/server` entry points (each bundles its own copy). Patching the prototype
 * covers `Client`, `Server` and `McpServer` alike. An unexpected version or shape: one diag line, unpatched.
 */
import { diag } from '@opentelemetry/api';
import { isWrapped } from '@opentelemetry/instrumentation';
import type { AnyFunction } from './functions.js';
import { wrapOnCancel, wrapOnNotification, wrapOnRequest } from './incoming.js';
import { wrapConnect, wrapOnClose } from './lifecycle.js';
import { wrapOutgoing } from './outgoing.js';
import { detectShape, SHARED_METHODS } from './protocol-shape.js';
import type { Telemetry } from './telemetry.js';

/** The instrumentation's shimmer `_wrap` / `_unwrap`. */
export type Wrap = (target: object, name: string, wrapper: (original: AnyFunction) => AnyFunction) => void;
export type Unwrap = (target: object, name: string) => void;

const ALL_METHODS = [...SHARED_METHODS, 'request', 'notification', '_requestWithSchemaViaCodec', '_notificationViaCodec'];
const warned = new Set<string>();

function warnOnce(key: string, message: string): void {
  if (warned.has(key)) return;
  warned.add(key);
  diag.warn(`@sightline/instrumentation-mcp: ${message}; MCP calls through it are not traced, the app is unaffected`);
}

/** One diagnostic line per package and version outside the supported range (the module stays unpatched). */
export function reportUnsupportedVersion(label: string, version: string | undefined, range: string): void {
  warnOnce(`${label}@${version}`, `${label} ${version ?? '(unknown version)'} is not a supported version (${range})`);
}

function majorOf(version: string | undefined): number | undefined {
  const match = version === undefined ? null : /^(\d+)\./.exec(version);
  return match === null ? undefined : Number(match[1]);
}

function protocolPrototype(moduleExports: unknown): object | undefined {
  const Protocol = (moduleExports as { Protocol?: unknown } | undefined)?.Protocol;
  return typeof Protocol === 'function' ? (Protocol.prototype as object) : undefined;
}

/**
 * Patches the `Protocol` exported by `moduleExports` and returns `moduleExports`. Never throws.
 *
 * @param label the package, for the diagnostic line
 * @param major the SDK major version this module belongs to
 */
export function patchProtocol(
  telemetry: Telemetry,
  wrap: Wrap,
  moduleExports: unknown,
  version: string | undefined,
  label: string,
  major: number,
): unknown {
  try {
    if (majorOf(version) !== major) {
      warnOnce(`${label}@${version}`, `${label} ${version ?? '(unknown version)'} is not a supported version (${major}.x)`);
      return moduleExports;
    }
    const proto = protocolPrototype(moduleExports);
    const shape = detectShape(proto);
    if (proto === undefined || shape === undefined) {
      warnOnce(`${label}@${version}:shape`, `${label} ${version} has an unexpected Protocol class`);
      return moduleExports;
    }
    wrap(proto, shape.request, (original) => wrapOutgoing(telemetry, original, shape.requestIndex, 'request'));
    wrap(proto, shape.notification, (original) => wrapOutgoing(telemetry, original, shape.notificationIndex, 'notification'));
    wrap(proto, '_onrequest', (original) => wrapOnRequest(telemetry, original));
    wrap(proto, '_onnotification', (original) => wrapOnNotification(telemetry, original));
    wrap(proto, '_oncancel', (original) => wrapOnCancel(original));
    wrap(proto, '_onclose', (original) => wrapOnClose(telemetry, original));
    wrap(proto, 'connect', (original) => wrapConnect(original));
  } catch (error) {
    warnOnce(`${label}@${version}:error`, `patching ${label} ${version} failed (${String(error)})`);
  }
  return moduleExports;
}

/** Removes every wrapper `patchProtocol` put on the `Protocol` exported by `moduleExports`. Never throws. */
export function unpatchProtocol(unwrap: Unwrap, moduleExports: unknown): void {
  try {
    const proto = protocolPrototype(moduleExports) as Record<string, unknown> | undefined;
    if (proto === undefined) return;
    for (const name of ALL_METHODS) if (isWrapped(proto[name])) unwrap(proto, name);
  } catch {
    // Leave it patched rather than break the app.
  }
}
