import { diag, DiagLogLevel, type DiagLogger } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import type { McpInstruments } from '../../src/internal/instruments.js';
import { patchProtocol } from '../../src/internal/patch-protocol.js';
import type { Telemetry } from '../../src/internal/telemetry.js';

const warnings: string[] = [];
const logger: DiagLogger = { error: () => {}, warn: (m) => warnings.push(m), info: () => {}, debug: () => {}, verbose: () => {} };
diag.setLogger(logger, DiagLogLevel.WARN);
const telemetry = {} as Telemetry & { instruments: McpInstruments };

class UnknownProtocol {
  request(): void {}
}

describe('patchProtocol on an unknown version or shape', () => {
  it('writes one diagnostic line per package version and leaves the module as it was', () => {
    const wrapped: string[] = [];
    const wrap = (_target: object, name: string) => void wrapped.push(name);
    const moduleExports = { Protocol: UnknownProtocol };
    const original = UnknownProtocol.prototype.request;
    for (let i = 0; i < 3; i++) {
      expect(patchProtocol(telemetry, wrap, moduleExports, '2.9.0', '@modelcontextprotocol/server', 2)).toBe(moduleExports);
      expect(patchProtocol(telemetry, wrap, { Protocol: class {} }, '3.0.0', '@modelcontextprotocol/server', 2)).toBeDefined();
    }
    expect(wrapped).toEqual([]);
    expect(UnknownProtocol.prototype.request).toBe(original);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('@modelcontextprotocol/server 2.9.0 has an unexpected Protocol class');
    expect(warnings[1]).toContain('3.0.0 is not a supported version');
  });
});
