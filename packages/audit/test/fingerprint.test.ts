import { describe, expect, it } from 'vitest';
import { computeFingerprint, type FingerprintInput } from '../src/fingerprint.js';

/** A V8 stack of `type: message` through the given frames (`fn@path:line:col`). */
function stack(type: string, message: string, frames: string[]): string {
  const lines = frames.map((f) => {
    const at = f.indexOf('@');
    return at === -1 ? `    at ${f}` : `    at ${f.slice(0, at)} (${f.slice(at + 1)})`;
  });
  return [`${type}: ${message}`, ...lines].join('\n');
}

function input(type: string, message: string, frames: string[]): FingerprintInput {
  return { type, message, stacktrace: stack(type, message, frames) };
}

const APP = ['loadUser@/srv/app/src/users.js:10:5', 'handle@/srv/app/src/routes.js:40:12', 'node:internal/timers:1:1'];
const APP_SHIFTED = ['loadUser@/srv/app/src/users.js:17:9', 'handle@/srv/app/src/routes.js:52:3', 'node:internal/timers:9:9'];
const OTHER_DEPLOY = ['loadUser@/opt/release-2024/src/users.js:10:5', 'handle@/opt/release-2024/src/routes.js:40:12'];
const WITH_LIBS = [
  'Query.run@/srv/app/node_modules/pg/lib/query.js:5:1',
  ...APP,
  'Layer.handle@/srv/app/node_modules/express/lib/router/layer.js:95:5',
];
const ESM = ['loadUser@file:///srv/app/src/users.js:10:5', 'async handle@file:///srv/app/src/routes.js:40:12'];

/** [description, a, b]: pairs that are the same bug. */
const SAME: Array<[string, FingerprintInput, FingerprintInput]> = [
  ['lines shifted', input('TypeError', 'x is undefined', APP), input('TypeError', 'x is undefined', APP_SHIFTED)],
  ['different numeric ids', input('Error', 'user 42 not found', APP), input('Error', 'user 9001 not found', APP)],
  ['different UUIDs', input('Error', 'order 3f2b8c1e-0a4d-4b7e-9c1f-2d3e4f5a6b7c failed', APP), input('Error', 'order a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d failed', APP)],
  ['different hex', input('Error', 'bad pointer 0xdeadbeef', APP), input('Error', 'bad pointer 0x1f', APP)],
  ['different e-mails', input('Error', 'no account for ada@example.com', APP), input('Error', 'no account for bob.smith+x@corp.example.org', APP)],
  ['different URLs', input('FetchError', 'request to https://api.example.com/v1/users/7?x=1 failed', APP), input('FetchError', 'request to http://10.0.0.3:8080/health failed', APP)],
  ['different quoted values', input('Error', "Unknown model 'gpt-4o'", APP), input('Error', 'Unknown model "claude-3"', APP)],
  ['different durations', input('TimeoutError', 'timed out after 5000ms', APP), input('TimeoutError', 'timed out after 30 s', APP)],
  ['different dates', input('Error', 'token expired at 2026-01-02T03:04:05Z', APP), input('Error', 'token expired at 2025-12-31T23:59:59.999+01:00', APP)],
  ['different opaque ids', input('Error', 'session sess_8f2k9d7a unknown', APP), input('Error', 'session sess_q1w2e3r4 unknown', APP)],
  ['different long hex digests', input('Error', 'blob a94a8fe5ccb19ba61c4c0873d391e987982fbbd3 missing', APP), input('Error', 'blob 3da541559918a808c2402bba5012f6c60b27661c missing', APP)],
  ['another deploy folder', input('TypeError', 'x is undefined', APP), input('TypeError', 'x is undefined', OTHER_DEPLOY)],
  ['library frames around the app frames', input('TypeError', 'x is undefined', APP), input('TypeError', 'x is undefined', WITH_LIBS)],
  ['file URLs and async frames', input('TypeError', 'x is undefined', APP), input('TypeError', 'x is undefined', ESM)],
  ['whitespace differences', input('Error', 'bad  input\n here', APP), input('Error', 'bad input here', APP)],
];

/** Pairs that are different bugs. */
const DIFFERENT: Array<[string, FingerprintInput, FingerprintInput]> = [
  ['different types', input('TypeError', 'failed', APP), input('RangeError', 'failed', APP)],
  ['different message words', input('Error', 'user 42 not found', APP), input('Error', 'user 42 suspended', APP)],
  ['different function', input('Error', 'boom', APP), input('Error', 'boom', ['saveUser@/srv/app/src/users.js:10:5', 'handle@/srv/app/src/routes.js:40:12'])],
  ['different file', input('Error', 'boom', APP), input('Error', 'boom', ['loadUser@/srv/app/src/accounts.js:10:5', 'handle@/srv/app/src/routes.js:40:12'])],
  ['different caller', input('Error', 'boom', APP), input('Error', 'boom', ['loadUser@/srv/app/src/users.js:10:5', 'cron@/srv/app/src/jobs.js:3:1'])],
  ['extra app frame', input('Error', 'boom', APP), input('Error', 'boom', ['validate@/srv/app/src/users.js:2:2', ...APP])],
  ['no stack vs stack', { type: 'Error', message: 'boom' }, input('Error', 'boom', APP)],
  ['different library when no app frame', input('Error', 'boom', ['a@/x/node_modules/pg/q.js:1:1']), input('Error', 'boom', ['a@/x/node_modules/redis/q.js:1:1'])],
  ['status words differ', input('HTTPError', 'Request failed with status 404 Not Found', APP), input('HTTPError', 'Request failed with status 500 Internal Server Error', APP)],
  ['unrelated messages', input('Error', 'ECONNREFUSED', APP), input('Error', 'ECONNRESET', APP)],
];

describe('computeFingerprint', () => {
  it('is 16 hex digits', () => {
    expect(computeFingerprint(input('Error', 'x', APP))).toMatch(/^[0-9a-f]{16}$/);
  });

  it.each(SAME)('same bug, same fingerprint: %s', (_name, a, b) => {
    expect(computeFingerprint(a)).toBe(computeFingerprint(b));
  });

  it.each(DIFFERENT)('different bugs, different fingerprints: %s', (_name, a, b) => {
    expect(computeFingerprint(a)).not.toBe(computeFingerprint(b));
  });

  it('is stable for real errors thrown from the same place with different data', () => {
    const fail = (id: number): Error => new Error(`item ${id} is out of stock`);
    const fingerprints = [1, 2, 3].map((id) => {
      const error = fail(id);
      return computeFingerprint({ type: 'Error', message: error.message, stacktrace: error.stack });
    });
    expect(new Set(fingerprints).size).toBe(1);
  });
});
