import { describe, expect, it } from 'vitest';
import { runNode } from './fixtures/run-node.js';
import { REGISTER, useOtlpReceiver } from './fixtures/use-otlp-receiver.js';

const fixture = useOtlpReceiver();

describe('sampling from the environment alone, under the preload', () => {
  it('SIGHTLINE_SAMPLING_RATIO=0 drops routine logs and spans and keeps errors', async () => {
    const run = await runNode(['--import', REGISTER, 'apps/workflow-app.mjs'], {
      env: fixture.env({ OTEL_METRICS_EXPORTER: 'none', SIGHTLINE_SAMPLING_RATIO: '0', APP_RECORDS: '500' }),
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const bodies = fixture.receiver.logs.map((l) => l.body);
    expect(bodies).toContain('workflow failed once');
    expect(bodies).not.toContain('workflow started');
    expect(bodies).not.toContain('bulk');
    expect(fixture.receiver.spans.filter((s) => s.name === 'board decision')).toHaveLength(0);
  });

  it('SIGHTLINE_SAMPLING_RATIO=1 (the default) keeps everything', async () => {
    const run = await runNode(['--import', REGISTER, 'apps/workflow-app.mjs'], {
      env: fixture.env({ OTEL_METRICS_EXPORTER: 'none', APP_RECORDS: '500' }),
    });
    expect(run.code).toBe(0);
    expect(fixture.receiver.logs.filter((l) => l.body === 'bulk')).toHaveLength(500);
    expect(fixture.receiver.spans.some((s) => s.name === 'board decision')).toBe(true);
  });
});
