import type { Options } from 'tsup';

/**
 * The one build every package shares: an ESM and a CommonJS bundle per entry, for Node >= 22.15.
 * Declarations are emitted by `tsc -b` (project references), not by tsup.
 */
export function packageBuild(entry: string[]): Options {
  return {
    entry,
    format: ['esm', 'cjs'],
    target: 'node22',
    platform: 'node',
    splitting: true,
    sourcemap: true,
    clean: false,
    dts: false,
    shims: true,
    outDir: 'dist',
  };
}
