/**
 * Issue 3 benchmark: ns per log record and per span redacted by the built `@sightline/redaction`, against
 * `@pinojs/redact` (pino's redaction) configured with the same sensitive keys as paths — at the top level
 * only, and also one level down (`*.password`). pino only replaces values at known paths; we also scan
 * every value.
 *
 * (a) The processors alone, on records and spans made by the real SDKs: a typical log record
 *     (200-character message, 8 short attributes) with no match and with two matches (an e-mail address
 *     and a phone number), and a span with 20 attributes. pino gets the same record as one object.
 *     Ids (request, response, session) differ from operation to operation, as in real traffic, so the
 *     redactor's memory of clean short strings helps only with the values that do repeat.
 * (b) Through `logger.emit` of the real Logs SDK, with and without the redaction processor in front of a
 *     no-op processor, on issue 15's typical record (100-byte body, 5 attributes, nothing to redact): what
 *     redaction adds to a log call, as the difference of the two medians measured side by side; then the
 *     same in process CPU time, interleaved rounds.
 * (c) 1 MiB of adversarial input per detector (length cap off; the inputs of the adversarial test): the
 *     absolute cost of the linear-time guarantee that test checks by ratio.
 *
 *   npm run build && node test/bench/redaction.bench.ts     (or: node test/bench/run.ts redaction)
 */
import pinoRedact from '@pinojs/redact';
import type { Attributes } from '@opentelemetry/api';
import { LoggerProvider, type LogRecordProcessor, type ReadWriteLogRecord } from '@opentelemetry/sdk-logs';
import { TracerProvider, type Span, type SpanProcessor } from '@opentelemetry/sdk-trace';
import { createRedactor, RedactionLogRecordProcessor, RedactionSpanProcessor } from '@sightline/redaction';
import { ADVERSARIAL_INPUTS } from '../../packages/redaction/test/fixtures/adversarial-inputs.ts';
import { report, runGroup, type GroupResult } from './harness.ts';

const PER_CALL = 1_000;

/** 200 characters, no secret or PII, with the digits and punctuation of real log lines. */
const MESSAGE =
  'Completed chat request for tenant acme-corp in 1234 ms; model gpt-4o-mini returned 3 choices (finish_reason=stop) after 2 retries, cache miss on key summary:v2, request id req_8f3a2c91 ok.';
/** The same length with two matches: an e-mail address and a phone number. */
const MESSAGE_TWO_MATCHES =
  'Completed chat request for jane.doe@example.com in 1234 ms; model gpt-4o-mini returned 3 choices (finish_reason=stop), callback to +44 20 7946 0958 queued, cache miss on key summary:v2 ok.';

/** Eight short attributes, as an instrumented request log carries them. */
const ATTRIBUTES: Attributes = {
  'http.route': '/v1/chat/completions',
  'user.tier': 'premium',
  'gen_ai.provider.name': 'openai',
  'gen_ai.tool.name': 'search_docs',
  'request.id': 'req_8f3a2c91',
  'cloud.region': 'eu-west-1',
  'cache.hit': false,
  'retry.count': 2,
};

/** Twenty attributes of an LLM call span. */
const SPAN_ATTRIBUTES: Attributes = {
  'gen_ai.operation.name': 'chat',
  'gen_ai.provider.name': 'openai',
  'gen_ai.request.model': 'gpt-4o-mini',
  'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
  'gen_ai.response.id': 'chatcmpl-AbCdEf0123456789',
  'gen_ai.request.temperature': 0.2,
  'gen_ai.request.max_tokens': 1024,
  'gen_ai.usage.input_tokens': 812,
  'gen_ai.usage.output_tokens': 143,
  'gen_ai.response.finish_reasons': ['stop'],
  'server.address': 'api.openai.com',
  'server.port': 443,
  'http.request.method': 'POST',
  'http.response.status_code': 200,
  'url.path': '/v1/chat/completions',
  'user.tier': 'premium',
  'tenant.id': 'acme-corp',
  'session.id': '7d9f2c1a-55b4-4e8e-9a39-0b1c2d3e4f50',
  'gen_ai.conversation.id': 'conv_5f8a2b',
  'app.feature': 'summarize-thread',
};

/** The paths a pino user would configure for the same sensitive keys: top level, and one level down too. */
const PINO_KEYS = ['password', 'token', 'api_key', 'apiKey', 'secret', 'authorization', 'cookie'];
const PINO_NESTED_PATHS = PINO_KEYS.flatMap((k) => [k, `*.${k}`]);

const redactor = createRedactor({ knownSecrets: [] });
const logProcessor = new RedactionLogRecordProcessor(redactor);
const spanProcessor = new RedactionSpanProcessor(redactor);
const pino = pinoRedact({ paths: PINO_NESTED_PATHS, serialize: false });
const pinoTopLevel = pinoRedact({ paths: PINO_KEYS, serialize: false });

const noop: LogRecordProcessor = { onEmit() {}, forceFlush: () => Promise.resolve(), shutdown: () => Promise.resolve() };

/** Records made by the real Logs SDK, as a processor receives them. */
function sdkRecords(body: string): ReadWriteLogRecord[] {
  const records: ReadWriteLogRecord[] = [];
  const capture: LogRecordProcessor = { ...noop, onEmit: (record) => void records.push(record) };
  const logger = new LoggerProvider({ processors: [capture] }).getLogger('bench.app');
  for (let i = 0; i < PER_CALL; i++) logger.emit({ body, attributes: ATTRIBUTES });
  return records;
}

/** Ended spans made by the real Trace SDK, 20 attributes each. */
function sdkSpans(): Span[] {
  const spans: Span[] = [];
  const capture: SpanProcessor = { onStart: () => {}, onEnd: (span) => void spans.push(span as Span), forceFlush: () => Promise.resolve(), shutdown: () => Promise.resolve() };
  const tracer = new TracerProvider({ spanProcessors: [capture] }).getTracer('bench.app');
  for (let i = 0; i < PER_CALL; i++) tracer.startSpan('chat gpt-4o-mini', { attributes: SPAN_ATTRIBUTES }).end();
  return spans;
}

/**
 * Ids that differ from operation to operation, as in real traffic: far more of them than the redactor
 * remembers clean strings, so each is scanned. Generated up front; each operation writes the next one
 * into its record (the SDK no longer lets emitted records and ended spans be changed through its methods,
 * so redacting one again repeats the whole search; a real stage also pays the few `setBody`/`setAttribute`
 * calls of the match path).
 */
const ID_COUNT = 1 << 16;
const requestIds = Array.from({ length: ID_COUNT }, (_, i) => `req_${(0x8f3a2c91 + i * 7919).toString(16)}`);
const responseIds = Array.from({ length: ID_COUNT }, (_, i) => `chatcmpl-AbCd${(i * 104729).toString(36)}`);
const sessionIds = Array.from({ length: ID_COUNT }, (_, i) => `7d9f2c1a-55b4-4e8e-9a39-${(i * 15485863).toString(16).padStart(12, '0').slice(-12)}`);
let next = 0;

/** Keeps results alive so the engine cannot drop the work. */
let sink: unknown;

function redactEach(records: ReadWriteLogRecord[]): void {
  for (let i = 0; i < PER_CALL; i++) {
    const record = records[i];
    record.attributes['request.id'] = requestIds[next++ & (ID_COUNT - 1)];
    logProcessor.onEmit(record);
  }
}

function pinoEach(input: Record<string, unknown>, redact = pino): void {
  for (let i = 0; i < PER_CALL; i++) {
    input['request.id'] = requestIds[next++ & (ID_COUNT - 1)];
    sink = redact(input);
  }
}

function redactSpans(): void {
  for (let i = 0; i < PER_CALL; i++) {
    const span = spans[i];
    const id = next++ & (ID_COUNT - 1);
    span.attributes['gen_ai.response.id'] = responseIds[id];
    span.attributes['session.id'] = sessionIds[id];
    spanProcessor.onEnding(span);
  }
}

function pinoSpans(redact = pino): void {
  const input: Record<string, unknown> = { name: 'chat gpt-4o-mini', ...SPAN_ATTRIBUTES };
  for (let i = 0; i < PER_CALL; i++) {
    const id = next++ & (ID_COUNT - 1);
    input['gen_ai.response.id'] = responseIds[id];
    input['session.id'] = sessionIds[id];
    sink = redact(input);
  }
}

const cleanRecords = sdkRecords(MESSAGE);
const matchRecords = sdkRecords(MESSAGE_TWO_MATCHES);
const spans = sdkSpans();

const noMatch = await runGroup('log record: 200-character message, 8 short attributes, nothing to redact', [
  { name: '@sightline/redaction: RedactionLogRecordProcessor.onEmit (scans every value)', perCall: PER_CALL, fn: () => redactEach(cleanRecords) },
  { name: '@pinojs/redact, sensitive-key paths, top level only', perCall: PER_CALL, fn: () => pinoEach({ msg: MESSAGE, ...ATTRIBUTES }, pinoTopLevel) },
  { name: '@pinojs/redact, sensitive-key paths, top level and `*.key`', perCall: PER_CALL, fn: () => pinoEach({ msg: MESSAGE, ...ATTRIBUTES }) },
]);

const twoMatches = await runGroup('log record: 200-character message, 8 short attributes, two matches', [
  { name: '@sightline/redaction: RedactionLogRecordProcessor.onEmit (scans every value)', perCall: PER_CALL, fn: () => redactEach(matchRecords) },
  { name: '@pinojs/redact, sensitive-key paths, top level and `*.key` (finds neither)', perCall: PER_CALL, fn: () => pinoEach({ msg: MESSAGE_TWO_MATCHES, ...ATTRIBUTES }) },
]);

const span = await runGroup('span: 20 attributes, nothing to redact', [
  { name: '@sightline/redaction: RedactionSpanProcessor.onEnding (scans every value)', perCall: PER_CALL, fn: redactSpans },
  { name: '@pinojs/redact, sensitive-key paths, top level only', perCall: PER_CALL, fn: () => pinoSpans(pinoTopLevel) },
  { name: '@pinojs/redact, sensitive-key paths, top level and `*.key`', perCall: PER_CALL, fn: () => pinoSpans() },
]);

/** Issue 15 target 4: a typical record — a 100-byte body, 5 attributes, nothing to redact. */
const TYPICAL_BODY = 'order 5812 placed by customer u-123 for 42.50 EUR; 3 items, express shipping, warehouse eu-west-1';
const typicalAttributes = (i: number): Attributes => ({
  'user.id': `u-${(i * 7919) % 100_000}`,
  'order.id': `o-${(i * 104_729) % 1_000_000}`,
  amount: 42.5,
  items: 3,
  express: true,
});

/** 100 bytes with an order number that changes every record, so no memory of clean messages helps. */
const varyingBody = (i: number): string => `order ${String(100_000 + (i % 900_000))} placed by customer u-123 for 42.50 EUR; 3 items, express shipping, warehouse eu-west`;

const bare = new LoggerProvider({ processors: [noop] }).getLogger('bench.app');
const redacted = new LoggerProvider({ processors: [new RedactionLogRecordProcessor(redactor), noop] }).getLogger('bench.app');

const sdk = await runGroup('logger.emit, typical record (100-byte body, 5 attributes, nothing to redact), real Logs SDK', [
  { name: 'bare SDK: LoggerProvider, no-op processor', perCall: PER_CALL, fn: () => {
    for (let i = 0; i < PER_CALL; i++) bare.emit({ body: TYPICAL_BODY, attributes: typicalAttributes(next++) });
  } },
  { name: 'LoggerProvider, RedactionLogRecordProcessor + no-op processor', perCall: PER_CALL, fn: () => {
    for (let i = 0; i < PER_CALL; i++) redacted.emit({ body: TYPICAL_BODY, attributes: typicalAttributes(next++) });
  } },
  { name: 'bare SDK, body different in every record (an id in the message)', perCall: PER_CALL, fn: () => {
    for (let i = 0; i < PER_CALL; i++) bare.emit({ body: varyingBody(next++), attributes: typicalAttributes(next) });
  } },
  { name: 'RedactionLogRecordProcessor, body different in every record', perCall: PER_CALL, fn: () => {
    for (let i = 0; i < PER_CALL; i++) redacted.emit({ body: varyingBody(next++), attributes: typicalAttributes(next) });
  } },
]);
const [bareSame, redactedSame, bareVarying, redactedVarying] = sdk.cases;
sdk.cases.push(
  { name: 'added by redaction, same message (difference of the medians)', medianNs: redactedSame.medianNs - bareSame.medianNs, meanNs: redactedSame.meanNs - bareSame.meanNs, p99Ns: 0, samples: 0 },
  { name: 'added by redaction, message different every time (difference of the medians)', medianNs: redactedVarying.medianNs - bareVarying.medianNs, meanNs: redactedVarying.meanNs - bareVarying.meanNs, p99Ns: 0, samples: 0 },
);

/**
 * The same comparison in process CPU time (`process.cpuUsage`), which counts the other jobs of a shared
 * machine much less than tinybench's wall time: 21 rounds of 20 000 records per case, the cases in a
 * random order in each round, medians; "added" is the difference of the medians.
 */
const CPU_RECORDS = 20_000;
const CPU_ROUNDS = 21;
function cpuPerRecord(logger: typeof bare, varying: boolean): number {
  const start = process.cpuUsage();
  if (varying) for (let i = 0; i < CPU_RECORDS; i++) logger.emit({ body: varyingBody(next++), attributes: typicalAttributes(next) });
  else for (let i = 0; i < CPU_RECORDS; i++) logger.emit({ body: TYPICAL_BODY, attributes: typicalAttributes(next++) });
  const used = process.cpuUsage(start);
  return ((used.user + used.system) * 1000) / CPU_RECORDS;
}
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1];
const cpuCases = [
  { name: 'bare SDK, same message', logger: bare, varying: false },
  { name: 'RedactionLogRecordProcessor, same message', logger: redacted, varying: false },
  { name: 'bare SDK, message different every time', logger: bare, varying: true },
  { name: 'RedactionLogRecordProcessor, message different every time', logger: redacted, varying: true },
];
const cpuTimes = cpuCases.map(() => [] as number[]);
for (let round = -2; round < CPU_ROUNDS; round++) {
  const order = cpuCases.map((_, i) => i).sort(() => Math.random() - 0.5);
  for (const i of order) {
    const ns = cpuPerRecord(cpuCases[i].logger, cpuCases[i].varying);
    if (round >= 0) cpuTimes[i].push(ns); // two warm-up rounds
  }
}
const cpu: GroupResult = {
  group: `logger.emit, typical record, process CPU time per record (${CPU_ROUNDS} interleaved rounds of ${CPU_RECORDS} records; median and mean of rounds)`,
  cases: cpuCases.map((c, i) => ({ name: c.name, medianNs: median(cpuTimes[i]), meanNs: cpuTimes[i].reduce((a, b) => a + b, 0) / CPU_ROUNDS, p99Ns: 0, samples: CPU_ROUNDS })),
};
const [cpuBareSame, cpuRedactedSame, cpuBareVarying, cpuRedactedVarying] = cpu.cases;
cpu.cases.push(
  { name: 'added by redaction, same message (difference of the medians)', medianNs: cpuRedactedSame.medianNs - cpuBareSame.medianNs, meanNs: cpuRedactedSame.meanNs - cpuBareSame.meanNs, p99Ns: 0, samples: 0 },
  { name: 'added by redaction, message different every time (difference of the medians)', medianNs: cpuRedactedVarying.medianNs - cpuBareVarying.medianNs, meanNs: cpuRedactedVarying.meanNs - cpuBareVarying.meanNs, p99Ns: 0, samples: 0 },
);

/**
 * Linear time, in absolute terms: 1 MiB of adversarial input per detector, the length cap off, every
 * other detector switched off (so the figure is the trigger scan plus that detector), worst input of each.
 * Median of five runs after one warm-up run, in process CPU time (wall time on a shared machine counts the
 * other jobs too).
 */
const MIB = 1 << 20;
const ADVERSARIAL = Object.entries(ADVERSARIAL_INPUTS).map(([name, make]) => ({ name, input: make(MIB) }));
const names = Object.keys(createRedactor().getDetectors()).filter((d) => d !== 'sensitive_key' && d !== 'known_secret');
const adversarial: GroupResult = { group: `1 MiB of adversarial input, worst of ${ADVERSARIAL.length} inputs, per detector (length cap off; process CPU time; ns = ms × 10⁶)`, cases: [] };
for (const name of names) {
  const only = createRedactor({ knownSecrets: [], maxStringLength: Infinity, detectors: Object.fromEntries(names.map((d) => [d, d === name])) });
  let worst = 0;
  let worstName = '';
  for (const { name: inputName, input } of ADVERSARIAL) {
    only.redact(input);
    const times: number[] = [];
    for (let r = 0; r < 5; r++) {
      const start = process.cpuUsage();
      sink = only.redact(input);
      const used = process.cpuUsage(start);
      times.push((used.user + used.system) / 1000);
    }
    times.sort((a, b) => a - b);
    if (times[2] > worst) {
      worst = times[2];
      worstName = inputName;
    }
  }
  adversarial.cases.push({ name: `${name} (worst: ${worstName})`, medianNs: worst * 1e6, meanNs: worst * 1e6, p99Ns: 0, samples: 5 });
}

report('redaction', [noMatch, twoMatches, span, sdk, cpu, adversarial]);
if (sink === undefined) throw new Error('nothing ran');
