#!/usr/bin/env node
// The `sightline` command. This file is committed rather than built so that npm links the bin at install
// time, before the first build; the commands are in dist/cli/.
try {
  await import('../dist/cli/main.js');
} catch (error) {
  const notBuilt = error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/cli/main.js');
  process.stderr.write(`sightline: ${notBuilt ? '@sightline/core is not built (run `npm run build`)' : String(error?.message ?? error)}\n`);
  process.exitCode = 2;
}
