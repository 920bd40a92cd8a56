import { describe, expect, it } from 'vitest';
import { DEFAULT_ALLOW_KEYS, DEFAULT_SENSITIVE_KEYS } from '../../src/defaults.js';
import { KeyClass, KeyClassifier, keyWords } from '../../src/internal/key-classifier.js';

describe('keyWords', () => {
  it('splits at separators and camelCase, lower-cased', () => {
    expect(keyWords('http.request.header.x-api-key')).toEqual(['http', 'request', 'header', 'x', 'api', 'key']);
    expect(keyWords('clientSecret')).toEqual(['client', 'secret']);
    expect(keyWords('XAuthToken')).toEqual(['xauth', 'token']);
    expect(keyWords('APIKey')).toEqual(['apikey']);
    expect(keyWords('__')).toEqual([]);
  });
});

describe('KeyClassifier with the defaults', () => {
  const keys = new KeyClassifier(DEFAULT_ALLOW_KEYS, DEFAULT_SENSITIVE_KEYS);

  it.each([
    'password',
    'db.password',
    'DB_PASSWORD',
    'access_token',
    'refreshToken',
    'x-api-key',
    'apiKey',
    'APIKey',
    'http.request.header.authorization',
    'Set-Cookie',
    'client_secret',
    'aws.secret_key',
    'credentials',
  ])('%s is sensitive', (key) => {
    expect(keys.classify(key)).toBe(KeyClass.Sensitive);
  });

  it.each(['password_hash', 'token_count', 'max_tokens', 'gen_ai.request.max_tokens', 'api_key_id', 'cookie_consent', 'user.name', 'monkey'])(
    '%s is normal',
    (key) => {
      expect(keys.classify(key)).toBe(KeyClass.Normal);
    },
  );

  it.each(['trace_id', 'spanId', 'gen_ai.usage.input_tokens', 'gen_ai.usage.output_tokens', 'gen_ai.request.model', 'sightline.redaction.count'])(
    '%s is allowed',
    (key) => {
      expect(keys.classify(key)).toBe(KeyClass.Allowed);
    },
  );
});

describe('KeyClassifier with custom patterns', () => {
  it('matches word patterns as key endings, regexes anywhere, and lets allowed keys win', () => {
    const keys = new KeyClassifier(['session.token', 'debug.*'], ['session_id', /^x-internal-/i, 'token']);
    expect(keys.classify('user.session_id')).toBe(KeyClass.Sensitive);
    expect(keys.classify('X-Internal-Trace')).toBe(KeyClass.Sensitive);
    expect(keys.classify('session.token')).toBe(KeyClass.Allowed);
    expect(keys.classify('debug.token')).toBe(KeyClass.Allowed);
    expect(keys.classify('session.id.note')).toBe(KeyClass.Normal);
  });

  it('gives the same answer from its cache', () => {
    const keys = new KeyClassifier([], ['secret']);
    expect(keys.classify('my.secret')).toBe(KeyClass.Sensitive);
    expect(keys.classify('my.secret')).toBe(KeyClass.Sensitive);
  });
});
