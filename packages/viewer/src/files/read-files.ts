import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { signalOf } from '../otlp/flatten.js';
import { ingest } from '../store/ingest.js';
import type { TelemetryStore } from '../store/telemetry-store.js';

/** File names read from a directory: OTLP JSON Lines, optionally gzipped. */
const OTLP_FILE = /\.(?:jsonl|ndjson|json)(?:\.gz)?$/i;

/** What reading OTLP files found. */
export interface ReadReport {
  readonly files: string[];
  readonly requests: number;
  readonly records: number;
  /** Lines that are not a whole `Export*ServiceRequest` (a torn last line after a crash, or garbage): skipped. */
  readonly skippedLines: number;
}

/** The files named, directories expanded (recursively, OTLP file names only, sorted). */
export async function listOtlpFiles(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    if ((await stat(path)).isDirectory()) {
      const entries = await readdir(path, { recursive: true, withFileTypes: true });
      const found = entries.filter((entry) => entry.isFile() && OTLP_FILE.test(entry.name)).map((entry) => join(entry.parentPath, entry.name));
      files.push(...found.sort());
    } else {
      files.push(path);
    }
  }
  return files;
}

/**
 * Reads OTLP JSON Lines files (the OTLP file exporter format: one `ExportTraceServiceRequest`,
 * `ExportLogsServiceRequest` or `ExportMetricsServiceRequest` per line) into the store. A line that does
 * not parse, or is not one of those, is skipped and counted, never fatal.
 */
export async function readOtlpFiles(paths: readonly string[], store: TelemetryStore): Promise<ReadReport> {
  const files = await listOtlpFiles(paths);
  let requests = 0;
  let records = 0;
  let skippedLines = 0;
  for (const file of files) {
    const raw = createReadStream(file);
    const input = file.toLowerCase().endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
    const lines = createInterface({ input, crlfDelay: Infinity });
    try {
      for await (const line of lines) {
        if (line.trim() === '') continue;
        let request: unknown;
        try {
          request = JSON.parse(line);
        } catch {
          skippedLines++;
          continue;
        }
        const signal = signalOf(request);
        if (signal === undefined) {
          skippedLines++;
          continue;
        }
        records += ingest(store, signal, request);
        requests++;
      }
    } catch {
      skippedLines++; // a truncated gzip stream: what was read is kept
    }
  }
  return { files, requests, records, skippedLines };
}
