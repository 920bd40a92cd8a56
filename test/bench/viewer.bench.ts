/**
 * The viewer (`sightline dev`): how fast its receiver ingests OTLP (real HTTP requests of 512 spans or
 * log records, protobuf and JSON, as the exporters send them, into a store held at its bound, so eviction
 * is part of the cost), and how long the page takes to show the trace list and a waterfall in headless
 * Chromium with the store at its default bound (10 000 spans, 100 000 log records).
 */
import { existsSync } from 'node:fs';
import { SeverityNumber } from '@opentelemetry/api';
import { JsonLogsSerializer, JsonTraceSerializer, ProtobufLogsSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { startViewer, type RunningViewer, type ViewerLog, type ViewerSpan } from '@sightline/viewer';
import { chromium } from 'playwright-core';
import { type CaseResult, type GroupResult, report, runGroup } from './harness.ts';

const BATCH = 512;
const RENDER_RUNS = 15;
const resource = resourceFromAttributes({ 'service.name': 'bench-app' });

/** 512 spans in traces of 8 (an LLM call and a tool call among them), as the SDK produces them. */
function spanBatch() {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({ resource, spanProcessors: [new SimpleSpanProcessor({ exporter })] });
  const tracer = provider.getTracer('bench');
  for (let t = 0; t < BATCH / 8; t++) {
    tracer.startActiveSpan(`workflow ${t % 7}`, (root) => {
      for (let i = 0; i < 7; i++) {
        const attributes = i === 0
          ? { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'gpt-5-mini', 'gen_ai.usage.input_tokens': 120, 'gen_ai.usage.output_tokens': 40 }
          : i === 1 ? { 'mcp.method.name': 'tools/call', 'gen_ai.tool.name': 'get_weather', 'mcp.session.id': 's-1' } : { step: i, 'http.route': '/api/items/:id' };
        tracer.startSpan(i === 0 ? 'chat gpt-5-mini' : `step ${i}`, { attributes }).end();
      }
      root.end();
    });
  }
  return exporter.getFinishedSpans();
}

function logBatch() {
  const exporter = new InMemoryLogRecordExporter();
  const provider = new LoggerProvider({ resource, processors: [new SimpleLogRecordProcessor({ exporter })] });
  const logger = provider.getLogger('bench');
  for (let i = 0; i < BATCH; i++) {
    logger.emit({ severityNumber: SeverityNumber.INFO, body: `request ${i} handled in ${i % 90} ms`, attributes: { 'http.route': '/api/items/:id', 'user.tier': 'pro' } });
  }
  return exporter.getFinishedLogRecords();
}

async function post(url: string, contentType: string, body: Uint8Array): Promise<void> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body: body as unknown as ArrayBuffer });
  if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
  await response.arrayBuffer();
}

async function ingest(viewer: RunningViewer): Promise<GroupResult> {
  const spans = spanBatch();
  const logs = logBatch();
  const bodies = {
    spansProto: ProtobufTraceSerializer.serializeRequest(spans)!,
    spansJson: JsonTraceSerializer.serializeRequest(spans)!,
    logsProto: ProtobufLogsSerializer.serializeRequest(logs)!,
    logsJson: JsonLogsSerializer.serializeRequest(logs)!,
  };
  const url = (path: string) => `${viewer.otlpUrl}${path}`;
  // tinybench runs async cases one call at a time: each sample is one request of 512 records.
  return runGroup(`receiver ingest, per record (requests of ${BATCH}, store at its bound)`, [
    { name: 'spans, protobuf', perCall: BATCH, fn: () => post(url('/v1/traces'), 'application/x-protobuf', bodies.spansProto) },
    { name: 'spans, JSON', perCall: BATCH, fn: () => post(url('/v1/traces'), 'application/json', bodies.spansJson) },
    { name: 'log records, protobuf', perCall: BATCH, fn: () => post(url('/v1/logs'), 'application/x-protobuf', bodies.logsProto) },
    { name: 'log records, JSON', perCall: BATCH, fn: () => post(url('/v1/logs'), 'application/json', bodies.logsJson) },
  ], { timeMs: 3_000 });
}

function span(traceId: string, n: number, parent: string, start: number): ViewerSpan {
  return {
    traceId, spanId: n.toString(16).padStart(16, '0'), parentSpanId: parent, name: `operation ${n % 50}`, kind: 1, start, end: start + 5 + (n % 40),
    attributes: n % 10 === 0 ? { 'gen_ai.request.model': 'gpt-5-mini', step: n } : { step: n }, events: [], links: [], statusCode: n % 97 === 0 ? 2 : 0,
    statusMessage: '', service: `svc-${n % 5}`, scope: 'bench', resource: { 'service.name': `svc-${n % 5}` },
  };
}

function log(traceId: string, spanId: string, n: number, time: number): ViewerLog {
  return { time, severityNumber: 9 + (n % 3) * 4, severityText: '', body: `log line ${n}: something happened`, eventName: '', attributes: { n }, traceId, spanId, service: 'svc-0', scope: 'bench' };
}

/** Fills the store to its bound in one of three shapes; returns the trace whose waterfall is measured. */
function fill(viewer: RunningViewer, shape: 'many traces' | 'single-span traces' | 'one huge trace'): string {
  const { store } = viewer;
  const t0 = Date.now() - 60_000;
  const traces = shape === 'one huge trace' ? 1 : shape === 'single-span traces' ? store.maxSpans : store.maxSpans / 10;
  const spansPer = store.maxSpans / traces;
  // Room for one log per waterfall run: each run adds one to the trace it opens, so the server's cached
  // row order is rebuilt and every run measures a first open.
  const logsTotal = store.maxLogs - RENDER_RUNS;
  let n = 1;
  let measured = '';
  for (let t = 0; t < traces; t++) {
    const traceId = (t + 1).toString(16).padStart(32, '0');
    const spans: ViewerSpan[] = [];
    for (let i = 0; i < spansPer; i++) spans.push(span(traceId, n++, i === 0 ? '' : spans[Math.floor((i - 1) / 3)].spanId, t0 + t + i * 0.5));
    const logs: ViewerLog[] = [];
    const logsPer = Math.floor(logsTotal / traces) + (t < logsTotal % traces ? 1 : 0);
    for (let i = 0; i < logsPer; i++) logs.push(log(traceId, spans[i % spans.length].spanId, i, t0 + t + i * 0.05));
    store.addSpans(spans);
    store.addLogs(logs);
    measured = traceId;
  }
  return measured;
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function stats(name: string, samplesMs: number[]): CaseResult {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const ns = (ms: number) => ms * 1e6;
  return {
    name,
    medianNs: ns(sorted[Math.floor(sorted.length / 2)]),
    meanNs: ns(sorted.reduce((a, b) => a + b, 0) / sorted.length),
    p99Ns: ns(sorted[sorted.length - 1]),
    samples: sorted.length,
  };
}

async function render(): Promise<GroupResult> {
  const cases: CaseResult[] = [];
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    for (const shape of ['many traces', 'single-span traces', 'one huge trace'] as const) {
      const viewer = await startViewer({ port: 0, otlpPort: 0 });
      const traceId = fill(viewer, shape);
      const counts = viewer.store.counts();
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.goto(viewer.pageUrl);
      await page.locator('.trace-row').first().waitFor();
      // End to end: request, JSON parse, rows built, a frame painted. DOM only: the synchronous render part.
      const measure = (what: 'list' | 'waterfall') =>
        page.evaluate(async ([kind, id]) => {
          const viewerState = (window as unknown as { sightlineViewer: { refreshList(): Promise<void>; selectTrace(id: string): Promise<void>; timings: Record<string, number> } }).sightlineViewer;
          const start = performance.now();
          await (kind === 'list' ? viewerState.refreshList() : viewerState.selectTrace(id));
          await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
          return { total: performance.now() - start, dom: viewerState.timings[kind] };
        }, [what, traceId] as const);
      for (const what of ['list', 'waterfall'] as const) {
        const totals: number[] = [];
        const doms: number[] = [];
        for (let i = 0; i < RENDER_RUNS; i++) {
          if (what === 'waterfall') viewer.store.addLogs([log(traceId, '', i, Date.now())]);
          const { total, dom } = await measure(what);
          totals.push(total);
          doms.push(dom);
        }
        const label = `${what}, ${shape} (${counts.traces} traces, ${counts.spans} spans, ${counts.logs} logs)`;
        cases.push(stats(`${label}: request to painted`, totals), stats(`${label}: rows built and laid out`, doms));
      }
      await page.close();
      await viewer.close();
    }
  } finally {
    await browser.close();
  }
  return { group: 'page render at the bound, headless Chromium (per render)', cases };
}

const viewer = await startViewer({ port: 0, otlpPort: 0 });
fill(viewer, 'many traces');
const groups = [await ingest(viewer)];
await viewer.close();
if (existsSync(CHROMIUM)) groups.push(await render());
else console.warn(`no Chromium at ${CHROMIUM}: page render not measured`);
report('viewer', groups);
