import { logs, SeverityNumber } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import { SecurityEvents, securityEventName } from '../src/security-events.js';
import { pipeline } from './fixtures/pipeline.js';

afterEach(() => logs.disable());

describe('SecurityEvents', () => {
  it('names events under security. with severity by outcome', () => {
    const events = new SecurityEvents({ key: 'k' });
    expect(securityEventName('authentication.failure')).toBe('security.authentication.failure');
    expect(events.record('security.permission.denied', { 'enduser.id': 'u1' })).toMatchObject({
      eventName: 'security.permission.denied',
      severityNumber: SeverityNumber.WARN,
      attributes: { 'enduser.id': 'u1' },
    });
    expect(events.record('token.refresh').severityNumber).toBe(SeverityNumber.INFO);
  });

  it('never records an API key, only a short keyed digest that tells keys apart', () => {
    const events = new SecurityEvents({ key: 'k' });
    const a = events.record('api_key.used', { api_key: 'sk-live-aaaa', route: '/v1' });
    const b = events.record('api_key.used', { api_key: 'sk-live-bbbb' });
    expect(JSON.stringify(a)).not.toContain('sk-live');
    expect(a.attributes).toEqual({ 'sightline.api_key.digest': expect.stringMatching(/^[0-9a-f]{12}$/), route: '/v1' });
    expect(a.attributes!['sightline.api_key.digest']).not.toBe(b.attributes!['sightline.api_key.digest']);
    expect(new SecurityEvents({ key: 'k' }).apiKeyDigest('sk-live-aaaa')).toBe(a.attributes!['sightline.api_key.digest']);
    expect(new SecurityEvents({ key: 'other' }).apiKeyDigest('sk-live-aaaa')).not.toBe(a.attributes!['sightline.api_key.digest']);
  });

  it('emits through the global logger provider', () => {
    const { provider, exported } = pipeline();
    logs.setGlobalLoggerProvider(provider);
    new SecurityEvents().emit('authentication.success', { 'enduser.pseudo.id': 'p1' });
    expect(exported()[0]).toMatchObject({ eventName: 'security.authentication.success', instrumentationScope: { name: 'sightline.security' } });
  });
});

describe('SecurityEvents: bounded work per event', () => {
  // Before, every value was passed on: the SDK then walked a sparse array of length 2^32 - 1 element by element (a hang).
  it('keeps attribute values only, 128 attributes at most, and never walks a huge or sparse array', () => {
    const events = new SecurityEvents({ key: 'k' });
    const sparse: unknown[] = [];
    sparse.length = 2 ** 32 - 1;
    const many = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`a${i}`, i]));
    const record = events.record('x', { sparse: sparse as never, nested: { a: 1 } as never, list: ['a', 1, true, {}] as never, ...many });
    expect(record.attributes?.sparse).toBeUndefined();
    expect(record.attributes?.nested).toBeUndefined();
    expect(record.attributes?.list).toEqual(['a', 1, true, null]);
    // 128 kept, and the count of what was left out: sparse, nested, and the 373 keys past the 128th.
    expect(Object.keys(record.attributes ?? {})).toHaveLength(129);
    expect(record.attributes?.['sightline.security.dropped_attributes']).toBe(375);
    expect(events.record('x', { a: 1, b: null as never }).attributes).toEqual({ a: 1 });
    expect(events.record('x', Buffer.alloc(1 << 20) as never).attributes).toEqual({});
  });

  it('never turns an object name or API key into text (String() of a sparse array of length 2^32 - 1 hung)', () => {
    const events = new SecurityEvents({ key: 'k' });
    const sparse: unknown[] = [];
    sparse.length = 2 ** 24;
    expect(events.record(sparse as never).eventName).toBe('security.[object]');
    expect(events.record('x', { api_key: sparse as never }).attributes?.['sightline.api_key.digest']).toMatch(/^[0-9a-f]{12}$/);
    expect(securityEventName(42 as never)).toBe('security.42');
  });

});
