/**
 * The `sightline` command (the package's `bin`, through `bin/sightline.js`). Loads only what the command
 * it runs needs: never the SDK for `--help` or `audit verify`.
 */
import { runCli } from './run-cli.js';

runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  stopped: new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  }),
}).then((code) => {
  process.exitCode = code;
});
