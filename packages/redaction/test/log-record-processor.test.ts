import type { Context } from '@opentelemetry/api';
import {
  InMemoryLogRecordExporter,
  LoggerProvider,
  SimpleLogRecordProcessor,
  type LogRecordProcessor,
  type ReadWriteLogRecord,
} from '@opentelemetry/sdk-logs';
import { describe, expect, it } from 'vitest';
import { ATTR_SIGHTLINE_REDACTION_COUNT, createRedactor, RedactionLogRecordProcessor, type Redactor } from '../src/index.js';

const EMAIL = 'jane@example.com';
const KEY = 'sk-proj-Tq9x7LmVb2Nc4Rk8Pz1Wd5Hf3Jg6Ks0Ya2Ub9Ic7Od4Ee1Mf8Lg5Ah3Bi6';

/** Records what it sees in `onEmit`, as later pipeline stages would. */
class Witness implements LogRecordProcessor {
  readonly seen: { body: unknown; attributes: Record<string, unknown> }[] = [];
  onEmit(record: ReadWriteLogRecord, _ctx?: Context): void {
    this.seen.push({ body: record.body, attributes: { ...record.attributes } });
  }
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

function setup(redactor: Redactor = createRedactor({ knownSecrets: [] })) {
  const exporter = new InMemoryLogRecordExporter();
  const processor = new RedactionLogRecordProcessor(redactor);
  const witness = new Witness();
  const provider = new LoggerProvider({ processors: [processor, witness, new SimpleLogRecordProcessor({ exporter })] });
  return { exporter, processor, witness, logger: provider.getLogger('test'), flush: () => provider.forceFlush() };
}

describe('RedactionLogRecordProcessor with the SDK LoggerProvider', () => {
  it('redacts string bodies and attributes before later processors and the exporter see them', async () => {
    const { exporter, witness, logger, flush } = setup();
    logger.emit({
      body: `login by ${EMAIL} with ${KEY}`,
      attributes: { 'user.email': EMAIL, password: 'hunter2', 'gen_ai.usage.input_tokens': 812, 'http.route': '/v1/chat' },
    });
    await flush();
    const [record] = exporter.getFinishedLogRecords();
    expect(record.body).toBe('login by [REDACTED:email] with [REDACTED:openai_key]');
    expect(record.attributes).toEqual({
      'user.email': '[REDACTED:email]',
      password: '[REDACTED:sensitive_key]',
      'gen_ai.usage.input_tokens': 812,
      'http.route': '/v1/chat',
      [ATTR_SIGHTLINE_REDACTION_COUNT]: 4,
    });
    expect(witness.seen[0].body).toBe(record.body);
    expect(witness.seen[0].attributes).toEqual(record.attributes);
  });

  it('redacts structured bodies into a copy, leaving the caller’s object as it was', async () => {
    const { exporter, logger, flush } = setup();
    const body = { message: 'tool call', args: { to: EMAIL, api_key: 'abc' }, ids: [1, 2] };
    logger.emit({ body });
    await flush();
    expect(exporter.getFinishedLogRecords()[0].body).toEqual({
      message: 'tool call',
      args: { to: '[REDACTED:email]', api_key: '[REDACTED:sensitive_key]' },
      ids: [1, 2],
    });
    expect(body.args.to).toBe(EMAIL);
  });

  it('redacts exception.message and exception.stacktrace of a record with an exception', async () => {
    const { exporter, logger, flush } = setup();
    logger.emit({ body: 'call failed', exception: new Error(`401 for key ${KEY}`) });
    await flush();
    const { attributes } = exporter.getFinishedLogRecords()[0];
    expect(attributes['exception.message']).toBe('401 for key [REDACTED:openai_key]');
    expect(attributes['exception.stacktrace']).toContain('401 for key [REDACTED:openai_key]');
    expect(JSON.stringify(attributes)).not.toContain(KEY);
  });

  it('sets no count and changes nothing when nothing is found', async () => {
    const { exporter, logger, flush } = setup();
    logger.emit({ body: 'all good', attributes: { n: 1, route: '/health' } });
    await flush();
    const [record] = exporter.getFinishedLogRecords();
    expect(record.body).toBe('all good');
    expect(record.attributes).toEqual({ n: 1, route: '/health' });
  });

  it('passes records through untouched while disabled, and redacts again once re-enabled', async () => {
    const redactor = createRedactor({ knownSecrets: [] });
    const { exporter, logger, flush } = setup(redactor);
    redactor.setEnabled(false);
    logger.emit({ body: EMAIL });
    redactor.setEnabled(true);
    logger.emit({ body: EMAIL });
    await flush();
    expect(exporter.getFinishedLogRecords().map((r) => r.body)).toEqual([EMAIL, '[REDACTED:email]']);
  });

  it('exposes the per-type counts', async () => {
    const { processor, logger } = setup();
    logger.emit({ body: `${EMAIL} ${EMAIL}`, attributes: { token: 'x' } });
    expect(processor.getRedactionCounts()).toEqual({ email: 2, sensitive_key: 1 });
  });

  it('fails closed when a foreign redactor throws: nothing of the record leaves', async () => {
    const broken: Redactor = {
      ...createRedactor({ knownSecrets: [] }),
      isEnabled: () => true,
      getRedactionTotal: () => 0,
      redact: () => {
        throw new Error('bug');
      },
    } as unknown as Redactor;
    const { exporter, logger, flush } = setup(broken);
    logger.emit({ body: EMAIL, attributes: { a: EMAIL } });
    await flush();
    const [record] = exporter.getFinishedLogRecords();
    expect(record.body).toBe('[REDACTED:error]');
    expect(record.attributes).toEqual({ a: '[REDACTED:error]', [ATTR_SIGHTLINE_REDACTION_COUNT]: 1 });
  });
});

describe('RedactionLogRecordProcessor: event names and attribute names', () => {
  it('redacts the event name and attribute names, and searches allow-listed values for secrets only', () => {
    const { logger, exporter } = setup();
    logger.emit({
      eventName: `signup ${EMAIL}`,
      body: 'ok',
      attributes: { [`user.${EMAIL}`]: 1, 'http.route': `/u/${EMAIL}`, 'gen_ai.request.model': KEY },
    });
    const [record] = exporter.getFinishedLogRecords();
    expect(record.eventName).toBe('signup [REDACTED:email]');
    expect(record.attributes).toMatchObject({ '[REDACTED:email]': 1, 'http.route': `/u/${EMAIL}`, 'gen_ai.request.model': '[REDACTED:openai_key]' });
    expect(Object.keys(record.attributes).join(' ')).not.toContain(EMAIL);
  });
});
