import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.shared.js';

const [esm] = packageBuild(['src/cli.ts']);

export default defineConfig([
  ...packageBuild(['src/index.ts']),
  // The `sightline` command: ESM only, with the shebang that `npx sightline` needs.
  { ...esm, banner: { js: '#!/usr/bin/env node' } },
]);
