/**
 * `@llamaindex/core` under CommonJS. The package has no main entry (its `exports` map names subpaths
 * only), so `require.resolve('@llamaindex/core')` fails and the OpenTelemetry require-in-the-middle
 * singleton (which resolves the bare package name to tell its main file from internal ones) never reports
 * any of its files. A require-in-the-middle hook listing the required subpaths by name does not need that
 * resolution; this is that hook (the same fix as `@sightline/instrumentation-mcp` has for the MCP SDK 1.x).
 * ESM goes through import-in-the-middle, which reports the files as `InstrumentationNodeModuleFile`s expect.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hook } from 'require-in-the-middle';

/** The subpaths patched, as the LlamaIndex packages require them. */
export const CJS_DECORATOR = '@llamaindex/core/decorator';
export const CJS_AGENT = '@llamaindex/core/agent';
export const CJS_RETRIEVER = '@llamaindex/core/retriever';

function packageVersion(basedir: string | undefined): string | undefined {
  if (basedir === undefined) return undefined;
  try {
    const version = (JSON.parse(readFileSync(join(basedir, 'package.json'), 'utf8')) as { version?: unknown }).version;
    return typeof version === 'string' ? version : undefined;
  } catch {
    return undefined;
  }
}

/** Calls `onLoad` with the subpath, exports and package version of each of them required from now on. */
export function hookLlamaIndexCommonJs(onLoad: (subpath: string, moduleExports: unknown, version: string | undefined) => void): Hook {
  return new Hook([CJS_DECORATOR, CJS_AGENT, CJS_RETRIEVER], { internals: true }, (moduleExports, name, basedir) => {
    onLoad(name, moduleExports, packageVersion(basedir));
    return moduleExports;
  });
}
