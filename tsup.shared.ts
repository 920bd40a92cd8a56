import { readdir, readFile, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import { join } from 'node:path';
import type { Options } from 'tsup';

type EsbuildPlugin = NonNullable<Options['esbuildPlugins']>[number];

/**
 * The one build every package shares, for Node >= 22.15: an ESM bundle per entry, with code splitting so
 * that entries share one module instance; and a CommonJS bundle per entry, without splitting, which
 * esbuild then emits directly (tsup's CommonJS splitting converts the ESM output with sucrase, which lowers
 * every `?.` and `??` into helper calls that allocate on the hot path). An entry's CommonJS bundle thus
 * carries its own copy of shared code; process-wide state lives under `Symbol.for('sightline.…')`, so that
 * copy still sees the one SDK. Source maps carry their sources (`sourcesContent`), so a debugger or
 * `--enable-source-maps` needs nothing that is not shipped. A preload entry is built apart, as one file
 * per format with its dependencies inlined ({@link preloadBuild}).
 *
 * `@opentelemetry/semantic-conventions/incubating` is not imported at run time: it is about 1 MB of
 * constants that may change in any minor release (the OpenTelemetry guidance for instrumentations), so
 * {@link inlineIncubatingSemconv} replaces it, for each importing file, by a module of just the names that
 * file takes, with their values from the installed package (the source maps then carry that small module,
 * not the whole registry). The stable entry point stays an ordinary dependency.
 *
 * Declarations (`dist/**\/*.d.ts`) are emitted by `tsc -b` (project references), not by tsup; after the
 * CommonJS build, {@link writeCommonJsDeclarations} copies them to `.d.cts` for the `require` condition.
 */
const INCUBATING_SEMCONV = /^@opentelemetry\/semantic-conventions\/incubating$/;
const NAMESPACE = 'sightline-incubating-semconv';

/** The names `source` takes from the incubating entry point (`import { A, B as C } from …`, `export { … } from …`). */
function incubatingNames(source: string): string[] {
  const names: string[] = [];
  for (const [, list] of source.matchAll(/(?:import|export)\s*(?:type\s*)?\{([^}]*)\}\s*from\s*'@opentelemetry\/semantic-conventions\/incubating'/g)) {
    for (const item of list!.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '').split(',')) {
      const name = item.trim().split(/\s+as\s+/)[0]!.trim();
      if (name !== '') names.push(name);
    }
  }
  return names;
}

/** Replaces the incubating entry point by the constants each importer uses, read from the installed package. */
export function inlineIncubatingSemconv(): EsbuildPlugin {
  return {
    name: 'inline-incubating-semconv',
    setup(build) {
      build.onResolve({ filter: INCUBATING_SEMCONV }, (args) => ({ path: args.importer, namespace: NAMESPACE }));
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => {
        const registry = createRequire(args.path)('@opentelemetry/semantic-conventions/incubating') as Record<string, unknown>;
        const lines = incubatingNames(readFileSync(args.path, 'utf8')).map((name) => {
          if (!(name in registry)) throw new Error(`${args.path}: @opentelemetry/semantic-conventions/incubating has no ${name}`);
          return `export const ${name} = ${JSON.stringify(registry[name])};`;
        });
        return { contents: lines.join('\n') + '\n', loader: 'js' };
      });
    },
  };
}

function commonOptions(entry: Options['entry']): Options {
  return {
    entry,
    target: 'node22',
    platform: 'node',
    sourcemap: true,
    clean: false,
    dts: false,
    shims: true,
    outDir: 'dist',
    noExternal: [INCUBATING_SEMCONV],
    esbuildPlugins: [inlineIncubatingSemconv()],
  };
}

export function packageBuild(entry: string[]): Options[] {
  const common = commonOptions(entry);
  return [
    { ...common, format: ['esm'], splitting: true },
    { ...common, format: ['cjs'], splitting: false, onSuccess: () => writeCommonJsDeclarations(common.outDir!) },
  ];
}

/** `from './x.js'`, `import('./x.js')`: relative specifiers of a declaration file. */
const RELATIVE_JS_SPECIFIER = /((?:from|import)\s*\(?\s*)(["'])(\.{1,2}\/[^"']*?)\.js\2/g;

/**
 * Writes a `.d.cts` beside every `.d.ts` under `dir`, its relative imports pointed at the `.d.cts` files
 * (`./x.js` → `./x.cjs`). A package of `"type": "module"` needs them: TypeScript reads a `.d.ts` there as
 * ESM, so a CommonJS consumer under `node16`/`nodenext` would be typed as importing ESM (TS1479);
 * the `require` condition's `types` is the `.d.cts` tree, which TypeScript reads as CommonJS.
 */
export async function writeCommonJsDeclarations(dir: string): Promise<void> {
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.d.ts')) continue;
    const file = join(entry.parentPath, entry.name);
    const text = await readFile(file, 'utf8');
    await writeFile(file.slice(0, -'.d.ts'.length) + '.d.cts', text.replace(RELATIVE_JS_SPECIFIER, '$1$2$3.cjs$2'));
  }
}

/** Specifiers that name no package: relative and absolute paths, a package's own `#imports`, Node's modules. */
const NOT_A_PACKAGE = /^(\.{0,2}\/|\.{1,2}$|[A-Za-z]:[/\\]|#)/;

/**
 * Leaves every package that `inline` does not match external, transitive dependencies included (tsup alone
 * would bundle a package that is not a dependency of the package built), so that a bundle carries exactly
 * what its list names.
 */
function onlyInline(inline: RegExp): EsbuildPlugin {
  return {
    name: 'only-inline',
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === 'entry-point' || NOT_A_PACKAGE.test(args.path) || isBuiltin(args.path) || inline.test(args.path)) return undefined;
        return { path: args.path, external: true };
      });
    },
  };
}

/**
 * The build of a preload entry (`register`): one file per format, ESM and CommonJS, with the packages
 * `inline` matches bundled into it, so that starting it resolves, reads and compiles one module instead of
 * hundreds. Every other package stays external: `@opentelemetry/api` (the one copy the app's API calls reach
 * must be the one the SDK registers with), and whatever the preload loads only on demand. The packages it
 * inlines are thus a second copy of code the app may load again (`@sightline/core` itself, the SDK
 * packages): process-wide state lives under `Symbol.for('sightline.…')` for that (docs/development.md).
 */
export function preloadBuild(entry: string, inline: RegExp): Options[] {
  const common: Options = {
    ...commonOptions([entry]),
    splitting: false,
    noExternal: [inline, INCUBATING_SEMCONV],
    esbuildPlugins: [inlineIncubatingSemconv(), onlyInline(inline)],
  };
  return [
    { ...common, format: ['esm'] },
    { ...common, format: ['cjs'] },
  ];
}
