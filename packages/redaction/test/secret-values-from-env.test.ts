import { describe, expect, it } from 'vitest';
import { secretValuesFromEnv } from '../src/index.js';

describe('secretValuesFromEnv', () => {
  it('collects values of secret-looking names, at least 8 characters long', () => {
    const values = secretValuesFromEnv({
      OPENAI_API_KEY: 'sk-abcdefgh',
      GITHUB_TOKEN: 'ghp_abcdefgh',
      npm_config__authToken: 'npm-token-1',
      CLIENT_SECRET: 'client-secret-1',
      DB_PASSWORD: 'hunter2hunter2',
      PASSWORD_PROD: 'prod-pass-1',
      SENTRY_DSN: 'https://abc@o1.ingest.sentry.io/1',
      STRIPE_KEY: 'rk_test_abcdef',
      GOOGLE_APPLICATION_CREDENTIALS: '{"type":"service_account"}',
      SHORT_TOKEN: 'short',
    });
    expect(values.sort()).toEqual(
      [
        'sk-abcdefgh',
        'ghp_abcdefgh',
        'npm-token-1',
        'client-secret-1',
        'hunter2hunter2',
        'prod-pass-1',
        'https://abc@o1.ingest.sentry.io/1',
        'rk_test_abcdef',
        '{"type":"service_account"}',
      ].sort(),
    );
  });

  it('skips ordinary settings, file paths, numbers and booleans', () => {
    expect(
      secretValuesFromEnv({
        HOME: '/home/someone',
        PWD: '/srv/app/current',
        MAX_TOKENS: '100000000',
        DB_PASSWORD_FILE: '/run/secrets/db',
        PASSWORD_MIN_LENGTH: '12345678',
        FEATURE_TOKEN: 'true',
        MONKEY: 'bananas-and-more',
        TOKEN_URL: 'https://auth.example.com/token',
        EMPTY_SECRET: undefined,
      }),
    ).toEqual([]);
  });

  it('returns each value once', () => {
    expect(secretValuesFromEnv({ A_TOKEN: 'same-value-1', B_TOKEN: 'same-value-1' })).toEqual(['same-value-1']);
  });
});
