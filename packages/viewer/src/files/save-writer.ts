import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import type { Signal } from '../otlp/types.js';
import { toJsonLine } from './json-line.js';

/**
 * Appends what the receiver accepts to `<dir>/<signal>.jsonl` in the OTLP file format (one
 * `Export*ServiceRequest` per line), which `sightline view` and a Collector's `otlpjsonfile` receiver read.
 */
export class SaveWriter {
  private readonly streams = new Map<Signal, WriteStream>();
  private failed: Error | undefined;

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  /** The first write error, if any (the receiver keeps running; the page shows it). */
  get error(): Error | undefined {
    return this.failed;
  }

  write(signal: Signal, request: unknown): void {
    let stream = this.streams.get(signal);
    if (stream === undefined) {
      stream = createWriteStream(join(this.dir, `${signal}.jsonl`), { flags: 'a' });
      stream.on('error', (error) => (this.failed ??= error));
      this.streams.set(signal, stream);
    }
    stream.write(toJsonLine(request) + '\n');
  }

  /** Flushes and closes the files. */
  async close(): Promise<void> {
    await Promise.all([...this.streams.values()].map((stream) => new Promise<void>((resolve) => stream.end(resolve))));
    this.streams.clear();
  }
}
