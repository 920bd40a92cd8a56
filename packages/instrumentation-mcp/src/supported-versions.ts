/**
 * The versions of the MCP SDK packages this instrumentation supports, in one place: each module
 * definition carries its range (the instrumentation framework patches only those versions) and the
 * versions outside it, for which a definition only writes one diagnostic line. The README's table lists
 * the same ranges (checked by `test/supported-versions.test.ts`).
 */

/** `@modelcontextprotocol/sdk` 1.x. */
export const SDK_V1_SUPPORTED_VERSIONS = '>=1 <2';
export const SDK_V1_OUTSIDE_VERSIONS: readonly string[] = ['<1', '>=2'];

/** `@modelcontextprotocol/client` and `@modelcontextprotocol/server` 2.x. */
export const SDK_V2_SUPPORTED_VERSIONS = '>=2 <3';
export const SDK_V2_OUTSIDE_VERSIONS: readonly string[] = ['<2', '>=3'];
