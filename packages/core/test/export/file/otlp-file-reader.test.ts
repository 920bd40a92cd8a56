import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readOtlpFiles, type OtlpFileEntry } from '../../../src/export/file/otlp-file-reader.js';

const LOGS = '{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"body":{"stringValue":"é ✓"}}]}]}]}';
const SPANS = '{"resourceSpans":[{"scopeSpans":[{"spans":[{"name":"s","traceId":"0af7651916cd43dd8448eb211c80319c"}]}]}]}';
const METRICS = '{"resourceMetrics":[]}';

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'otlp-file-reader-'));
}

async function read(paths: string[]): Promise<{ entries: OtlpFileEntry[]; result: Awaited<ReturnType<typeof readOtlpFiles>> }> {
  const entries: OtlpFileEntry[] = [];
  const result = await readOtlpFiles(paths, (entry) => entries.push(entry));
  return { entries, result };
}

describe('readOtlpFiles', () => {
  it('reads every request of files and of the .jsonl/.json files of folders, naming signal, file and line', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'a.jsonl'), `${LOGS}\n\n${SPANS}\n`);
    writeFileSync(join(dir, 'b.json'), `${METRICS}\n`);
    writeFileSync(join(dir, 'notes.txt'), 'not read');
    mkdirSync(join(dir, 'sub'));
    const single = join(folder(), 'single.log');
    writeFileSync(single, `${SPANS}\n`);
    const { entries, result } = await read([dir, single]);
    expect(entries.map((e) => [e.signal, e.line, e.path])).toEqual([
      ['logs', 1, join(dir, 'a.jsonl')],
      ['traces', 3, join(dir, 'a.jsonl')],
      ['metrics', 1, join(dir, 'b.json')],
      ['traces', 1, single],
    ]);
    expect(entries[0].request).toEqual(JSON.parse(LOGS));
    expect(result).toEqual({ files: 3, requests: 4, skipped: { torn: 0, invalid: 0 }, unreadable: [] });
  });

  it('skips a torn last line (a crash mid-write) and invalid lines, counting each, never failing', async () => {
    const dir = folder();
    const torn = LOGS.slice(0, 30);
    writeFileSync(join(dir, 'crashed.jsonl'), `${LOGS}\nnot json\n[1,2]\n{"resourceLogs":{}}\n{"resourceLogs":[],"resourceSpans":[]}\n${SPANS}\n${torn}`);
    writeFileSync(join(dir, 'whole-last-line.jsonl'), `${SPANS}`);
    const { entries, result } = await read([dir, join(dir, 'missing.jsonl')]);
    expect(entries.map((e) => e.signal)).toEqual(['logs', 'traces', 'traces']);
    expect(result.skipped).toEqual({ torn: 1, invalid: 4 });
    expect(result.unreadable).toEqual([{ path: join(dir, 'missing.jsonl'), error: 'ENOENT' }]);
  });

  it('reads any split of the bytes the same (lines longer than a read chunk, multi-byte characters across chunks)', async () => {
    const big = `{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"body":{"stringValue":"${'ü'.repeat(700_000)}"}}]}]}]}`;
    const dir = folder();
    writeFileSync(join(dir, 'big.jsonl'), `${big}\n${LOGS}\n`);
    const { entries, result } = await read([dir]);
    expect(result.skipped).toEqual({ torn: 0, invalid: 0 });
    expect(entries).toHaveLength(2);
    expect(entries[0].request).toEqual(JSON.parse(big));
  });

  it('keeps every whole line of any file cut at any byte, and counts at most the cut line as torn', async () => {
    const content = Buffer.from(`${LOGS}\n${SPANS}\n${METRICS}\n`);
    const newlines = [...content.entries()].filter(([, b]) => b === 0x0a).map(([i]) => i);
    const dir = folder();
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: content.length }), async (cut) => {
        const path = join(dir, `cut-${cut}.jsonl`);
        writeFileSync(path, content.subarray(0, cut));
        const { entries, result } = await read([path]);
        const whole = newlines.filter((i) => i < cut).length;
        // A cut right before a newline leaves a whole last line without it: still read.
        const lastWhole = newlines.includes(cut) ? 1 : 0;
        expect(entries).toHaveLength(whole + lastWhole);
        expect(result.skipped.invalid).toBe(0);
        expect(result.skipped.torn).toBe(cut > 0 && !newlines.includes(cut) && !newlines.includes(cut - 1) ? 1 : 0);
      }),
      { numRuns: 60 },
    );
  });
});
