import { SeverityNumber } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { BreadcrumbsProcessor } from '../src/breadcrumbs-processor.js';
import { inTrace, pipeline } from './fixtures/pipeline.js';

function crumbs(value: unknown): Array<{ t: string; sev: string; logger: string; msg: string }> {
  return JSON.parse(String(value));
}

describe('BreadcrumbsProcessor', () => {
  it('attaches the earlier records of the same trace, and only those, to an error record', () => {
    const { provider, exported } = pipeline(new BreadcrumbsProcessor());
    const a = provider.getLogger('app.a');
    const b = provider.getLogger('app.b');
    a.emit({ body: 'start A', severityText: 'INFO', context: inTrace('a') });
    b.emit({ body: 'start B', severityText: 'INFO', context: inTrace('b') });
    a.emit({ body: { step: 2 }, severityText: 'DEBUG', context: inTrace('a', '2') });
    b.emit({ body: 'no trace' });
    a.emit({ body: 'failed', severityNumber: SeverityNumber.ERROR, severityText: 'ERROR', context: inTrace('a') });

    const error = exported().find((r) => r.body === 'failed')!;
    const trail = crumbs(error.attributes['sightline.breadcrumbs']);
    expect(trail.map((c) => c.msg)).toEqual(['start A', '{"step":2}']);
    expect(trail[0]).toMatchObject({ sev: 'INFO', logger: 'app.a' });
    expect(trail[0]!.t).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(exported().filter((r) => r.attributes['sightline.breadcrumbs'] !== undefined)).toHaveLength(1);
  });

  it('treats a record carrying an exception as an error record', () => {
    const { provider, exported } = pipeline(new BreadcrumbsProcessor());
    const log = provider.getLogger('app');
    log.emit({ body: 'before', context: inTrace('c') });
    log.emit({ body: 'caught', severityNumber: SeverityNumber.WARN, attributes: { 'exception.type': 'Error' }, context: inTrace('c') });
    expect(crumbs(exported()[1]!.attributes['sightline.breadcrumbs'])).toHaveLength(1);
  });

  it('keeps the last maxBreadcrumbs entries, within maxBytes, with messages cut', () => {
    const { provider, exported } = pipeline(new BreadcrumbsProcessor({ maxBreadcrumbs: 5, maxBytes: 100_000, maxMessageLength: 20 }));
    const log = provider.getLogger('app');
    for (let i = 0; i < 12; i++) log.emit({ body: `step ${i} ${'y'.repeat(50)}`, context: inTrace('d') });
    log.emit({ body: 'boom', severityNumber: SeverityNumber.FATAL, context: inTrace('d') });
    const trail = crumbs(exported().at(-1)!.attributes['sightline.breadcrumbs']);
    expect(trail.map((c) => c.msg.slice(0, 7))).toEqual(['step 7 ', 'step 8 ', 'step 9 ', 'step 10', 'step 11']);
    expect(trail[0]!.msg.length).toBeLessThanOrEqual(21);

    const small = pipeline(new BreadcrumbsProcessor({ maxBytes: 400 }));
    const other = small.provider.getLogger('app');
    for (let i = 0; i < 50; i++) other.emit({ body: `entry ${i}`, context: inTrace('e') });
    other.emit({ body: 'boom', severityNumber: SeverityNumber.ERROR, context: inTrace('e') });
    const value = String(small.exported().at(-1)!.attributes['sightline.breadcrumbs']);
    expect(Buffer.byteLength(value)).toBeLessThanOrEqual(400);
    expect(crumbs(value).at(-1)!.msg).toBe('entry 49');
  });

  it('forgets the least recently active trace past maxTraces', () => {
    const { provider, exported } = pipeline(new BreadcrumbsProcessor({ maxTraces: 2 }));
    const log = provider.getLogger('app');
    log.emit({ body: 'one', context: inTrace('1') });
    log.emit({ body: 'two', context: inTrace('2') });
    log.emit({ body: 'three', context: inTrace('3') });
    log.emit({ body: 'err', severityNumber: SeverityNumber.ERROR, context: inTrace('1') });
    log.emit({ body: 'err', severityNumber: SeverityNumber.ERROR, context: inTrace('3') });
    const errors = exported().filter((r) => r.body === 'err');
    expect(errors[0]!.attributes['sightline.breadcrumbs']).toBeUndefined();
    expect(crumbs(errors[1]!.attributes['sightline.breadcrumbs']).map((c) => c.msg)).toEqual(['three']);
  });
});
