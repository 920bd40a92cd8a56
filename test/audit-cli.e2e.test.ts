import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runNode } from './fixtures/run-node.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'packages/core/bin/sightline.js');
const KEY = 'e2e-cli-key';
let trail: string;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npx sightline <args>` in `cwd`, as a user's shell runs it: no npm_* or SIGHTLINE_* variables inherited. */
function npx(cwd: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  const clean: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^(npm_|SIGHTLINE_|OTEL_|NODE_OPTIONS$)/i.test(name)) clean[name] = value;
  }
  return new Promise((resolve) => {
    execFile('npx', ['--no-install', 'sightline', ...args], { cwd, env: { ...clean, ...env, npm_config_update_notifier: 'false' } }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  trail = join(mkdtempSync(join(tmpdir(), 'sightline-cli-e2e-')), 'audit.jsonl');
  const written = await runNode(['apps/audit-writer-app.mjs'], { env: { AUDIT_FILE: trail, AUDIT_KEY: KEY, AUDIT_COUNT: '3' } });
  expect(written.code).toBe(0);
});

describe('npx sightline', () => {
  it.each([['the repository root', '.'], ['@sightline/audit', 'packages/audit'], ['@sightline/redaction', 'packages/redaction']])(
    'audit verify works from %s',
    async (_, folder) => {
      const cwd = join(ROOT, folder);
      const run = await npx(cwd, ['audit', 'verify', relative(cwd, trail)], { SIGHTLINE_HMAC_KEY: KEY });
      expect(run.stderr).toBe('');
      expect(run.stdout).toMatch(/^audit trail intact: 1 file, 4 lines \(3 records\), .*verified with HMAC-SHA256, key id [0-9a-f]{8}\n/);
      expect(run.code).toBe(0);
    },
  );

  it('--help and <command> --help print help and exit 0', async () => {
    const top = await npx(ROOT, ['--help']);
    expect(top).toMatchObject({ code: 0, stderr: '' });
    expect(top.stdout).toContain('audit verify');
    const command = await npx(join(ROOT, 'packages/core'), ['audit', 'verify', '--help']);
    expect(command).toMatchObject({ code: 0, stderr: '' });
    expect(command.stdout).toMatch(/^usage: sightline audit verify /);
  });

  it('exits 1 for a tampered trail and 2 for an unreadable file or misuse', async () => {
    const lines = readFileSync(trail, 'utf8').split('\n');
    const noHeader = trail.replace(/\.jsonl$/, '-no-header.jsonl');
    writeFileSync(noHeader, lines.slice(1).join('\n'));
    const tampered = await runNode([BIN, 'audit', 'verify', noHeader], { env: { SIGHTLINE_HMAC_KEY: KEY } });
    expect(tampered.stdout).toContain(`${noHeader}:1: deleted:`);
    expect(tampered.code).toBe(1);
    const unreadable = await runNode([BIN, 'audit', 'verify', `${trail}.missing`], { env: { SIGHTLINE_HMAC_KEY: KEY } });
    expect(unreadable).toMatchObject({ code: 2, stdout: '' });
    expect((await runNode([BIN, 'audit', 'verify', '--no-such-option', trail])).code).toBe(2);
  });

  it('loads no OpenTelemetry package for --help or audit verify', async () => {
    const loaded = (stderr: string): string[] => JSON.parse(/^loaded-packages: (.*)$/m.exec(stderr)![1]!) as string[];
    const preload = ['--import', './record-module-loads.cjs'];
    const help = await runNode([...preload, BIN, '--help']);
    expect(help.code).toBe(0);
    expect(loaded(help.stderr)).toEqual([]);
    const verify = await runNode([...preload, BIN, 'audit', 'verify', trail], { env: { SIGHTLINE_HMAC_KEY: KEY } });
    expect(verify.code).toBe(0);
    // The bin and the verifier come through symlinks (node_modules/@sightline → packages/), so no
    // node_modules path shows; a bundled dependency or the SDK would.
    expect(loaded(verify.stderr)).toEqual([]);
    // The recorder does see packages: the same preload around the SDK lists them.
    const sdk = await runNode([...preload, '--input-type=module', '-e', "await import('@sightline/core')"]);
    expect(loaded(sdk.stderr)).toContain('@opentelemetry/sdk-trace');
  });
});
