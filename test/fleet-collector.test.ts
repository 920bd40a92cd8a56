import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const COLLECTOR = fileURLToPath(new URL('../collector/', import.meta.url));
const FIXTURES = fileURLToPath(new URL('./fixtures/collector/', import.meta.url));
const MANIFEST = 'otelcol-contrib-v0.159.0.manifest.yaml';

type Kind = 'receivers' | 'processors' | 'exporters' | 'extensions' | 'connectors';
const KINDS: Kind[] = ['receivers', 'processors', 'exporters', 'extensions', 'connectors'];
type Config = Record<string, unknown> & {
  service: { extensions?: string[]; pipelines: Record<string, Partial<Record<'receivers' | 'processors' | 'exporters', string[]>>> };
};

const load = (path: string) => parse(readFileSync(path, 'utf8')) as Record<string, unknown>;

/** The distribution's modules by kind, as its manifest lists them (`<module> <version>`). */
const manifest = load(join(FIXTURES, MANIFEST)) as { dist: { version: string } } & Partial<Record<Kind, Array<{ gomod: string }>>>;
const modules = Object.fromEntries(KINDS.map((kind) => [kind, new Set((manifest[kind] ?? []).map((m) => m.gomod.split(' ')[0]))])) as Record<Kind, Set<string>>;
const types = load(join(FIXTURES, 'component-types.yaml')) as Record<Kind, Record<string, { type: string; deprecated_type?: string }>>;

/** The module of a component type of a kind, and whether the type is a deprecated alias. */
function moduleOf(kind: Kind, type: string): { module: string; deprecated: boolean } | undefined {
  for (const [module, t] of Object.entries(types[kind] ?? {})) {
    if (t.type === type) return { module, deprecated: false };
    if (t.deprecated_type === type) return { module, deprecated: true };
  }
  return undefined;
}

/** The Collector's merge of several --config files: maps merge key by key, anything else is replaced. */
function merge(base: unknown, over: unknown): unknown {
  if (isMap(base) && isMap(over)) {
    const out: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(over)) out[key] = key in base ? merge(base[key], value) : value;
    return out;
  }
  return over;
}
const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const file = (name: string) => load(join(COLLECTOR, name));
const backends = readdirSync(join(COLLECTOR, 'backends')).filter((f) => f.endsWith('.yaml'));

/** Every configuration a user runs: the files alone or with the fragments merged as their headers say. */
const deployments: Array<[string, Config]> = [
  ['agent.yaml', file('agent.yaml') as Config],
  ['agent.yaml + sampling-equalizing.yaml', merge(file('agent.yaml'), file('sampling-equalizing.yaml')) as Config],
  ['gateway.yaml', file('gateway.yaml') as Config],
  ...backends.map((b): [string, Config] => [`gateway.yaml + backends/${b}`, merge(file('gateway.yaml'), file(join('backends', b))) as Config]),
];

describe('the component list the configurations are checked against', () => {
  it('is otelcol-contrib v0.159.0 from the releases repository, with its components', () => {
    expect(manifest.dist.version).toBe('0.159.0');
    expect(readFileSync(join(FIXTURES, MANIFEST), 'utf8')).toMatch(/opentelemetry-collector-releases[^\n]*at tag\n# v0\.159\.0 \(commit [0-9a-f]{40}\)/);
    expect(modules.exporters.size).toBeGreaterThan(40);
    expect(modules.processors.size).toBeGreaterThan(20);
  });

  it('every component type we map is in the distribution', () => {
    for (const kind of KINDS) {
      for (const module of Object.keys(types[kind] ?? {})) expect(modules[kind], `${kind}: ${module}`).toContain(module);
    }
  });
});

describe.each(deployments)('%s', (_name, config) => {
  it('names only components of otelcol-contrib v0.159.0, by their current type', () => {
    for (const kind of KINDS) {
      for (const id of Object.keys((config[kind] as Record<string, unknown> | undefined) ?? {})) {
        const type = id.split('/')[0];
        const found = moduleOf(kind, type);
        expect(found, `${kind}: ${id} is not a known ${kind.slice(0, -1)} type`).toBeDefined();
        expect(modules[kind], `${kind}: ${id}`).toContain(found!.module);
        expect(found!.deprecated, `${kind}: ${id} uses a deprecated type`).toBe(false);
      }
    }
  });

  it('its pipelines use only defined components, and every defined component is used', () => {
    const defined = (kind: Kind) => new Set(Object.keys((config[kind] as Record<string, unknown> | undefined) ?? {}));
    const used: Record<string, Set<string>> = { receivers: new Set(), processors: new Set(), exporters: new Set() };
    for (const [name, pipeline] of Object.entries(config.service.pipelines)) {
      expect(['traces', 'logs', 'metrics']).toContain(name.split('/')[0]);
      for (const role of ['receivers', 'processors', 'exporters'] as const) {
        for (const id of pipeline[role] ?? []) {
          expect(defined(role), `${name}.${role}: ${id}`).toContain(id);
          used[role].add(id);
        }
      }
      expect(pipeline.receivers?.length, `${name} has receivers`).toBeGreaterThan(0);
      expect(pipeline.exporters?.length, `${name} has exporters`).toBeGreaterThan(0);
      // The Collector's recommended order: memory_limiter first, batch last.
      expect(pipeline.processors?.[0], `${name}: memory_limiter first`).toBe('memory_limiter');
      expect(pipeline.processors?.at(-1), `${name}: batch last`).toBe('batch');
    }
    for (const role of ['receivers', 'processors'] as const) expect([...defined(role)].filter((id) => !used[role].has(id))).toEqual([]);
    // Exporters a backend file replaced may stay defined (debug); every other must be used.
    expect([...defined('exporters')].filter((id) => !used.exporters.has(id) && id !== 'debug')).toEqual([]);
    const extensions = new Set(config.service.extensions ?? []);
    expect([...extensions].filter((id) => !defined('extensions').has(id))).toEqual([]);
    expect([...defined('extensions')].filter((id) => !extensions.has(id))).toEqual([]);
  });

  it('takes every credential from the environment, never a literal', () => {
    const secrets: string[] = [];
    const walk = (value: unknown, path: string) => {
      if (isMap(value)) for (const [k, v] of Object.entries(value)) walk(v, `${path}.${k}`);
      else if (typeof value === 'string' && /(headers\.(x-honeycomb-team|x-sentry-auth|authorization)|api\.key|client_auth\.(username|password))$/i.test(path)) secrets.push(`${path}=${value}`);
    };
    walk(config, '');
    for (const secret of secrets) expect(secret).toMatch(/\$\{env:[A-Z_]+\}/);
  });
});

describe('what the fleet needs from the configurations', () => {
  const agent = deployments[0][1] as Config & Record<string, Record<string, Record<string, unknown>>>;
  const sampled = deployments[1][1] as Config & Record<string, Record<string, Record<string, unknown>>>;
  const gateway = deployments[2][1] as Config & Record<string, Record<string, Record<string, unknown>>>;

  it('the agent routes spans to the gateways by trace id, so tail sampling sees whole traces', () => {
    expect(agent.exporters.loadbalancing.routing_key).toBe('traceID');
    expect(agent.service.pipelines.traces.exporters).toEqual(['loadbalancing']);
    expect(gateway.service.pipelines.traces.processors).toContain('tail_sampling');
    const policies = (gateway.processors.tail_sampling.policies as Array<{ type: string }>).map((p) => p.type);
    expect(policies).toEqual(expect.arrayContaining(['status_code', 'latency', 'probabilistic']));
  });

  it('the agent redacts every signal a second time', () => {
    for (const pipeline of Object.values(agent.service.pipelines)) expect(pipeline.processors).toContain('redaction');
    const patterns = agent.processors.redaction.blocked_values as string[];
    // The patterns are RE2; the ones here are also valid JavaScript, so they can be checked on vectors.
    const masked = (value: string) => patterns.some((p) => new RegExp(p).test(value));
    expect(masked('key=sk-proj-abcdefghijklmnopqrstuvwx')).toBe(true);
    expect(masked('card 4111 1111 1111 1111')).toBe(true); // the card-brand test number
    expect(masked('AKIAIOSFODNN7EXAMPLE')).toBe(true); // AWS's documented example key id
    expect(masked('[REDACTED:openai_key]')).toBe(false);
    expect(masked('trace 4bf92f3577b34da6a3ce929d0e0e4736, at 1796486877365 ms')).toBe(false);
  });

  it('the agents sample in equalizing mode, which honours the `ot=th:` thresholds Sightline writes', () => {
    const sampler = sampled.processors.probabilistic_sampler;
    expect(sampler.mode).toBe('equalizing'); // hash_seed ignores th; proportional re-samples what is already sampled
    expect(sampler.attribute_source).toBe('traceID');
    expect(sampled.service.pipelines.traces.processors).toContain('probabilistic_sampler');
    const logs = sampled.service.pipelines.logs.processors ?? [];
    expect(logs.indexOf('transform/sampling-priority')).toBeLessThan(logs.indexOf('probabilistic_sampler'));
    expect(logs.indexOf('transform/sampling-priority')).toBeGreaterThanOrEqual(0);
  });

  it('each backend gets the headers it wants', () => {
    const exporters = (name: string) => (deployments.find(([n]) => n.endsWith(name))![1] as Record<string, Record<string, Record<string, unknown>>>).exporters;
    const honeycomb = exporters('honeycomb.yaml');
    expect(honeycomb['otlp_grpc/honeycomb'].headers).toHaveProperty('x-honeycomb-team');
    expect(honeycomb['otlp_grpc/honeycomb-metrics'].headers).toHaveProperty('x-honeycomb-dataset');
    expect(exporters('sentry.yaml')['otlp_http/sentry'].headers).toEqual({ 'x-sentry-auth': 'sentry sentry_key=${env:SENTRY_PUBLIC_KEY}' });
    expect(exporters('datadog.yaml').datadog.api).toEqual({ key: '${env:DD_API_KEY}', site: '${env:DD_SITE}' });
    const grafana = exporters('/grafana.yaml');
    expect(Object.keys(grafana).filter((id) => id !== 'debug').sort()).toEqual(['otlp_grpc/tempo', 'otlp_http/loki', 'otlp_http/mimir']);
    for (const id of ['otlp_grpc/tempo', 'otlp_http/loki', 'otlp_http/mimir']) expect(grafana[id].headers).toHaveProperty('X-Scope-OrgID');
    expect(exporters('grafana-cloud.yaml')['otlp_http/grafana-cloud'].auth).toEqual({ authenticator: 'basicauth/grafana-cloud' });
  });

  it('the check catches a component that is not in the distribution', () => {
    expect(moduleOf('exporters', 'loadbalancing')).toBeDefined();
    expect(moduleOf('exporters', 'jaeger')).toBeUndefined(); // removed from contrib in 2023
    expect(moduleOf('exporters', 'otlphttp')?.deprecated).toBe(true);
  });
});
