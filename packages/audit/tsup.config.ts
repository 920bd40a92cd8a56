import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.shared.js';

// `./verify` is its own entry so that `sightline audit verify` loads the verifier (Node built-ins only)
// without the processors and the OpenTelemetry packages they import.
export default defineConfig(packageBuild(['src/index.ts', 'src/verify-audit-trail.ts']));
