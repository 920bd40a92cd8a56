import { readFileSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { forgeWithPlainSha256, memoryIo, writeTrail } from './trail-fixtures.js';

const KEY = 'cli-test-key';
let keyed: string;
let plain: string;

beforeAll(async () => {
  keyed = await writeTrail(4, KEY);
  plain = await writeTrail(3);
});

async function verify(args: string[], env: NodeJS.ProcessEnv = {}) {
  const io = memoryIo(env);
  const code = await runCli(['audit', 'verify', ...args], io);
  return { code, out: io.out, err: io.err };
}

describe('sightline audit verify', () => {
  it('exits 0 on an intact keyed trail and names HMAC-SHA256 and the key id', async () => {
    const run = await verify([keyed], { SIGHTLINE_HMAC_KEY: KEY });
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^audit trail intact: 1 file, 5 lines \(4 records\), seq 0\.\.4, 1 segment, .*verified with HMAC-SHA256, key id [0-9a-f]{8}\nlast hash [0-9a-f]{64}\n$/);
  });

  it('reads the key from the variable --key-env names', async () => {
    expect((await verify(['--key-env', 'AUDIT_KEY', keyed], { AUDIT_KEY: KEY })).code).toBe(0);
    expect((await verify([`--key-env=AUDIT_KEY`, keyed], { AUDIT_KEY: KEY })).code).toBe(0);
  });

  it('names plain SHA-256 when no key is given, and says what that cannot show', async () => {
    const run = await verify([plain]);
    expect(run.code).toBe(0);
    expect(run.out).toContain('verified with plain SHA-256 (no key)');
    expect(run.out).toContain('this shows edits, not forgery');
  });

  it('exits 1 on a trail forged with plain SHA-256 when the key is configured', async () => {
    const forged = forgeWithPlainSha256(keyed);
    expect((await verify([forged])).code).toBe(0);
    const run = await verify([forged], { SIGHTLINE_HMAC_KEY: KEY });
    expect(run.code).toBe(1);
    expect(run.out).toBe(`audit trail NOT intact: ${forged}:1: not_keyed: ${run.out.split(': not_keyed: ')[1]}`);
    expect(run.out).toContain('anyone can write plain SHA-256');
  });

  it('exits 1 when the segment header is deleted', async () => {
    const lines = readFileSync(keyed, 'utf8').split('\n');
    const file = keyed.replace(/\.jsonl$/, '-no-header.jsonl');
    writeFileSync(file, lines.slice(1).join('\n'));
    const run = await verify([file], { SIGHTLINE_HMAC_KEY: KEY });
    expect(run.code).toBe(1);
    expect(run.out).toContain(`${file}:1: deleted:`);
  });

  it('exits 1 on an edited line, naming it', async () => {
    const lines = readFileSync(keyed, 'utf8').split('\n');
    lines[2] = lines[2]!.replace('attempt 1', 'attempt 9');
    const file = keyed.replace(/\.jsonl$/, '-edited.jsonl');
    writeFileSync(file, lines.join('\n'));
    const run = await verify([file], { SIGHTLINE_HMAC_KEY: KEY });
    expect(run).toMatchObject({ code: 1, err: '' });
    expect(run.out).toContain(`${file}:3: modified:`);
  });

  it('exits 2, not 1, when it cannot check: unreadable file, keyed trail without a key', async () => {
    const missing = await verify(['/nonexistent/audit.jsonl'], { SIGHTLINE_HMAC_KEY: KEY });
    expect(missing).toMatchObject({ code: 2, out: '' });
    expect(missing.err).toContain('cannot verify: /nonexistent/audit.jsonl: unreadable: ENOENT');
    const noKey = await verify([keyed]);
    expect(noKey).toMatchObject({ code: 2, out: '' });
    expect(noKey.err).toContain(`${keyed}:1: key_required: segment 1 is keyed`);
  });

  it('exits 2 on usage errors', async () => {
    expect((await verify([])).err).toMatch(/^sightline audit verify: no trail files given\nRun `sightline audit verify --help` for usage\.\n$/);
    expect((await verify([])).code).toBe(2);
    expect(await verify(['--key-env', 'UNSET_VAR', keyed])).toMatchObject({ code: 2, out: '' });
    expect((await verify(['--key-env', 'UNSET_VAR', keyed])).err).toContain('UNSET_VAR: that environment variable is not set');
    expect((await verify(['--key-env='])).code).toBe(2);
    expect((await verify(['--key-env'])).code).toBe(2);
    expect((await verify(['--key', KEY, keyed])).err).toContain("Unknown option '--key'");
  });

  it('prints its help and exits 0', async () => {
    const run = await verify(['--help']);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^usage: sightline audit verify \[--key-env NAME\] <file…>\n/);
    expect(run.out).toContain('--key-env NAME');
    expect(run.out).toContain('exit codes:');
  });
});
