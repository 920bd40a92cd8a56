import { SeverityNumber } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { levelFor, levelThreshold, parseLevelSpec, type LevelSpec } from '../../src/logger/levels.js';

function spec(text: string): LevelSpec {
  const parsed = parseLevelSpec(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.spec;
}

describe('parseLevelSpec', () => {
  it('reads a plain level, case-insensitively and trimmed', () => {
    expect(spec(' WARN ').defaultLevel).toBe('warn');
    expect(spec('silent').defaultLevel).toBe('silent');
  });

  it('defaults to info when only overrides are given', () => {
    const s = spec('llm.openai=debug');
    expect(s.defaultLevel).toBe('info');
    expect(s.overrides).toEqual([['llm.openai', 'debug']]);
  });

  it('treats * as the default', () => {
    expect(spec('*=error,llm=debug').defaultLevel).toBe('error');
  });

  it('ignores empty parts', () => {
    expect(spec('info,,llm=warn,').overrides).toEqual([['llm', 'warn']]);
  });

  it.each(['loud', 'info,llm=loud', '=debug', 'a b=debug', 'llm==debug'])('rejects %j', (text) => {
    const parsed = parseLevelSpec(text);
    expect(parsed.ok).toBe(false);
  });
});

describe('levelFor', () => {
  const s = spec('warn,llm=info,llm.openai=debug,mcp.server=error');

  it('uses the longest matching dot-separated prefix', () => {
    expect(levelFor(s, 'llm.openai.chat')).toBe('debug');
    expect(levelFor(s, 'llm.openai')).toBe('debug');
    expect(levelFor(s, 'llm.anthropic')).toBe('info');
    expect(levelFor(s, 'llm')).toBe('info');
    expect(levelFor(s, 'mcp.server.tools')).toBe('error');
  });

  it('does not match a prefix that is not a whole segment', () => {
    expect(levelFor(s, 'llmx')).toBe('warn');
    expect(levelFor(s, 'llm.openaiX')).toBe('info');
  });

  it('falls back to the default', () => {
    expect(levelFor(s, 'app')).toBe('warn');
  });
});

describe('levelThreshold', () => {
  it('maps levels to OpenTelemetry severities and silent above everything', () => {
    expect(levelThreshold('trace')).toBe(SeverityNumber.TRACE);
    expect(levelThreshold('info')).toBe(SeverityNumber.INFO);
    expect(levelThreshold('fatal')).toBe(SeverityNumber.FATAL);
    expect(levelThreshold('silent')).toBeGreaterThan(SeverityNumber.FATAL4);
  });
});
