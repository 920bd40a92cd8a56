import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const DEMO_DIR = fileURLToPath(new URL('../examples/demo/', import.meta.url));

describe('the demo (what `npm run demo` runs)', () => {
  it('prints the workflow in the pretty console format: logs, spans, the failure, one trace', () => {
    const run = spawnSync('npm', ['run', '--silent', 'start'], {
      cwd: DEMO_DIR,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
      timeout: 60_000,
    });
    expect(run.status).toBe(0);
    const out = run.stdout;
    expect(out).toMatch(/INFO {2}demo\.workflow workflow started {2}trace=[0-9a-f]{8}/);
    expect(out).toMatch(/SPAN {2}board decision [\d.]+ms trace=[0-9a-f]{8}/);
    expect(out).toMatch(/SPAN {2}step review [\d.]+ms trace=[0-9a-f]{8} status=ERROR: step review timed out/);
    expect(out).toMatch(/ERROR demo\.workflow a step failed/);
    expect(out).toContain('session.id: session-7f3a');
    expect(out).toContain('the legacy pino logger is captured too');
    const traceIds = new Set([...out.matchAll(/trace=([0-9a-f]{8})/g)].map((m) => m[1]));
    expect(traceIds.size).toBe(1);
  });
});
