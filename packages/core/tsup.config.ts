import { defineConfig } from 'tsup';
import { packageBuild, preloadBuild } from '../../tsup.shared.js';

const [cliEsm] = packageBuild([]);

/**
 * What the `register` preload carries in its one file: the Sightline packages it composes and the
 * OpenTelemetry SDK packages of the default start (the stable semantic conventions only). Not
 * `@opentelemetry/api`, nor what loads on demand: instrumentations and their runtime, the Prometheus
 * exporter, `sdk-node`, RE2JS (docs/footprint.md).
 */
const PRELOAD_INLINES =
  /^(@sightline\/(audit|metrics|redaction|sampling)|@opentelemetry\/(core|resources|sdk-trace|sdk-logs|sdk-metrics|context-async-hooks|otlp-exporter-base|otlp-transformer|exporter-metrics-otlp-http)|@opentelemetry\/semantic-conventions$)(\/|$)/;

export default defineConfig([
  ...packageBuild(['src/index.ts']),
  ...preloadBuild('src/register.ts', PRELOAD_INLINES),
  // The `sightline` command: ESM only (bin/sightline.js imports dist/cli/main.js), each command in a chunk
  // that loads on demand.
  { ...cliEsm, entry: { 'cli/main': 'src/cli/main.ts' } },
]);
