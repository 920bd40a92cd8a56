import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/resolve-config.js';
import { unknownEnvVarProblems } from '../../src/config/unknown-env-vars.js';

/**
 * Standard variables of the OpenTelemetry specification (SDK environment variables, OTLP exporter) and of
 * OpenTelemetry JS that Sightline does not read: they belong to other tools and must pass silently.
 */
const STANDARD_NOT_OURS = [
  'OTEL_PROPAGATORS',
  'OTEL_NODE_RESOURCE_DETECTORS',
  'OTEL_NODE_ENABLED_INSTRUMENTATIONS',
  'OTEL_NODE_DISABLED_INSTRUMENTATIONS',
  'OTEL_EXPORTER_OTLP_COMPRESSION',
  'OTEL_EXPORTER_OTLP_LOGS_COMPRESSION',
  'OTEL_EXPORTER_OTLP_CERTIFICATE',
  'OTEL_EXPORTER_OTLP_CLIENT_KEY',
  'OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE',
  'OTEL_EXPORTER_OTLP_INSECURE',
  'OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE',
  'OTEL_EXPORTER_OTLP_METRICS_DEFAULT_HISTOGRAM_AGGREGATION',
  'OTEL_EXPORTER_ZIPKIN_ENDPOINT',
  'OTEL_EXPORTER_ZIPKIN_TIMEOUT',
  'OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT',
  'OTEL_ATTRIBUTE_COUNT_LIMIT',
  'OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT',
  'OTEL_SPAN_EVENT_COUNT_LIMIT',
  'OTEL_SPAN_LINK_COUNT_LIMIT',
  'OTEL_EVENT_ATTRIBUTE_COUNT_LIMIT',
  'OTEL_LINK_ATTRIBUTE_COUNT_LIMIT',
  'OTEL_LOGRECORD_ATTRIBUTE_COUNT_LIMIT',
  'OTEL_LOGRECORD_ATTRIBUTE_VALUE_LENGTH_LIMIT',
  'OTEL_METRICS_EXEMPLAR_FILTER',
  'OTEL_CONFIG_FILE',
];

describe('unknownEnvVarProblems', () => {
  it('names the closest known variable for a misspelled SIGHTLINE_ variable', () => {
    expect(unknownEnvVarProblems({ SIGHTLINE_LOG_LEVLE: 'debug' })).toEqual([
      'SIGHTLINE_LOG_LEVLE is not a variable Sightline reads; did you mean SIGHTLINE_LOG_LEVEL? It is ignored',
    ]);
    expect(unknownEnvVarProblems({ SIGHTLINE_SAMPLE_RATIO: '0.5' })[0]).toContain('did you mean SIGHTLINE_SAMPLING_RATIO?');
    expect(unknownEnvVarProblems({ SIGHTLINE_HMACKEY: 'k' })[0]).toContain('did you mean SIGHTLINE_HMAC_KEY?');
  });

  it('catches a lower-case spelling', () => {
    expect(unknownEnvVarProblems({ sightline_console_format: 'json' })).toEqual([
      'sightline_console_format is not a variable Sightline reads; did you mean SIGHTLINE_CONSOLE_FORMAT? It is ignored',
    ]);
  });

  it('reports a SIGHTLINE_ variable far from every known one without a guess', () => {
    expect(unknownEnvVarProblems({ SIGHTLINE_ENABLE_EVERYTHING: 'yes' })).toEqual([
      'SIGHTLINE_ENABLE_EVERYTHING is not a Sightline variable (docs/configuration.md lists them); it is ignored',
    ]);
  });

  it('names near misses of the OTEL_ variables we honour', () => {
    expect(unknownEnvVarProblems({ OTEL_METRIC_EXPORTER: 'none' })[0]).toContain('did you mean OTEL_METRICS_EXPORTER?');
    expect(unknownEnvVarProblems({ OTEL_EXPORTER_OTLP_ENDPIONT: 'http://c' })[0]).toContain('did you mean OTEL_EXPORTER_OTLP_ENDPOINT?');
    expect(unknownEnvVarProblems({ OTEL_SERVICE_NAMES: 'a' })[0]).toContain('did you mean OTEL_SERVICE_NAME?');
  });

  it('leaves known variables, other tools\' OTEL_ variables and everything else alone', () => {
    const env: NodeJS.ProcessEnv = { PATH: '/bin', HOME: '/root', NODE_OPTIONS: '', SIGHTLINE_LOG_LEVEL: 'x', OTEL_SERVICE_NAME: 'a' };
    for (const name of STANDARD_NOT_OURS) env[name] = 'x';
    expect(unknownEnvVarProblems(env)).toEqual([]);
  });

  it('property: never throws, one line at most per variable, never echoes a value', () => {
    const name = fc.oneof(
      fc.stringMatching(/^(SIGHTLINE|OTEL|sightline|otel)_[A-Za-z_]{0,30}$/),
      fc.string({ maxLength: 40 }),
    );
    fc.assert(
      fc.property(fc.dictionary(name, fc.string({ minLength: 12, maxLength: 40 }).map((v) => `secret-${v}`)), (env) => {
        const lines = unknownEnvVarProblems(env);
        expect(lines.length).toBeLessThanOrEqual(Object.keys(env).length);
        for (const line of lines) {
          expect(line).not.toContain('\n');
          for (const value of Object.values(env)) expect(line).not.toContain(value);
        }
      }),
    );
  });

  it('resolveConfig reports a misspelled variable once, beside the other problems', () => {
    const { problems } = resolveConfig({}, { SIGHTLINE_LOG_LEVLE: 'debug', SIGHTLINE_LOG_LEVEL: 'loud' });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^SIGHTLINE_LOG_LEVEL="loud" is not valid/);
    expect(problems[1]).toBe('SIGHTLINE_LOG_LEVLE is not a variable Sightline reads; did you mean SIGHTLINE_LOG_LEVEL? It is ignored');
  });
});
