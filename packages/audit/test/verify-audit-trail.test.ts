import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
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

/**
 * What a forger without the key does: rewrites every line from the format in docs/audit.md (the hash is
 * SHA-256 of the line without its final `,"hash":"…"` member), `edit` applied to each line's JSON text first.
 * Written independently of the writer's code on purpose.
 */
function rewriteWithPlainSha256(lines: string[], edit: (body: string) => string): string[] {
  let prev = '0'.repeat(64);
  return lines.map((line) => {
    const withoutHash = `${line.slice(0, line.lastIndexOf(',"hash":"'))}}`;
    const body = edit(withoutHash.replace(/"prev":"[0-9a-f]{64}"/, `"prev":"${prev}"`));
    prev = createHash('sha256').update(body).digest('hex');
    return `${body.slice(0, -1)},"hash":"${prev}"}`;
  });
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
    expect((await verifyAuditTrail([path])).problem).toMatchObject({ line: 1, kind: 'key_required' });
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

describe('verifyAuditTrail against a forger', () => {
  const forge = (body: string): string =>
    body.replace('"alg":"hmac-sha256"', '"alg":"sha256"').replace(/,"key_id":"[0-9a-f]{8}"/, '').replace('attempt 4', 'attempt 0 (forged)');

  it('a trail rewritten with plain SHA-256 and a forged record fails when the key is given', async () => {
    const forged = rewriteWithPlainSha256(original, forge);
    expect(forged[5]).toContain('forged');
    // Without the key the forgery is consistent: that is what "plain SHA-256" can promise.
    expect((await verifyAuditTrail([fileWith('forged-plain.jsonl', forged)])).ok).toBe(true);
    const result = await verifyAuditTrail([join(dir, 'forged-plain.jsonl')], { key: KEY });
    expect(result.ok).toBe(false);
    expect(result.problem).toMatchObject({ line: 1, kind: 'not_keyed', tampered: true });
  });

  it('a plain SHA-256 segment after keyed ones fails when the key is given (no downgrade mid-trail)', async () => {
    const rotatedDir = tempDir();
    const file = join(rotatedDir, 'audit.jsonl');
    await writeTrail({ file, key: KEY, maxFileBytes: 1500 }, 12);
    const files = readdirSync(rotatedDir).sort().map((name) => join(rotatedDir, name));
    expect(files.length).toBeGreaterThan(2);
    expect((await verifyAuditTrail(files, { key: KEY })).ok).toBe(true);
    // The last file rewritten under plain SHA-256, chained to the end of the keyed file before it.
    const keyedLines = readFileSync(files.at(-2)!, 'utf8').trimEnd().split('\n');
    const lastKeyedHash = JSON.parse(keyedLines.at(-1)!).hash as string;
    const lastLines = readFileSync(file, 'utf8').trimEnd().split('\n');
    let prev = lastKeyedHash;
    const forged = lastLines.map((line) => {
      const body = forge(`${line.slice(0, line.lastIndexOf(',"hash":"'))}}`).replace(/"prev":"[0-9a-f]{64}"/, `"prev":"${prev}"`);
      prev = createHash('sha256').update(body).digest('hex');
      return `${body.slice(0, -1)},"hash":"${prev}"}`;
    });
    writeFileSync(file, `${forged.join('\n')}\n`);
    const result = await verifyAuditTrail(files, { key: KEY });
    expect(result.problem).toMatchObject({ file, line: 1, kind: 'not_keyed', tampered: true });
  });

  it('a keyed segment under another key fails as tampered when a key is given', async () => {
    const otherDir = tempDir();
    await writeTrail({ file: join(otherDir, 'audit.jsonl'), key: 'the forger key' }, 3);
    const result = await verifyAuditTrail([join(otherDir, 'audit.jsonl')], { key: KEY });
    expect(result.problem).toMatchObject({ line: 1, kind: 'wrong_key', tampered: true });
  });

  it('a keyed trail verified without a key is not called tampered: the key is required', async () => {
    const result = await verifyAuditTrail([join(dir, 'audit.jsonl')]);
    expect(result.problem).toMatchObject({ line: 1, kind: 'key_required', tampered: false });
  });

  it('a deleted segment header fails, with or without a key', async () => {
    const withoutHeader = fileWith('no-header.jsonl', original.slice(1));
    expect((await verifyAuditTrail([withoutHeader], { key: KEY })).problem).toMatchObject({ line: 1, kind: 'deleted', tampered: true });
    const plainDir = tempDir();
    await writeTrail({ file: join(plainDir, 'audit.jsonl') }, 3);
    const plain = readFileSync(join(plainDir, 'audit.jsonl'), 'utf8').trimEnd().split('\n');
    expect((await verifyAuditTrail([fileWith('plain-no-header.jsonl', plain.slice(1))])).problem).toMatchObject({ line: 1, kind: 'deleted' });
  });

  it('a segment header anywhere but the first line of a file fails', async () => {
    // A plain trail whose lines are numbered and chained in order: only the second header's place is wrong.
    let seq = 0;
    const unkeyed = (body: string): string => body.replace('"alg":"hmac-sha256"', '"alg":"sha256"').replace(/,"key_id":"[0-9a-f]{8}"/, '');
    const renumbered = rewriteWithPlainSha256([...original.slice(0, 3), original[0]!, ...original.slice(3)], (body) =>
      unkeyed(body).replace(/^\{"seq":\d+/, `{"seq":${seq++}`),
    );
    expect((await verifyAuditTrail([fileWith('header-once.jsonl', renumbered.filter((_, i) => i !== 3))])).problem).toMatchObject({ line: 4, kind: 'deleted' });
    const result = await verifyAuditTrail([fileWith('header-inside.jsonl', renumbered)]);
    expect(result.problem).toMatchObject({ line: 4, kind: 'inserted' });
  });

  it('an empty file has no header: it fails', async () => {
    const result = await verifyAuditTrail([fileWith('empty.jsonl', [], true)]);
    expect(result.problem).toMatchObject({ line: 1, kind: 'truncated', tampered: true });
  });

  it('names the algorithm it verified', async () => {
    expect(await verifyAuditTrail([join(dir, 'audit.jsonl')], { key: KEY })).toMatchObject({ ok: true, alg: 'hmac-sha256' });
    expect(await verifyAuditTrail([join(dir, 'forged-plain.jsonl')])).toMatchObject({ ok: true, alg: 'sha256', keyId: undefined });
  });
});

describe('verifyAuditTrail, property', () => {
  it('any change of one byte of a keyed trail fails when the key is given, and never throws', async () => {
    const bytes = readFileSync(join(dir, 'audit.jsonl'));
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: bytes.length - 1 }), fc.integer({ min: 1, max: 255 }), async (at, delta) => {
        const changed = Buffer.from(bytes);
        changed[at] = (changed[at]! + delta) % 256;
        const path = join(dir, 'one-byte.jsonl');
        writeFileSync(path, changed);
        const result = await verifyAuditTrail([path], { key: KEY });
        expect(result.ok).toBe(false);
        expect(result.problem?.tampered).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

