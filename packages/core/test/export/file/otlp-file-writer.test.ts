import { mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isOtlpFileName, otlpFileName } from '../../../src/export/file/file-names.js';
import { OtlpFileWriter, type OtlpFileWriterOptions } from '../../../src/export/file/otlp-file-writer.js';

const DAY = 86_400_000;

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'otlp-file-writer-'));
}

function writer(dir: string, options: Partial<OtlpFileWriterOptions> = {}): OtlpFileWriter {
  return new OtlpFileWriter({ dir, signal: 'logs', maxFileBytes: 1 << 20, rotateMillis: DAY, retentionMillis: 90 * DAY, ...options });
}

function lines(dir: string): string[][] {
  return readdirSync(dir)
    .sort()
    .map((name) => readFileSync(join(dir, name), 'utf8').split('\n'));
}

describe('OtlpFileWriter', () => {
  it('appends each line with its newline, in order, to one file of mode 0600 in a folder of mode 0700', async () => {
    const dir = join(folder(), 'nested');
    const w = writer(dir);
    await Promise.all(['{"a":1}', '{"b":2}', '{"c":3}'].map((line) => w.append(line)));
    await w.close();
    const [name] = readdirSync(dir);
    expect(isOtlpFileName(name)).toBe(true);
    expect(name.startsWith(`logs-`)).toBe(true);
    expect(name).toContain(`-${process.pid}-`);
    expect(readFileSync(join(dir, name), 'utf8')).toBe('{"a":1}\n{"b":2}\n{"c":3}\n');
    expect(statSync(join(dir, name)).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('starts a new file before a line would pass the size bound; a lone larger line still gets written', async () => {
    const dir = folder();
    const w = writer(dir, { maxFileBytes: 20 });
    for (const line of ['x'.repeat(8), 'y'.repeat(8), 'z'.repeat(8), 'w'.repeat(50)]) await w.append(line);
    await w.close();
    // 9 + 9 bytes fit in 20; the third line would make 27.
    expect(lines(dir)).toEqual([[`${'x'.repeat(8)}`, `${'y'.repeat(8)}`, ''], [`${'z'.repeat(8)}`, ''], [`${'w'.repeat(50)}`, '']]);
  });

  it('starts a new file once the current one is as old as the rotation age', async () => {
    const dir = folder();
    let now = Date.UTC(2026, 0, 1);
    const w = writer(dir, { rotateMillis: 60_000, now: () => now });
    await w.append('1');
    now += 59_999;
    await w.append('2');
    now += 1;
    await w.append('3');
    await w.close();
    const names = readdirSync(dir).sort();
    expect(names).toHaveLength(2);
    expect(names[0]).toMatch(/^logs-20260101T000000000Z-/);
    expect(names[1]).toMatch(/^logs-20260101T000100000Z-/);
    expect(lines(dir)).toEqual([['1', '2', ''], ['3', '']]);
  });

  it('deletes only its own kind of files past retention when it starts a file, and keeps all with retention 0', async () => {
    const dir = folder();
    const now = Date.now();
    const old = join(dir, otlpFileName('traces', now - 100 * DAY, 0));
    const recent = join(dir, otlpFileName('metrics', now - 10 * DAY, 0));
    const foreign = join(dir, 'notes.jsonl');
    for (const path of [old, recent, foreign]) {
      writeFileSync(path, '{}\n');
      utimesSync(path, new Date(now - (path === recent ? 10 : 100) * DAY), new Date(now - (path === recent ? 10 : 100) * DAY));
    }
    const keepAll = writer(dir, { retentionMillis: 0 });
    await keepAll.append('{}');
    await keepAll.close();
    expect(readdirSync(dir)).toContain(old.slice(dir.length + 1));

    const w = writer(dir);
    await w.append('{}');
    await w.close();
    const names = readdirSync(dir);
    expect(names).not.toContain(old.slice(dir.length + 1));
    expect(names).toContain(recent.slice(dir.length + 1));
    expect(names).toContain('notes.jsonl');
  });

  it('rejects a write it cannot make, and writes again once it can', async () => {
    const base = folder();
    writeFileSync(join(base, 'blocker'), 'not a folder');
    const w = writer(join(base, 'blocker', 'dir'));
    await expect(w.append('{}')).rejects.toMatchObject({ code: 'ENOTDIR' });
    const ok = writer(base);
    await ok.append('{}');
    await ok.close();
    await expect(ok.append('{}')).rejects.toThrow('closed');
  });

  it('appendSync writes to the open file, or to a new one once closed', async () => {
    const dir = folder();
    const w = writer(dir);
    await w.append('async');
    expect(w.appendSync('sync-open')).toBe(true);
    await w.close();
    expect(w.appendSync('sync-after-close')).toBe(true);
    w.closeSync();
    const all = lines(dir).flat().filter((l) => l !== '');
    expect(all.sort()).toEqual(['async', 'sync-after-close', 'sync-open']);
  });
});
