import { describe, expect, it } from 'vitest';
import type { ReceivedLog } from './fixtures/otlp-receiver.js';
import { runNode } from './fixtures/run-node.js';
import { REGISTER as PRELOAD, useOtlpReceiver } from './fixtures/use-otlp-receiver.js';

const fixture = useOtlpReceiver();

function otlpEnv(extra: Record<string, string> = {}): Record<string, string> {
  return fixture.env({ OTEL_SERVICE_NAME: 'crash-app', OTEL_METRICS_EXPORTER: 'none', ...extra });
}

/**
 * What Node printed below the source excerpt it puts first: the error, its stack and Node's version line.
 * The excerpt ("file:line", the code line, a caret) is computed by Node from the last raise, which is our
 * re-raise after the flush; everything below it is the original error, unchanged.
 */
function printedError(stderr: string): string {
  return stderr.slice(stderr.indexOf('\n\n'));
}

function exceptionRecords(): ReceivedLog[] {
  return fixture.receiver.logs.filter((l) => l.eventName === 'exception');
}

describe('crash capture', () => {
  it('exports the FATAL record of an uncaught exception, then exits as without the SDK (same code, same error output)', async () => {
    const bare = await runNode(['apps/crash-throw-app.mjs']);
    const withSdk = await runNode(['--import', PRELOAD, 'apps/crash-throw-app.mjs'], { env: otlpEnv() });

    expect(bare.code).toBe(1);
    expect(bare.stderr).toContain('TypeError: cannot process order 1234');
    expect(withSdk.code).toBe(bare.code);
    expect(withSdk.signal).toBe(bare.signal);
    expect(printedError(withSdk.stderr)).toBe(printedError(bare.stderr));

    const [record] = exceptionRecords();
    expect(exceptionRecords()).toHaveLength(1);
    expect(record!.severityNumber).toBe(21);
    expect(record!.severityText).toBe('FATAL');
    expect(record!.attributes).toMatchObject({ 'exception.type': 'TypeError', 'exception.message': 'cannot process order 1234' });
    expect(String(record!.attributes['exception.stacktrace'])).toContain('at Timeout.explode');
    expect(record!.attributes['sightline.exception.fingerprint']).toMatch(/^[0-9a-f]{16}$/);
    // The log written before the crash made it out too.
    expect(fixture.receiver.logs.some((l) => l.body === 'job started')).toBe(true);
  });

  it('the fingerprint of the crash is the same in another process', async () => {
    await runNode(['--import', PRELOAD, 'apps/crash-throw-app.mjs'], { env: otlpEnv() });
    await runNode(['--import', PRELOAD, 'apps/crash-throw-app.mjs'], { env: otlpEnv() });
    const fingerprints = exceptionRecords().map((r) => r.attributes['sightline.exception.fingerprint']);
    expect(fingerprints).toHaveLength(2);
    expect(fingerprints[0]).toBe(fingerprints[1]);
  });

  it.each<[string, Record<string, string>]>([
    ['an Error', {}],
    ['a non-Error reason', { REJECT_WITH: 'string' }],
  ])('an unhandled rejection with %s: FATAL record, Node’s default exit and error output unchanged', async (_name, extra) => {
    const bare = await runNode(['apps/crash-reject-app.mjs'], { env: extra });
    const withSdk = await runNode(['--import', PRELOAD, 'apps/crash-reject-app.mjs'], { env: otlpEnv(extra) });
    expect(bare.code).toBe(1);
    expect(withSdk.code).toBe(bare.code);
    expect(withSdk.signal).toBe(bare.signal);
    expect(printedError(withSdk.stderr)).toBe(printedError(bare.stderr));
    const [record] = exceptionRecords();
    expect(record!.severityText).toBe('FATAL');
    expect(record!.attributes['exception.type']).toBe(extra.REJECT_WITH ? 'UnhandledPromiseRejection' : 'RangeError');
  });

  it('with --unhandled-rejections=warn the process lives on, the warning is printed, the record is ERROR', async () => {
    const flags = ['--unhandled-rejections=warn'];
    const bare = await runNode([...flags, 'apps/crash-reject-app.mjs']);
    const withSdk = await runNode([...flags, '--import', PRELOAD, 'apps/crash-reject-app.mjs'], { env: otlpEnv() });
    expect(bare.code).toBe(0);
    expect(withSdk.code).toBe(0);
    expect(withSdk.stderr).toContain('RangeError: quota 42 exceeded');
    const [record] = exceptionRecords();
    expect(record!.severityText).toBe('ERROR');
  });

  it("leaves the decision to the app's own uncaughtException listener (ERROR record, app's exit code)", async () => {
    const bare = await runNode(['apps/crash-handled-app.mjs']);
    const withSdk = await runNode(['--import', PRELOAD, 'apps/crash-handled-app.mjs'], { env: otlpEnv() });
    expect(bare.code).toBe(3);
    expect(withSdk.code).toBe(3);
    expect(withSdk.stderr).toBe(bare.stderr);
    const [record] = exceptionRecords();
    expect(record!.severityText).toBe('ERROR');
    expect(record!.attributes['exception.message']).toBe('handled by the app');
  });
});
