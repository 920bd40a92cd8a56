import { afterEach, describe, expect, it } from 'vitest';
import { globalState } from '../../src/internal/global-state.js';
import { currentSafetyCounters, SafetyCounters } from '../../src/safety/safety-counters.js';
import { captureDiag } from '../export/helpers.js';

let diag: ReturnType<typeof captureDiag> | undefined;
afterEach(() => diag?.restore());

describe('SafetyCounters', () => {
  it('counts by signal and reason, with one diag line per signal, reason and field', () => {
    diag = captureDiag();
    const counters = new SafetyCounters();
    counters.sanitized('logs', 'invalid_argument', 'logger.info attributes (a string)');
    counters.sanitized('logs', 'invalid_argument', 'logger.info attributes (a string)');
    counters.sanitized('logs', 'invalid_argument', 'logger.child attributes (a Buffer)');
    counters.sanitized('spans', 'coerced', 'span name (null)', 3);
    expect(counters.getSanitizedCounts().logs.invalid_argument).toBe(3);
    expect(counters.getSanitizedCounts().spans).toEqual({
      invalid_argument: 0,
      invalid_value: 0,
      coerced: 3,
      attribute_count_limit: 0,
      nested_limit: 0,
      api_error: 0,
    });
    expect(diag.sightlineWarn()).toEqual([
      'sightline: logger.info attributes (a string): argument of the wrong type refused or wrapped; the record was kept (counted as logs sanitized invalid_argument, further cases are only counted)',
      'sightline: logger.child attributes (a Buffer): argument of the wrong type refused or wrapped; the record was kept (counted as logs sanitized invalid_argument, further cases are only counted)',
      'sightline: span name (null): field of the wrong type coerced; the record was kept (counted as spans sanitized coerced, further cases are only counted)',
    ]);
  });

  it('counts stage throws per stage, one single-line diag per stage, whatever was thrown', () => {
    diag = captureDiag();
    const counters = new SafetyCounters();
    counters.declareStage('logs.metrics');
    counters.stageError('logs.redaction', 'onEmit', new (class Redactor {})(), new Error('multi\nline'));
    counters.stageError('logs.redaction', 'onEmit', {}, Object.create(null));
    expect(counters.getStageErrors()).toEqual({ 'logs.metrics': 0, 'logs.redaction': 2 });
    expect(diag.sightlineWarn()).toEqual([
      'sightline: pipeline stage logs.redaction (Redactor) threw in onEmit: multi line; the record went on to the next stage (further throws of this stage are only counted)',
    ]);
  });

  it('a diag logger that throws does not stop the count', () => {
    const counters = new SafetyCounters();
    diag = captureDiag();
    diag.warn.push = () => {
      throw new Error('logger broke');
    };
    expect(() => counters.sanitized('spans', 'api_error', 'span.setAttribute')).not.toThrow();
    expect(counters.getSanitizedCounts().spans.api_error).toBe(1);
  });

  it('currentSafetyCounters() is the running SDK’s, else a process-wide idle one', () => {
    const state = globalState();
    const saved = state.safety;
    try {
      state.safety = undefined;
      const idle = currentSafetyCounters();
      expect(currentSafetyCounters()).toBe(idle);
      const running = new SafetyCounters();
      state.safety = running;
      expect(currentSafetyCounters()).toBe(running);
    } finally {
      state.safety = saved;
    }
  });
});
