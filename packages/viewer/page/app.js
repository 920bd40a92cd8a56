// @ts-check
// The Sightline viewer page. Plain DOM, no library, no build step: every value from telemetry reaches the
// document through `textContent` (never innerHTML, never a URL attribute), after `clean()` has made
// control characters (ANSI escapes, bidi overrides, other C0/C1 controls) visible as escapes.
// Long lists (traces, waterfall rows, logs) are virtualized: only the rows in view exist in the DOM.

const ROW = 22;
const OVERSCAN = 10;

// C0/C1 controls except tab and newline, and the bidi controls (LRM/RLM, ALM, embeddings, overrides,
// isolates): shown as \xNN / \uNNNN so they can neither restyle a terminal copy nor reorder text.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** @param {unknown} value */
export function clean(value) {
  const text = typeof value === 'string' ? value : value === undefined || value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return text.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/**
 * @param {string} tag
 * @param {string} [className]
 * @param {unknown} [text]
 * @returns {HTMLElement}
 */
function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = clean(text);
  return node;
}

/** @param {string} id */
function byId(id) {
  const node = document.getElementById(id);
  if (node === null) throw new Error(`#${id} missing`);
  return node;
}

/** @param {number} ms */
function fmtDuration(ms) {
  if (!Number.isFinite(ms)) return '';
  if (ms < 1) return `${(ms * 1000).toFixed(0)}µs`;
  if (ms < 1000) return `${ms.toFixed(ms < 10 ? 1 : 0)}ms`;
  return `${(ms / 1000).toFixed(2)}s`;
}

/** @param {number} ms */
function fmtTime(ms) {
  if (!ms) return '';
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}:${String(d.getSeconds()).padStart(2, '0')}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}

/** @param {number} n */
function fmtCount(n) {
  return n >= 10_000 ? `${(n / 1000).toFixed(1)}k` : String(n);
}

const SEVERITIES = ['UNSET', 'TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'];
/** @param {number} n */
function severityName(n) {
  return SEVERITIES[n <= 0 ? 0 : Math.min(6, Math.ceil(n / 4))];
}

/** @param {string} path */
async function getJson(path) {
  const response = await fetch(path, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

// ---------------------------------------------------------------------------------------------------------
// A virtualized list: a scroll container, a spacer as tall as all rows, and the rows in view positioned
// absolutely. `render(i)` builds row i's element.

class VirtualList {
  /**
   * @param {HTMLElement} container
   * @param {(index: number) => HTMLElement} render
   */
  constructor(container, render) {
    this.container = container;
    this.render = render;
    this.count = 0;
    this.spacer = el('div', 'spacer');
    container.replaceChildren(this.spacer);
    container.addEventListener('scroll', () => this.paint(), { passive: true });
    new ResizeObserver(() => this.paint()).observe(container);
  }

  /** @param {number} count */
  setCount(count) {
    this.count = count;
    this.spacer.style.height = `${count * ROW}px`;
    this.paint();
  }

  /** @param {number} index */
  scrollTo(index) {
    const top = index * ROW;
    if (top < this.container.scrollTop || top + ROW > this.container.scrollTop + this.container.clientHeight) {
      this.container.scrollTop = Math.max(0, top - this.container.clientHeight / 3);
    }
    this.paint();
  }

  paint() {
    const height = this.container.clientHeight || 600;
    const first = Math.max(0, Math.floor(this.container.scrollTop / ROW) - OVERSCAN);
    const last = Math.min(this.count, Math.ceil((this.container.scrollTop + height) / ROW) + OVERSCAN);
    const rows = [this.spacer];
    for (let i = first; i < last; i++) {
      const row = this.render(i);
      row.classList.add('vrow');
      row.style.top = `${i * ROW}px`;
      rows.push(row);
    }
    this.container.replaceChildren(...rows);
  }
}

// ---------------------------------------------------------------------------------------------------------
// State.

const state = {
  tab: 'traces',
  /** @type {any[]} */ traces: [],
  /** @type {string | undefined} */ selectedTrace: undefined,
  /** @type {any} */ trace: undefined,
  /** @type {{kind: string, id: string | number} | undefined} */ selected: undefined,
  /** @type {Record<string, number>} */ timings: {},
  /** @type {() => Promise<void>} */ refreshList: async () => {},
  /** @type {(traceId: string) => Promise<void>} */ selectTrace: async () => {},
};
// Read by the browser tests and the render benchmark.
/** @type {any} */ (window).sightlineViewer = state;

const traceList = new VirtualList(byId('trace-list'), renderTraceRow);
const waterfall = new VirtualList(byId('waterfall'), renderWaterfallRow);
/** @type {any[]} */
let orphanLogs = [];
const orphanList = new VirtualList(byId('orphan-logs'), (i) => renderLogLine(orphanLogs[i]));

// ---------------------------------------------------------------------------------------------------------
// Trace list.

/** @param {number} i */
function renderTraceRow(i) {
  const t = state.traces[i];
  const row = el('div', 'row-grid trace-row');
  row.dataset.traceId = t.traceId;
  if (t.traceId === state.selectedTrace) row.classList.add('selected');
  const name = el('span', t.error ? 'err' : '', t.rootName);
  if (t.error) name.prepend(el('span', 'badge err', 'error'));
  row.append(
    el('span', 'muted-time', fmtTime(t.start)),
    el('span', '', t.service),
    name,
    el('span', 'num', fmtDuration(t.durationMs)),
    el('span', 'num', t.llmCalls || ''),
    el('span', 'num', t.inputTokens + t.outputTokens ? `${fmtCount(t.inputTokens)}/${fmtCount(t.outputTokens)}` : ''),
    el('span', 'num', t.toolCalls || ''),
  );
  row.title = `${clean(t.rootName)} — ${t.spanCount} spans, ${t.logCount} logs`;
  row.addEventListener('click', () => selectTrace(t.traceId));
  return row;
}

function filterQuery() {
  const params = new URLSearchParams();
  for (const [key, id] of [['service', 'f-service'], ['model', 'f-model'], ['tool', 'f-tool'], ['severity', 'f-severity'], ['q', 'f-text']]) {
    const value = /** @type {HTMLInputElement} */ (byId(id)).value;
    if (value) params.set(key, value);
  }
  return params.toString();
}

/**
 * @param {string} id
 * @param {string[]} values
 * @param {string} allLabel
 */
function fillSelect(id, values, allLabel) {
  const select = /** @type {HTMLSelectElement} */ (byId(id));
  const current = select.value;
  const options = [el('option', '', allLabel)];
  /** @type {HTMLOptionElement} */ (options[0]).value = '';
  for (const value of values) {
    const option = /** @type {HTMLOptionElement} */ (el('option', '', value));
    option.value = value;
    options.push(option);
  }
  if (current && !values.includes(current)) {
    const option = /** @type {HTMLOptionElement} */ (el('option', '', current));
    option.value = current;
    options.push(option);
  }
  select.replaceChildren(...options);
  select.value = current;
}

/** Counts list requests: a response older than the newest request is dropped (filters may have changed since). */
let listRequests = 0;

async function refreshList() {
  const request = ++listRequests;
  const data = await getJson(`/api/traces?${filterQuery()}`);
  if (request !== listRequests) return;
  const started = performance.now();
  state.traces = data.traces;
  fillSelect('f-service', data.facets.services, 'all services');
  fillSelect('f-model', data.facets.models, 'all models');
  fillSelect('f-tool', data.facets.tools, 'all tools');
  traceList.setCount(state.traces.length);
  byId('list-count').textContent = `${state.traces.length} of ${data.counts.traces} traces`;
  state.timings.list = performance.now() - started;
  showCounts(data.counts);
}

// ---------------------------------------------------------------------------------------------------------
// Waterfall. The server orders the rows (spans depth-first, children by start time, each span's logs
// merged with its children in time order) and sends them in pages: the page holds the rows it has been
// sent and asks for the ones it scrolls to, so a trace of 100 000 rows costs what a trace of 200 does.

const PAGE_ROWS = 200;
/** @type {Map<number, any>} */
let rowCache = new Map();
/** @type {Set<number>} */
const pagesAsked = new Set();

/** @param {any} row */
function isSelected(row) {
  const selected = state.selected;
  if (selected === undefined) return false;
  return row.kind === selected.kind && (row.kind === 'span' ? row.spanId === selected.id : row.index === selected.id);
}

/** @param {number} page */
async function loadPage(page) {
  if (pagesAsked.has(page) || state.trace === undefined) return;
  pagesAsked.add(page);
  const trace = state.trace;
  const { rows } = await getJson(`/api/rows?id=${encodeURIComponent(trace.traceId)}&from=${page * PAGE_ROWS}&count=${PAGE_ROWS}`).catch(() => ({ rows: [] }));
  if (state.trace !== trace) return;
  rows.forEach((/** @type {any} */ row, /** @type {number} */ i) => rowCache.set(page * PAGE_ROWS + i, row));
  waterfall.paint();
}

/** @param {number} i */
function renderWaterfallRow(i) {
  const row = rowCache.get(i);
  const line = el('div', 'wf');
  if (row === undefined) {
    void loadPage(Math.floor(i / PAGE_ROWS));
    line.append(el('div', 'name muted', '…'));
    return line;
  }
  const { start, end } = state.trace;
  const x = (/** @type {number} */ t) => ((t - start) / (end - start)) * 100;
  if (isSelected(row)) line.classList.add('selected');
  const name = el('div', 'name');
  name.style.paddingLeft = `${Math.min(row.depth, 40) * 12}px`;
  const track = el('div', 'track');
  if (row.kind === 'span') {
    line.classList.add('spanrow');
    const category = row.statusCode === 2 ? 'err' : row.category;
    name.append(el('span', category === 'err' ? 'err' : '', row.name));
    if (row.service !== state.trace.rootService) name.append(el('span', 'badge', row.service));
    const bar = el('div', `bar ${category}`);
    bar.style.left = `${x(row.start)}%`;
    bar.style.width = `${Math.max(0.2, x(row.end) - x(row.start))}%`;
    const dur = el('span', 'dur', fmtDuration(row.end - row.start));
    // Right of the bar, or left of it when the bar ends near the right edge.
    if (x(row.end) < 88) dur.style.left = `${x(row.end) + 0.5}%`;
    else dur.style.right = `${100 - x(row.start) + 0.5}%`;
    track.append(bar, dur);
  } else {
    line.classList.add('logrow');
    const sev = severityName(row.severityNumber);
    name.append(el('span', `sev ${sev}`, sev), el('span', '', row.body));
    const tick = el('div', `tick ${row.severityNumber >= 17 ? 'err' : ''}`);
    tick.style.left = `${x(row.time)}%`;
    track.append(tick);
  }
  line.append(name, track);
  line.addEventListener('click', () => selectRow(row));
  return line;
}

/**
 * @param {string} traceId
 * @param {string} [focusSpanId] a span to select and scroll to
 */
async function selectTrace(traceId, focusSpanId = '') {
  state.selectedTrace = traceId;
  if (state.tab !== 'traces') showTab('traces');
  traceList.paint();
  let trace;
  try {
    trace = await getJson(`/api/trace?id=${encodeURIComponent(traceId)}`);
  } catch {
    byId('trace-head').textContent = clean(`Trace ${traceId} is not held (evicted, or not received yet).`);
    state.trace = undefined;
    waterfall.setCount(0);
    return;
  }
  if (state.selectedTrace !== traceId) return;
  state.selected = undefined;
  showTrace(trace);
  if (focusSpanId !== '') await focusSpan(focusSpanId);
  else byId('span-detail').replaceChildren(el('div', 'muted', 'Select a span or a log line.'));
}

/** @param {any} trace the trace's head and first rows, from /api/trace */
function showTrace(trace) {
  const started = performance.now();
  rowCache = new Map();
  pagesAsked.clear();
  pagesAsked.add(0);
  trace.rows.forEach((/** @type {any} */ row, /** @type {number} */ i) => rowCache.set(i, row));
  const root = trace.rows.find((/** @type {any} */ r) => r.kind === 'span');
  trace.rootService = root?.service ?? '';
  state.trace = trace;
  byId('trace-head').replaceChildren(
    el('strong', '', root ? root.name : '(no spans)'),
    el('span', '', `  ${trace.traceId}  ·  ${fmtDuration(trace.end - trace.start)}  ·  ${trace.spanCount} spans  ·  ${trace.logCount} logs`),
  );
  waterfall.setCount(trace.rowCount);
  state.timings.waterfall = performance.now() - started;
}

/** @param {any} row */
function selectRow(row) {
  state.selected = { kind: row.kind, id: row.kind === 'span' ? row.spanId : row.index };
  waterfall.paint();
  void showDetail(row);
}

/** Selects a span of the shown trace and scrolls to it. @param {string} spanId */
async function focusSpan(spanId) {
  const trace = state.trace;
  const found = await getJson(`/api/locate?id=${encodeURIComponent(trace.traceId)}&span=${encodeURIComponent(spanId)}`).catch(() => undefined);
  if (found === undefined || state.trace !== trace) return;
  await loadPage(Math.floor(found.row / PAGE_ROWS));
  const row = rowCache.get(found.row);
  if (row === undefined) return;
  waterfall.scrollTo(found.row);
  selectRow(row);
}

// ---------------------------------------------------------------------------------------------------------
// Details of a span or a log record.

/**
 * @param {string} title
 * @param {Array<[string, unknown]> | unknown[][]} pairs
 */
function table(title, pairs) {
  const box = el('div');
  if (pairs.length === 0) return box;
  box.append(el('h3', '', title));
  const t = el('table');
  for (const [key, value] of pairs) {
    const tr = el('tr');
    tr.append(el('td', 'key', key), el('td', 'value', value));
    t.append(tr);
  }
  box.append(t);
  return box;
}

/** @param {unknown} value */
function pretty(value) {
  if (typeof value !== 'string') return JSON.stringify(value, null, 2);
  try {
    return JSON.stringify(JSON.parse(value), null, 2);
  } catch {
    return value;
  }
}

/**
 * @param {string} label
 * @param {() => void} onClick
 */
function linkButton(label, onClick) {
  const button = /** @type {HTMLButtonElement} */ (el('button', 'link', label));
  button.type = 'button';
  button.addEventListener('click', onClick);
  return button;
}

/**
 * Details of a waterfall row: the full record is fetched (the waterfall holds light rows only).
 * @param {any} row
 */
async function showDetail(row) {
  const box = byId('span-detail');
  const traceId = state.trace.traceId;
  const path = row.kind === 'log'
    ? `/api/log?trace=${encodeURIComponent(traceId)}&index=${row.index}`
    : `/api/span?trace=${encodeURIComponent(traceId)}&span=${encodeURIComponent(row.spanId)}`;
  let record;
  try {
    record = await getJson(path);
  } catch {
    box.replaceChildren(el('div', 'muted', 'No longer held (evicted).'));
    return;
  }
  if (!isSelected(row)) return; // another row was clicked meanwhile
  if (row.kind === 'log') {
    const log = record;
    const parts = [
      table('Log record', [
        ['time', `${new Date(log.time).toISOString()}`],
        ['severity', `${severityName(log.severityNumber)} ${log.severityText}`],
        ['service', log.service],
        ['logger', log.scope],
        ['event', log.eventName],
        ['span', log.spanId],
      ]),
      el('h3', '', 'Body'),
      el('pre', 'log-body', log.body),
      table('Attributes', Object.entries(log.attributes)),
    ];
    if (log.spanName !== undefined) parts.splice(1, 0, linkButton(`go to span ${log.spanName}`, () => void focusSpan(log.spanId)));
    box.replaceChildren(...parts);
    return;
  }
  const s = record;
  const a = s.attributes;
  const parts = [
    table('Span', [
      ['name', s.name],
      ['service', s.service],
      ['duration', fmtDuration(s.end - s.start)],
      ['kind', ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'][s.kind] ?? s.kind],
      ['status', ['unset', 'ok', 'error'][s.statusCode] + (s.statusMessage ? `: ${s.statusMessage}` : '')],
      ['scope', s.scope],
      ['span id', s.spanId],
    ]),
  ];
  if (a['gen_ai.request.model'] !== undefined || a['gen_ai.response.model'] !== undefined) parts.push(llmSection(a));
  if (a['mcp.method.name'] !== undefined) parts.push(mcpSection(s));
  parts.push(table('Attributes', Object.entries(a)));
  if (s.events.length > 0) {
    parts.push(el('h3', '', 'Events'));
    for (const event of s.events) {
      parts.push(table(`${fmtTime(event.time)} ${clean(event.name)}`, Object.entries(event.attributes)));
    }
  }
  if (s.links.length > 0) {
    parts.push(el('h3', '', 'Links'));
    for (const link of s.links) parts.push(el('div'), linkButton(`trace ${link.traceId} span ${link.spanId}`, () => selectTrace(link.traceId, link.spanId)));
  }
  parts.push(table('Resource', Object.entries(s.resource)));
  box.replaceChildren(...parts);
}

/** @param {Record<string, any>} a */
function llmSection(a) {
  const box = el('div', 'llm-detail');
  const ttfc = a['gen_ai.response.time_to_first_chunk'];
  box.append(
    table('LLM call', [
      ['operation', a['gen_ai.operation.name']],
      ['provider', a['gen_ai.provider.name'] ?? a['gen_ai.system']],
      ['model', a['gen_ai.response.model'] ?? a['gen_ai.request.model']],
      ['requested model', a['gen_ai.request.model']],
      ['tokens in', a['gen_ai.usage.input_tokens']],
      ['tokens out', a['gen_ai.usage.output_tokens']],
      ['time to first chunk', typeof ttfc === 'number' ? fmtDuration(ttfc * 1000) : ttfc],
      ['finish reason', a['gen_ai.response.finish_reasons']],
      ['tool calls requested', a['sightline.gen_ai.response.tool_call.names']],
    ].filter(([, v]) => v !== undefined && v !== null)),
  );
  const messages = [
    ['System instructions', a['gen_ai.system_instructions']],
    ['Input messages', a['gen_ai.input.messages']],
    ['Output messages', a['gen_ai.output.messages']],
  ].filter(([, v]) => v !== undefined);
  if (messages.length === 0) box.append(el('div', 'muted', 'Messages not captured (OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT).'));
  for (const [title, value] of messages) box.append(el('h3', '', title), el('pre', 'messages', pretty(value)));
  return box;
}

/** @param {any} s */
function mcpSection(s) {
  const a = s.attributes;
  const box = el('div', 'mcp-detail');
  box.append(
    table('MCP', [
      ['method', a['mcp.method.name']],
      ['tool', a['gen_ai.tool.name']],
      ['session', a['mcp.session.id']],
      ['request id', a['jsonrpc.request.id']],
      ['transport', a['network.transport']],
      ['side', s.kind === 2 ? 'server' : s.kind === 3 ? 'client' : 'internal'],
    ].filter(([, v]) => v !== undefined)),
  );
  // Client → server across processes: the server span's parent is the client span (trace context in _meta).
  if (s.kind === 2 && s.parent !== undefined) {
    box.append(el('span', '', 'called by '), linkButton(`${s.parent.name} (${s.parent.service})`, () => void focusSpan(s.parent.spanId)));
  }
  for (const child of s.servedBy) {
    box.append(el('span', '', 'served by '), linkButton(`${child.name} (${child.service})`, () => void focusSpan(child.spanId)), el('br'));
  }
  return box;
}

// ---------------------------------------------------------------------------------------------------------
// Metrics, exceptions, trace-less logs.

/**
 * @param {string[]} headers
 * @param {unknown[][]} rows
 */
function grid(headers, rows) {
  const t = el('table');
  const head = el('tr');
  for (const h of headers) head.append(el('th', '', h));
  t.append(head);
  for (const row of rows) {
    const tr = el('tr');
    for (const cell of row) tr.append(el('td', typeof cell === 'number' ? 'num' : '', cell));
    t.append(tr);
  }
  return t;
}

/**
 * @param {number} v
 * @param {string} unit
 */
function fmtLatency(v, unit) {
  if (!Number.isFinite(v)) return '';
  return fmtDuration(unit === 's' ? v * 1000 : v);
}

async function refreshMetrics() {
  const m = await getJson('/api/metrics');
  const box = byId('metrics');
  const sevRows = SEVERITIES.filter((s) => m.logsBySeverity[s]).map((s) => [s, m.logsBySeverity[s]]);
  box.replaceChildren(
    el('h3', '', `Token usage (from ${m.tokens[0]?.source === 'spans' ? 'span attributes' : 'gen_ai.client.token.usage'})`),
    grid(['model', 'type', 'tokens'], m.tokens.map((/** @type {any} */ t) => [t.model, t.type, t.tokens])),
    el('h3', '', 'Latency (from duration histograms)'),
    grid(
      ['metric', 'model / tool / method', 'count', 'p50', 'p95', 'p99', 'error rate'],
      m.latency.map((/** @type {any} */ r) => [r.metric, r.key, r.count, fmtLatency(r.p50, r.unit), fmtLatency(r.p95, r.unit), fmtLatency(r.p99, r.unit), r.count ? `${((100 * r.errors) / r.count).toFixed(1)}%` : '']),
    ),
    el('h3', '', 'Spans'),
    grid(['received', 'with error status', 'error rate'], [[m.spans.total, m.spans.errors, m.spans.total ? `${((100 * m.spans.errors) / m.spans.total).toFixed(1)}%` : '']]),
    el('h3', '', 'Log records by severity'),
    grid(['severity', 'count'], sevRows),
    el('h3', '', 'Pipeline drops (otel.sdk.processor.*.processed with error.type, sightline.audit.dropped)'),
    m.drops.length === 0 ? el('div', 'muted', 'none reported') : grid(['metric', 'reason', 'count'], m.drops.map((/** @type {any} */ d) => [d.metric, d.reason, d.count])),
  );
}

async function refreshExceptions() {
  const { groups, other } = await getJson('/api/exceptions');
  const box = byId('exceptions');
  const rows = [];
  for (const g of groups) {
    const details = el('details', 'exception');
    const summary = el('summary', '', `${g.count}×  ${g.type}: ${g.message}`);
    details.append(summary);
    details.append(table('', [['fingerprint', g.fingerprint], ['first seen', new Date(g.firstSeen).toISOString()], ['last seen', new Date(g.lastSeen).toISOString()], ['services', g.services.join(', ')]]));
    if (g.lastTraceId) details.append(linkButton(`last trace ${g.lastTraceId}`, () => selectTrace(g.lastTraceId)));
    if (g.stacktrace) details.append(el('h3', '', 'Stack'), el('pre', '', g.stacktrace));
    if (g.breadcrumbs) details.append(el('h3', '', 'Breadcrumbs'), el('pre', '', pretty(g.breadcrumbs)));
    rows.push(details);
  }
  box.replaceChildren(el('h3', '', `Exceptions by fingerprint${other ? ` (${other} more past the group bound)` : ''}`), ...(rows.length ? rows : [el('div', 'muted', 'none received')]));
}

/** @param {any} log */
function renderLogLine(log) {
  const row = el('div', 'logline');
  const sev = severityName(log.severityNumber);
  row.append(el('span', 'muted-time', `${fmtTime(log.time)} `), el('span', `sev ${sev}`, sev), el('span', '', ` ${log.service}  ${log.body || log.eventName}`));
  return row;
}

async function refreshOrphanLogs() {
  const { logs } = await getJson('/api/logs');
  orphanLogs = logs;
  orphanList.setCount(logs.length);
}

// ---------------------------------------------------------------------------------------------------------
// Status, tabs, live updates.

/** @param {any} c */
function showCounts(c) {
  const evicted = c.evictedTraces ? ` · evicted ${c.evictedTraces} traces (${c.evictedSpans} spans, ${c.evictedLogs} logs)` : '';
  byId('status').textContent = clean(`${c.traces} traces · ${c.spans}/${c.maxSpans} spans · ${c.logs}/${c.maxLogs} logs${evicted}${statusExtra}`);
}

let statusExtra = '';

async function refreshStatus() {
  const s = await getJson('/api/status');
  if (s.mode === 'files') statusExtra = ` · ${s.files.files.length} files, ${s.files.skippedLines} torn lines skipped`;
  else statusExtra = ` · receiver ${s.receiver.url}${s.receiver.rejected ? `, ${s.receiver.rejected} requests rejected` : ''}${s.save ? ` · saving to ${s.save.dir}` : ''}`;
  showCounts(s.counts);
}

/** @param {string} tab */
function showTab(tab) {
  state.tab = tab;
  for (const button of document.querySelectorAll('#tabs button')) button.classList.toggle('active', /** @type {HTMLElement} */ (button).dataset.tab === tab);
  for (const section of document.querySelectorAll('.tab')) section.classList.toggle('active', section.id === `tab-${tab}`);
  void refresh();
}

let refreshing = false;
let pending = false;

async function refresh() {
  if (refreshing) {
    pending = true;
    return;
  }
  refreshing = true;
  try {
    await refreshStatus();
    if (state.tab === 'traces') {
      await refreshList();
      if (state.selectedTrace !== undefined && state.trace !== undefined) {
        const trace = await getJson(`/api/trace?id=${encodeURIComponent(state.selectedTrace)}`).catch(() => undefined);
        if (trace !== undefined && trace.traceId === state.selectedTrace && trace.rowCount !== state.trace.rowCount) showTrace(trace);
      }
    } else if (state.tab === 'metrics') await refreshMetrics();
    else if (state.tab === 'exceptions') await refreshExceptions();
    else await refreshOrphanLogs();
  } catch (error) {
    byId('status').textContent = clean(`viewer unreachable: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    refreshing = false;
    if (pending) {
      pending = false;
      void refresh();
    }
  }
}

for (const button of document.querySelectorAll('#tabs button')) {
  button.addEventListener('click', () => showTab(/** @type {HTMLElement} */ (button).dataset.tab ?? 'traces'));
}
for (const id of ['f-service', 'f-model', 'f-tool', 'f-severity']) byId(id).addEventListener('change', () => void refresh());
let typing = 0;
byId('f-text').addEventListener('input', () => {
  clearTimeout(typing);
  typing = window.setTimeout(() => void refresh(), 200);
});
byId('filters').addEventListener('submit', (event) => event.preventDefault());

// The browser tests and the render benchmark drive the page through these.
state.refreshList = refreshList;
state.selectTrace = selectTrace;

new EventSource('/api/events').addEventListener('message', () => void refresh());
void refresh();
