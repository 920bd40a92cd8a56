import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOtlpReceiver, type OtlpReceiver } from './fixtures/otlp-receiver.js';
import { runNode } from './fixtures/run-node.js';

let receiver: OtlpReceiver;
beforeAll(async () => {
  receiver = await startOtlpReceiver();
});
afterAll(() => receiver.close());

describe('sampling from the environment alone, under the preload', () => {
  it('SIGHTLINE_SAMPLING_RATIO=0 drops routine logs and spans and keeps errors', async () => {
    const run = await runNode(['--import', '@sightline/core/register', 'apps/workflow-app.mjs'], {
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_METRICS_EXPORTER: 'none', SIGHTLINE_SAMPLING_RATIO: '0', APP_RECORDS: '500' },
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const bodies = receiver.logs.map((l) => l.body);
    expect(bodies).toContain('workflow failed once');
    expect(bodies).not.toContain('workflow started');
    expect(bodies).not.toContain('bulk');
    expect(receiver.spans.filter((s) => s.name === 'board decision')).toHaveLength(0);
  });

  it('SIGHTLINE_SAMPLING_RATIO=1 (the default) keeps everything', async () => {
    receiver.reset();
    const run = await runNode(['--import', '@sightline/core/register', 'apps/workflow-app.mjs'], {
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_METRICS_EXPORTER: 'none', APP_RECORDS: '500' },
    });
    expect(run.code).toBe(0);
    expect(receiver.logs.filter((l) => l.body === 'bulk')).toHaveLength(500);
    expect(receiver.spans.some((s) => s.name === 'board decision')).toBe(true);
  });
});
