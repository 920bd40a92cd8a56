/**
 * The `register` preload is one bundle with the Sightline and SDK packages inlined, so an app that imports
 * `@sightline/core` runs a second copy of Sightline's code. Process-wide state lives under
 * `Symbol.for('sightline.…')`: the app's copy must reach the SDK the preload started — its handle from
 * bootstrap() (called twice), its logger pipeline, its drop counts, agent spans — in ESM and CommonJS.
 */
import { describe, expect, it } from 'vitest';
import { runNode } from './fixtures/run-node.js';
import { REGISTER, useOtlpReceiver } from './fixtures/use-otlp-receiver.js';

const fixture = useOtlpReceiver();

const CASES = [
  { flag: '--import', app: 'two-copies/app.mjs', copies: ['core/dist/index.js', 'core/dist/register.js'] },
  { flag: '--require', app: 'two-copies/app.cjs', copies: ['core/dist/index.cjs', 'core/dist/register.cjs'] },
] as const;

describe.each(CASES)('$flag register, and an app that loads @sightline/core', ({ flag, app, copies }) => {
  it('reaches the SDK the preload started through its own copy of the code', async () => {
    const run = await runNode(['--require', './record-module-loads.cjs', flag, REGISTER, app], {
      env: fixture.env({ OTEL_SERVICE_NAME: 'two-copies', OTEL_METRICS_EXPORTER: 'none' }),
    });
    expect(run.code, run.stderr).toBe(0);
    // Two copies indeed: the preload's bundle and the package's own entry.
    const files = JSON.parse(/^loaded-workspace-files: (.*)$/m.exec(run.stderr)![1]!) as string[];
    expect(files.filter((file) => file.startsWith('core/dist/'))).toEqual(copies);

    const seen = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(seen).toMatchObject({
      preloadedEnabled: true,
      sameHandle: true,
      // The app's logger counted into the running SDK's counters, which the handle reads.
      invalidValues: 1,
      logDrops: { queue_full: 0, export_failed: 0, shutdown: 0 },
      providerIsSdk: true,
    });

    // Exported by the preload's pipeline (its resource, not the options of the second bootstrap()).
    const logs = fixture.receiver.logs;
    const fromApp = logs.find((l) => l.body === 'from the app copy');
    expect(fromApp?.resource['service.name']).toBe('two-copies');
    expect(fromApp?.scope.name).toBe('two-copies');
    const agent = fixture.receiver.spans.find((s) => s.name === 'invoke_agent planner');
    expect(agent?.traceId).toBe(seen.traceId);
    const inside = logs.find((l) => l.body === 'inside the agent');
    expect(inside?.spanId).toBe(agent?.spanId);
  });
});
