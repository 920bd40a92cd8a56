import { diag } from '@opentelemetry/api';
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { mkdir, open, readdir, stat, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { OtlpJsonSignal } from '../otlp-json/serializers.js';
import { isOtlpFileName, otlpFileName } from './file-names.js';

/** Options of {@link OtlpFileWriter}. */
export interface OtlpFileWriterOptions {
  /** Folder of the files (created 0700 when missing). */
  dir: string;
  signal: OtlpJsonSignal;
  /** A file is closed and a new one started before a line would take it past this size (a lone larger line still gets a file). */
  maxFileBytes: number;
  /** A file is closed and a new one started once it is this old. */
  rotateMillis: number;
  /** Our files (any signal, any process) last written longer ago than this are deleted; 0 keeps them. */
  retentionMillis: number;
  /** The clock, for tests. Default `Date.now`. */
  now?: () => number;
}

interface OpenFile {
  handle: FileHandle;
  path: string;
  openedAt: number;
  bytes: number;
}

const NEWLINE = 0x0a;

/**
 * Appends OTLP/JSON lines to one signal's file, off the event loop (libuv's file threads), one write at a
 * time so lines never interleave, each line and its newline in one write. Rotates by size and age and
 * deletes files past retention (at the first file and at each rotation). At exit, {@link appendSync}
 * writes what is left synchronously. Files are created with mode 0600.
 */
export class OtlpFileWriter {
  private readonly now: () => number;
  private file: OpenFile | undefined;
  /** The file `appendSync` opened when no file was open (at exit). */
  private syncFd: number | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  private sequence = 0;
  private closed = false;

  constructor(private readonly options: OtlpFileWriterOptions) {
    this.now = options.now ?? Date.now;
  }

  /** The file written now, if one is open. */
  get currentPath(): string | undefined {
    return this.file?.path;
  }

  /** Appends one line (without its newline); settles once it is written; rejects when it could not be. */
  append(line: string): Promise<void> {
    const bytes = lineBytes(line);
    const write = this.chain.then(() => this.write(bytes));
    this.chain = write.catch(() => undefined);
    return write;
  }

  /** Settles once every line appended so far is written (or failed). Never rejects. */
  flush(): Promise<void> {
    return this.chain.then(() => undefined);
  }

  /** Waits for pending writes, then closes the file. Later `append`s reject; `appendSync` still writes. */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
    const file = this.file;
    this.file = undefined;
    await file?.handle.close().catch(() => undefined);
  }

  /**
   * Appends one line synchronously (the process's `exit` event, the shutdown deadline): to the open file,
   * or to a new one. Returns whether it was written. A write still in flight on the open file may land
   * after it; both lines are whole.
   */
  appendSync(line: string): boolean {
    try {
      let fd = this.file?.handle.fd ?? this.syncFd;
      if (fd === undefined || fd < 0) {
        mkdirSync(this.options.dir, { recursive: true, mode: 0o700 });
        fd = openSync(join(this.options.dir, otlpFileName(this.options.signal, this.now(), this.sequence++)), 'a', 0o600);
        this.syncFd = fd;
      }
      const bytes = lineBytes(line);
      let offset = 0;
      while (offset < bytes.length) offset += writeSync(fd, bytes, offset);
      return true;
    } catch {
      return false;
    }
  }

  /** Closes the file `appendSync` opened. */
  closeSync(): void {
    if (this.syncFd === undefined) return;
    try {
      closeSync(this.syncFd);
    } catch {
      // already closed
    }
    this.syncFd = undefined;
  }

  private async write(bytes: Buffer): Promise<void> {
    if (this.closed) throw new Error('the OTLP file writer is closed');
    const file = await this.fileFor(bytes.length);
    try {
      let offset = 0;
      while (offset < bytes.length) {
        const { bytesWritten } = await file.handle.write(bytes, offset, bytes.length - offset);
        offset += bytesWritten;
      }
      file.bytes += bytes.length;
    } catch (error) {
      // The file may be gone or the disk full: the next write starts a new file.
      this.file = undefined;
      await file.handle.close().catch(() => undefined);
      throw error;
    }
  }

  /** The open file, or a new one when there is none or the line would pass the size or age bound. */
  private async fileFor(lineLength: number): Promise<OpenFile> {
    const file = this.file;
    const now = this.now();
    if (file !== undefined) {
      const full = file.bytes > 0 && file.bytes + lineLength > this.options.maxFileBytes;
      if (!full && now - file.openedAt < this.options.rotateMillis) return file;
      this.file = undefined;
      await file.handle.close().catch(() => undefined);
    }
    await mkdir(this.options.dir, { recursive: true, mode: 0o700 });
    const path = join(this.options.dir, otlpFileName(this.options.signal, now, this.sequence++));
    const handle = await open(path, 'a', 0o600);
    this.file = { handle, path, openedAt: now, bytes: 0 };
    await this.deleteExpired(now);
    return this.file;
  }

  /** Deletes our files in the folder last written before the retention period. Never throws. */
  private async deleteExpired(now: number): Promise<void> {
    if (this.options.retentionMillis <= 0) return;
    let names: string[];
    try {
      names = await readdir(this.options.dir);
    } catch {
      return;
    }
    let deleted = 0;
    for (const name of names) {
      if (!isOtlpFileName(name)) continue;
      const path = join(this.options.dir, name);
      try {
        if (now - (await stat(path)).mtimeMs > this.options.retentionMillis) {
          await unlink(path);
          deleted++;
        }
      } catch {
        // deleted meanwhile by another process
      }
    }
    if (deleted > 0) diag.debug(`sightline: deleted ${deleted} OTLP files past retention in ${this.options.dir}`);
  }
}

function lineBytes(line: string): Buffer {
  const length = Buffer.byteLength(line);
  const bytes = Buffer.allocUnsafe(length + 1);
  bytes.write(line, 0, length, 'utf8');
  bytes[length] = NEWLINE;
  return bytes;
}
