/**
 * Throughput of the OTLP file exporter (`OTEL_LOGS_EXPORTER=file`) against OTLP/HTTP (`http/json` and
 * `http/protobuf`, to a loopback receiver that accepts and discards) and against no exporter, through the
 * whole pipeline that `bootstrap()` builds (sanitize, redaction, sampling, the export queue): per log record,
 * the time from the first of a burst of records until `forceFlush()` has them written or acknowledged.
 * Each variant runs in its own child process (one SDK per process), the variants interleaved, rounds
 * repeated; medians reported. Records/s = 1e9 / (ns per record).
 *
 * Run after `npm run build`: `npm run bench file-export`, or `node test/bench/file-export.bench.ts
 * [records-per-round] [rounds]`. Saves `results/file-export.json` for `run.ts`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { report, type CaseResult } from './harness.ts';

const SELF = fileURLToPath(import.meta.url);

if (process.argv[2] === 'child') {
  const { bootstrap, getLogger } = await import('@sightline/core');
  const records = Number(process.argv[3]);
  const rounds = Number(process.argv[4]);
  const handle = bootstrap({ serviceName: 'file-export-bench', handleProcessExit: false, spool: false });
  // An app's server keeps its process alive; our sockets do not (they are unref'd).
  const keepAlive = setInterval(() => {}, 1_000);
  const log = getLogger('bench.file');
  const perRecord: number[] = [];
  for (let round = -2; round < rounds; round++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < records; i++) log.info('order placed', { 'order.id': `o-${i}`, amount: i, 'user.email': 'someone@example.com' });
    await handle.forceFlush(60_000);
    if (round >= 0) perRecord.push(Number(process.hrtime.bigint() - start) / records);
  }
  const drops = handle.getDropCounts().logs;
  await handle.shutdown();
  clearInterval(keepAlive);
  process.stdout.write(JSON.stringify({ perRecord, drops }));
  process.exit(0);
}

const RECORDS = Number(process.argv[2] ?? 20_000);
const ROUNDS = Number(process.argv[3] ?? 5);
const REPEATS = 3;

const receiver = createServer((req, res) => {
  req.resume();
  req.on('end', () => res.writeHead(200, { 'Content-Type': req.headers['content-type'] ?? 'application/json' }).end());
});
await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const endpoint = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
const base = { OTEL_TRACES_EXPORTER: 'none', OTEL_METRICS_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: endpoint };
const dir = mkdtempSync(join(tmpdir(), 'file-export-bench-'));

const VARIANTS: Array<{ name: string; env: Record<string, string> }> = [
  { name: 'no exporter (OTEL_LOGS_EXPORTER=none): the pipeline alone', env: { OTEL_LOGS_EXPORTER: 'none' } },
  { name: 'file (OTLP JSON Lines, async append)', env: { OTEL_LOGS_EXPORTER: 'file', SIGHTLINE_FILE_DIR: dir } },
  { name: 'OTLP/HTTP http/json, loopback receiver', env: { OTEL_LOGS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' } },
  { name: 'OTLP/HTTP http/protobuf, loopback receiver', env: { OTEL_LOGS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf' } },
];

const samples = new Map<string, number[]>(VARIANTS.map((v) => [v.name, []]));
for (let repeat = 0; repeat < REPEATS; repeat++) {
  for (const variant of VARIANTS) {
    const env: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('OTEL_') && !k.startsWith('SIGHTLINE_')) env[k] = v;
    // Asynchronously: this process serves the loopback receiver meanwhile.
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, [SELF, 'child', String(RECORDS), String(ROUNDS)], { env: { ...env, ...base, ...variant.env } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c));
      child.stderr.on('data', (c: Buffer) => (stderr += c));
      child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`${variant.name}: exit ${code}\n${stderr}`))));
    });
    const { perRecord, drops } = JSON.parse(out) as { perRecord: number[]; drops: Record<string, number> };
    if (Object.values(drops).some((n) => n > 0)) throw new Error(`${variant.name} dropped records: ${JSON.stringify(drops)}`);
    samples.get(variant.name)!.push(...perRecord);
  }
}
receiver.close();
const written = readdirSync(dir).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);

// Reading the files back with readOtlpFiles (what a viewer does), three times.
const { readOtlpFiles } = await import('@sightline/core');
const readRounds: number[] = [];
let readRecords = 0;
for (let round = 0; round < 3; round++) {
  readRecords = 0;
  const start = process.hrtime.bigint();
  await readOtlpFiles([dir], ({ request }) => {
    for (const r of request.resourceLogs as Array<{ scopeLogs: Array<{ logRecords: unknown[] }> }>) for (const sl of r.scopeLogs) readRecords += sl.logRecords.length;
  });
  readRounds.push(Number(process.hrtime.bigint() - start) / readRecords);
}
rmSync(dir, { recursive: true, force: true });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const cases: CaseResult[] = VARIANTS.map(({ name }) => {
  const xs = samples.get(name)!;
  return { name, medianNs: median(xs), meanNs: xs.reduce((a, b) => a + b, 0) / xs.length, p99Ns: Math.max(...xs), samples: xs.length };
});
for (const c of cases) console.log(`${c.name.padEnd(60)} ${(1e9 / c.medianNs).toFixed(0).padStart(9)} records/s`);
console.log(`file bytes per record: ${(written / (RECORDS * (ROUNDS + 2) * REPEATS)).toFixed(0)}`);
const read: CaseResult = {
  name: `readOtlpFiles: ${readRecords} records, ${(written / 2 ** 20).toFixed(0)} MiB`,
  medianNs: median(readRounds),
  meanNs: readRounds.reduce((a, b) => a + b, 0) / readRounds.length,
  p99Ns: Math.max(...readRounds),
  samples: readRounds.length,
};
console.log(`${read.name}: ${(1e9 / read.medianNs).toFixed(0)} records/s, ${((written / 2 ** 20) / ((read.medianNs * readRecords) / 1e9)).toFixed(0)} MiB/s`);
report('file-export', [
  { group: `log records, ${RECORDS} per burst, emitted then flushed (per record)`, cases },
  { group: 'reading the files back (per record)', cases: [read] },
]);
