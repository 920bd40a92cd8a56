import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOtlpReceiver, type OtlpReceiver } from './fixtures/otlp-receiver.js';
import { runNode } from './fixtures/run-node.js';

const SECRET_ENV_VALUE = 'zq8-unguessable-value-of-a-secret-env-var';
let receiver: OtlpReceiver;
beforeAll(async () => {
  receiver = await startOtlpReceiver();
});
afterAll(() => receiver.close());

function run(extra: Record<string, string> = {}) {
  receiver.reset();
  return runNode(['--import', '@sightline/core/register', 'apps/secrets-app.mjs'], {
    env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_METRICS_EXPORTER: 'none', FAKE_PROVIDER_API_KEY: SECRET_ENV_VALUE, ...extra },
  });
}

describe('redaction is on by default under the preload', () => {
  it('nothing sensitive reaches the backend: log bodies, attributes, exceptions, span names and attributes', async () => {
    expect((await run()).code).toBe(0);
    const exported = JSON.stringify({ logs: receiver.logs, spans: receiver.spans });
    for (const leak of ['sk-proj-abcdefghij', 'ada@example.com', '4111 1111 1111 1111', 'hunter2hunter2', 'eyJhbGciOiJIUzI1NiJ9', SECRET_ENV_VALUE]) {
      expect(exported).not.toContain(leak);
    }
    const info = receiver.logs.find((l) => String(l.body).startsWith('user'))!;
    expect(info.body).toBe('user [REDACTED:email] paid with [REDACTED:card]');
    expect(info.attributes['sightline.redaction.count']).toBeGreaterThanOrEqual(4);
    expect(receiver.spans[0]?.name).toContain('[REDACTED:');
  });

  it('SIGHTLINE_REDACTION=off exports values as they are', async () => {
    expect((await run({ SIGHTLINE_REDACTION: 'off' })).code).toBe(0);
    expect(JSON.stringify(receiver.logs)).toContain('ada@example.com');
  });

  it('SIGHTLINE_REDACTION=hash with SIGHTLINE_HMAC_KEY gives equal values equal digests across processes', async () => {
    const env = { SIGHTLINE_REDACTION: 'hash', SIGHTLINE_HMAC_KEY: 'k-123' };
    await run(env);
    const first = receiver.logs.find((l) => String(l.body).startsWith('user'))!.attributes['user.email'];
    await run(env);
    const second = receiver.logs.find((l) => String(l.body).startsWith('user'))!.attributes['user.email'];
    expect(first).not.toContain('ada@example.com');
    expect(first).toBe(second);
  });
});
