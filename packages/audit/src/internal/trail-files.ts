import { createHash } from 'node:crypto';
import { open, readdir, type FileHandle } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';

/** Digits of a rotated segment's number: `audit-000001.jsonl` sorts before `audit.jsonl` and in order. */
const SEGMENT_DIGITS = 6;

/** `audit.jsonl` → `audit-000003.jsonl` (same folder): the name segment 3 gets when it is rotated out. */
export function rotatedName(file: string, segment: number): string {
  const ext = extname(file);
  const stem = basename(file, ext);
  return join(dirname(file), `${stem}-${String(segment).padStart(SEGMENT_DIGITS, '0')}${ext}`);
}

/** The rotated segments of `file` that exist, oldest first, with their numbers. */
export async function rotatedSegments(file: string): Promise<Array<{ path: string; segment: number }>> {
  const ext = extname(file);
  const stem = basename(file, ext);
  const pattern = new RegExp(`^${escape(stem)}-(\\d{${SEGMENT_DIGITS},})${escape(ext)}$`);
  let names: string[];
  try {
    names = await readdir(dirname(file));
  } catch {
    return [];
  }
  const found: Array<{ path: string; segment: number }> = [];
  for (const name of names) {
    const match = pattern.exec(name);
    if (match !== null) found.push({ path: join(dirname(file), name), segment: Number(match[1]) });
  }
  return found.sort((a, b) => a.segment - b.segment);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The end of a file: its last complete line (without `\n`) and the torn bytes after it, if any. */
export interface FileTail {
  readonly size: number;
  readonly lastLine: string | undefined;
  /** Length of a torn last line (no terminating newline); 0 when the file ends cleanly. */
  readonly tornBytes: number;
  /** SHA-256 (hex) of the torn bytes; undefined when there are none. */
  readonly tornSha256: string | undefined;
}

/** Bytes read at a time while scanning backwards for a newline. */
const CHUNK = 1 << 20;

/** Position of the last `\n` before `end`, or -1; reads backwards a chunk at a time. */
async function lastNewlineBefore(handle: FileHandle, end: number): Promise<number> {
  const buffer = Buffer.alloc(CHUNK);
  for (let stop = end; stop > 0; ) {
    const start = Math.max(0, stop - CHUNK);
    const { bytesRead } = await handle.read(buffer, 0, stop - start, start);
    const at = buffer.subarray(0, bytesRead).lastIndexOf(0x0a);
    if (at !== -1) return start + at;
    stop = start;
  }
  return -1;
}

async function readRange(handle: FileHandle, start: number, end: number): Promise<Buffer> {
  const buffer = Buffer.alloc(end - start);
  await handle.read(buffer, 0, buffer.length, start);
  return buffer;
}

/** Reads how a file ends, however long its last lines are. */
export async function readTail(path: string): Promise<FileTail> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch {
    return { size: 0, lastLine: undefined, tornBytes: 0, tornSha256: undefined };
  }
  try {
    const { size } = await handle.stat();
    const lastNewline = await lastNewlineBefore(handle, size);
    const tornBytes = size - (lastNewline + 1);
    let tornSha256: string | undefined;
    if (tornBytes > 0) {
      const hash = createHash('sha256');
      for (let at = lastNewline + 1; at < size; at += CHUNK) hash.update(await readRange(handle, at, Math.min(size, at + CHUNK)));
      tornSha256 = hash.digest('hex');
    }
    if (lastNewline === -1) return { size, lastLine: undefined, tornBytes, tornSha256 };
    const previous = await lastNewlineBefore(handle, lastNewline);
    const lastLine = (await readRange(handle, previous + 1, lastNewline)).toString('utf8');
    return { size, lastLine, tornBytes, tornSha256 };
  } finally {
    await handle.close();
  }
}

/** The first line of a file (up to 64 KiB), or undefined. */
export async function readFirstLine(path: string): Promise<string | undefined> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch {
    return undefined;
  }
  try {
    const buffer = Buffer.alloc(65_536);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const end = buffer.subarray(0, bytesRead).indexOf(0x0a);
    return end === -1 ? undefined : buffer.subarray(0, end).toString('utf8');
  } finally {
    await handle.close();
  }
}
