import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.shared.js';

// One entry, so no chunks to split; without splitting tsup builds the CommonJS bundle with esbuild
// directly instead of converting the ESM one with sucrase, which would rewrite every `?.` and `??` into
// `_optionalChain([...closures])` helper calls that allocate on every MCP message.
export default defineConfig({ ...packageBuild(['src/index.ts']), splitting: false });
