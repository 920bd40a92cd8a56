import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkNames, type EmittedName } from './semconv/check-names.js';
import { loadRegistry } from './semconv/registry.js';

/**
 * Every attribute, metric, event and span-name pattern each package can emit, checked against the installed
 * `@opentelemetry/semantic-conventions` registry. Collected from each package's `semconv.ts` (registry
 * names are imported there, ours declared there) and from the sources, where a dotted name written inline
 * as an attribute key, an event name or an instrument name would otherwise escape the check.
 */
const PACKAGES = ['audit', 'core', 'instrumentation-llm', 'instrumentation-mcp', 'metrics', 'redaction', 'sampling'];
const ROOT = join(import.meta.dirname, '..', 'packages');

/** Names that are neither registry nor `sightline.*` names, kept on purpose. */
const EXCEPTIONS = new Map<string, string>([
  ['gen_ai.system', 'read, never emitted: other instrumentations still send it; the metric views keep it apart and the console shows it'],
  ['otel.metric.overflow', "the attribute of the overflow series that the OpenTelemetry metrics SDK specification prescribes for a cardinality limit; the in-process histogram aggregator reproduces the SDK's series"],
  ['sampling.threshold', 'the log-record attribute the OpenTelemetry Collector probabilistic sampler reads and writes; no convention exists'],
  ...['security.authentication.success', 'security.authentication.failure', 'security.token.refresh', 'security.permission.denied', 'security.api_key.used'].map(
    (name) => [name, "event names of Sightline's security-event convention (docs/audit.md), a public contract: sampling always keeps security.*, alert rules match them; no namespace of the conventions"] as const,
  ),
]);

const NAME = String.raw`([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+)`;
/** Where a dotted literal is emitted: `setAttribute('a.b'`, `x['a.b'] =`, `{ 'a.b': …`, `eventName: 'a.b'`, `createHistogram('a.b'`. */
const INLINE = [
  new RegExp(String.raw`setAttribute\(\s*'${NAME}'`, 'g'),
  new RegExp(String.raw`\[\s*'${NAME}'\s*\]\s*=[^=]`, 'g'),
  new RegExp(String.raw`[{,]\s*'${NAME}'\s*:`, 'g'),
  new RegExp(String.raw`eventName:\s*'${NAME}'`, 'g'),
  new RegExp(String.raw`create(?:Observable)?(?:Histogram|Counter|UpDownCounter|Gauge)\(\s*'${NAME}'`, 'g'),
];
/** Files whose dotted object keys are not telemetry: configuration paths. */
const NOT_TELEMETRY = /\/config\//;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** The inline names of `text` (a source file). */
export function inlineNames(text: string, source: string): EmittedName[] {
  const found: EmittedName[] = [];
  for (const pattern of INLINE) for (const match of text.matchAll(pattern)) found.push({ name: match[1]!, source });
  return found;
}

async function collect(): Promise<{ names: EmittedName[]; drafts: Set<string> }> {
  const names: EmittedName[] = [];
  const drafts = new Set<string>();
  for (const pkg of PACKAGES) {
    const file = join(ROOT, pkg, 'src', 'semconv.ts');
    const module = (await import(file)) as Record<string, unknown>;
    for (const [key, value] of Object.entries(module)) {
      const source = `${pkg}/semconv.ts ${key}`;
      if (typeof value === 'string' && /^(ATTR|METRIC|EVENT)_/.test(key)) {
        if (key.endsWith('_DRAFT')) drafts.add(value);
        names.push({ name: value, source });
      } else if (key === 'SPAN_NAME_PATTERNS') {
        for (const pattern of value as string[]) for (const [, name] of pattern.matchAll(/\{([^}]+)\}/g)) names.push({ name: name!, source });
      } else if (key === 'SECURITY_EVENTS') {
        for (const name of Object.values(value as Record<string, string>)) names.push({ name, source });
      }
    }
    for (const path of sourceFiles(join(ROOT, pkg, 'src'))) {
      if (path.endsWith('semconv.ts') || NOT_TELEMETRY.test(path)) continue;
      names.push(...inlineNames(readFileSync(path, 'utf8'), path.slice(ROOT.length + 1)));
    }
  }
  return { names, drafts };
}

describe('semantic-convention names (the installed registry)', () => {
  const registry = loadRegistry();

  it('reads the registry: stable, incubating, deprecated and moved names', () => {
    expect(registry.get('error.type')).toMatchObject({ stable: true, deprecated: undefined });
    expect(registry.get('gen_ai.client.operation.time_per_output_chunk')?.deprecated).toMatch(/^Moved to/);
    expect(registry.get('rpc.response.status_code')?.deprecated).toMatch(/rpc\.status_code/);
    expect(registry.size).toBeGreaterThan(1000);
  });

  it('every name each package can emit is a current registry name, ours (sightline.*), a draft behind the opt-in, or listed with a reason', async () => {
    const { names, drafts } = await collect();
    expect(names.length).toBeGreaterThan(150);
    expect([...drafts].sort()).toEqual(['gen_ai.request.reasoning.level', 'gen_ai.usage.cache_write.input_tokens']);
    expect(checkNames(names, registry, drafts, EXCEPTIONS)).toEqual([]);
  });

  it('every exception is still needed (emitted, and not a current registry name)', async () => {
    const { names } = await collect();
    const emitted = new Set(names.map((n) => n.name));
    for (const name of EXCEPTIONS.keys()) {
      expect(emitted.has(name), name).toBe(true);
      expect(checkNames([{ name, source: 'test' }], registry, new Set(), new Map()), name).not.toEqual([]);
    }
  });

  it('catches an unknown name, a name inside an owned namespace, a deprecated one, and inline literals', () => {
    const injected = [
      { name: 'mcp.tool.arguments.size', source: 'injected' },
      { name: 'rpc.response.status_code', source: 'injected' },
      { name: 'gen_ai.usage.prompt_tokens', source: 'injected' },
      { name: 'acme.widget.count', source: 'injected' },
      ...inlineNames("span.setAttribute('gen_ai.request.reasoning.level', x); const a = { 'mcp.auth.client.id': id };", 'injected.ts'),
    ];
    const problems = checkNames(injected, registry, new Set(), new Map());
    expect(problems).toHaveLength(6);
    expect(problems[0]).toMatch(/^mcp\.tool\.arguments\.size .*not in the registry, inside a namespace the conventions own/);
    expect(problems[1]).toMatch(/^rpc\.response\.status_code .*deprecated: Replaced by `rpc\.status_code`/);
    expect(problems[2]).toMatch(/^gen_ai\.usage\.prompt_tokens .*deprecated/);
    expect(problems[3]).toMatch(/^acme\.widget\.count .*not in the registry$/);
    expect(problems.slice(4).map((p) => p.split(' ')[0])).toEqual(['gen_ai.request.reasoning.level', 'mcp.auth.client.id']);
  });

  it('a draft name the registry has gained must be imported instead', () => {
    expect(checkNames([{ name: 'gen_ai.request.model', source: 'x' }], registry, new Set(['gen_ai.request.model']), new Map())).toEqual([
      'gen_ai.request.model (x): a draft name that the registry now has: import it',
    ]);
  });
});
