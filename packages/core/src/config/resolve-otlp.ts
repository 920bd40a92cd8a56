import type { OtlpCompression, OtlpProtocol, Signal } from '../types.js';
import { type Candidate, envValue, fromOption, fromVar, pickEach, varSpec } from './candidates.js';
import { ENV_VARS, type ParsedVarName } from './env-table.js';
import { type EntryRefusal, type KeyValueEntryIssue, describeIssues, parseKeyValueList } from './key-value-list.js';
import { isRecord, setOwn } from './option-values.js';
import { report, show } from './problem-lines.js';
import type { ResolvedOtlpSignal } from './resolved-config.js';
import { httpUrl, type ValueParser } from './value-parsers.js';

export const SIGNALS: readonly Signal[] = ['logs', 'traces', 'metrics'];

const SIGNAL_ENV = { logs: 'LOGS', traces: 'TRACES', metrics: 'METRICS' } as const satisfies Record<Signal, string>;

type OtlpField = 'ENDPOINT' | 'PROTOCOL' | 'TIMEOUT' | 'COMPRESSION' | 'CERTIFICATE' | 'CLIENT_CERTIFICATE' | 'CLIENT_KEY';
type SignalVar<F extends OtlpField> = `OTEL_EXPORTER_OTLP_${(typeof SIGNAL_ENV)[Signal]}_${F}` & ParsedVarName;
type SharedVar<F extends OtlpField> = `OTEL_EXPORTER_OTLP_${F}` & ParsedVarName;

/** A base URL parser to which `/v1/<signal>` is appended (after its path, trailing slash or not; query kept). */
function baseUrlParser(signal: Signal): ValueParser<string> {
  const { accepted } = varSpec('OTEL_EXPORTER_OTLP_ENDPOINT').type;
  return {
    accepted,
    parse(raw) {
      const url = httpUrl(raw);
      if (!url) return { ok: false };
      url.pathname = `${url.pathname.replace(/\/+$/, '')}/v1/${signal}`;
      return { ok: true, value: url.href };
    },
  };
}

/** RFC 9110 token: what Node accepts as a header name. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Node refuses header values with other characters (control characters, code points above 0xFF). */
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/** Why Node would refuse a header; a malformed name is not shown (it may be a mistyped secret). */
function headerIssue(key: string, value: unknown): EntryRefusal | undefined {
  if (!HEADER_NAME.test(key)) return { reason: 'not a valid HTTP header name', showKey: false };
  if (typeof value !== 'string') return { reason: 'the value is not a string', showKey: true };
  if (!HEADER_VALUE.test(value)) return { reason: 'the value has characters not allowed in HTTP headers', showKey: true };
  return undefined;
}

/**
 * Merges header layers, later ones first in priority; a name set again in any letter case replaces
 * the earlier entry (header names are case-insensitive) and keeps the later spelling.
 */
function mergeHeaders(layers: ReadonlyArray<ReadonlyArray<[string, string]>>): Record<string, string> {
  const byLowerName = new Map<string, [string, string]>();
  for (const layer of layers) {
    for (const entry of layer) {
      const lower = entry[0].toLowerCase();
      byLowerName.delete(lower); // re-inserted last, so the order follows the winning layer
      byLowerName.set(lower, entry);
    }
  }
  const headers: Record<string, string> = {};
  for (const [key, value] of byLowerName.values()) setOwn(headers, key, value);
  return headers;
}

type HeadersVar = 'OTEL_EXPORTER_OTLP_HEADERS' | `OTEL_EXPORTER_OTLP_${(typeof SIGNAL_ENV)[Signal]}_HEADERS`;

/** Headers from one variable. A malformed list yields one line naming positions and keys, never values. */
function headersFromEnv(env: NodeJS.ProcessEnv, name: HeadersVar, problems: string[]): Array<[string, string]> {
  const raw = envValue(env, name);
  if (raw === undefined) return [];
  const { entries, issues } = parseKeyValueList(raw, { baggageProperties: true, check: headerIssue });
  if (issues.length > 0) reportHeaderIssues(name, issues, entries.length, ENV_VARS[name].type.accepted, problems);
  return entries;
}

/** Headers from an option object (`{ name: value }`); bad entries are skipped with one line. */
function headersFromOption(path: string, raw: unknown, problems: string[]): Array<[string, string]> {
  if (raw === undefined) return [];
  if (!isRecord(raw)) {
    report(problems, `options.${path}=${show(raw)} is not valid: expected an object of header names to string values; using no headers from it`);
    return [];
  }
  const entries: Array<[string, string]> = [];
  const issues: KeyValueEntryIssue[] = [];
  Object.entries(raw).forEach(([key, value], i) => {
    const refused = headerIssue(key, value);
    if (refused === undefined) entries.push([key, value as string]);
    else issues.push({ position: i + 1, key: refused.showKey ? key : undefined, reason: refused.reason });
  });
  if (issues.length > 0) {
    reportHeaderIssues(`options.${path}`, issues, entries.length, 'HTTP header names with string values', problems);
  }
  return entries;
}

function reportHeaderIssues(
  label: string,
  issues: readonly KeyValueEntryIssue[],
  kept: number,
  accepted: string,
  problems: string[],
): void {
  const noun = issues.length === 1 ? 'entry' : 'entries';
  report(
    problems,
    `${label} has ${issues.length} malformed ${noun} (${describeIssues(issues)}): expected ${accepted}; ` +
      `skipping ${issues.length === 1 ? 'it' : 'them'} and using the other ${kept} header(s)`,
  );
}

/**
 * The OTLP settings of every signal, per the OTLP exporter specification. Precedence, highest first:
 * `options.otlp.<signal>`, `options.otlp` (its `endpoint` is a base URL, like the generic variable),
 * `OTEL_EXPORTER_OTLP_<SIGNAL>_*`, `OTEL_EXPORTER_OTLP_*`, the defaults. Headers merge in the reverse
 * order, later layers replacing a header of the same name.
 */
export function resolveOtlp(otlpOption: unknown, env: NodeJS.ProcessEnv, problems: string[]): Record<Signal, ResolvedOtlpSignal> {
  let shared: Record<string, unknown> = {};
  if (otlpOption !== undefined) {
    if (isRecord(otlpOption)) shared = otlpOption;
    else report(problems, `options.otlp=${show(otlpOption)} is not valid: expected an object of OTLP settings; using the environment and defaults`);
  }
  const perSignal = {} as Record<Signal, Record<string, unknown>>;
  for (const signal of SIGNALS) {
    const own = shared[signal];
    perSignal[signal] = {};
    if (own === undefined) continue;
    if (isRecord(own)) perSignal[signal] = own;
    else report(problems, `options.otlp.${signal}=${show(own)} is not valid: expected an object of OTLP settings; using the shared settings`);
  }

  /** Per signal: `options.otlp.<signal>.<field>`, `options.otlp.<field>`, the signal's variable, the shared one. */
  const chains = <T>(field: string, envField: OtlpField, sharedParser: (signal: Signal) => ValueParser<T>): Record<Signal, Array<Candidate<T>>> => {
    const out = {} as Record<Signal, Array<Candidate<T>>>;
    for (const signal of SIGNALS) {
      const own = `OTEL_EXPORTER_OTLP_${SIGNAL_ENV[signal]}_${envField}` as SignalVar<OtlpField>;
      const signalCandidate = fromVar(env, own) as Candidate<T>;
      out[signal] = [
        fromOption(`otlp.${signal}.${field}`, perSignal[signal][field], signalCandidate.parser),
        fromOption(`otlp.${field}`, shared[field], sharedParser(signal)),
        signalCandidate,
        { ...fromVar(env, `OTEL_EXPORTER_OTLP_${envField}` as SharedVar<OtlpField>), parser: sharedParser(signal) } as Candidate<T>,
      ];
    }
    return out;
  };
  const each = <T>(value: (signal: Signal) => T): Record<Signal, T> =>
    ({ logs: value('logs'), traces: value('traces'), metrics: value('metrics') });
  const defaults = <F extends OtlpField>(envField: F) =>
    each((signal) => varSpec(`OTEL_EXPORTER_OTLP_${SIGNAL_ENV[signal]}_${envField}` as SignalVar<F>).default);

  const endpoints = pickEach(chains<string>('endpoint', 'ENDPOINT', baseUrlParser), defaults('ENDPOINT') as Record<Signal, string>, problems);
  const protocolParser = varSpec('OTEL_EXPORTER_OTLP_PROTOCOL').type;
  const protocols = pickEach(chains('protocol', 'PROTOCOL', () => protocolParser), defaults('PROTOCOL') as Record<Signal, OtlpProtocol>, problems);
  const timeoutParser = varSpec('OTEL_EXPORTER_OTLP_TIMEOUT').type;
  const timeouts = pickEach(chains('timeoutMillis', 'TIMEOUT', () => timeoutParser), defaults('TIMEOUT') as Record<Signal, number>, problems);
  const compressionParser = varSpec('OTEL_EXPORTER_OTLP_COMPRESSION').type;
  const compressions = pickEach(
    chains('compression', 'COMPRESSION', () => compressionParser),
    defaults('COMPRESSION') as Record<Signal, OtlpCompression>,
    problems,
  );
  // PEM files, read once here so that a bad path is reported at start-up.
  const pem = (field: string, envField: 'CERTIFICATE' | 'CLIENT_CERTIFICATE' | 'CLIENT_KEY') => {
    const parser = varSpec(`OTEL_EXPORTER_OTLP_${envField}`).type;
    return pickEach(chains(field, envField, () => parser), defaults(envField) as Record<Signal, Buffer | undefined>, problems, (value) =>
      value === undefined ? 'none' : 'the next setting',
    );
  };
  const ca = pem('certificate', 'CERTIFICATE');
  const cert = pem('clientCertificate', 'CLIENT_CERTIFICATE');
  const key = pem('clientKey', 'CLIENT_KEY');

  const genericEnvHeaders = headersFromEnv(env, 'OTEL_EXPORTER_OTLP_HEADERS', problems);
  const sharedOptionHeaders = headersFromOption('otlp.headers', shared.headers, problems);
  return each((signal) => {
    const headers = mergeHeaders([
      genericEnvHeaders,
      headersFromEnv(env, `OTEL_EXPORTER_OTLP_${SIGNAL_ENV[signal]}_HEADERS`, problems),
      sharedOptionHeaders,
      headersFromOption(`otlp.${signal}.headers`, perSignal[signal].headers, problems),
    ]);
    const tls = { ca: ca[signal], cert: cert[signal], key: key[signal] };
    return {
      endpoint: endpoints[signal],
      protocol: protocols[signal],
      headers,
      timeoutMillis: timeouts[signal],
      compression: compressions[signal],
      tls: tls.ca === undefined && tls.cert === undefined && tls.key === undefined ? undefined : tls,
    };
  });
}
