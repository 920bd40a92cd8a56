import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startOtlpReceiver, type OtlpReceiver } from './fixtures/otlp-receiver.js';
import { freePort, startPrometheus, type PrometheusServer, type Sample } from './fixtures/prometheus/prometheus-server.js';
import { promtool } from './fixtures/prometheus/promtool.js';
import { startNode, type NodeRun } from './fixtures/run-node.js';
import { REGISTER } from './fixtures/use-otlp-receiver.js';

const DASHBOARDS = fileURLToPath(new URL('../dashboards/grafana/', import.meta.url));
const RULES = fileURLToPath(new URL('../dashboards/prometheus/sightline-alerts.yml', import.meta.url));
const DEMO = 'sightline-demo';
const FAILURES = 'sightline-failures';

interface Child {
  child: ChildProcess;
  result: Promise<NodeRun>;
  port: number;
  output: () => string;
}

let prometheus: PrometheusServer;
let receiver: OtlpReceiver;
let refusing: OtlpReceiver;
let demo: Child;
let failures: Child;
let tmp: string;

function start(app: string, job: string, port: number, env: Record<string, string>): Child {
  const { child, result } = startNode(['--import', REGISTER, app], {
    timeoutMs: 120_000,
    env: {
      OTEL_SERVICE_NAME: job,
      OTEL_METRICS_EXPORTER: 'prometheus',
      OTEL_EXPORTER_PROMETHEUS_HOST: '127.0.0.1',
      OTEL_EXPORTER_PROMETHEUS_PORT: String(port),
      ...env,
    },
  });
  let out = '';
  child.stdout?.on('data', (chunk: string) => (out += chunk));
  return { child, result, port, output: () => out };
}

/** Waits for a scrape of `job` that started after `time` (seconds since the epoch). */
async function scrapedAfter(job: string, time: number): Promise<void> {
  await prometheus.waitFor(`max(timestamp(up{job="${job}"}))`, (s) => Number(s[0]?.value[1]) > time);
}

async function printed(child: Child, text: string): Promise<void> {
  for (let i = 0; i < 600 && !child.output().includes(text); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  if (!child.output().includes(text)) throw new Error(`no "${text}" in ${child.output().slice(-2000)}; stderr: ${(await Promise.race([child.result, Promise.resolve(undefined)]))?.stderr}`);
}

const total = (samples: Sample[]) => samples.reduce((sum, s) => sum + Number(s.value[1]), 0);

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'sightline-prom-e2e-'));
  // The audit trail's directory is a regular file: every write fails (ENOTDIR), whoever runs the test.
  writeFileSync(join(tmp, 'not-a-directory'), '');
  receiver = await startOtlpReceiver();
  // A receiver that refuses every export for good (400): what it refuses is counted as export_failed.
  refusing = await startOtlpReceiver({ status: 400, failFirst: Number.MAX_SAFE_INTEGER });
  const [demoPort, failuresPort] = await Promise.all([freePort(), freePort()]);
  prometheus = await startPrometheus({
    targets: { [DEMO]: [`127.0.0.1:${demoPort}`], [FAILURES]: [`127.0.0.1:${failuresPort}`] },
    ruleFiles: [RULES],
  });
  demo = start('prometheus/demo-twice.mjs', DEMO, demoPort, { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url });
  failures = start('prometheus/failures-app.mjs', FAILURES, failuresPort, {
    OTEL_EXPORTER_OTLP_ENDPOINT: refusing.url,
    OTEL_BLRP_SCHEDULE_DELAY: '100',
    OTEL_BSP_SCHEDULE_DELAY: '100',
    OTEL_LOG_LEVEL: 'none',
    SIGHTLINE_AUDIT_FILE: join(tmp, 'not-a-directory', 'audit.jsonl'),
    SIGHTLINE_LOG_RATE_LIMIT: '5',
  });

  // Run 1 of the demo, scraped; then run 2, scraped: the counters move between two scrapes. A scrape
  // taken while run 1 was still going would give a partial count: wait for one that began after it.
  await printed(demo, 'ran 1');
  await scrapedAfter(DEMO, Date.now() / 1000);
  const llmCalls = `sum(gen_ai_client_operation_duration_count{job="${DEMO}"})`;
  const exports = `sum(otel_sdk_exporter_operation_duration_count{job="${DEMO}"})`;
  const first = total(await prometheus.query(llmCalls));
  expect(first).toBeGreaterThan(0);
  // Run 1's records exported (the batch processors' delays) and scraped, before run 2 starts.
  const exportsBefore = total(await prometheus.waitFor(exports, (samples) => total(samples) > 0));
  demo.child.stdin?.write('again\n');
  await printed(demo, 'ran 2');
  await prometheus.waitFor(llmCalls, (s) => total(s) === 2 * first);
  // Run 2's records exported and scraped too, so that rates over exports (the pipeline dashboard) move.
  await prometheus.waitFor(exports, (s) => total(s) > exportsBefore);
  await printed(failures, 'ready');
  await prometheus.waitFor(`otel_sdk_processor_log_processed_total{job="${FAILURES}", error_type="export_failed"}`, (s) => s.length > 0);
  await prometheus.waitFor(`otel_sdk_processor_span_processed_total{job="${FAILURES}", error_type="export_failed"}`, (s) => s.length > 0);
  await prometheus.waitFor(`sightline_log_sampled_out_total{job="${FAILURES}"}`, (s) => s.length > 0);
  // A few more scrapes and rule evaluations on the final values.
  await new Promise((resolve) => setTimeout(resolve, 1500));
}, 90_000);

afterAll(async () => {
  for (const app of [demo, failures]) {
    app?.child.kill('SIGTERM');
    await app?.result;
  }
  await prometheus?.close();
  await receiver?.close();
  await refusing?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('a real Prometheus scraping the OTEL_METRICS_EXPORTER=prometheus endpoint', () => {
  it('scrapes the demo and the failures app', async () => {
    const up = await prometheus.query('up');
    expect(Object.fromEntries(up.map((s) => [s.metric.job, s.value[1]]))).toEqual({ [DEMO]: '1', [FAILURES]: '1' });
    const info = await prometheus.query(`target_info{job="${DEMO}"}`);
    expect(info[0]?.metric.service_name).toBe(DEMO);
  });

  it('its query API returns the demo\'s log, LLM and MCP series', async () => {
    const errors = await prometheus.query(`sightline_log_records_total{job="${DEMO}", sightline_log_scope="demo.workflow", sightline_log_severity="error"}`);
    expect(total(errors)).toBe(2); // "a step failed", once per run
    const byProvider = await prometheus.query(`sum by (gen_ai_provider_name) (gen_ai_client_operation_duration_count{job="${DEMO}"})`);
    expect(byProvider.map((s) => s.metric.gen_ai_provider_name).sort()).toEqual(['anthropic', 'gcp.gemini', 'openai']);
    const tokens = await prometheus.query(`sum by (gen_ai_token_type) (gen_ai_client_token_usage_sum{job="${DEMO}"})`);
    expect(tokens.map((s) => s.metric.gen_ai_token_type).sort()).toEqual(['input', 'output']);
    expect(tokens.every((s) => Number(s.value[1]) > 0)).toBe(true);
    const p95 = await prometheus.query(
      `histogram_quantile(0.95, sum by (le) (rate(gen_ai_client_operation_duration_bucket{job="${DEMO}"}[1m])))`,
    );
    expect(Number(p95[0]?.value[1])).toBeGreaterThan(0);
    const tools = await prometheus.query(`sum by (gen_ai_tool_name, error_type) (mcp_server_operation_duration_count{job="${DEMO}", mcp_method_name="tools/call"})`);
    expect(tools.map((s) => `${s.metric.gen_ai_tool_name}:${s.metric.error_type ?? ''}`).sort()).toEqual(['get_alerts:tool_error', 'get_weather:']);
    expect(total(tools)).toBe(4);
  });

  it('promtool check metrics accepts the exposition of both processes', async () => {
    for (const app of [demo, failures]) {
      const text = await (await fetch(`http://127.0.0.1:${app.port}/metrics`)).text();
      expect(text).toContain('# TYPE');
      const run = promtool(['check', 'metrics'], text);
      expect(run.stdout + run.stderr).toBe('');
      expect(run.status).toBe(0);
    }
  });

  it('promtool check metrics would reject a broken exposition (the check can fail)', () => {
    const run = promtool(['check', 'metrics'], '# TYPE x counter\nx{a="1"} one\n');
    expect(run.status).not.toBe(0);
  });
});

describe('the alert rules on real data', () => {
  it('the server loads every rule and evaluates it without error', async () => {
    const data = await prometheus.api<{ groups: Array<{ rules: Array<{ name: string; health: string; lastError?: string }> }> }>('rules');
    const rules = data.groups.flatMap((g) => g.rules);
    const shipped = (parse(readFileSync(RULES, 'utf8')) as { groups: Array<{ rules: unknown[] }> }).groups.flatMap((g) => g.rules);
    expect(rules).toHaveLength(shipped.length);
    for (const rule of rules) expect(`${rule.name}: ${rule.health} ${rule.lastError ?? ''}`).toBe(`${rule.name}: ok `);
  });

  it('the failures app fires the drop, redaction and audit alerts; the demo fires none of them', async () => {
    const alerts = (await prometheus.api<{ alerts: Array<{ labels: Record<string, string>; state: string }> }>('alerts')).alerts;
    const firing = (job: string) => new Set(alerts.filter((a) => a.labels.job === job && a.state === 'firing').map((a) => a.labels.alertname));
    expect([...firing(FAILURES)].sort()).toEqual(['SightlineAuditTrailEntriesLost', 'SightlineRedactionFailures', 'SightlineTelemetryDropped']);
    const dropped = alerts.filter((a) => a.labels.alertname === 'SightlineTelemetryDropped');
    expect(dropped.map((a) => `${a.labels.otel_component_name} ${a.labels.error_type}`).sort()).toEqual([
      'batching_log_processor/0 export_failed',
      'batching_span_processor/0 export_failed',
    ]);
    expect(alerts.find((a) => a.labels.alertname === 'SightlineAuditTrailEntriesLost')?.labels.error_type).toBe('write_failed');
    expect(firing(DEMO).size).toBe(0);
    // The demo's get_alerts tool fails every call: its error-rate alert waits out its 10 minutes.
    const pending = alerts.filter((a) => a.labels.job === DEMO && a.state === 'pending');
    expect(pending.map((a) => `${a.labels.alertname} ${a.labels.gen_ai_tool_name}`)).toEqual(['SightlineMcpToolErrorRateHigh get_alerts']);
  });
});

interface Target {
  expr: string;
  refId: string;
}
interface Panel {
  id: number;
  type: string;
  title: string;
  datasource?: { type: string; uid: string };
  targets?: Target[];
}
interface Variable {
  name: string;
  type: string;
  query: string | { query: string };
}
interface Dashboard {
  uid: string;
  title: string;
  panels: Panel[];
  templating: { list: Variable[] };
}

const dashboards = readdirSync(DASHBOARDS)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(join(DASHBOARDS, f), 'utf8')) as Dashboard);

/** What Grafana would send with every variable at "All" (`.*`) and the time range of this run. */
function substitute(expr: string): string {
  return expr
    .replaceAll('$__rate_interval', '1m')
    .replaceAll('$__range', '5m')
    .replaceAll('$__interval', '15s')
    .replace(/\$\{?(\w+)\}?/g, '.*');
}

describe('the Grafana dashboards: every query runs against the demo data', () => {
  it('ships the provider, MCP and pipeline dashboards', () => {
    expect(dashboards.map((d) => d.uid).sort()).toEqual(['sightline-llm-providers', 'sightline-mcp-tools', 'sightline-pipeline-health']);
  });

  for (const dashboard of dashboards) {
    describe(dashboard.title, () => {
      it('every panel uses the data source variable and has unique ids; every variable it uses is defined', () => {
        const ids = dashboard.panels.map((p) => p.id);
        expect(new Set(ids).size).toBe(ids.length);
        const defined = new Set(dashboard.templating.list.map((v) => v.name));
        for (const panel of dashboard.panels.filter((p) => p.type !== 'row')) {
          expect(panel.datasource, panel.title).toEqual({ type: 'prometheus', uid: '${datasource}' });
          expect(panel.targets?.length, panel.title).toBeGreaterThan(0);
          for (const target of panel.targets ?? []) {
            for (const [, name] of target.expr.matchAll(/\$\{?(\w+)\}?/g)) {
              if (!name.startsWith('__')) expect(defined, `${panel.title}: $${name}`).toContain(name);
            }
          }
        }
      });

      it('every variable query finds values', async () => {
        for (const variable of dashboard.templating.list.filter((v) => v.type === 'query')) {
          const query = typeof variable.query === 'string' ? variable.query : variable.query.query;
          const match = /^label_values\((.+),\s*(\w+)\)$/.exec(query);
          expect(match, query).not.toBeNull();
          const [, selector, label] = match!;
          const values = await prometheus.query(`count by (${label}) (${substitute(selector)})`);
          expect(values.length, query).toBeGreaterThan(0);
        }
      });

      it('every panel query is valid PromQL and returns data from the run', async () => {
        const names = new Set(await prometheus.api<string[]>('label/__name__/values'));
        for (const panel of dashboard.panels.filter((p) => p.type !== 'row')) {
          for (const target of panel.targets ?? []) {
            // A stat's `or vector(0)` shows 0 for "none yet": query without it so the series must exist.
            const expr = substitute(target.expr).replace(/ or vector\(0\)$/, '');
            for (const [, metric] of expr.matchAll(/([a-zA-Z_:][\w:]*)\{/g)) expect(names, `${panel.title}: ${metric}`).toContain(metric);
            const samples = await prometheus.query(expr);
            expect(samples.length, `${panel.title} ${target.refId}: ${expr}`).toBeGreaterThan(0);
            expect(samples.some((s) => Number.isFinite(Number(s.value[1]))), `${panel.title} ${target.refId} has a finite value`).toBe(true);
          }
        }
      });
    });
  }
});
