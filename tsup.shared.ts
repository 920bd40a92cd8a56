import type { Options } from 'tsup';

/**
 * The one build every package shares, for Node >= 22.15: an ESM bundle per entry, with code splitting so
 * that entries share one module instance; and a CommonJS bundle per entry, without splitting, which
 * esbuild then emits directly (tsup's CommonJS splitting converts the ESM output with sucrase, which lowers
 * every `?.` and `??` into helper calls that allocate on the hot path). An entry's CommonJS bundle thus
 * carries its own copy of shared code; process-wide state lives under `Symbol.for('sightline.…')`, so that
 * copy still sees the one SDK. Declarations are emitted by `tsc -b` (project references), not by tsup.
 */
export function packageBuild(entry: string[]): Options[] {
  const common: Options = {
    entry,
    target: 'node22',
    platform: 'node',
    sourcemap: true,
    clean: false,
    dts: false,
    shims: true,
    outDir: 'dist',
  };
  return [
    { ...common, format: ['esm'], splitting: true },
    { ...common, format: ['cjs'], splitting: false },
  ];
}
