import { mkdir, open, rename, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { diag } from '@opentelemetry/api';
import type { AuditTrailStats, FsyncPolicy } from '../types.js';
import { GENESIS_HASH, openLine, sealLine, type ChainHasher } from './chain.js';
import { readFirstLine, readTail, rotatedName, rotatedSegments } from './trail-files.js';

/** Settings of a {@link TrailWriter}, defaults already applied. */
export interface TrailWriterSettings {
  readonly file: string;
  readonly hasher: ChainHasher;
  readonly maxFileBytes: number;
  readonly fsync: FsyncPolicy;
  readonly flushIntervalMillis: number;
  readonly maxQueueBytes: number;
}

/** Queued bytes past which a batch is written at once instead of after the interval. */
const EAGER_BATCH_BYTES = 256 * 1024;

/** Where the chain stands: the next line's number and the hash it must point to. */
interface ChainState {
  handle: FileHandle;
  size: number;
  segment: number;
  seq: number;
  prev: string;
}

/**
 * Appends hash-chained JSONL lines to a file, in batches, off the event loop (async `fs`), one batch at a
 * time. Start-up finds where the chain stands (and seals a torn last line with a `recovery` line); the file
 * rotates by size with a `segment` header that chains to the previous file's last line.
 */
export class TrailWriter {
  private readonly _queue: string[] = [];
  private _queuedBytes = 0;
  private _pendingGap = 0;
  private _state: Promise<ChainState> | undefined;
  private _work: Promise<void> = Promise.resolve();
  private _timer: NodeJS.Timeout | undefined;
  /** A batch is scheduled to be written at once. */
  private _eager = false;
  private _closed = false;
  private _errorReported = false;
  private readonly _stats: AuditTrailStats = { written: 0, droppedQueueFull: 0, droppedWriteFailed: 0, rotations: 0, recovered: 0 };

  constructor(private readonly _settings: TrailWriterSettings) {}

  /** Queues one line's content (JSON object members without braces). Never blocks, never throws. */
  append(content: string): void {
    if (this._closed) return;
    if (this._queuedBytes + content.length > this._settings.maxQueueBytes) {
      this._stats.droppedQueueFull++;
      this._pendingGap++;
      return;
    }
    if (this._pendingGap > 0) {
      this._push(`"ts":"${new Date().toISOString()}","type":"gap","dropped":${this._pendingGap},"reason":"queue_full"`);
      this._pendingGap = 0;
    }
    this._push(content);
    if (this._queuedBytes >= EAGER_BATCH_BYTES && !this._eager) {
      this._eager = true;
      this._schedule(0);
    } else if (this._timer === undefined) this._schedule(this._settings.flushIntervalMillis);
  }

  /** Writes (and, by policy, syncs) everything queued so far. Never rejects. */
  flush(): Promise<void> {
    if (this._timer !== undefined) {
      clearTimeout(this._timer);
      this._timer = undefined;
    }
    this._eager = false;
    this._work = this._work.then(() => this._drain());
    return this._work;
  }

  /** Flushes, then closes the file. Later appends are ignored. */
  async close(): Promise<void> {
    await this.flush();
    this._closed = true;
    const state = this._state;
    this._state = undefined;
    if (state !== undefined) await state.then((s) => s.handle.close()).catch(() => undefined);
  }

  stats(): AuditTrailStats {
    return { ...this._stats };
  }

  private _push(content: string): void {
    this._queue.push(content);
    this._queuedBytes += content.length;
  }

  private _schedule(delay: number): void {
    if (this._timer !== undefined) clearTimeout(this._timer);
    this._timer = setTimeout(() => void this.flush(), delay);
    this._timer.unref();
  }

  private async _drain(): Promise<void> {
    if (this._queue.length === 0) return;
    const contents = this._queue.splice(0);
    this._queuedBytes = 0;
    let state: ChainState;
    try {
      this._state ??= this._start();
      state = await this._state;
    } catch (error) {
      this._state = undefined;
      this._fail(error, contents.length);
      return;
    }
    let chunk: string[] = [];
    let chunkBytes = 0;
    try {
      for (const content of contents) {
        const sealed = sealLine(state.seq, state.prev, content, this._settings.hasher);
        const bytes = Buffer.byteLength(sealed.line) + 1;
        if (state.size + chunkBytes + bytes > this._settings.maxFileBytes && state.size + chunkBytes > 0) {
          await this._write(state, chunk, chunkBytes);
          chunk = [];
          chunkBytes = 0;
          await this._rotate(state);
          // The header took this line's number: seal it again after the header.
          const resealed = sealLine(state.seq, state.prev, content, this._settings.hasher);
          chunk.push(resealed.line);
          chunkBytes += Buffer.byteLength(resealed.line) + 1;
          state.seq++;
          state.prev = resealed.hash;
          continue;
        }
        chunk.push(sealed.line);
        chunkBytes += bytes;
        state.seq++;
        state.prev = sealed.hash;
      }
      await this._write(state, chunk, chunkBytes);
    } catch (error) {
      // The chain's position on disk is unknown now: start over from the file at the next batch.
      this._state = undefined;
      await state.handle.close().catch(() => undefined);
      this._fail(error, chunk.length);
    }
  }

  private async _write(state: ChainState, lines: string[], bytes: number): Promise<void> {
    if (lines.length === 0) return;
    await state.handle.write(`${lines.join('\n')}\n`);
    state.size += bytes;
    this._stats.written += lines.length;
    if (this._settings.fsync === 'batch') await state.handle.datasync();
  }

  private async _rotate(state: ChainState): Promise<void> {
    await state.handle.close();
    await rename(this._settings.file, rotatedName(this._settings.file, state.segment));
    state.handle = await open(this._settings.file, 'a');
    state.size = 0;
    state.segment++;
    this._stats.rotations++;
    await this._write(state, [this._header(state)], 0);
    state.size = (await state.handle.stat()).size;
  }

  /** The segment header line; advances the chain. */
  private _header(state: ChainState): string {
    const { hasher } = this._settings;
    const keyPart = hasher.keyId === undefined ? '' : `,"key_id":"${hasher.keyId}"`;
    const content = `"ts":"${new Date().toISOString()}","type":"segment","segment":${state.segment},"alg":"${hasher.alg}"${keyPart}`;
    const sealed = sealLine(state.seq, state.prev, content, hasher);
    state.seq++;
    state.prev = sealed.hash;
    return sealed.line;
  }

  /**
   * Opens the file and finds where the chain stands: after the last complete line of the file, or of the
   * last rotated file when this one has none. Seals a torn last line with a `recovery` line. A file whose
   * header names another algorithm or key is rotated out first, so that every segment verifies under one
   * key; a file without a header (new, or its header torn by a crash) gets one.
   */
  private async _start(): Promise<ChainState> {
    const { file, hasher } = this._settings;
    await mkdir(dirname(file), { recursive: true });
    let tail = await readTail(file);
    const lastRotated = (await rotatedSegments(file)).at(-1);
    const firstLine = tail.lastLine === undefined ? undefined : openLine((await readFirstLine(file)) ?? '');
    const header = firstLine?.entry.type === 'segment' ? firstLine.entry : undefined;
    let segment = typeof header?.segment === 'number' ? header.segment : (lastRotated?.segment ?? 0) + 1;
    let lastLine = tail.lastLine;
    if (header !== undefined && (header.alg !== hasher.alg || header.key_id !== hasher.keyId)) {
      await rename(file, rotatedName(file, segment));
      this._stats.rotations++;
      diag.info(`sightline: audit trail ${file} was written with another key or algorithm; continuing in a new segment`);
      segment++;
      tail = { size: 0, lastLine: undefined, tornBytes: 0, tornSha256: undefined };
    } else if (lastLine === undefined && lastRotated !== undefined) {
      lastLine = (await readTail(lastRotated.path)).lastLine;
    }
    const last = lastLine === undefined ? undefined : positionOf(lastLine);
    const handle = await open(file, 'a');
    const state: ChainState = { handle, size: tail.size, segment, seq: last?.seq ?? 0, prev: last?.prev ?? GENESIS_HASH };
    const lines: string[] = [];
    let bytes = 0;
    if (tail.tornBytes > 0) {
      // Terminate the torn line (it stays, as evidence) and say what it was.
      const content =
        `"ts":"${new Date().toISOString()}","type":"recovery","torn_bytes":${tail.tornBytes},` +
        `"torn_sha256":"${tail.tornSha256}"`;
      const sealed = sealLine(state.seq, state.prev, content, hasher);
      state.seq++;
      state.prev = sealed.hash;
      await handle.write('\n');
      bytes += 1;
      lines.push(sealed.line);
      this._stats.recovered++;
      diag.warn(`sightline: audit trail ${file} ended with a torn line (${tail.tornBytes} bytes); sealed it with a recovery line`);
    }
    if (header === undefined || tail.size === 0) lines.push(this._header(state));
    state.size += bytes;
    await this._write(state, lines, lines.reduce((n, line) => n + Buffer.byteLength(line) + 1, 0));
    return state;
  }

  private _fail(error: unknown, lost: number): void {
    this._stats.droppedWriteFailed += lost;
    if (this._errorReported) return;
    this._errorReported = true;
    diag.error(`sightline: audit trail write failed, ${lost} lines lost (reported once): ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The chain position after `line`: its seq + 1 and its hash (read loosely, so a damaged line still anchors). */
function positionOf(line: string): { seq: number; prev: string } | undefined {
  const opened = openLine(line);
  if (opened !== undefined) return { seq: opened.seq + 1, prev: opened.hash };
  const seq = /"seq":(\d+)/.exec(line);
  const hash = /"hash":"([0-9a-f]{64})"/.exec(line);
  return seq === null || hash === null ? undefined : { seq: Number(seq[1]) + 1, prev: hash[1]! };
}
