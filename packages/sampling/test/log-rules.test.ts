import { SeverityNumber } from '@opentelemetry/api';
import type { ReadWriteLogRecord } from '@opentelemetry/sdk-logs';
import { describe, expect, it } from 'vitest';
import { compileLogRules, matchLogRule } from '../src/log-rules.js';
import type { LogSamplingRule } from '../src/types.js';
import { sdkRecords } from './fixtures/records.js';

function firstMatch(rules: LogSamplingRule[], record: ReadWriteLogRecord): number | undefined {
  return matchLogRule(compileLogRules(rules), record, record.severityNumber ?? 0)?.probability.value;
}

describe('log rules', () => {
  const [access, llm, debug, tenant] = sdkRecords([
    { scope: 'http', eventName: 'http.access', severityNumber: SeverityNumber.INFO, attributes: { 'http.response.status_code': 200 } },
    { scope: 'llm.openai', severityNumber: SeverityNumber.INFO, body: 'completion' },
    { scope: 'db', severityNumber: SeverityNumber.DEBUG, body: 'query' },
    { scope: 'db', severityNumber: SeverityNumber.WARN, attributes: { 'tenant.id': 'tenant-7', retry: true } },
  ]);

  it('match on scope prefix, event name, severity and attributes; the first match wins', () => {
    const rules: LogSamplingRule[] = [
      { scope: 'llm.*', ratio: 1 },
      { eventName: 'http.access', ratio: 0.01 },
      { maxSeverity: SeverityNumber.DEBUG4, ratio: 0 },
      { attributes: { 'tenant.id': { regex: '^tenant-\\d+$' }, retry: true }, minSeverity: SeverityNumber.WARN, ratio: 0.5 },
      { ratio: 0.2 },
    ];
    expect(firstMatch(rules, llm)).toBe(1);
    expect(firstMatch(rules, access)).toBeCloseTo(0.01, 15);
    expect(firstMatch(rules, debug)).toBe(0);
    expect(firstMatch(rules, tenant)).toBe(0.5);
  });

  it('does not match a record without the event name or attribute a rule asks for', () => {
    expect(firstMatch([{ eventName: '*', ratio: 0.5 }], llm)).toBeUndefined();
    expect(firstMatch([{ attributes: { 'tenant.id': 'tenant-7' }, ratio: 0.5 }], access)).toBeUndefined();
    expect(firstMatch([{ attributes: { 'http.response.status_code': { regex: '^2' } }, ratio: 0.5 }], access)).toBe(0.5);
    expect(firstMatch([{ minSeverity: SeverityNumber.INFO, maxSeverity: SeverityNumber.INFO4, ratio: 0.5 }], tenant)).toBeUndefined();
  });
});
