import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.shared.js';

export default defineConfig([
  packageBuild(['src/index.ts']),
  // The `sightline` command: ESM only, with the shebang that `npx sightline` needs.
  { ...packageBuild(['src/cli.ts']), format: ['esm'], banner: { js: '#!/usr/bin/env node' } },
]);
