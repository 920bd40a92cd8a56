/**
 * Issue 15: cost per log record against the record's size and its attribute count, for three loggers
 * measured side by side in one process (tinybench, medians, no forced GC anywhere):
 *
 * - sightline: `bootstrap()` with its defaults (redaction on, sampling, counting, OTLP/HTTP protobuf export
 *   through its own encoder);
 * - the bare OpenTelemetry SDK: `LoggerProvider` + `BatchLogRecordProcessor` (its defaults) +
 *   `@opentelemetry/exporter-logs-otlp-proto`;
 * - pino with `redact` (the sensitive-key paths; pino 10 redacts with `@pinojs/redact`).
 *
 * Export cost is included: each OTLP line exports to a loopback receiver of its own in this process (it
 * reads the request and answers 200; both lines send the same bytes, so the receiver's CPU counts alike
 * for both); pino writes its JSON lines through its own asynchronous file destination (sonic-boom) into
 * /dev/null. No disk, no other process.
 *
 * tinybench's clock is the process's CPU time (user + system, every thread: GC and pino's writes on the
 * libuv pool count), so the other jobs of a shared machine count much less. Three rounds go over every
 * point, the variants' order rotating; a point's figure is the median of its three round medians.
 *
 * One sample emits 256 records (fewer for bodies over 4 KiB) and waits until they are exported or
 * written. Each record's body differs from the previous ones (an id in it, from a ring of 512 prepared
 * strings, so building them is not timed) and so do its id-like attribute values; nothing in them is
 * redacted. The size sweep varies the body from 32 B to 16 KiB with the typical 5
 * attributes; the attribute sweep varies the count from 0 to 64 with the typical 100-byte body.
 *
 * Writes docs/bench-log-cost.svg (two panels, log axes) and its table. `--quick` measures two points per
 * sweep briefly (for the test that runs this file) and writes only the SVG, to `--out` (default: a
 * temporary file).
 *
 *   npm run build && node test/bench/log-cost.bench.ts     (or: node test/bench/run.ts log-cost)
 */
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { SeverityNumber } from '@opentelemetry/api';
import { BatchLogRecordProcessor, LoggerProvider } from '@opentelemetry/sdk-logs';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { bootstrap, getLogger, type LogAttributes } from '@sightline/core';
import pino from 'pino';
import { machine, report, runGroup, type GroupResult } from './harness.ts';
import { countingReceiver, PINO_PATHS } from './log-peers.ts';
import { renderPlot, type Series } from './svg-plot.ts';

const { values: args } = parseArgs({ options: { quick: { type: 'boolean', default: false }, out: { type: 'string' } } });
const QUICK = args.quick;
const SIZES = QUICK ? [32, 2_048] : [32, 128, 512, 2_048, 8_192, 16_384];
const COUNTS = QUICK ? [0, 16] : [0, 1, 2, 4, 8, 16, 32, 64];
const TYPICAL_SIZE = 100;
const TYPICAL_COUNT = 5;
/** Records per sample, emitted and then flushed: 256, fewer for large bodies (at most 1 MiB of bodies), at least 32. */
const perCall = (size: number) => (QUICK ? 32 : Math.max(32, Math.min(256, Math.floor(1_048_576 / size))));
/** Rounds over every point, each measuring every variant for TIME_MS of CPU after a warm-up. */
const ROUNDS = QUICK ? 1 : 3;
const TIME_MS = QUICK ? 30 : 400;
const SAMPLE = QUICK ? '32' : '64–256 (fewer for larger bodies)';
const RING = 512;
const OUT = args.out ?? (QUICK ? join(tmpdir(), 'bench-log-cost-quick.svg') : fileURLToPath(new URL('../../docs/bench-log-cost.svg', import.meta.url)));

const SENTENCE = 'placed by customer u-123 for 42.50 EUR; 3 items, express shipping, warehouse eu-west. ';

/** A body of exactly `size` bytes (ASCII) that starts with an id. */
function body(size: number, id: number): string {
  const head = `order ${100_000 + (id % 900_000)} `;
  return (head + SENTENCE.repeat(Math.ceil(size / SENTENCE.length))).slice(0, size);
}

/** `count` attributes: the typical five first (two ids, a float, an int, a boolean), then a mix of the three kinds. */
function attributes(count: number, id: number): LogAttributes {
  const typical: LogAttributes = { 'user.id': `u-${(id * 7_919) % 100_000}`, 'order.id': `o-${(id * 104_729) % 1_000_000}`, amount: 42.5, items: 3, express: true };
  const out: LogAttributes = {};
  for (let k = 0; k < count; k++) {
    const key = Object.keys(typical)[k];
    if (key !== undefined) out[key] = typical[key];
    else out[`attr.${k}`] = k % 3 === 0 ? `value-${k}` : k % 3 === 1 ? `r-${(id * 31 + k) % 1_000_000}` : k * 1.5;
  }
  return out;
}

// The three loggers, set up once; each OTLP line exports to a loopback receiver of its own.
const bareReceiver = await countingReceiver();
const bareProcessor = new BatchLogRecordProcessor({ exporter: new OTLPLogExporter({ url: `${bareReceiver.endpoint}/v1/logs` }) });
const bare = new LoggerProvider({ processors: [bareProcessor] }).getLogger('bench.app');

const sightlineReceiver = await countingReceiver();
process.env.OTEL_EXPORTER_OTLP_ENDPOINT = sightlineReceiver.endpoint;
const handle = bootstrap({ exporters: { logs: ['otlp'], traces: [], metrics: [] }, handleProcessExit: false, captureCrashes: false, logLevel: 'info' });
const sightline = getLogger('bench.app');

// pino's own asynchronous file destination (sonic-boom), into /dev/null; its lines counted on the way in,
// its bytes on the way out ('write' events), so that a sample can wait until what it logged is written
// (sonic-boom's `flush(cb)` calls back at once when `minLength` is 0, its default). Every line is ASCII.
const pinoDestination = pino.destination({ dest: '/dev/null', sync: false });
const pinoWrite = pinoDestination.write.bind(pinoDestination);
const pinoOut = { lines: 0, submitted: 0, written: 0 };
pinoDestination.write = (line: string) => {
  pinoOut.lines++;
  pinoOut.submitted += line.length;
  return pinoWrite(line);
};
pinoDestination.on('write', (n: number) => (pinoOut.written += n));
const pinoLogger = pino({ redact: { paths: PINO_PATHS } }, pinoDestination);

/** Resolves when sonic-boom has written every byte handed to it. */
async function pinoWritten(): Promise<void> {
  while (pinoOut.written < pinoOut.submitted) await once(pinoDestination, 'write');
}
const emitted = { bare: 0, sightline: 0, pino: 0 };
const bodyBytes = { bare: 0, sightline: 0, pino: 0 };

const NAMES = {
  bare: 'bare OpenTelemetry SDK (batch processor)',
  sightline: 'Sightline (default pipeline, redaction on)',
  pino: 'pino + redact',
} as const;
type Variant = keyof typeof NAMES;
const VARIANTS = Object.keys(NAMES) as Variant[];

/**
 * Measures the three loggers on records of `size` bytes with `count` attributes, in the order of `round`
 * (rotated from round to round); ns per record, cases in the order of VARIANTS.
 */
async function measure(label: string, size: number, count: number, round: number): Promise<GroupResult> {
  const bodies = Array.from({ length: RING }, (_, i) => body(size, i));
  const attrs = Array.from({ length: RING }, (_, i) => attributes(count, i));
  const records = perCall(size);
  let next = 0;
  const emit: Record<Variant, (b: string, a: LogAttributes) => void> = {
    bare: (b, a) => bare.emit({ severityNumber: SeverityNumber.INFO, severityText: 'INFO', body: b, attributes: a as Record<string, string | number | boolean> }),
    sightline: (b, a) => sightline.info(b, a),
    pino: (b, a) => pinoLogger.info(a, b),
  };
  const flush: Record<Variant, () => Promise<unknown>> = {
    bare: () => bareProcessor.forceFlush(),
    sightline: () => handle.forceFlush(),
    pino: pinoWritten,
  };
  const order = VARIANTS.map((_, i) => VARIANTS[(i + round) % VARIANTS.length]!);
  const result = await runGroup(
    label,
    order.map((v) => ({
      name: NAMES[v],
      perCall: records,
      fn: async () => {
        const log = emit[v];
        for (let k = 0; k < records; k++) {
          const i = next++ % RING;
          log(bodies[i]!, attrs[i]!);
        }
        emitted[v] += records;
        bodyBytes[v] += records * size;
        await flush[v]();
      },
    })),
    { timeMs: TIME_MS, clock: 'cpu' },
  );
  return { group: label, cases: VARIANTS.map((v) => result.cases.find((c) => c.name === NAMES[v])!) };
}

/** One point over the rounds: the median of the rounds' medians (the mean of their means). */
function combine(rounds: GroupResult[]): GroupResult {
  const middle = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1]!;
  return {
    group: rounds[0]!.group,
    cases: rounds[0]!.cases.map((c, k) => ({
      name: c.name,
      medianNs: middle(rounds.map((g) => g.cases[k]!.medianNs)),
      meanNs: rounds.reduce((sum, g) => sum + g.cases[k]!.meanNs, 0) / rounds.length,
      p99Ns: Math.max(...rounds.map((g) => g.cases[k]!.p99Ns)),
      samples: rounds.reduce((sum, g) => sum + g.cases[k]!.samples, 0),
    })),
  };
}

const loadBefore = loadavg()[0]!;
const started = new Date();
const points = [
  ...SIZES.map((size) => ({ label: `body ${bytes(size)}, ${TYPICAL_COUNT} attributes`, size, count: TYPICAL_COUNT })),
  ...COUNTS.map((count) => ({ label: `body ${TYPICAL_SIZE} B, ${count} attributes`, size: TYPICAL_SIZE, count })),
];
const rounds: GroupResult[][] = [];
for (let r = 0; r < ROUNDS; r++) {
  const round: GroupResult[] = [];
  for (const p of points) round.push(await measure(p.label, p.size, p.count, r));
  rounds.push(round);
}
const combined = points.map((_, i) => combine(rounds.map((round) => round[i]!)));
const bySize = combined.slice(0, SIZES.length);
const byCount = combined.slice(SIZES.length);
const loadAfter = loadavg()[0]!;
await handle.shutdown();

// Every record reached its exporter or its stream, or the numbers measured less than they claim.
// (An OTLP line delivered at least the bodies' bytes plus 20 bytes a record of timestamps and framing.)
await Promise.all([bareReceiver.close(), sightlineReceiver.close()]);
for (const [v, receiver] of [['bare', bareReceiver], ['sightline', sightlineReceiver]] as const) {
  const least = bodyBytes[v] + 20 * emitted[v];
  if (receiver.received.bytes < least) throw new Error(`${v} delivered ${receiver.received.bytes} OTLP bytes for ${emitted[v]} records, fewer than ${least}`);
}
if (pinoOut.lines !== emitted.pino || pinoOut.written !== pinoOut.submitted) throw new Error(`pino took ${pinoOut.lines} of ${emitted.pino} lines, wrote ${pinoOut.written} of ${pinoOut.submitted} bytes`);

const load = `load average ${loadBefore.toFixed(1)} at the start, ${loadAfter.toFixed(1)} at the end`;
const median = (g: GroupResult, v: Variant) => g.cases[VARIANTS.indexOf(v)]!.medianNs;
const series = (groups: GroupResult[], xs: number[]): Series[] => VARIANTS.map((v) => ({ name: NAMES[v], points: groups.map((g, i) => [xs[i]!, median(g, v)] as const) }));
const yAxis = { label: 'CPU time per record (median)', scale: 'log' as const, format: duration };
const svg = renderPlot({
  title: 'Cost per log record: Sightline, the bare OpenTelemetry SDK and pino',
  panels: [
    { title: `by body size (${TYPICAL_COUNT} attributes)`, x: { label: 'body size', scale: 'log', format: bytes, ticks: SIZES }, y: yAxis, series: series(bySize, SIZES) },
    { title: `by attribute count (${TYPICAL_SIZE}-byte body)`, x: { label: 'attributes per record', scale: 'log1p', ticks: COUNTS }, y: yAxis, series: series(byCount, COUNTS) },
  ],
  caption: [
    `${machine()}; ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC; ${load}.`,
    `One process, tinybench with the process CPU time as its clock; median over ${ROUNDS} interleaved rounds of the median of samples of ${SAMPLE}`,
    'records emitted then written; no forced GC.',
    'OpenTelemetry: OTLP/HTTP protobuf export to a loopback receiver in the same process; pino: its async destination into /dev/null.',
  ],
  panelWidth: 520,
});
writeFileSync(OUT, svg);
console.log(`\nplot written to ${OUT}`);

if (!QUICK) {
  const method = `process CPU time per record, median over ${ROUNDS} interleaved rounds of the median of tinybench samples of ${SAMPLE} records emitted then written; ${load}`;
  report('log-cost', [...bySize, ...byCount], method, [table('body size', bySize, SIZES.map(bytes)), table('attributes', byCount, COUNTS.map(String))].join('\n'));
}

/** One row per point: the three medians and Sightline's ratios to the other two. */
function table(what: string, groups: GroupResult[], labels: string[]): string {
  const rows = groups.map((g, i) => {
    const [b, s, p] = VARIANTS.map((v) => median(g, v));
    return `| ${labels[i]} | ${duration(b!)} | ${duration(s!)} | ${duration(p!)} | ${(s! / b!).toFixed(2)}× | ${(s! / p!).toFixed(2)}× |`;
  });
  return [`| ${what} | bare SDK | Sightline | pino | Sightline / bare SDK | Sightline / pino |`, '|---|---:|---:|---:|---:|---:|', ...rows, ''].join('\n');
}

function bytes(n: number): string {
  return n >= 1_024 ? `${n / 1_024} KiB` : `${n} B`;
}

function duration(ns: number): string {
  if (ns >= 1_000) return `${Number((ns / 1_000).toPrecision(3))} µs`;
  return `${Number(ns.toPrecision(3))} ns`;
}
