import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { AuditTrailProcessor } from '@sightline/audit';
import type { CliIo } from '../../src/cli/command.js';

/** An in-memory {@link CliIo}: what was printed, and the environment given. */
export function memoryIo(env: NodeJS.ProcessEnv = {}): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    env,
    stdout: (text: string) => void (io.out += text),
    stderr: (text: string) => void (io.err += text),
  };
  return io;
}

/** Writes a trail of `count` security events with the real writer; returns the file. */
export async function writeTrail(count: number, key?: string): Promise<string> {
  const file = join(mkdtempSync(join(tmpdir(), 'sightline-cli-')), 'audit.jsonl');
  const provider = new LoggerProvider({ processors: [new AuditTrailProcessor({ file, key })] });
  const logger = provider.getLogger('test.cli');
  for (let i = 0; i < count; i++) logger.emit({ eventName: 'security.authentication.failure', body: `attempt ${i}` });
  await provider.shutdown();
  return file;
}

/**
 * What a forger without the key does to `file`: every line rewritten as docs/audit.md describes it, hashed
 * with plain SHA-256 under a header saying `sha256`, with `attempt 1` changed. Independent of the writer.
 */
export function forgeWithPlainSha256(file: string): string {
  let prev = '0'.repeat(64);
  const lines = readFileSync(file, 'utf8').trimEnd().split('\n').map((line) => {
    const body = `${line.slice(0, line.lastIndexOf(',"hash":"'))}}`
      .replace(/"prev":"[0-9a-f]{64}"/, `"prev":"${prev}"`)
      .replace('"alg":"hmac-sha256"', '"alg":"sha256"')
      .replace(/,"key_id":"[0-9a-f]{8}"/, '')
      .replace('attempt 1"', 'attempt 1 (forged)"');
    prev = createHash('sha256').update(body).digest('hex');
    return `${body.slice(0, -1)},"hash":"${prev}"}`;
  });
  const forged = file.replace(/\.jsonl$/, '-forged.jsonl');
  writeFileSync(forged, `${lines.join('\n')}\n`);
  return forged;
}
