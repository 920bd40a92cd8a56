/**
 * Issue 12, items 2 and 5: what the safety layer costs.
 *
 * (a) The span API guard, per span: the same span workload (start with 2 attributes, 3 setAttribute,
 *     setAttributes with 2, addEvent with 1 attribute, setStatus, end) through two identical TracerProviders
 *     exporting to a no-op exporter, one from the CommonJS build of `@opentelemetry/sdk-trace` and one from its
 *     ESM build. First both unguarded (the control: the two builds are not equally fast), then after
 *     `bootstrap()` guarded the ESM build's tracer and span classes. The guard's cost is the ESM/CJS ratio
 *     guarded over the same ratio unguarded.
 * (b) The same with one array-valued attribute (10 strings), which the guard copies within its bounds.
 * (c) Stage isolation and the sanitize stage, per log record: records emitted through 1 and through 9
 *     processors that do nothing, bare (a LoggerProvider of the CommonJS build of `@opentelemetry/sdk-logs`) and
 *     through `bootstrap()` with every default stage off but sanitize (the processors are `logRecordProcessors`,
 *     each isolated): (9 − 1) / 8 is the cost of one stage, isolated or not.
 */
import { createRequire } from 'node:module';
import { SeverityNumber, trace, type Tracer } from '@opentelemetry/api';
import type * as SdkLogs from '@opentelemetry/sdk-logs';
import { SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import type * as SdkTrace from '@opentelemetry/sdk-trace';
import { bootstrap, getLogger } from '@sightline/core';
import { report, runGroup, type GroupResult } from './harness.ts';
import { noopSpanExporter } from './sdk-stubs.ts';

const require = createRequire(import.meta.url);
const cjsTrace = require('@opentelemetry/sdk-trace') as typeof SdkTrace;
const cjsLogs = require('@opentelemetry/sdk-logs') as typeof SdkLogs;

const SPANS = 1_000;
const RECORDS = 1_000;
const LIST = Array.from({ length: 10 }, (_, i) => `item-${i}`);

function workload(tracer: Tracer, withList: boolean): void {
  for (let i = 0; i < SPANS; i++) {
    const span = tracer.startSpan('checkout', { attributes: { 'order.id': 'o-1', items: 3 } });
    span.setAttribute('user.id', 'u-123');
    span.setAttribute('amount', 42.5);
    span.setAttribute('express', true);
    span.setAttributes({ 'cart.size': 3, region: 'eu' });
    if (withList) span.setAttribute('cart.skus', LIST);
    span.addEvent('payment.authorized', { 'payment.method': 'card' });
    span.setStatus({ code: 1 });
    span.end();
  }
}

const noopLogProcessor = { onEmit() {}, forceFlush: () => Promise.resolve(), shutdown: () => Promise.resolve() };
const noopStages = (n: number) => Array.from({ length: n }, () => ({ ...noopLogProcessor }));

const bare = new cjsTrace.TracerProvider({ spanProcessors: [new cjsTrace.SimpleSpanProcessor({ exporter: noopSpanExporter })] }).getTracer('bench');
const guarded = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter: noopSpanExporter })] }).getTracer('bench');

const groups: GroupResult[] = [];
const CASES = [
  ['one span (start, 5 attributes, 1 event, status, end)', false],
  ['the same with an array attribute of 10 strings', true],
] as const;
for (const [what, withList] of CASES) {
  groups.push(
    await runGroup(`control: ${what}, per span, both builds unguarded`, [
      { name: 'CommonJS build', perCall: SPANS, fn: () => workload(bare, withList) },
      { name: 'ESM build', perCall: SPANS, fn: () => workload(guarded, withList) },
    ]),
  );
}

const handle = bootstrap({
  exporters: { logs: [], traces: [], metrics: [] },
  redaction: false,
  breadcrumbs: false,
  baggageKeys: [],
  logStages: { errors: [], sampling: (downstream) => downstream, metrics: noopLogProcessor },
  logRecordProcessors: noopStages(1),
  handleProcessExit: false,
  captureCrashes: false,
  logLevel: 'info',
});
// The first span through bootstrap's pipeline guards the ESM span class.
trace.getTracer('bench').startSpan('guard').end();

for (const [group, withList] of [
  ['(a) one span (start, 5 attributes, 1 event, status, end), per span: the span API guard', false],
  ['(b) the same with an array attribute of 10 strings, per span', true],
] as const) {
  groups.push(
    await runGroup(group, [
      { name: 'CommonJS build, unguarded', perCall: SPANS, fn: () => workload(bare, withList) },
      { name: 'ESM build, guarded', perCall: SPANS, fn: () => workload(guarded, withList) },
    ]),
  );
}
for (let i = 0; i < CASES.length; i++) {
  const ratio = (g: GroupResult | undefined) => (g?.cases[1]?.medianNs ?? 0) / (g?.cases[0]?.medianNs ?? 1);
  const control = ratio(groups[i]);
  const treated = ratio(groups[CASES.length + i]);
  console.log(`guard cost, ${CASES[i]?.[0]}: ${(treated / control).toFixed(3)}× the unguarded span (ESM/CJS ${treated.toFixed(3)} guarded, ${control.toFixed(3)} unguarded)`);
}

const attrs = { 'user.id': 'u-123', 'order.id': 'o-456', amount: 42.5, items: 3, express: true };
function bareLogger(stages: number) {
  return new cjsLogs.LoggerProvider({ processors: noopStages(stages) }).getLogger('bench.app');
}
const bare1 = bareLogger(1);
const bare9 = bareLogger(9);
function emitBare(logger: ReturnType<typeof bareLogger>): void {
  for (let i = 0; i < RECORDS; i++) logger.emit({ severityNumber: SeverityNumber.INFO, severityText: 'INFO', body: 'order placed', attributes: attrs });
}
const log = getLogger('bench.app');
function emitOurs(): void {
  for (let i = 0; i < RECORDS; i++) log.info('order placed', attrs);
}
const one = await runGroup('(c1) one log record, 1 processor, per record', [
  { name: 'bare @opentelemetry/sdk-logs: logger.emit', perCall: RECORDS, fn: () => emitBare(bare1) },
  { name: 'sightline: logger.info, sanitize + 1 isolated stage', perCall: RECORDS, fn: emitOurs },
]);
await handle.shutdown();
const handle9 = bootstrap({
  exporters: { logs: [], traces: [], metrics: [] },
  redaction: false,
  breadcrumbs: false,
  baggageKeys: [],
  logStages: { errors: [], sampling: (downstream) => downstream, metrics: noopLogProcessor },
  logRecordProcessors: noopStages(9),
  handleProcessExit: false,
  captureCrashes: false,
  logLevel: 'info',
});
const nine = await runGroup('(c9) one log record, 9 processors, per record', [
  { name: 'bare @opentelemetry/sdk-logs: logger.emit', perCall: RECORDS, fn: () => emitBare(bare9) },
  { name: 'sightline: logger.info, sanitize + 9 isolated stages', perCall: RECORDS, fn: emitOurs },
]);
await handle9.shutdown();
groups.push(one, nine);
const perStage = (i: number) => ((nine.cases[i]?.medianNs ?? 0) - (one.cases[i]?.medianNs ?? 0)) / 8;
console.log(`\none more stage: bare ${perStage(0).toFixed(1)} ns, isolated ${perStage(1).toFixed(1)} ns (medians)`);
report('safety', groups);
