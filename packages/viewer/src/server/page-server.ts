import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { packageDir } from '../internal/package-dir.js';
import type { TelemetryStore } from '../store/telemetry-store.js';
import type { Access } from './access.js';
import { respond, respondJson, SECURITY_HEADERS } from './http.js';

/** How often, at most, the page is told that new data arrived (server-sent events). */
export const EVENT_INTERVAL_MS = 500;

/** Trace-less log records the page lists at most. */
const ORPHAN_LOG_LIMIT = 1000;

const STATIC: Readonly<Record<string, string>> = {
  '/': 'index.html',
  '/app.js': 'app.js',
  '/app.css': 'app.css',
};

const TYPES: Readonly<Record<string, string>> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
};

/** What the status endpoint reports besides the store's counts. */
export interface PageContext {
  /** `live` for `sightline dev`, `files` for `sightline view`. */
  readonly mode: 'live' | 'files';
  /** Status facts shown on the page (receiver counters, files read, save directory…). */
  status(): Record<string, unknown>;
}

/**
 * The page server: the page's static files (shipped in the package's `page/`), a JSON API over the store,
 * and `/api/events`, a server-sent event stream that says when the store changed.
 */
export function createPageServer(store: TelemetryStore, access: Access, context: PageContext): Server {
  const files = new Map<string, { type: string; body: Buffer }>();
  for (const [path, name] of Object.entries(STATIC)) {
    files.set(path, { type: TYPES[name.split('.').pop() ?? ''], body: readFileSync(join(packageDir(), 'page', name)) });
  }
  const server = createServer((req, res) => {
    try {
      handle(req, res, store, access, context, files);
    } catch (error) {
      respond(res, 500, 'text/plain; charset=utf-8', error instanceof Error ? error.message : String(error));
    }
  });
  return server;
}

function handle(
  req: IncomingMessage,
  res: ServerResponse,
  store: TelemetryStore,
  access: Access,
  context: PageContext,
  files: Map<string, { type: string; body: Buffer }>,
): void {
  const url = new URL(req.url ?? '/', 'http://page');
  if (req.method !== 'GET' && req.method !== 'HEAD') return respond(res, 405, 'text/plain; charset=utf-8', 'GET only');
  const token = url.searchParams.get('token');
  if (url.pathname === '/' && token !== null && access.isToken(token)) {
    return respond(res, 303, 'text/plain; charset=utf-8', 'see /', { Location: '/', 'Set-Cookie': access.cookie() });
  }
  const allowed = access.checkPage(req);
  if (allowed === 'bad-host') return respond(res, 421, 'text/plain; charset=utf-8', 'open the page at 127.0.0.1 or localhost');
  if (allowed === 'no-token') return respond(res, 401, 'text/plain; charset=utf-8', 'open the URL with ?token= that `sightline dev` printed');
  if (url.pathname === '/favicon.ico') return respond(res, 204, 'image/x-icon', '');
  const file = files.get(url.pathname);
  if (file !== undefined) return respond(res, 200, file.type, file.body);
  const q = url.searchParams;
  switch (url.pathname) {
    case '/api/status':
      return respondJson(res, { app: 'sightline-viewer', mode: context.mode, version: store.version, counts: store.counts(), ...context.status() });
    case '/api/traces':
      return respondJson(res, {
        version: store.version,
        counts: store.counts(),
        facets: store.facets(),
        traces: store.list({
          service: q.get('service') ?? '',
          model: q.get('model') ?? '',
          tool: q.get('tool') ?? '',
          severity: q.get('severity') ?? '',
          text: q.get('q') ?? '',
        }),
      });
    case '/api/trace': {
      const detail = store.trace(q.get('id') ?? '');
      return detail === undefined ? respond(res, 404, 'application/json; charset=utf-8', '{"error":"trace not held (evicted or unknown)"}') : respondJson(res, detail);
    }
    case '/api/metrics':
      return respondJson(res, store.metrics.view());
    case '/api/exceptions':
      return respondJson(res, store.exceptions.view());
    case '/api/logs':
      return respondJson(res, { logs: store.orphanLogList(ORPHAN_LOG_LIMIT) });
    case '/api/events':
      return streamEvents(req, res, store);
    default:
      return respond(res, 404, 'text/plain; charset=utf-8', 'not found');
  }
}

function streamEvents(req: IncomingMessage, res: ServerResponse, store: TelemetryStore): void {
  res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive' });
  let sent = -1;
  const tick = (): void => {
    if (store.version === sent) return;
    sent = store.version;
    res.write(`data: ${sent}\n\n`);
  };
  tick();
  const timer = setInterval(tick, EVENT_INTERVAL_MS);
  timer.unref();
  req.on('close', () => clearInterval(timer));
}
