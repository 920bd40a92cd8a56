import { describe, expect, it } from 'vitest';
import { runNode } from './fixtures/run-node.js';
import { REGISTER, useOtlpReceiver } from './fixtures/use-otlp-receiver.js';

const SECRET_ENV_VALUE = 'zq8-unguessable-value-of-a-secret-env-var';
const fixture = useOtlpReceiver();

function run(extra: Record<string, string> = {}) {
  fixture.receiver.reset();
  return runNode(['--import', REGISTER, 'apps/secrets-app.mjs'], {
    env: fixture.env({ OTEL_METRICS_EXPORTER: 'none', FAKE_PROVIDER_API_KEY: SECRET_ENV_VALUE, ...extra }),
  });
}

describe('redaction is on by default under the preload', () => {
  it('nothing sensitive reaches the backend: log bodies, attributes, exceptions, span names and attributes', async () => {
    expect((await run()).code).toBe(0);
    const exported = JSON.stringify({ logs: fixture.receiver.logs, spans: fixture.receiver.spans });
    for (const leak of ['sk-proj-abcdefghij', 'ada@example.com', '4111 1111 1111 1111', 'hunter2hunter2', 'eyJhbGciOiJIUzI1NiJ9', SECRET_ENV_VALUE]) {
      expect(exported).not.toContain(leak);
    }
    const info = fixture.receiver.logs.find((l) => String(l.body).startsWith('user'))!;
    expect(info.body).toBe('user [REDACTED:email] paid with [REDACTED:card]');
    expect(info.attributes['sightline.redaction.count']).toBeGreaterThanOrEqual(4);
    expect(fixture.receiver.spans[0]?.name).toContain('[REDACTED:');
  });

  it('SIGHTLINE_REDACTION=off exports values as they are', async () => {
    expect((await run({ SIGHTLINE_REDACTION: 'off' })).code).toBe(0);
    expect(JSON.stringify(fixture.receiver.logs)).toContain('ada@example.com');
  });

  it('SIGHTLINE_REDACTION=hash with SIGHTLINE_HMAC_KEY gives equal values equal digests across processes', async () => {
    const env = { SIGHTLINE_REDACTION: 'hash', SIGHTLINE_HMAC_KEY: 'k-123' };
    await run(env);
    const first = fixture.receiver.logs.find((l) => String(l.body).startsWith('user'))!.attributes['user.email'];
    await run(env);
    const second = fixture.receiver.logs.find((l) => String(l.body).startsWith('user'))!.attributes['user.email'];
    expect(first).not.toContain('ada@example.com');
    expect(first).toBe(second);
  });
});
