import { diag } from '@opentelemetry/api';
import { readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExportControl } from '../transport/export-control.js';
import type { HttpRequestSender } from '../transport/http-request.js';
import { RetryingTransport } from '../transport/retrying-transport.js';
import { spoolFileName, spoolFileSignal, type SpoolSignal } from './spool-location.js';

/** Options of {@link replaySpool}. */
export interface SpoolReplayOptions {
  /** The service's spool folder. */
  dir: string;
  /** An OTLP/JSON request sender per signal exported over OTLP now; other signals' files wait. */
  senders: Partial<Record<SpoolSignal, HttpRequestSender>>;
  control: ExportControl;
  /** Time one request (with its retries) may take. */
  timeoutMillis: number;
  /** Files older than this are deleted unsent (counted). */
  maxAgeMillis: number;
  /** Files younger than this may still be written by a process that is exiting: left for the next start. */
  minAgeMillis: number;
}

/** What one replay did, in records (lines for what could not be read). */
export interface SpoolReplayResult {
  sent: Record<SpoolSignal, number>;
  /** Records the receiver refused (4xx) or too old: deleted. */
  dropped: number;
  /** Lines that were not OTLP JSON (a torn last line after a crash): skipped. */
  unreadable: number;
  /** Files left for a later start (receiver unreachable). */
  kept: number;
}

const CLAIM = '.sending-';

function countRecords(request: unknown, signal: SpoolSignal): number {
  let count = 0;
  const top = (request as Record<string, unknown>)[signal === 'logs' ? 'resourceLogs' : 'resourceSpans'];
  if (!Array.isArray(top)) return 0;
  for (const resource of top) {
    const scopes = (resource as Record<string, unknown>)[signal === 'logs' ? 'scopeLogs' : 'scopeSpans'];
    if (!Array.isArray(scopes)) continue;
    for (const scope of scopes) {
      const items = (scope as Record<string, unknown>)[signal === 'logs' ? 'logRecords' : 'spans'];
      if (Array.isArray(items)) count += items.length;
    }
  }
  return count;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Sends what earlier runs of this service spooled at exit, with its original timestamps, as OTLP/JSON
 * to the endpoints configured now. A file is claimed by renaming it (so two instances starting at once
 * do not both send it), deleted once sent, and put back — with only its unsent lines — when the
 * receiver is unreachable. A torn last line (a crash mid-write) is skipped. Never rejects.
 */
export async function replaySpool(options: SpoolReplayOptions): Promise<SpoolReplayResult> {
  const result: SpoolReplayResult = { sent: { logs: 0, traces: 0 }, dropped: 0, unreadable: 0, kept: 0 };
  let names: string[];
  try {
    names = await readdir(options.dir);
  } catch {
    return result;
  }
  const now = Date.now();
  for (const name of names.sort()) {
    if (options.control.aborted) break;
    let original = name;
    const claimAt = name.indexOf(CLAIM);
    if (claimAt > 0) {
      // A claim left by a process that died while sending: take it over.
      const pid = Number(name.slice(claimAt + CLAIM.length));
      if (!Number.isInteger(pid) || processAlive(pid)) continue;
      original = name.slice(0, claimAt);
    }
    const signal = spoolFileSignal(original);
    if (signal === undefined) continue;
    const path = join(options.dir, name);
    try {
      const { mtimeMs } = await stat(path);
      if (now - mtimeMs > options.maxAgeMillis) {
        const text = await readFile(path, 'utf8');
        for (const line of text.split('\n')) {
          if (line.trim() === '') continue;
          try {
            result.dropped += countRecords(JSON.parse(line), signal);
          } catch {
            result.unreadable++;
          }
        }
        await unlink(path);
        continue;
      }
      if (now - mtimeMs < options.minAgeMillis) continue;
      const sender = options.senders[signal];
      if (sender === undefined) {
        result.kept++;
        continue;
      }
      const claimed = join(options.dir, `${original}${CLAIM}${process.pid}`);
      await rename(path, claimed);
      await sendFile(claimed, signal, new RetryingTransport(sender, options.control), options, result);
    } catch (error) {
      diag.debug(`sightline: spool file ${name} could not be replayed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return result;
}

async function sendFile(
  claimed: string,
  signal: SpoolSignal,
  transport: RetryingTransport,
  options: SpoolReplayOptions,
  result: SpoolReplayResult,
): Promise<void> {
  const lines = (await readFile(claimed, 'utf8')).split('\n');
  const encoder = new TextEncoder();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') continue;
    let records: number;
    try {
      records = countRecords(JSON.parse(line), signal);
    } catch {
      result.unreadable++;
      continue;
    }
    const response = await transport.send(encoder.encode(line), options.timeoutMillis);
    if (response.status === 'success') {
      result.sent[signal] += records;
    } else if (response.status === 'retryable') {
      // Unreachable now: put the unsent lines back as a fresh spool file for a later start.
      await writeFile(join(options.dir, spoolFileName(signal)), `${lines.slice(i).join('\n')}\n`, { mode: 0o600 });
      result.kept++;
      break;
    } else {
      result.dropped += records;
    }
  }
  await unlink(claimed);
}
