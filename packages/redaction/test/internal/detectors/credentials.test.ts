import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../../src/index.js';
import { authHeader, bearerToken, jwt, urlPassword } from '../../../src/internal/detectors/credentials.js';
import { secretAssignment } from '../../../src/internal/detectors/secret-assignment.js';
import { found } from '../../fixtures/find.js';

const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';

describe('jwt', () => {
  it('finds three-part tokens, also unsigned ones', () => {
    expect(found(jwt, `token=${JWT};`)).toEqual([JWT]);
    const unsigned = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.';
    expect(found(jwt, unsigned)).toEqual([unsigned]);
  });

  it('leaves base64 that is not a JWT alone', () => {
    expect(found(jwt, 'eyJhbGciOiJIUzI1NiJ9 alone, and abc.eyJzdWIiOiIxIn0.x')).toEqual([]);
  });
});

describe('bearer_token', () => {
  it('replaces only the credential', () => {
    expect(found(bearerToken, 'Authorization: Bearer abc.DEF-123_xyz~/+=')).toEqual(['abc.DEF-123_xyz~/+=']);
    expect(found(bearerToken, 'basic dXNlcjpwYXNzd29yZA==')).toEqual(['dXNlcjpwYXNzd29yZA==']);
  });

  it.each(['the bearer of bad news', 'Basic authentication is disabled', 'BEARER Authentication', 'our basic plan'])('leaves %s alone', (text) => {
    expect(found(bearerToken, text)).toEqual([]);
  });
});

describe('auth_header', () => {
  it.each([
    ['Cookie: session=abc123; theme=dark\r\nHost: x', 'session=abc123; theme=dark'],
    ['set-cookie: sid=s3cr3t; Path=/; HttpOnly', 'sid=s3cr3t; Path=/; HttpOnly'],
    ['{"authorization":"Digest username=bob"}', 'Digest username=bob'],
    ['{\\"x-api-key\\":\\"k-123\\"}', 'k-123'],
    ['Proxy-Authorization: Basic Zm9vOmJhcg==', 'Basic Zm9vOmJhcg=='],
    ['X-Auth-Token=tok_9f8e7d', 'tok_9f8e7d'],
  ])('finds the value of %s', (text, value) => {
    expect(found(authHeader, text)).toEqual([value]);
  });

  it('leaves prose and empty values alone', () => {
    expect(found(authHeader, 'Accept the cookie consent banner')).toEqual([]);
    expect(found(authHeader, 'Cookie:   \nnext')).toEqual([]);
  });
});

describe('url_password', () => {
  it('replaces the password and keeps user and host', () => {
    const redactor = createRedactor({ knownSecrets: [] });
    expect(redactor.redact('postgres://admin:s3cr3t@db.internal:5432/app')).toBe('postgres://admin:[REDACTED:url_password]@db.internal:5432/app');
    expect(redactor.redact('redis://:hunter2@cache:6379')).toBe('redis://:[REDACTED:url_password]@cache:6379');
  });

  it('takes a password containing @ up to the last @ before the host', () => {
    expect(found(urlPassword, 'mysql://app:p@ss@w0rd@db/x')).toEqual(['p@ss@w0rd']);
  });

  it('leaves URLs without a password alone', () => {
    expect(found(urlPassword, 'https://host:8080/path?mail=a@b.co and http://user@host/')).toEqual([]);
  });
});

describe('secret_assignment', () => {
  it.each([
    ['password=hunter22&user=bob', 'hunter22'],
    ['"api_key": "abcd1234efgh"', 'abcd1234efgh'],
    ["client_secret: 'x y z'", 'x y z'],
    ['DB_PASSWORD=p@ss;w0rd', 'p@ss'],
    ['?access_token=ya29.a0Af&x=1', 'ya29.a0Af'],
    ['{\\"apiKey\\":\\"k9x2\\"}', 'k9x2'],
    ['PRIVATE_KEY = abcd', 'abcd'],
    ['refreshToken=rT8c1d9e2f7a', 'rT8c1d9e2f7a'],
    ['"apiToken": "at_7Hq2Lm9"', 'at_7Hq2Lm9'],
    ['genericToken=g3n3r1c', 'g3n3r1c'],
    ['x-api-key: 9f8e7d6c', '9f8e7d6c'],
    ['AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG', 'wJalrXUtnFEMI/K7MDENG'],
    ['--db-password=s3cr3tpw', 's3cr3tpw'],
    ['auth: am9obmRvZTpkMDY5NGIx', 'am9obmRvZTpkMDY5NGIx'],
  ])('finds the value in %s', (text, value) => {
    expect(found(secretAssignment, text)).toEqual([value]);
  });

  it.each([
    'password_hash=abc',
    'tokens=512',
    'max_tokens: 100',
    'token: null',
    'password: [REDACTED:sensitive_key]',
    'password=*****',
    'mypassword=abc',
    'Reset your password from the settings page.',
    'api_key: $API_KEY',
    'token: XXXXXXXX',
    'password: <token>',
    'password: changeme',
    'PuttyPassword=0',
    'auth: basic',
    'primaryKey=Qx7Lm2Rt9Vb4',
    'nextPageToken=CiAKGjBp',
    'secret_name=prod-db',
    'tokenizer=bert',
  ])('leaves %s alone', (text) => {
    expect(found(secretAssignment, text)).toEqual([]);
  });
});
