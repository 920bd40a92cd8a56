import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.shared.js';

const [cliEsm] = packageBuild([]);

export default defineConfig([
  ...packageBuild(['src/index.ts', 'src/register.ts']),
  // The `sightline` command: ESM only (bin/sightline.js imports dist/cli/main.js), each command in a chunk
  // that loads on demand.
  { ...cliEsm, entry: { 'cli/main': 'src/cli/main.ts' } },
]);
