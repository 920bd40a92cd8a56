/**
 * The privacy guarantee of docs/privacy.md, proven end to end: a child process under the real preload
 * plants every kind of secret and personal data (fixtures/privacy/planted.mjs) in every field of every
 * signal (fixtures/apps/privacy-app.mjs), and none of them may appear in any byte of any output.
 *
 * OUTPUTS below is the list of everything that leaves the process, the spool of unsent records included.
 * To cover a new output, add one entry: the environment that turns it on, and how to read its bytes
 * after the run.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN_SECRET, PLANTED } from './fixtures/privacy/planted.mjs';
import { runNode, type NodeRun } from './fixtures/run-node.js';
import { REGISTER, useOtlpReceiver } from './fixtures/use-otlp-receiver.js';

/** One run of the app: the environment it adds to the common one. */
interface Run {
  readonly env: Record<string, string>;
}

/** One output: which run produces it, and its bytes once that run ended. */
interface Output {
  readonly name: string;
  readonly run: keyof typeof RUNS;
  bytes(result: RunResult): string | Buffer;
}

interface RunResult extends NodeRun {
  /** Raw OTLP request bodies, as sent. */
  readonly bodies: Buffer[];
  /** What the receiver decoded from them (it is reset before each test, so kept here). */
  readonly decoded: { logs: typeof fixture.receiver.logs; spans: typeof fixture.receiver.spans; metrics: typeof fixture.receiver.metrics };
  readonly dir: string;
}

const fixture = useOtlpReceiver();
let dir = '';
let tee: Server | undefined;
let teeUrl = '';
const bodies: Buffer[] = [];

/** The runs the outputs need; each starts the app once. */
const RUNS = {
  otlp: { env: { OTEL_LOGS_EXPORTER: 'otlp,console', OTEL_TRACES_EXPORTER: 'otlp', OTEL_METRICS_EXPORTER: 'otlp,console', SIGHTLINE_CONSOLE_FORMAT: 'json' } },
  pretty: { env: { OTEL_LOGS_EXPORTER: 'console', OTEL_TRACES_EXPORTER: 'console', OTEL_METRICS_EXPORTER: 'console', SIGHTLINE_CONSOLE_FORMAT: 'pretty' } },
  mcp: { env: { OTEL_LOGS_EXPORTER: 'console', OTEL_TRACES_EXPORTER: 'console', OTEL_METRICS_EXPORTER: 'none', SIGHTLINE_CONSOLE_FORMAT: 'mcp' } },
  prometheus: { env: { OTEL_LOGS_EXPORTER: 'none', OTEL_TRACES_EXPORTER: 'none', OTEL_METRICS_EXPORTER: 'prometheus', OTEL_EXPORTER_PROMETHEUS_PORT: 'free' } },
  // No receiver: everything queued at shutdown is written to the spool.
  spool: { env: { OTEL_LOGS_EXPORTER: 'otlp', OTEL_TRACES_EXPORTER: 'otlp', OTEL_METRICS_EXPORTER: 'none', SIGHTLINE_SHUTDOWN_TIMEOUT_MS: '2000' } },
  // The OTLP file exporter for every signal; SIGHTLINE_FILE_DIR is set per run below.
  file: { env: { OTEL_LOGS_EXPORTER: 'file', OTEL_TRACES_EXPORTER: 'file', OTEL_METRICS_EXPORTER: 'file' } },
} satisfies Record<string, Run>;

/** Every file under `folder`, concatenated. */
function filesUnder(folder: string): string {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8'))
    .join('\n');
}

// ---------------------------------------------------------------------------------------------------
// Every output the guarantee covers. Add new outputs here.
const OUTPUTS: readonly Output[] = [
  { name: 'OTLP/HTTP request bodies, as sent (logs, traces, metrics)', run: 'otlp', bytes: (r) => Buffer.concat(r.bodies) },
  { name: 'OTLP records as the receiver decoded them', run: 'otlp', bytes: (r) => JSON.stringify(r.decoded) },
  { name: 'console: json format (logs, METRIC lines)', run: 'otlp', bytes: (r) => r.stdout },
  { name: 'console: pretty format (logs, spans, metrics)', run: 'pretty', bytes: (r) => r.stdout },
  { name: 'console: mcp format (logs, spans)', run: 'mcp', bytes: (r) => r.stdout },
  { name: 'Prometheus endpoint (/metrics)', run: 'prometheus', bytes: (r) => readFileSync(join(r.dir, 'prometheus.txt')) },
  { name: 'audit trail file', run: 'otlp', bytes: (r) => readFileSync(join(r.dir, 'audit.jsonl')) },
  { name: 'diagnostics on stderr', run: 'otlp', bytes: (r) => r.stderr },
  { name: 'spool of records unsent at shutdown (OTLP JSON lines)', run: 'spool', bytes: (r) => filesUnder(join(r.dir, 'spool')) },
  { name: 'OTLP file exporter (OTEL_*_EXPORTER=file: logs, traces, metrics files)', run: 'file', bytes: (r) => filesUnder(join(r.dir, 'otlp-files')) },
];
// ---------------------------------------------------------------------------------------------------

/** Records raw request bodies and forwards them to the receiver unchanged. */
function startTee(target: string): Promise<Server> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      bodies.push(body);
      const forward = request(new URL(req.url ?? '/', target), { method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      forward.on('error', () => res.writeHead(502).end());
      forward.end(body);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** A loopback port nothing listens on right now. */
function freePort(): Promise<number> {
  const server = createServer();
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    }),
  );
}

const results = new Map<string, RunResult>();

async function run(name: keyof typeof RUNS): Promise<RunResult> {
  const cached = results.get(name);
  if (cached !== undefined) return cached;
  fixture.receiver.reset();
  bodies.length = 0;
  const runDir = mkdtempSync(join(dir, `${name}-`));
  const planted = PLANTED.filter((p) => !p.pii);
  const resourceAttributes = planted.map((p, i) => `app.planted${i}=${encodeURIComponent(p.plant)}`).join(',');
  const args = planted.map((p) => `--note=${p.plant.replace(/\n/g, ' ')}`);
  const result = await runNode(['--import', REGISTER, 'apps/privacy-app.mjs', `--token=${PLANTED[8]!.plant}`, ...args], {
    env: {
      ...fixture.env(),
      OTEL_EXPORTER_OTLP_ENDPOINT: teeUrl,
      OTEL_EXPORTER_OTLP_COMPRESSION: 'none',
      OTEL_SERVICE_NAME: 'privacy-app',
      OTEL_RESOURCE_ATTRIBUTES: resourceAttributes,
      OTEL_METRIC_EXPORT_INTERVAL: '60000',
      SIGHTLINE_BAGGAGE_KEYS: PLANTED.map((_, i) => `planted${i}`).join(','),
      SIGHTLINE_AUDIT_FILE: join(runDir, 'audit.jsonl'),
      SIGHTLINE_SAMPLING_RATIO: '1',
      PRIVACY_PROMETHEUS_OUT: name === 'prometheus' ? join(runDir, 'prometheus.txt') : '',
      FAKE_PROVIDER_API_KEY: KNOWN_SECRET,
      ...RUNS[name].env,
      SIGHTLINE_SPOOL_DIR: join(runDir, 'spool'),
      SIGHTLINE_FILE_DIR: join(runDir, 'otlp-files'),
      ...(name === 'prometheus' ? { OTEL_EXPORTER_PROMETHEUS_PORT: String(await freePort()) } : {}),
      ...(name === 'spool' ? { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${await freePort()}` } : {}),
    },
    timeoutMs: 30_000,
  });
  const { logs, spans, metrics } = fixture.receiver;
  const out: RunResult = { ...result, bodies: [...bodies], dir: runDir, decoded: { logs: [...logs], spans: [...spans], metrics: [...metrics] } };
  results.set(name, out);
  return out;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sightline-privacy-'));
  tee = await startTee(fixture.receiver.url);
  teeUrl = `http://127.0.0.1:${(tee.address() as AddressInfo).port}`;
});

afterAll(() => {
  tee?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('privacy guarantee: no planted secret or personal data in any exported byte', () => {
  for (const output of OUTPUTS) {
    it(output.name, async () => {
      const result = await run(output.run);
      expect(result.code, result.stderr.split("\n").filter((l) => !l.startsWith("Accessing resource")).join("\n").slice(-3000)).toBe(0);
      const text = output.bytes(result).toString();
      if (output.name !== 'diagnostics on stderr') {
        // The output really carries the planted fields, redacted: the test cannot pass on an empty output.
        expect(text).toContain('REDACTED');
      }
      const leaks = PLANTED.filter((p) => text.includes(p.leak)).map((p) => `${p.kind}: ${p.leak}`);
      expect(leaks).toEqual([]);
    });
  }

  it('the file run wrote a file for every signal', async () => {
    const names = readdirSync(join((await run('file')).dir, 'otlp-files'));
    expect(names.map((n) => n.split('-')[0]).sort()).toEqual(['logs', 'metrics', 'traces']);
  });

  it('the OTLP run exported every signal: logs with event names, spans with events, links and status, metrics, the resource', async () => {
    const { logs, spans, metrics } = (await run('otlp')).decoded;
    expect(logs.some((l) => l.eventName?.startsWith('privacy-app.event [REDACTED:'))).toBe(true);
    const span = spans.find((s) => s.name.startsWith('privacy-app span'))!;
    expect(span.events.length).toBeGreaterThan(0);
    expect(span.links.length).toBe(1);
    expect(span.status.message).toContain('[REDACTED:');
    expect(metrics.some((m) => m.name === 'privacy_app.requests')).toBe(true);
    expect(JSON.stringify(logs[0]?.resource)).toContain('[REDACTED:');
  });
});
