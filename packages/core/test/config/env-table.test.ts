import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ENV_SECTIONS, ENV_VARS, type EnvSection, type EnvVarSpec } from '../../src/config/env-table.js';
import { resolveConfig } from '../../src/config/resolve-config.js';

const DOC_PATH = fileURLToPath(new URL('../../../../docs/configuration.md', import.meta.url));
const DOC = readFileSync(DOC_PATH, 'utf8');
const ROWS = Object.entries(ENV_VARS) as Array<[string, EnvVarSpec]>;

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

/** `a|b|c` runs in an accepted-values text, as a list of code spans. */
function acceptedCell(accepted: string): string {
  return accepted.replace(/[\w./-]+(?:\|[\w./-]+)+/g, (run) => run.split('|').map((value) => `\`${value}\``).join(', '));
}

function defaultCell(spec: EnvVarSpec): string {
  if (spec.shownDefault !== undefined) return spec.shownDefault;
  return `\`${Array.isArray(spec.default) ? spec.default.join(',') : String(spec.default)}\``;
}

/** One section's table as docs/configuration.md shows it. */
function sectionTable(section: EnvSection): string {
  const rows = ROWS.filter(([, spec]) => spec.section === section).map(([name, spec]) => {
    const meaning = spec.option === undefined ? spec.doc : `${spec.doc} Option: \`${spec.option}\`.`;
    return `| \`${name}\` | ${defaultCell(spec)} | ${meaning} | ${acceptedCell(spec.type.accepted)} |`;
  });
  return ['| Name | Default | Meaning | Accepted values |', '| --- | --- | --- | --- |', ...rows, ''].join('\n');
}

describe('ENV_VARS', () => {
  it('describes each variable with a type, a default, a meaning and accepted values', () => {
    for (const [name, spec] of ROWS) {
      expect(name).toMatch(/^(OTEL|SIGHTLINE)_[A-Z_]+$/);
      expect(spec.doc, name).not.toBe('');
      expect(spec.doc, name).not.toContain('|');
      expect(spec.type.accepted, name).not.toBe('');
      expect(defaultCell(spec), name).not.toBe('``');
      // A parsed row's default is a value its own parser accepts (or undefined: the feature's default).
      if ('parse' in spec.type && spec.default !== undefined) expect(spec.type.parse(spec.default), name).toMatchObject({ ok: true });
    }
  });

  it('stays within the budget of 15 SIGHTLINE_ variables', () => {
    const ours = ROWS.map(([name]) => name).filter((n) => n.startsWith('SIGHTLINE_'));
    expect(ours).toEqual([
      'SIGHTLINE_FILE_DIR',
      'SIGHTLINE_FILE_RETENTION_DAYS',
      'SIGHTLINE_GENAI_PRICES_FILE',
      'SIGHTLINE_LOG_LEVEL',
      'SIGHTLINE_CONSOLE_FORMAT',
      'SIGHTLINE_BAGGAGE_KEYS',
      'SIGHTLINE_SHUTDOWN_TIMEOUT_MS',
      'SIGHTLINE_SAMPLING_RATIO',
      'SIGHTLINE_LOG_RATE_LIMIT',
      'SIGHTLINE_REDACTION',
      'SIGHTLINE_HMAC_KEY',
      'SIGHTLINE_EXPORT_QUEUE_MIB',
      'SIGHTLINE_EXPORT_CONCURRENCY',
      'SIGHTLINE_SPOOL_DIR',
      'SIGHTLINE_AUDIT_FILE',
    ]);
    expect(ours.length).toBeLessThanOrEqual(15);
  });

  it('is exactly what resolveConfig reads, besides the rows other packages read', () => {
    const read = new Set([
      ...namesRead({}),
      ...namesRead({ OTEL_TRACES_SAMPLER: 'traceidratio' }), // the ratio is only read for ratio samplers
    ]);
    const ours = ROWS.filter(([, spec]) => spec.readBy === undefined).map(([name]) => name);
    expect([...read].sort()).toEqual(ours.sort());
  });

  it('a row that another package reads names that package, which does read it', () => {
    for (const [name, spec] of ROWS.filter(([, s]) => s.readBy !== undefined)) {
      for (const pkg of spec.readBy!.split(', ')) {
        const src = fileURLToPath(new URL(`../../../${pkg.replace('@sightline/', '')}/src/`, import.meta.url));
        const sources = readFileSync(`${src}semconv.ts`, 'utf8') + readFileSync(`${src}types.ts`, 'utf8');
        expect(sources, `${name} in ${pkg}`).toContain(name);
      }
    }
  });

  it('docs/configuration.md shows every variable, in tables generated from the table (update: vitest -u)', async () => {
    let expected = DOC;
    for (const section of ENV_SECTIONS) {
      const block = new RegExp(`(<!-- generated: env-table ${section} -->\\n)[\\s\\S]*?(<!-- end generated -->)`);
      expect(DOC, section).toMatch(block);
      expected = expected.replace(block, (_, open: string, close: string) => `${open}${sectionTable(section)}${close}`);
    }
    await expect(expected).toMatchFileSnapshot(DOC_PATH);
    for (const [name] of ROWS) expect(DOC).toContain(`| \`${name}\` |`);
  });

  it('the page names the budget', () => {
    expect(DOC).toMatch(/at most 15 `SIGHTLINE_\*` variables/);
  });
});
