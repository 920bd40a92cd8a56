/**
 * Issue 15 target 3, per log record as whole processes: each variant runs in a fresh process that emits
 * a warm-up of records, then N typical records (100-byte body that differs in every record, 5 attributes)
 * in chunks of 1 000 with a yield between chunks (as a server's requests would), then flushes. Its own
 * CPU time (`process.cpuUsage`, user + system, so other processes on the machine count less) over the N
 * records and the flush, divided by N, is the cost per record. Variants:
 *
 * - bare OpenTelemetry SDK: `BatchLogRecordProcessor` + the OTLP/HTTP protobuf exporter
 *   (`@opentelemetry/exporter-logs-otlp-proto`);
 * - sightline: `bootstrap()` with its defaults (redaction on, OTLP/HTTP protobuf export);
 * - pino with `redact` (`@pinojs/redact`, the sensitive-key paths) writing to a file (async destination);
 *   its flush waits until the last write has completed;
 * - sightline with `redaction: false`: not a target, it shows what the rest of the pipeline costs.
 *
 * The OTLP variants export to a loopback receiver in the parent process that answers 200 with an empty
 * response. Rounds are interleaved (variant order shuffled per round); medians reported.
 *
 *   npm run build && node test/bench/log-process.bench.ts     (or: node test/bench/run.ts log-process)
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { report, type GroupResult } from './harness.ts';
import { PINO_PATHS } from './log-peers.ts';

const N = 50_000;
const WARMUP = 10_000;
const CHUNK = 1_000;
const ROUNDS = 15;
const VARIANTS = ['bare', 'sightline', 'pino', 'sightline-unredacted'] as const;
type Variant = (typeof VARIANTS)[number];

const body = (i: number): string => `order ${String(100_000 + (i % 900_000))} placed by customer u-123 for 42.50 EUR; 3 items, express shipping, warehouse eu-west`;
const attributes = (i: number) => ({ 'user.id': `u-${(i * 7919) % 100_000}`, 'order.id': `o-${(i * 104_729) % 1_000_000}`, amount: 42.5, items: 3, express: true });

/** In the child: sets the variant up and returns its `emit` and `flush`. */
async function setUp(variant: Variant, endpoint: string, file: string): Promise<{ emit: (i: number) => void; flush: () => Promise<unknown> }> {
  if (variant === 'bare') {
    const { BatchLogRecordProcessor, LoggerProvider } = await import('@opentelemetry/sdk-logs');
    const { OTLPLogExporter } = await import('@opentelemetry/exporter-logs-otlp-proto');
    const { SeverityNumber } = await import('@opentelemetry/api');
    const processor = new BatchLogRecordProcessor({ exporter: new OTLPLogExporter({ url: `${endpoint}/v1/logs` }), maxQueueSize: 4 * CHUNK + WARMUP });
    const logger = new LoggerProvider({ processors: [processor] }).getLogger('bench.app');
    return {
      emit: (i) => logger.emit({ severityNumber: SeverityNumber.INFO, severityText: 'INFO', body: body(i), attributes: attributes(i) }),
      flush: () => processor.forceFlush(),
    };
  }
  if (variant === 'sightline' || variant === 'sightline-unredacted') {
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = endpoint;
    const { bootstrap, getLogger } = await import('@sightline/core');
    const handle = bootstrap({
      exporters: { logs: ['otlp'], traces: [], metrics: [] },
      handleProcessExit: false,
      captureCrashes: false,
      logLevel: 'info',
      ...(variant === 'sightline-unredacted' ? { redaction: false as const } : {}),
    });
    const log = getLogger('bench.app');
    return { emit: (i) => log.info(body(i), attributes(i)), flush: () => handle.forceFlush() };
  }
  const { default: pino } = await import('pino');
  const destination = pino.destination({ dest: file, sync: false });
  const logger = pino({ redact: { paths: PINO_PATHS } }, destination);
  return {
    emit: (i) => logger.info(attributes(i), body(i)),
    // Until every write has reached the file: with `minLength` 0 (the default), SonicBoom's `flush(cb)` calls
    // back at once, while the last writes are still in flight on libuv's threads (their CPU time would land
    // after the measurement). `_writing` is SonicBoom's in-flight flag; it emits 'drain' once nothing is left.
    flush: async () => {
      while ((destination as unknown as { _writing: boolean })._writing) await once(destination, 'drain');
    },
  };
}

async function child(variant: Variant, endpoint: string, file: string): Promise<void> {
  // A server's listening socket keeps its process alive; the SDKs' export timers are unref'd.
  setInterval(() => {}, 1_000);
  const { emit, flush } = await setUp(variant, endpoint, file);
  const run = async (from: number, count: number) => {
    for (let i = 0; i < count; i += CHUNK) {
      for (let k = 0; k < CHUNK; k++) emit(from + i + k);
      await new Promise(setImmediate);
    }
    await flush();
  };
  await run(0, WARMUP);
  const start = process.cpuUsage();
  await run(WARMUP, N);
  const used = process.cpuUsage(start);
  process.stdout.write(JSON.stringify({ nsPerRecord: ((used.user + used.system) * 1000) / N }));
  process.exit(0);
}

async function parent(): Promise<void> {
  let received = 0;
  const server = createServer((req, res) => {
    req.on('data', (chunk: Buffer) => (received += chunk.length));
    req.on('end', () => {
      res.writeHead(200, { 'Content-Type': 'application/x-protobuf' });
      res.end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no address');
  const endpoint = `http://127.0.0.1:${address.port}`;
  const dir = mkdtempSync(join(tmpdir(), 'sightline-bench-'));
  const samples: Record<Variant, number[]> = { bare: [], sightline: [], pino: [], 'sightline-unredacted': [] };
  for (let r = 0; r < ROUNDS; r++) {
    const order = [...VARIANTS].sort(() => Math.random() - 0.5);
    for (const variant of order) {
      // Asynchronously: the receiver runs in this process.
      const before = received;
      const out = await runChild(variant, endpoint, join(dir, `${variant}-${r}.log`));
      // Every OTLP variant must have delivered its records (about 100 bytes each), or it measured nothing.
      if (variant !== 'pino' && received - before < 50 * (N + WARMUP)) throw new Error(`${variant} delivered ${received - before} bytes`);
      samples[variant].push(out);
    }
  }
  server.close();
  rmSync(dir, { recursive: true, force: true });
  const median = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1]!;
  const mean = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length;
  const names: Record<Variant, string> = {
    bare: 'bare OpenTelemetry SDK: BatchLogRecordProcessor + OTLP/HTTP protobuf exporter',
    sightline: 'sightline: bootstrap() defaults (redaction on) + OTLP/HTTP protobuf export',
    pino: 'pino 10 with redact (@pinojs/redact) to a file',
    'sightline-unredacted': 'sightline: the same with redaction: false (not a target; what the rest of the pipeline costs)',
  };
  const group: GroupResult = {
    group: `CPU per log record, whole processes (${N} records after ${WARMUP} warm-up, ${ROUNDS} interleaved rounds; OTLP bytes received: ${received})`,
    cases: VARIANTS.map((v) => ({ name: names[v], medianNs: median(samples[v]), meanNs: mean(samples[v]), p99Ns: 0, samples: ROUNDS })),
  };
  // Paired: each round's ratio, so that a round slowed down by the other jobs on the machine slows its variants alike.
  const paired = (v: Variant, base: Variant) => {
    const ratios = samples[v].map((x, r) => x / samples[base][r]!).sort((a, b) => a - b);
    return `${median(ratios).toFixed(2)}× (${ratios[0]!.toFixed(2)}–${ratios.at(-1)!.toFixed(2)})`;
  };
  report(
    'log-process',
    [group],
    `process CPU time per record (user + system), median (mean) of rounds; sightline per round (paired), median (range): ${paired('sightline', 'bare')} the bare SDK, ${paired('sightline', 'pino')} pino; with redaction off ${paired('sightline-unredacted', 'bare')} the bare SDK; load average ${loadavg()[0]!.toFixed(1)} at the end`,
  );
}

async function runChild(variant: Variant, endpoint: string, file: string): Promise<number> {
  const proc = spawn(process.execPath, [new URL(import.meta.url).pathname, 'child', variant, endpoint, file], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  proc.stdout.on('data', (d: Buffer) => (out += d));
  const [code] = (await once(proc, 'exit')) as [number];
  if (code !== 0) throw new Error(`${variant} child exited with ${code}`);
  return (JSON.parse(out) as { nsPerRecord: number }).nsPerRecord;
}

if (process.argv[2] === 'child') await child(process.argv[3] as Variant, process.argv[4]!, process.argv[5]!);
else await parent();
