import { diag, DiagLogLevel, type DiagLogger } from '@opentelemetry/api';
import { readFileSync } from 'node:fs';
import { satisfies } from 'semver';
import { describe, expect, it } from 'vitest';
import { McpInstrumentation } from '../src/index.js';
import * as ranges from '../src/supported-versions.js';

const definitions = () => new McpInstrumentation({ enabled: false }).getModuleDefinitions();

describe('supported versions', () => {
  it('each package has a definition for its range (files too) and one for exactly the versions outside it', () => {
    const byName = (name: string) => definitions().filter((d) => d.name === name).map((d) => d.supportedVersions);
    expect(byName('@modelcontextprotocol/sdk')).toEqual([[ranges.SDK_V1_SUPPORTED_VERSIONS], [...ranges.SDK_V1_OUTSIDE_VERSIONS]]);
    expect(byName('@modelcontextprotocol/client')).toEqual([[ranges.SDK_V2_SUPPORTED_VERSIONS], [...ranges.SDK_V2_OUTSIDE_VERSIONS]]);
    expect(byName('@modelcontextprotocol/server')).toEqual([[ranges.SDK_V2_SUPPORTED_VERSIONS], [...ranges.SDK_V2_OUTSIDE_VERSIONS]]);
    for (const file of definitions()[0]!.files) expect(file.supportedVersions).toEqual([ranges.SDK_V1_SUPPORTED_VERSIONS]);
    for (const [range, outside] of [[ranges.SDK_V1_SUPPORTED_VERSIONS, ranges.SDK_V1_OUTSIDE_VERSIONS], [ranges.SDK_V2_SUPPORTED_VERSIONS, ranges.SDK_V2_OUTSIDE_VERSIONS]] as const) {
      for (const version of ['0.9.0', '1.0.0', '1.32.2', '2.0.0', '2.4.0', '3.0.0']) {
        expect(satisfies(version, range) !== outside.some((r) => satisfies(version, r)), `${range} ${version}`).toBe(true);
      }
    }
  });

  it('a version outside the range: one diagnostic line, the module returned unchanged', () => {
    const warnings: string[] = [];
    const collect = (...args: unknown[]) => void warnings.push(args.map(String).join(' '));
    diag.setLogger({ warn: collect, error: collect, info: () => {}, debug: () => {}, verbose: () => {} } as DiagLogger, DiagLogLevel.WARN);
    try {
      const outside = definitions().find((d) => d.name === '@modelcontextprotocol/client' && d.supportedVersions.includes('>=3'))!;
      const exports = { Protocol: class {} };
      expect(outside.patch!(exports, '3.0.0')).toBe(exports);
      outside.patch!(exports, '3.0.0');
      expect(warnings.filter((w) => w.includes('@modelcontextprotocol/client 3.0.0 is not a supported version (>=2 <3)'))).toHaveLength(1);
    } finally {
      diag.disable();
    }
  });

  it('the README table lists the same ranges', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(`| \`@modelcontextprotocol/sdk\` | 1.x (\`${ranges.SDK_V1_SUPPORTED_VERSIONS}\`) |`);
    expect(readme).toContain(`| \`@modelcontextprotocol/client\`, \`@modelcontextprotocol/server\` | 2.x (\`${ranges.SDK_V2_SUPPORTED_VERSIONS}\`) |`);
  });
});
