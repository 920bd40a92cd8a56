/**
 * The CommonJS hook for `@llamaindex/core` (no main entry): a copy outside the supported range, required by
 * its subpaths, stays unpatched with one diagnostic line for the version, not one per subpath.
 */
import { diag, DiagLogLevel } from '@opentelemetry/api';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { LlamaIndexInstrumentation } from '../../../src/index.js';

const root = mkdtempSync(join(tmpdir(), 'llamaindex-hook-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function fakeCore(version: string): string {
  const dir = join(root, version, 'node_modules', '@llamaindex', 'core');
  const exports: Record<string, string> = {};
  for (const sub of ['decorator', 'agent', 'retriever']) {
    mkdirSync(join(dir, sub, 'dist'), { recursive: true });
    writeFileSync(join(dir, sub, 'dist', 'index.cjs'), 'exports.wrapLLMEvent = function wrapLLMEvent() {}; exports.callTool = function callTool() {};\n');
    exports[`./${sub}`] = `./${sub}/dist/index.cjs`;
  }
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: '@llamaindex/core', version, exports }));
  const app = join(root, version, 'app.cjs');
  writeFileSync(app, '');
  return app;
}

it('outside the range: unpatched, one diagnostic line; inside: patched', () => {
  const lines: string[] = [];
  diag.setLogger({ warn: (m: string) => lines.push(m), error: () => {}, info: () => {}, debug: () => {}, verbose: () => {} }, DiagLogLevel.WARN);
  const instrumentation = new LlamaIndexInstrumentation();
  try {
    const old = createRequire(fakeCore('0.5.9'));
    const decorator = old('@llamaindex/core/decorator') as { wrapLLMEvent: Function };
    old('@llamaindex/core/agent');
    old('@llamaindex/core/retriever');
    expect(decorator.wrapLLMEvent.name).toBe('wrapLLMEvent');
    expect(lines.filter((l) => l.includes('@llamaindex/core 0.5.9'))).toHaveLength(1);
    const current = createRequire(fakeCore('0.6.30'));
    expect((current('@llamaindex/core/decorator') as { wrapLLMEvent: Function }).wrapLLMEvent.name).toBe('sightlineWrapLLMEvent');
    expect((current('@llamaindex/core/agent') as { callTool: Function }).callTool.name).toBe('sightlineCallTool');
  } finally {
    instrumentation.disable();
    diag.disable();
  }
});
