/**
 * SDK 1.x under CommonJS. `@modelcontextprotocol/sdk`'s `exports["."].require` points at a file the package
 * does not ship, so `require.resolve('@modelcontextprotocol/sdk')` fails and the OpenTelemetry
 * require-in-the-middle singleton (which resolves the bare package name to tell its main file from
 * internal ones) never reports any of its files. A require-in-the-middle hook listing the internal file by
 * its full name does not need that resolution; this is that hook. (ESM goes through import-in-the-middle,
 * which reports internal files as `InstrumentationNodeModuleFile`s expect.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hook } from 'require-in-the-middle';

/** The SDK 1.x CommonJS files patched, as require-in-the-middle names them (extension dropped). */
export const V1_CJS_PROTOCOL = '@modelcontextprotocol/sdk/dist/cjs/shared/protocol';
export const V1_CJS_BEARER_AUTH = '@modelcontextprotocol/sdk/dist/cjs/server/auth/middleware/bearerAuth';

function packageVersion(basedir: string | undefined): string | undefined {
  if (basedir === undefined) return undefined;
  try {
    const version = (JSON.parse(readFileSync(join(basedir, 'package.json'), 'utf8')) as { version?: unknown }).version;
    return typeof version === 'string' ? version : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Calls `onLoad` with the file name (one of the constants above), exports and package version of every
 * SDK 1.x CommonJS file of interest loaded from now on; returns the hook (its `unhook()` stops that).
 */
export function hookSdkV1CommonJs(onLoad: (file: string, moduleExports: unknown, version: string | undefined) => void): Hook {
  return new Hook([V1_CJS_PROTOCOL, V1_CJS_BEARER_AUTH], { internals: true }, (moduleExports, name, basedir) => {
    onLoad(name, moduleExports, packageVersion(basedir));
    return moduleExports;
  });
}
