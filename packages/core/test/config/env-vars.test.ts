import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_ENV_VARS } from '../../src/config/env-vars.js';
import { resolveConfig } from '../../src/config/resolve-config.js';

const DOC = readFileSync(new URL('../../../../docs/configuration.md', import.meta.url), 'utf8');

/** The names `resolveConfig` reads from `env`, recorded through a proxy. */
function namesRead(env: NodeJS.ProcessEnv): Set<string> {
  const read = new Set<string>();
  const proxy = new Proxy(env, {
    get(target, key) {
      if (typeof key === 'string') read.add(key);
      return Reflect.get(target, key);
    },
  });
  resolveConfig({}, proxy);
  return read;
}

describe('CONFIG_ENV_VARS', () => {
  const names = CONFIG_ENV_VARS.map((v) => v.name);

  it('lists each variable once, with a default, a meaning and accepted values', () => {
    expect(new Set(names).size).toBe(names.length);
    for (const v of CONFIG_ENV_VARS) {
      expect(v.name).toMatch(/^(OTEL|SIGHTLINE)_[A-Z_]+$/);
      expect(v.default, v.name).not.toBe('');
      expect(v.description, v.name).not.toBe('');
      expect(v.accepted, v.name).not.toBe('');
    }
  });

  it('stays within the budget of 15 SIGHTLINE_ variables', () => {
    const ours = names.filter((n) => n.startsWith('SIGHTLINE_'));
    expect(ours).toEqual([
      'SIGHTLINE_LOG_LEVEL',
      'SIGHTLINE_CONSOLE_FORMAT',
      'SIGHTLINE_BAGGAGE_KEYS',
      'SIGHTLINE_SHUTDOWN_TIMEOUT_MS',
      'SIGHTLINE_SAMPLING_RATIO',
      'SIGHTLINE_LOG_RATE_LIMIT',
      'SIGHTLINE_REDACTION',
      'SIGHTLINE_HMAC_KEY',
      'SIGHTLINE_AUDIT_FILE',
      'SIGHTLINE_EXPORT_QUEUE_MIB',
      'SIGHTLINE_EXPORT_CONCURRENCY',
      'SIGHTLINE_SPOOL_DIR',
    ]);
    expect(ours.length).toBeLessThanOrEqual(15);
  });

  it('is exactly what resolveConfig reads', () => {
    const read = new Set([
      ...namesRead({}),
      ...namesRead({ OTEL_TRACES_SAMPLER: 'traceidratio' }), // the ratio is only read for ratio samplers
    ]);
    expect([...read].sort()).toEqual([...names].sort());
  });

  it('every variable appears in docs/configuration.md, in a table row with its default', () => {
    const missing = CONFIG_ENV_VARS.filter((v) => !DOC.includes(`| \`${v.name}\` |`));
    expect(missing.map((v) => v.name)).toEqual([]);
    for (const v of CONFIG_ENV_VARS) {
      const row = DOC.split('\n').find((line) => line.startsWith(`| \`${v.name}\` |`)) ?? '';
      expect(row, v.name).toContain(v.default.split(' ')[0]);
    }
  });

  it('the page names the variables that later packages add and the budget', () => {
    expect(DOC).toContain('SIGHTLINE_SAMPLING_RATIO');
    expect(DOC).toContain('SIGHTLINE_LOG_RATE_LIMIT');
    expect(DOC).toMatch(/at most 15 `SIGHTLINE_\*` variables/);
  });
});
