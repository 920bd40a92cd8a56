import { closeSync, existsSync, fstatSync, mkdtempSync, openSync, readFileSync, readSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runNode, startNode } from './fixtures/run-node.js';

const KEY = 'e2e-audit-key';
const APP = 'apps/audit-writer-app.mjs';
const CLI = new URL('../packages/core/bin/sightline.js', import.meta.url).pathname;

/**
 * Starts the writer and SIGKILLs it while a write is under way: the writer only ever writes whole lines, so a
 * file whose last byte is not a newline is being written to right now. (The kernel stops a large write to a
 * regular file at a page boundary when the process is killed.)
 */
async function killMidWrite(file: string): Promise<void> {
  const { child, result } = startNode([APP], { env: { AUDIT_FILE: file, AUDIT_KEY: KEY, RECORD_BYTES: String(32 << 20) } });
  let exited = false;
  void result.then(() => (exited = true));
  while (!exited) {
    if (existsSync(file) && endsTorn(file)) {
      child.kill('SIGKILL');
      break;
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  const run = await result;
  expect(run.signal).toBe('SIGKILL');
}

function endsTorn(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const last = Buffer.alloc(1);
    return size > 0 && readSync(fd, last, 0, 1, size - 1) === 1 && last[0] !== 0x0a;
  } finally {
    closeSync(fd);
  }
}

describe('audit trail in real processes', () => {
  it('a SIGKILL mid-write leaves a torn last line that the next start seals; the CLI verifies it all', async () => {
    let file = '';
    // A kill that lands just after a write completed tears nothing: try again then.
    for (let attempt = 0; attempt < 5; attempt++) {
      file = join(mkdtempSync(join(tmpdir(), 'sightline-audit-e2e-')), 'audit.jsonl');
      await killMidWrite(file);
      if (endsTorn(file)) break;
    }
    expect(endsTorn(file)).toBe(true);

    const before = await runNode([CLI, 'audit', 'verify', file], { env: { SIGHTLINE_HMAC_KEY: KEY } });
    expect(before.code).toBe(1);
    expect(before.stdout).toMatch(/truncated/);

    const size = statSync(file).size;
    const restart = await runNode([APP], { env: { AUDIT_FILE: file, AUDIT_KEY: KEY, AUDIT_COUNT: '3' } });
    expect(restart.code).toBe(0);
    expect(statSync(file).size).toBeGreaterThan(size);

    const after = await runNode([CLI, 'audit', 'verify', file], { env: { SIGHTLINE_HMAC_KEY: KEY } });
    expect(after.stdout).toMatch(/audit trail intact: 1 file, .*1 torn line recovered/);
    expect(after.code).toBe(0);
  });

  it('the CLI names the first tampered line and exits non-zero; misuse exits 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sightline-audit-e2e-'));
    const file = join(dir, 'audit.jsonl');
    expect((await runNode([APP], { env: { AUDIT_FILE: file, AUDIT_KEY: KEY, AUDIT_COUNT: '5' } })).code).toBe(0);
    const lines = readFileSync(file, 'utf8').split('\n');
    lines[3] = lines[3]!.replace('call 2', 'call 7');
    writeFileSync(file, lines.join('\n'));
    const run = await runNode([CLI, 'audit', 'verify', file], { env: { SIGHTLINE_HMAC_KEY: KEY } });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${file}:4: modified`);
    expect((await runNode([CLI, 'audit'])).code).toBe(2);
  });
});
