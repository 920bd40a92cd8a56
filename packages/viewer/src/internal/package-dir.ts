import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let found: string | undefined;

/**
 * The package's root directory (the nearest ancestor holding a package.json), where `page/` and `proto/`
 * are: the same answer from the built `dist/` bundle and from the sources under `src/` that tests run.
 */
export function packageDir(): string {
  if (found !== undefined) return found;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('@sightline/viewer: package.json not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
  found = dir;
  return dir;
}
