import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditTrail } from '../src/verify-audit-trail.js';
import { tempDir, writeTrail } from './fixtures/trail.js';

const KEY = 'test-audit-key-0123456789';
let dir: string;
let original: string[];

/** Writes `lines` (joined with newlines, plus a final one unless `noFinalNewline`) to a new file. */
function fileWith(name: string, lines: string[], noFinalNewline = false): string {
  const path = join(dir, name);
  writeFileSync(path, lines.join('\n') + (noFinalNewline ? '' : '\n'));
  return path;
}

beforeAll(async () => {
  dir = tempDir();
  await writeTrail({ file: join(dir, 'audit.jsonl'), key: KEY }, 10);
  original = readFileSync(join(dir, 'audit.jsonl'), 'utf8').trimEnd().split('\n');
});

describe('verifyAuditTrail', () => {
  it('accepts an intact trail and summarizes it', async () => {
    const result = await verifyAuditTrail([join(dir, 'audit.jsonl')], { key: KEY });
    expect(result).toMatchObject({ ok: true, lines: 11, records: 10, firstSeq: 0, lastSeq: 10, alg: 'hmac-sha256', segments: 1, startsMidChain: false });
    expect(original).toHaveLength(11);
  });

  it('reports a modified line at that line', async () => {
    const lines = [...original];
    lines[5] = lines[5]!.replace('attempt 4', 'attempt X');
    const result = await verifyAuditTrail([fileWith('modified.jsonl', lines)], { key: KEY });
    expect(result.problem).toMatchObject({ line: 6, kind: 'modified' });
    expect(result.ok).toBe(false);
  });

  it('reports a deleted line where the gap is', async () => {
    const lines = original.filter((_, i) => i !== 5);
    const result = await verifyAuditTrail([fileWith('deleted.jsonl', lines)], { key: KEY });
    expect(result.problem).toMatchObject({ line: 6, kind: 'deleted' });
  });

  it('reports an inserted forged line at that line', async () => {
    const forged = original[5]!.replace('attempt 4', 'attempt 99');
    const lines = [...original.slice(0, 5), forged, ...original.slice(5)];
    const result = await verifyAuditTrail([fileWith('inserted.jsonl', lines)], { key: KEY });
    expect(result.problem).toMatchObject({ line: 6, kind: 'inserted' });
  });

  it('reports an inserted copy of an earlier line at the copy', async () => {
    const lines = [...original.slice(0, 7), original[3]!, ...original.slice(7)];
    const result = await verifyAuditTrail([fileWith('copied.jsonl', lines)], { key: KEY });
    expect(result.problem).toMatchObject({ line: 8, kind: 'inserted' });
  });

  it('reports reordered lines at the first line out of place', async () => {
    const lines = [...original];
    [lines[5], lines[6]] = [lines[6]!, lines[5]!];
    const result = await verifyAuditTrail([fileWith('reordered.jsonl', lines)], { key: KEY });
    expect(result.problem).toMatchObject({ line: 6, kind: 'reordered' });
  });

  it('reports a truncated last line', async () => {
    const lines = [...original];
    lines[10] = lines[10]!.slice(0, 40);
    const result = await verifyAuditTrail([fileWith('truncated.jsonl', lines, true)], { key: KEY });
    expect(result.problem).toMatchObject({ line: 11, kind: 'truncated' });
  });

  it('reports a torn line in the middle that no recovery line sealed', async () => {
    const lines = [...original];
    lines[4] = lines[4]!.slice(0, 40);
    const result = await verifyAuditTrail([fileWith('torn-middle.jsonl', lines)], { key: KEY });
    expect(result.problem).toMatchObject({ line: 5, kind: 'modified' });
  });

  it('refuses to verify a keyed trail without its key, or with another key', async () => {
    const path = join(dir, 'audit.jsonl');
    expect((await verifyAuditTrail([path])).problem).toMatchObject({ line: 1, kind: 'wrong_key' });
    expect((await verifyAuditTrail([path], { key: 'another key' })).problem).toMatchObject({ line: 1, kind: 'wrong_key' });
  });

  it('without a key, detects edits of a plain SHA-256 trail too', async () => {
    const plainDir = tempDir();
    await writeTrail({ file: join(plainDir, 'audit.jsonl') }, 3);
    const lines = readFileSync(join(plainDir, 'audit.jsonl'), 'utf8').trimEnd().split('\n');
    expect((await verifyAuditTrail([join(plainDir, 'audit.jsonl')])).ok).toBe(true);
    lines[2] = lines[2]!.replace('u1', 'u2');
    expect((await verifyAuditTrail([fileWith('plain-modified.jsonl', lines)])).problem).toMatchObject({ line: 3, kind: 'modified' });
  });
});
