import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { describe, expect, it } from 'vitest';
import { AuditTrailProcessor } from '../src/audit-trail-processor.js';
import { verifyAuditTrail } from '../src/verify-audit-trail.js';
import { tempDir, writeTrail } from './fixtures/trail.js';

const KEY = 'rotation-key';

function trailFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.startsWith('audit'))
    .sort()
    .map((name) => join(dir, name));
}

describe('AuditTrailProcessor', () => {
  it('writes security events and selected records only, one JSON line each, chained', async () => {
    const dir = tempDir();
    const file = join(dir, 'audit.jsonl');
    const processor = new AuditTrailProcessor({ file, select: (r) => r.attributes['audit'] === true });
    const provider = new LoggerProvider({ processors: [processor] });
    const logger = provider.getLogger('app');
    logger.emit({ body: 'ordinary' });
    logger.emit({ body: 'picked', attributes: { audit: true } });
    logger.emit({ eventName: 'security.permission.denied', body: 'denied', attributes: { 'enduser.id': 'u1' } });
    await provider.shutdown();
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.type)).toEqual(['segment', 'record', 'record']);
    expect(lines[1].record.body).toBe('picked');
    expect(lines[2].record).toMatchObject({ event_name: 'security.permission.denied', attributes: { 'enduser.id': 'u1' }, scope: 'app' });
    expect(lines[2].prev).toBe(lines[1].hash);
    expect(processor.getStats()).toMatchObject({ written: 3, droppedQueueFull: 0, droppedWriteFailed: 0 });
  });

  it('continues the chain after a restart', async () => {
    const dir = tempDir();
    const file = join(dir, 'audit.jsonl');
    await writeTrail({ file, key: KEY }, 3);
    await writeTrail({ file, key: KEY }, 3, 3);
    const result = await verifyAuditTrail([file], { key: KEY });
    expect(result).toMatchObject({ ok: true, records: 6, lastSeq: 6, segments: 1 });
  });

  it('rotates by size and keeps the chain across files', async () => {
    const dir = tempDir();
    const file = join(dir, 'audit.jsonl');
    const processor = await writeTrail({ file, key: KEY, maxFileBytes: 2000 }, 40);
    const files = trailFiles(dir);
    expect(files.length).toBeGreaterThan(3);
    expect(files.at(-1)).toBe(file);
    expect(processor.getStats().rotations).toBe(files.length - 1);
    const result = await verifyAuditTrail(files, { key: KEY });
    expect(result).toMatchObject({ ok: true, records: 40, segments: files.length });

    // A rotated file removed from the middle is a deletion at the first line of the next one.
    const withoutSecond = files.filter((_, i) => i !== 1);
    expect((await verifyAuditTrail(withoutSecond, { key: KEY })).problem).toMatchObject({ file: files[2], line: 1, kind: 'deleted' });
    // Verifying from a later file on is accepted but said to start mid-chain.
    expect(await verifyAuditTrail(files.slice(1), { key: KEY })).toMatchObject({ ok: true, startsMidChain: true });
  });

  it('seals a torn last line with a recovery line at start-up; every complete line still verifies', async () => {
    const dir = tempDir();
    const file = join(dir, 'audit.jsonl');
    await writeTrail({ file, key: KEY }, 4);
    writeFileSync(file, readFileSync(file, 'utf8') + '{"seq":5,"prev":"ab', { flag: 'w' });
    expect((await verifyAuditTrail([file], { key: KEY })).problem).toMatchObject({ line: 6, kind: 'truncated' });

    const processor = await writeTrail({ file, key: KEY }, 2, 4);
    expect(processor.getStats().recovered).toBe(1);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(JSON.parse(lines[6]!)).toMatchObject({ type: 'recovery', torn_bytes: 19 });
    expect(await verifyAuditTrail([file], { key: KEY })).toMatchObject({ ok: true, recovered: 1, records: 6 });
  });

  it('counts what it drops when the queue is full and records the gap in the trail', async () => {
    const dir = tempDir();
    const file = join(dir, 'audit.jsonl');
    const processor = new AuditTrailProcessor({ file, maxQueueBytes: 1500, flushIntervalMillis: 10_000 });
    const provider = new LoggerProvider({ processors: [processor] });
    const logger = provider.getLogger('app');
    for (let i = 0; i < 20; i++) logger.emit({ eventName: 'security.token.refresh', body: `r${i}` });
    await processor.forceFlush();
    logger.emit({ eventName: 'security.token.refresh', body: 'after' });
    await provider.shutdown();
    const stats = processor.getStats();
    expect(stats.droppedQueueFull).toBeGreaterThan(0);
    const result = await verifyAuditTrail([file]);
    expect(result).toMatchObject({ ok: true, dropped: stats.droppedQueueFull });
  });

  it('a restart under another key (or none) starts a new segment, so each segment verifies under one key', async () => {
    const dir = tempDir();
    const file = join(dir, 'audit.jsonl');
    await writeTrail({ file }, 2);
    await writeTrail({ file, key: KEY }, 2, 2);
    await writeTrail({ file, key: 'the next key' }, 2, 4);
    const [first, second, active] = trailFiles(dir);
    expect(trailFiles(dir)).toEqual([first, second, file]);
    expect(await verifyAuditTrail([first!])).toMatchObject({ ok: true, records: 2, alg: 'sha256' });
    expect(await verifyAuditTrail([second!], { key: KEY })).toMatchObject({ ok: true, records: 2, startsMidChain: true });
    expect(await verifyAuditTrail([active!], { key: 'the next key' })).toMatchObject({ ok: true, records: 2, firstSeq: 6 });
    // No downgrade: under the second key, the plain first segment fails.
    expect((await verifyAuditTrail([first!, second!], { key: KEY })).problem).toMatchObject({ file: first, kind: 'not_keyed' });
  });

  it('a file holding only a torn header gets a recovery line and a header that chain to the previous file', async () => {
    const dir = tempDir();
    const file = join(dir, 'audit.jsonl');
    await writeTrail({ file, key: KEY, maxFileBytes: 1500 }, 8);
    const before = trailFiles(dir);
    expect(before.length).toBeGreaterThan(1);
    // A crash during the first write of a new file.
    const lastRotated = before.at(-2)!;
    const rotatedAgain = join(dir, `audit-${String(before.length).padStart(6, '0')}.jsonl`);
    writeFileSync(rotatedAgain, readFileSync(file));
    writeFileSync(file, '{"seq":99,"prev":"0000');
    expect((await verifyAuditTrail([...before.slice(0, -1), rotatedAgain, file], { key: KEY })).problem).toMatchObject({ file, kind: 'truncated' });
    await writeTrail({ file, key: KEY, maxFileBytes: 1500 }, 1, 8);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines.slice(1).map((line) => JSON.parse(line).type)).toEqual(['recovery', 'segment', 'record']);
    expect(lastRotated).not.toBe(rotatedAgain);
    const result = await verifyAuditTrail([...before.slice(0, -1), rotatedAgain, file], { key: KEY });
    expect(result).toMatchObject({ ok: true, records: 9, recovered: 1 });
  });
});
