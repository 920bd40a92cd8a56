import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { packageDir } from '../internal/package-dir.js';
import type { TelemetryStore } from '../store/telemetry-store.js';
import { WATERFALL_PAGE_ROWS, waterfallRows } from '../store/waterfall-view.js';
import type { ViewerSpan } from '../otlp/types.js';
import type { Access } from './access.js';
import { respond, respondJson, SECURITY_HEADERS } from './http.js';

/** How often, at most, the page is told that new data arrived (server-sent events). */
export const EVENT_INTERVAL_MS = 500;

/** OTLP `SpanKind` SERVER. */
const SERVER_KIND = 2;

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
      const found = store.waterfall(q.get('id') ?? '');
      if (found === undefined) return notHeld(res);
      const { detail, waterfall } = found;
      return respondJson(res, {
        traceId: detail.traceId,
        spanCount: detail.spans.length,
        logCount: detail.logs.length,
        rowCount: waterfall.order.length,
        start: waterfall.start,
        end: waterfall.end,
        rows: waterfallRows(detail, waterfall, 0, WATERFALL_PAGE_ROWS),
      });
    }
    case '/api/rows': {
      const found = store.waterfall(q.get('id') ?? '');
      if (found === undefined) return notHeld(res);
      return respondJson(res, { rows: waterfallRows(found.detail, found.waterfall, Number(q.get('from')) || 0, Number(q.get('count')) || WATERFALL_PAGE_ROWS) });
    }
    case '/api/span': {
      const found = store.waterfall(q.get('trace') ?? '');
      const span = found?.detail.spans.find((s) => s.spanId === q.get('span'));
      if (found === undefined || span === undefined) return notHeld(res);
      const brief = (s: ViewerSpan) => ({ spanId: s.spanId, name: s.name, service: s.service });
      const parent = found.detail.spans.find((s) => s.spanId === span.parentSpanId);
      return respondJson(res, {
        ...span,
        row: found.waterfall.spanRow.get(span.spanId),
        parent: parent === undefined ? undefined : brief(parent),
        // Server spans under this one: the other side of an MCP (or any RPC) call.
        servedBy: found.detail.spans.filter((s) => s.parentSpanId === span.spanId && s.kind === SERVER_KIND).map(brief),
      });
    }
    case '/api/log': {
      const found = store.waterfall(q.get('trace') ?? '');
      const log = found?.detail.logs[Number(q.get('index'))];
      if (found === undefined || log === undefined) return notHeld(res);
      return respondJson(res, { ...log, spanRow: found.waterfall.spanRow.get(log.spanId), spanName: found.detail.spans.find((s) => s.spanId === log.spanId)?.name });
    }
    case '/api/locate': {
      const row = store.waterfall(q.get('id') ?? '')?.waterfall.spanRow.get(q.get('span') ?? '');
      return row === undefined ? notHeld(res) : respondJson(res, { row });
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

function notHeld(res: ServerResponse): void {
  respond(res, 404, 'application/json; charset=utf-8', '{"error":"not held (evicted or unknown)"}');
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
