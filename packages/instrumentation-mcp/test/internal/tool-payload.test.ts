import { createHash } from 'node:crypto';
import { AlwaysOffSampler, InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { describe, expect, it, vi } from 'vitest';
import { SipHashKey } from '../../src/internal/siphash.js';
import { canonicalJson, digestKeyFrom, MAX_DIGEST_INPUT, recordToolArguments, recordToolResult, type PayloadOptions } from '../../src/internal/tool-payload.js';

const exporter = new InMemorySpanExporter();
const tracer = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] }).getTracer('t');
const options = (over: Partial<PayloadOptions> = {}): PayloadOptions => ({
  recordDigest: true,
  digestKey: digestKeyFrom('k'),
  capture: false,
  maxCapturedLength: 4096,
  redact: undefined,
  ...over,
});

function attributesOf(record: (span: ReturnType<typeof tracer.startSpan>) => void) {
  const span = tracer.startSpan('s');
  record(span);
  span.end();
  return exporter.getFinishedSpans().at(-1)!.attributes;
}

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined members like JSON.stringify', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[1,{"y":2,"z":1}]},"b":1}');
  });
});

describe('tool payload attributes', () => {
  it('gives equal arguments equal digests regardless of key order, different keys different digests', () => {
    const a = attributesOf((s) => recordToolArguments(s, options(), { city: 'Paris', days: 3 }));
    const b = attributesOf((s) => recordToolArguments(s, options(), { days: 3, city: 'Paris' }));
    const c = attributesOf((s) => recordToolArguments(s, options({ digestKey: digestKeyFrom('other') }), { city: 'Paris', days: 3 }));
    expect(a['sightline.mcp.tool.arguments.digest']).toMatch(/^[0-9a-f]{16}$/);
    expect(b['sightline.mcp.tool.arguments.digest']).toBe(a['sightline.mcp.tool.arguments.digest']);
    expect(c['sightline.mcp.tool.arguments.digest']).not.toBe(a['sightline.mcp.tool.arguments.digest']);
    expect(a['sightline.mcp.tool.arguments.size']).toBe(Buffer.byteLength('{"city":"Paris","days":3}'));
    expect(a).not.toHaveProperty('gen_ai.tool.call.arguments');
  });

  it('captures only on opt-in, cut to the limit and through redact', () => {
    const redact = (_key: string, value: string) => value.replace('secret', '[REDACTED]');
    const attrs = attributesOf((s) => {
      recordToolArguments(s, options({ capture: true, maxCapturedLength: 30, redact }), { token: 'secret', text: 'x'.repeat(100) });
      recordToolResult(s, options({ capture: true, redact }), { content: [{ type: 'text', text: 'ok' }] }, true);
    });
    expect(attrs['gen_ai.tool.call.arguments']).toBe('{"text":"xxxxxxxxxxxxxxxxxxxxx');
    expect(attrs['gen_ai.tool.call.result']).toBe('{"content":[{"type":"text","text":"ok"}]}');
    const secret = attributesOf((s) => recordToolArguments(s, options({ capture: true, redact }), { token: 'secret' }));
    expect(secret['gen_ai.tool.call.arguments']).toBe('{"token":"[REDACTED]"}');
  });

  it('records nothing for unserialisable arguments and never throws', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const attrs = attributesOf((s) => recordToolArguments(s, options({ capture: true }), cyclic));
    expect(attrs).toEqual({});
  });
});

describe('digest limits', () => {
  it('is SipHash-2-4 of the canonical JSON keyed with the first 16 bytes of the key’s SHA-256', () => {
    const attrs = attributesOf((s) => recordToolArguments(s, options(), { b: 'é', a: [1] }));
    const key = new SipHashKey(createHash('sha256').update('k').digest().subarray(0, 16), 64);
    expect(attrs['sightline.mcp.tool.arguments.digest']).toBe(key.digest('{"a":[1],"b":"é"}')!.hex);
    expect(attrs['sightline.mcp.tool.arguments.size']).toBe(Buffer.byteLength('{"a":[1],"b":"é"}'));
  });

  it('gives arguments longer than the digest limit their size and no digest', () => {
    const big = { z: 1, text: 'ü'.repeat(MAX_DIGEST_INPUT) };
    const attrs = attributesOf((s) => recordToolArguments(s, options({ capture: true, maxCapturedLength: 10 }), big));
    expect(attrs['sightline.mcp.tool.arguments.size']).toBe(Buffer.byteLength(JSON.stringify(big)));
    expect(attrs).not.toHaveProperty('sightline.mcp.tool.arguments.digest');
    expect(attrs['gen_ai.tool.call.arguments']).toBe('{"z":1,"te');
  });
});

describe('unsampled spans', () => {
  it('records nothing on a span that is not recording (the work is skipped)', () => {
    const unsampled = new TracerProvider({ sampler: new AlwaysOffSampler() }).getTracer('t').startSpan('s');
    const args = {
      get city(): string {
        throw new Error('arguments read for an unsampled span');
      },
    };
    const setAttribute = vi.spyOn(unsampled, 'setAttribute');
    recordToolArguments(unsampled, options({ capture: true }), args);
    recordToolResult(unsampled, options({ capture: true }), { content: [] }, true);
    expect(setAttribute).not.toHaveBeenCalled();
  });
});
