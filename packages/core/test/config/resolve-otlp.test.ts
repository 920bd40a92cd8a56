import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveOtlp } from '../../src/config/resolve-otlp.js';

function otlp(env: NodeJS.ProcessEnv, option?: unknown) {
  const problems: string[] = [];
  return { otlp: resolveOtlp(option, env, problems), problems };
}

const URL_ACCEPTED = 'expected an http:// or https:// URL';

describe('OTLP defaults', () => {
  it('posts each signal to localhost:4318 over http/protobuf with a 10s timeout', () => {
    const { otlp: result, problems } = otlp({});
    expect(result).toEqual({
      logs: { endpoint: 'http://localhost:4318/v1/logs', protocol: 'http/protobuf', headers: {}, timeoutMillis: 10_000, compression: 'none', tls: undefined },
      traces: { endpoint: 'http://localhost:4318/v1/traces', protocol: 'http/protobuf', headers: {}, timeoutMillis: 10_000, compression: 'none', tls: undefined },
      metrics: { endpoint: 'http://localhost:4318/v1/metrics', protocol: 'http/protobuf', headers: {}, timeoutMillis: 10_000, compression: 'none', tls: undefined },
    });
    expect(problems).toEqual([]);
  });
});

describe('endpoints', () => {
  it.each([
    ['http://collector:4318', 'http://collector:4318/v1/logs'],
    ['http://collector:4318/', 'http://collector:4318/v1/logs'],
    ['  https://otlp.example.com/otlp  ', 'https://otlp.example.com/otlp/v1/logs'],
    ['https://otlp.example.com/otlp/', 'https://otlp.example.com/otlp/v1/logs'],
    ['http://collector:4318/base?tenant=a', 'http://collector:4318/base/v1/logs?tenant=a'],
  ])('appends /v1/<signal> to OTEL_EXPORTER_OTLP_ENDPOINT=%j', (base, logs) => {
    const { otlp: result, problems } = otlp({ OTEL_EXPORTER_OTLP_ENDPOINT: base });
    expect(result.logs.endpoint).toBe(logs);
    expect(result.traces.endpoint).toBe(logs.replace('/v1/logs', '/v1/traces'));
    expect(result.metrics.endpoint).toBe(logs.replace('/v1/logs', '/v1/metrics'));
    expect(problems).toEqual([]);
  });

  it('uses a signal-specific endpoint as-is, over the generic one', () => {
    const { otlp: result } = otlp({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://generic:4318',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: ' http://traces:9999/custom ',
    });
    expect(result.traces.endpoint).toBe('http://traces:9999/custom');
    expect(result.logs.endpoint).toBe('http://generic:4318/v1/logs');
  });

  it.each(['localhost:4318', 'collector', 'ftp://collector:4318', 'http://', 'not a url', 'http://exa mple.com'])(
    'reports OTEL_EXPORTER_OTLP_LOGS_ENDPOINT=%j once and falls back',
    (bad) => {
      const { otlp: result, problems } = otlp({ OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: bad });
      expect(result.logs.endpoint).toBe('http://localhost:4318/v1/logs');
      expect(problems).toEqual([
        `OTEL_EXPORTER_OTLP_LOGS_ENDPOINT=${JSON.stringify(bad)} is not valid: ${URL_ACCEPTED}; using "http://localhost:4318/v1/logs"`,
      ]);
    },
  );

  it('falls back from an invalid signal endpoint to the generic one', () => {
    const { otlp: result, problems } = otlp({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://generic:4318',
      OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: 'nope',
    });
    expect(result.metrics.endpoint).toBe('http://generic:4318/v1/metrics');
    expect(problems).toEqual([
      `OTEL_EXPORTER_OTLP_METRICS_ENDPOINT="nope" is not valid: ${URL_ACCEPTED}; using "http://generic:4318/v1/metrics"`,
    ]);
  });

  it('reports an invalid generic endpoint in one line, not one per signal', () => {
    const { otlp: result, problems } = otlp({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' });
    expect(result.logs.endpoint).toBe('http://localhost:4318/v1/logs');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^OTEL_EXPORTER_OTLP_ENDPOINT="collector:4318" is not valid: expected an http:\/\/ or https:\/\/ URL; using "http:\/\/localhost:4318\/v1\/logs"/);
  });

  it('options win: otlp.<signal>.endpoint as-is, otlp.endpoint as a base', () => {
    const { otlp: result, problems } = otlp(
      { OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: 'http://env-logs/x', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://env' },
      { endpoint: 'https://shared.example/', logs: { endpoint: 'https://logs.example/ingest' } },
    );
    expect(result.logs.endpoint).toBe('https://logs.example/ingest');
    expect(result.traces.endpoint).toBe('https://shared.example/v1/traces');
    expect(problems).toEqual([]);
  });

  it('reports an invalid option endpoint by its option path', () => {
    const { otlp: result, problems } = otlp({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://env/t' }, { traces: { endpoint: 42 } });
    expect(result.traces.endpoint).toBe('http://env/t');
    expect(problems).toEqual([`options.otlp.traces.endpoint=42 is not valid: ${URL_ACCEPTED}; using "http://env/t"`]);
  });
});

describe('protocol', () => {
  it('takes the signal-specific variable over the generic one, case-insensitively', () => {
    const { otlp: result, problems } = otlp({
      OTEL_EXPORTER_OTLP_PROTOCOL: 'HTTP/JSON',
      OTEL_EXPORTER_OTLP_LOGS_PROTOCOL: ' http/protobuf ',
    });
    expect(result.logs.protocol).toBe('http/protobuf');
    expect(result.traces.protocol).toBe('http/json');
    expect(result.metrics.protocol).toBe('http/json');
    expect(problems).toEqual([]);
  });

  it('says grpc is not supported, once, and uses http/protobuf', () => {
    const { otlp: result, problems } = otlp({ OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' });
    expect(result.traces.protocol).toBe('http/protobuf');
    expect(problems).toEqual([
      'OTEL_EXPORTER_OTLP_PROTOCOL="grpc" is not valid (grpc is not supported by Sightline): expected http/protobuf|http/json; using "http/protobuf"',
    ]);
  });

  it('falls back from a bad signal protocol to the generic one', () => {
    const { otlp: result, problems } = otlp({
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_EXPORTER_OTLP_METRICS_PROTOCOL: 'thrift',
    });
    expect(result.metrics.protocol).toBe('http/json');
    expect(problems).toEqual([
      'OTEL_EXPORTER_OTLP_METRICS_PROTOCOL="thrift" is not valid: expected http/protobuf|http/json; using "http/json"',
    ]);
  });

  it('options win', () => {
    const { otlp: result } = otlp({ OTEL_EXPORTER_OTLP_LOGS_PROTOCOL: 'http/protobuf' }, { protocol: 'http/json' });
    expect(result.logs.protocol).toBe('http/json');
  });
});

describe('timeout', () => {
  it('reads the signal and generic variables', () => {
    const { otlp: result } = otlp({ OTEL_EXPORTER_OTLP_TIMEOUT: '2000', OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: '3000' });
    expect(result.logs.timeoutMillis).toBe(2000);
    expect(result.traces.timeoutMillis).toBe(3000);
  });

  it('reports a bad value once and uses the default', () => {
    const { otlp: result, problems } = otlp({ OTEL_EXPORTER_OTLP_TIMEOUT: '-5' });
    expect(result.metrics.timeoutMillis).toBe(10_000);
    expect(problems).toEqual([
      'OTEL_EXPORTER_OTLP_TIMEOUT="-5" is not valid: expected a positive integer up to 2147483647; using 10000',
    ]);
  });

  it('options win, per signal over shared', () => {
    const { otlp: result } = otlp({ OTEL_EXPORTER_OTLP_LOGS_TIMEOUT: '3000' }, { timeoutMillis: 500, logs: { timeoutMillis: 700 } });
    expect(result.logs.timeoutMillis).toBe(700);
    expect(result.traces.timeoutMillis).toBe(500);
  });
});

describe('headers', () => {
  it('percent-decodes and merges the signal headers over the generic ones', () => {
    const { otlp: result, problems } = otlp({
      OTEL_EXPORTER_OTLP_HEADERS: 'x-api-key=abc%20123,x-tenant=a',
      OTEL_EXPORTER_OTLP_LOGS_HEADERS: 'X-Tenant=logs%2Cteam',
    });
    expect(result.logs.headers).toEqual({ 'x-api-key': 'abc 123', 'X-Tenant': 'logs,team' });
    expect(result.traces.headers).toEqual({ 'x-api-key': 'abc 123', 'x-tenant': 'a' });
    expect(problems).toEqual([]);
  });

  it('keeps "=" inside values (base64) and ignores baggage properties', () => {
    const { otlp: result } = otlp({ OTEL_EXPORTER_OTLP_HEADERS: 'Authorization=Basic dXNlcjpwYXNz==;p=1' });
    expect(result.logs.headers).toEqual({ Authorization: 'Basic dXNlcjpwYXNz==' });
  });

  it('reports a malformed list in one line that never echoes a value', () => {
    const secrets = ['sk-live-SECRET1', 'SECRET2', 'SECRET3', 'SECRET4'];
    const { otlp: result, problems } = otlp({
      OTEL_EXPORTER_OTLP_HEADERS: [
        `good=${secrets[0]}`,
        `${secrets[1]}`, // no "="
        `=${secrets[2]}`, // empty key
        `x-key=%E0%A4%A${secrets[3]}`, // bad percent-encoding
        'token:SECRET5=x', // mistyped, the key itself would leak
        'x-uni=%E2%9C%93SECRET6', // decodes to a character Node refuses in headers
      ].join(','),
    });
    expect(result.logs.headers).toEqual({ good: secrets[0] });
    expect(problems).toEqual([
      'OTEL_EXPORTER_OTLP_HEADERS has 5 malformed entries (#2: no "="; #3: empty key; #4 key "x-key": bad percent-encoding in the value; ' +
        '#5: not a valid HTTP header name; #6 key "x-uni": the value has characters not allowed in HTTP headers): ' +
        'expected comma-separated key=value pairs, percent-encoded (W3C baggage format); skipping them and using the other 1 header(s)',
    ]);
    expect(problems[0]).not.toMatch(/SECRET/);
  });

  it('reports each malformed variable once, however many signals read it', () => {
    const { problems } = otlp({ OTEL_EXPORTER_OTLP_HEADERS: 'oops', OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'a=%' });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^OTEL_EXPORTER_OTLP_HEADERS has 1 malformed entry \(#1: no "="\)/);
    expect(problems[1]).toMatch(/^OTEL_EXPORTER_OTLP_TRACES_HEADERS has 1 malformed entry \(#1 key "a": bad percent-encoding in the value\)/);
  });

  it('merges option headers over the environment, header names case-insensitive', () => {
    const { otlp: result, problems } = otlp(
      { OTEL_EXPORTER_OTLP_HEADERS: 'authorization=env,x-env=1' },
      { headers: { Authorization: 'shared' }, traces: { headers: { AUTHORIZATION: 'traces' } } },
    );
    expect(result.logs.headers).toEqual({ 'x-env': '1', Authorization: 'shared' });
    expect(result.traces.headers).toEqual({ 'x-env': '1', AUTHORIZATION: 'traces' });
    expect(problems).toEqual([]);
  });

  it('reports bad option headers without their values', () => {
    const { otlp: result, problems } = otlp({}, { headers: { ok: 'v', 'bad name': 'SECRET', n: 5 } });
    expect(result.logs.headers).toEqual({ ok: 'v' });
    expect(problems).toEqual([
      'options.otlp.headers has 2 malformed entries (#2: not a valid HTTP header name; #3 key "n": the value is not a string): ' +
        'expected HTTP header names with string values; skipping them and using the other 1 header(s)',
    ]);
  });
});

describe('garbage options', () => {
  it('reports a non-object otlp option and uses the environment', () => {
    const { otlp: result, problems } = otlp({ OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' }, 'http://collector');
    expect(result.logs.protocol).toBe('http/json');
    expect(problems).toEqual([
      'options.otlp="http://collector" is not valid: expected an object of OTLP settings; using the environment and defaults',
    ]);
  });

  it('reports a non-object signal option', () => {
    const { problems } = otlp({}, { logs: [] });
    expect(problems).toEqual(['options.otlp.logs=[] is not valid: expected an object of OTLP settings; using the shared settings']);
  });
});

describe('OTLP compression and TLS material', () => {
  it('reads OTEL_EXPORTER_OTLP_COMPRESSION, a signal-specific one winning', () => {
    const { otlp: resolved } = otlp({ OTEL_EXPORTER_OTLP_COMPRESSION: 'gzip', OTEL_EXPORTER_OTLP_METRICS_COMPRESSION: 'none' });
    expect(resolved.logs.compression).toBe('gzip');
    expect(resolved.metrics.compression).toBe('none');
  });

  it('refuses an unknown compression once and uses none', () => {
    const { problems } = otlpWithProblems({ OTEL_EXPORTER_OTLP_COMPRESSION: 'zstd' });
    expect(problems).toEqual([expect.stringContaining('OTEL_EXPORTER_OTLP_COMPRESSION="zstd" is not valid')]);
  });

  it('reads certificate files once at start-up, and reports an unreadable one without a value', () => {
    const folder = mkdtempSync(join(tmpdir(), 'otlp-tls-'));
    const ca = join(folder, 'ca.pem');
    writeFileSync(ca, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    const { otlp: resolved } = otlp({ OTEL_EXPORTER_OTLP_CERTIFICATE: ca, OTEL_EXPORTER_OTLP_TRACES_CLIENT_KEY: join(folder, 'missing.pem') });
    expect(resolved.logs.tls?.ca?.toString()).toContain('BEGIN CERTIFICATE');
    expect(resolved.logs.tls?.key).toBeUndefined();
    const { problems } = otlpWithProblems({ OTEL_EXPORTER_OTLP_TRACES_CLIENT_KEY: join(folder, 'missing.pem') });
    expect(problems).toEqual([expect.stringMatching(/OTEL_EXPORTER_OTLP_TRACES_CLIENT_KEY=.* is not valid.*ENOENT/)]);
    expect(otlp({}).otlp.logs.tls).toBeUndefined();
  });
});

function otlpWithProblems(env: NodeJS.ProcessEnv) {
  const problems: string[] = [];
  const resolved = resolveOtlp(undefined, env, problems);
  return { resolved, problems };
}
