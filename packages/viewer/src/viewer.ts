import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readOtlpFiles, type ReadReport } from './files/read-files.js';
import { SaveWriter } from './files/save-writer.js';
import { Access } from './server/access.js';
import { createOtlpReceiver, type ReceiverStats } from './server/otlp-receiver.js';
import { createPageServer } from './server/page-server.js';
import { TelemetryStore } from './store/telemetry-store.js';
import type { ViewerOptions } from './types.js';

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PAGE_PORT = 4319;
export const DEFAULT_OTLP_PORT = 4318;

/** A running viewer. */
export interface RunningViewer {
  /** The page's URL, with `?token=` when a token is required. */
  readonly pageUrl: string;
  /** The receiver's base URL (`OTEL_EXPORTER_OTLP_ENDPOINT`), or undefined for files. */
  readonly otlpUrl: string | undefined;
  /** The token required off loopback, else undefined. */
  readonly token: string | undefined;
  readonly store: TelemetryStore;
  /** For `viewFiles`: what was read. */
  readonly files: ReadReport | undefined;
  /** Stops the servers and flushes the save files. Idempotent. */
  close(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function urlHost(host: string): string {
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return shown.includes(':') && !shown.startsWith('[') ? `[${shown}]` : shown;
}

/**
 * `sightline dev`: an OTLP/HTTP receiver (default 127.0.0.1:4318) and the web page (default
 * 127.0.0.1:4319) over one in-memory store. Rejects when a port is taken (`EADDRINUSE`).
 */
export async function startViewer(options: ViewerOptions = {}): Promise<RunningViewer> {
  const host = options.host ?? DEFAULT_HOST;
  const store = new TelemetryStore(options);
  const access = new Access(host);
  const stats: ReceiverStats = { requests: 0, rejected: 0, records: 0, lastError: '' };
  const save = options.saveDir === undefined ? undefined : new SaveWriter(options.saveDir);
  const receiver = createOtlpReceiver(store, access, stats, save);
  const page = createPageServer(store, access, {
    mode: 'live',
    status: () => ({ receiver: { ...stats, url: otlpUrl }, save: save === undefined ? undefined : { dir: save.dir, error: save.error?.message } }),
  });
  let otlpUrl = '';
  try {
    otlpUrl = `http://${urlHost(host)}:${await listen(receiver, options.otlpPort ?? DEFAULT_OTLP_PORT, host)}`;
    const pagePort = await listen(page, options.port ?? DEFAULT_PAGE_PORT, host);
    return running(`http://${urlHost(host)}:${pagePort}/`, otlpUrl, access, store, undefined, [receiver, page], save);
  } catch (error) {
    await Promise.all([closeServer(receiver), closeServer(page), save?.close()]);
    throw error;
  }
}

/** `sightline view`: the page over OTLP JSON Lines files (no receiver). */
export async function viewFiles(paths: readonly string[], options: ViewerOptions = {}): Promise<RunningViewer> {
  const host = options.host ?? DEFAULT_HOST;
  const store = new TelemetryStore(options);
  const report = await readOtlpFiles(paths, store);
  const access = new Access(host);
  const page = createPageServer(store, access, { mode: 'files', status: () => ({ files: report }) });
  const pagePort = await listen(page, options.port ?? DEFAULT_PAGE_PORT, host);
  return running(`http://${urlHost(host)}:${pagePort}/`, undefined, access, store, report, [page], undefined);
}

function running(
  base: string,
  otlpUrl: string | undefined,
  access: Access,
  store: TelemetryStore,
  files: ReadReport | undefined,
  servers: Server[],
  save: SaveWriter | undefined,
): RunningViewer {
  let closing: Promise<void> | undefined;
  return {
    pageUrl: access.token === undefined ? base : `${base}?token=${access.token}`,
    otlpUrl,
    token: access.token,
    store,
    files,
    close: () => (closing ??= Promise.all([...servers.map(closeServer), save?.close()]).then(() => undefined)),
  };
}
