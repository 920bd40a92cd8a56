import { describe, expect, it } from 'vitest';
import { normalizeMessage } from '../../src/internal/normalize-message.js';

describe('normalizeMessage', () => {
  it.each([
    ['user 42 not found', 'user <n> not found'],
    ['GET https://api.example.com/v1/x?y=1 failed', 'GET <url> failed'],
    ['mail ada@example.com bounced', 'mail <email> bounced'],
    ['id 3f2b8c1e-0a4d-4b7e-9c1f-2d3e4f5a6b7c', 'id <uuid>'],
    ["Cannot read properties of undefined (reading 'name')", 'Cannot read properties of undefined (reading <str>)'],
    ['took 250ms', 'took <duration>'],
    ['at 2026-01-02T03:04:05Z', 'at <date>'],
    ['ptr 0xff00', 'ptr <hex>'],
    ['key sk_live_9f8e7d6c', 'key <id>'],
    ['ERR_HTTP2_STREAM_CANCEL kept', 'ERR_HTTP2_STREAM_CANCEL kept'],
  ])('%s', (message, expected) => {
    expect(normalizeMessage(message)).toBe(expected);
  });
});
