import { closeSync, mkdirSync, openSync, readdirSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { encodeLogsJson, encodeTraceJson } from '../otlp-json/serializers.js';
import { spoolFileName, type SpoolSignal } from './spool-location.js';

/** Options of {@link SpoolWriter}. */
export interface SpoolWriterOptions {
  /** The service's spool folder (created 0700 on first write). */
  dir: string;
  /** Most bytes the folder may hold; a write that would pass it is refused (records counted dropped). */
  maxBytes: number;
  /** Most time one process spends writing its spool, in ms; what is left after it is counted dropped. */
  timeBudgetMillis: number;
}

const NEWLINE = new Uint8Array([0x0a]);

/**
 * Writes records that could not be sent, synchronously (it runs in the process's `exit` event and at the
 * shutdown deadline), as OTLP JSON lines — one `ExportLogsServiceRequest` / `ExportTraceServiceRequest`
 * per line, the OpenTelemetry file format, in Sightline's canonical OTLP/JSON encoding of files (`otlp-json/`) — to a file readable only by the owner (mode 0600).
 * The records passed through redaction before they were queued, so the spool holds nothing the
 * exporters would not have sent. Bounded in bytes (the folder) and in time (the budget).
 */
export class SpoolWriter {
  private readonly files = new Map<SpoolSignal, { fd: number; path: string }>();
  private usedBytes: number | undefined;
  private startedAt = 0;
  /** Set once a write failed (no space, no permission): later writes are refused at once. */
  private broken: string | undefined;
  private readonly paths = new Set<string>();

  constructor(private readonly options: SpoolWriterOptions) {}

  /** Files written so far (for the summary line). */
  get writtenPaths(): string[] {
    return [...this.paths];
  }

  /** Why writes are refused, if they are. */
  get failure(): string | undefined {
    return this.broken;
  }

  writeLogs(records: ReadableLogRecord[]): boolean {
    return this.write('logs', () => Buffer.from(encodeLogsJson(records)));
  }

  writeSpans(spans: ReadableSpan[]): boolean {
    return this.write('traces', () => Buffer.from(encodeTraceJson(spans)));
  }

  /** Closes the open files. */
  close(): void {
    for (const { fd } of this.files.values()) {
      try {
        closeSync(fd);
      } catch {
        // already closed
      }
    }
    this.files.clear();
  }

  private write(signal: SpoolSignal, serialize: () => Uint8Array | undefined): boolean {
    if (this.broken !== undefined) return false;
    const now = Date.now();
    if (this.startedAt === 0) this.startedAt = now;
    else if (now - this.startedAt > this.options.timeBudgetMillis) return false;
    try {
      const line = serialize();
      if (line === undefined) return false;
      this.usedBytes ??= folderBytes(this.options.dir);
      if (this.usedBytes + line.byteLength + 1 > this.options.maxBytes) return false;
      const fd = this.fileFor(signal);
      writeSync(fd, line);
      writeSync(fd, NEWLINE);
      this.usedBytes += line.byteLength + 1;
      return true;
    } catch (error) {
      this.broken = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
      return false;
    }
  }

  private fileFor(signal: SpoolSignal): number {
    const open = this.files.get(signal);
    if (open !== undefined) return open.fd;
    mkdirSync(this.options.dir, { recursive: true, mode: 0o700 });
    const path = join(this.options.dir, spoolFileName(signal));
    const fd = openSync(path, 'a', 0o600);
    this.files.set(signal, { fd, path });
    this.paths.add(path);
    return fd;
  }
}

/** Bytes of the regular files in `dir` (0 when it does not exist). */
function folderBytes(dir: string): number {
  let total = 0;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of names) {
    try {
      const stat = statSync(join(dir, name));
      if (stat.isFile()) total += stat.size;
    } catch {
      // gone meanwhile
    }
  }
  return total;
}
