/**
 * Issue 12, item 8: every diagnostic line — ours and the OpenTelemetry SDK's — is one line, and a
 * problem is said once.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runNode } from '../fixtures/run-node.js';
import { REGISTER } from '../fixtures/use-otlp-receiver.js';

function stderrLines(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l.trim() !== '');
}

describe('diagnostics', () => {
  it('a bad OTEL_EXPORTER_OTLP_ENDPOINT is reported in exactly one line', async () => {
    const run = await runNode(['--import', REGISTER, 'apps/exit-path-app.mjs'], {
      env: { EXIT_PATH: 'natural', RECORDS: '5', OTEL_EXPORTER_OTLP_ENDPOINT: 'not a url', OTEL_METRICS_EXPORTER: 'none', SIGHTLINE_SHUTDOWN_TIMEOUT_MS: '500' },
    });
    expect(run.code).toBe(0);
    const about = stderrLines(run.stderr).filter((l) => l.includes('OTEL_EXPORTER_OTLP_ENDPOINT') || l.toLowerCase().includes('url'));
    expect(about).toEqual([expect.stringContaining('OTEL_EXPORTER_OTLP_ENDPOINT="not a url" is not valid')]);
  });

  it('nothing at the endpoint: one line per problem, no JSON stacks, the metric reader included', async () => {
    const run = await runNode(['--import', REGISTER, 'apps/exit-path-app.mjs'], {
      env: {
        EXIT_PATH: 'natural',
        RECORDS: '5',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9',
        OTEL_METRIC_EXPORT_INTERVAL: '100',
        SIGHTLINE_SHUTDOWN_TIMEOUT_MS: '500',
      },
    });
    const lines = stderrLines(run.stderr);
    expect(lines.filter((l) => l.startsWith('{') || l.startsWith('    at '))).toEqual([]);
    expect(new Set(lines).size).toBe(lines.length);
    expect(lines.length).toBeLessThanOrEqual(6);
  });

  it('with the audit trail and the Prometheus endpoint on, no resource-attributes warning', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sightline-diag-'));
    const run = await runNode(['--import', REGISTER, 'apps/security-event-app.mjs'], {
      env: {
        SIGHTLINE_AUDIT_FILE: join(dir, 'audit.jsonl'),
        OTEL_METRICS_EXPORTER: 'prometheus',
        OTEL_EXPORTER_PROMETHEUS_PORT: '0',
        OTEL_LOGS_EXPORTER: 'console',
        OTEL_TRACES_EXPORTER: 'none',
        SIGHTLINE_HMAC_KEY: 'k',
      },
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('security.authentication.failure');
    expect(run.stderr).not.toContain('Accessing resource attributes before async attributes settled');
  });
});
