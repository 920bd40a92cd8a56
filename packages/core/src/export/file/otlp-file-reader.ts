import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { OtlpJsonSignal } from '../otlp-json/serializers.js';

/** One request read from an OTLP file. */
export interface OtlpFileEntry {
  signal: OtlpJsonSignal;
  /** The `ExportLogsServiceRequest` / `ExportTraceServiceRequest` / `ExportMetricsServiceRequest`, as parsed. */
  request: Record<string, unknown>;
  /** The file and the line (1-based) it came from. */
  path: string;
  line: number;
}

/** What {@link readOtlpFiles} read and skipped. */
export interface OtlpFileReadResult {
  /** Files read. */
  files: number;
  /** Requests passed to the callback. */
  requests: number;
  /**
   * Lines skipped: `torn` — the last line of a file, cut short (a crash while it was written);
   * `invalid` — any other line that is not an OTLP/JSON request.
   */
  skipped: { torn: number; invalid: number };
  /** Paths that could not be read (missing, no permission), with the reason. */
  unreadable: Array<{ path: string; error: string }>;
}

const TOP_KEYS: ReadonlyArray<[string, OtlpJsonSignal]> = [
  ['resourceLogs', 'logs'],
  ['resourceSpans', 'traces'],
  ['resourceMetrics', 'metrics'],
];

/** Files of a folder that may hold OTLP JSON lines. */
const FILE_EXTENSION = /\.jsonl?$/;

/**
 * Reads OTLP JSON Lines files — ours, the Collector's `file` exporter's, anyone's in the OpenTelemetry
 * file format — and the `.jsonl` / `.json` files directly inside folders, streaming: each request is
 * passed to `onRequest` as its line is read. Never fatal on content: a line torn by a crash, or that is
 * not an OTLP request, is skipped and counted; a path that cannot be read is listed. Never rejects.
 */
export async function readOtlpFiles(paths: readonly string[], onRequest: (entry: OtlpFileEntry) => void): Promise<OtlpFileReadResult> {
  const result: OtlpFileReadResult = { files: 0, requests: 0, skipped: { torn: 0, invalid: 0 }, unreadable: [] };
  for (const path of paths) {
    let files: string[];
    try {
      if ((await stat(path)).isDirectory()) {
        const entries = await readdir(path, { withFileTypes: true });
        files = entries
          .filter((entry) => entry.isFile() && FILE_EXTENSION.test(entry.name))
          .map((entry) => join(path, entry.name))
          .sort();
      } else {
        files = [path];
      }
    } catch (error) {
      result.unreadable.push({ path, error: reason(error) });
      continue;
    }
    for (const file of files) {
      try {
        await readFile(file, result, onRequest);
        result.files++;
      } catch (error) {
        result.unreadable.push({ path: file, error: reason(error) });
      }
    }
  }
  return result;
}

/** The signal and request of one line, or `undefined` when it is not an OTLP/JSON request. */
export function parseOtlpJsonLine(text: string): { signal: OtlpJsonSignal; request: Record<string, unknown> } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const request = value as Record<string, unknown>;
  let found: OtlpJsonSignal | undefined;
  for (const [key, signal] of TOP_KEYS) {
    if (request[key] === undefined) continue;
    if (!Array.isArray(request[key]) || found !== undefined) return undefined;
    found = signal;
  }
  return found === undefined ? undefined : { signal: found, request };
}

async function readFile(path: string, result: OtlpFileReadResult, onRequest: (entry: OtlpFileEntry) => void): Promise<void> {
  let pending: Buffer[] = [];
  let lineNumber = 0;
  const take = (text: string, complete: boolean): void => {
    lineNumber++;
    if (text.trim() === '') return;
    const parsed = parseOtlpJsonLine(text);
    if (parsed === undefined) {
      if (complete) result.skipped.invalid++;
      else result.skipped.torn++;
      return;
    }
    result.requests++;
    onRequest({ ...parsed, path, line: lineNumber });
  };
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    let start = 0;
    let newline = chunk.indexOf(0x0a, start);
    while (newline !== -1) {
      const piece = chunk.subarray(start, newline);
      const line = pending.length === 0 ? piece : Buffer.concat([...pending, piece]);
      pending = [];
      take(line.toString('utf8'), true);
      start = newline + 1;
      newline = chunk.indexOf(0x0a, start);
    }
    if (start < chunk.length) pending.push(Buffer.from(chunk.subarray(start)));
  }
  // A last line without its newline: whole if it parses, torn otherwise.
  if (pending.length > 0) take(Buffer.concat(pending).toString('utf8'), false);
}

function reason(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
}
