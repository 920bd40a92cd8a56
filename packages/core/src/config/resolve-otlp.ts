import { readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import type { OtlpCompression, OtlpProtocol, Signal } from '../types.js';
import {
  type Candidate,
  type EntryRefusal,
  type KeyValueEntryIssue,
  type ValueParser,
  describeIssues,
  envValue,
  enumParser,
  fromEnv,
  fromOption,
  isRecord,
  millisParser,
  parseKeyValueList,
  pickEach,
  report,
  setOwn,
  show,
} from './env-readers.js';
import type { ResolvedOtlpSignal } from './resolved-config.js';

export const SIGNALS: readonly Signal[] = ['logs', 'traces', 'metrics'];

const SIGNAL_ENV: Readonly<Record<Signal, string>> = { logs: 'LOGS', traces: 'TRACES', metrics: 'METRICS' };

export const DEFAULT_OTLP_BASE_URL = 'http://localhost:4318';
export const DEFAULT_OTLP_PROTOCOL: OtlpProtocol = 'http/protobuf';
export const DEFAULT_OTLP_TIMEOUT_MILLIS = 10_000;
export const OTLP_PROTOCOLS: readonly OtlpProtocol[] = ['http/protobuf', 'http/json'];
export const OTLP_COMPRESSIONS: readonly OtlpCompression[] = ['none', 'gzip'];
export const DEFAULT_OTLP_COMPRESSION: OtlpCompression = 'none';

/** The default endpoint of a signal: `http://localhost:4318/v1/<signal>`. */
export function defaultOtlpEndpoint(signal: Signal): string {
  return `${DEFAULT_OTLP_BASE_URL}/v1/${signal}`;
}

const URL_ACCEPTED = 'an http:// or https:// URL';

function httpUrl(raw: unknown): URL | undefined {
  if (typeof raw !== 'string') return undefined;
  try {
    const url = new URL(raw.trim());
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '') return url;
  } catch {
    // not a URL
  }
  return undefined;
}

/** A signal's full URL, used as given (trimmed). */
const fullUrlParser: ValueParser<string> = {
  accepted: URL_ACCEPTED,
  parse(raw) {
    return httpUrl(raw) ? { ok: true, value: (raw as string).trim() } : { ok: false };
  },
};

/** A base URL to which `/v1/<signal>` is appended (after its path, trailing slash or not; query kept). */
function baseUrlParser(signal: Signal): ValueParser<string> {
  return {
    accepted: URL_ACCEPTED,
    parse(raw) {
      const url = httpUrl(raw);
      if (!url) return { ok: false };
      url.pathname = `${url.pathname.replace(/\/+$/, '')}/v1/${signal}`;
      return { ok: true, value: url.href };
    },
  };
}

const protocolParser = enumParser(OTLP_PROTOCOLS, (lower) =>
  lower === 'grpc' ? 'grpc is not supported by Sightline' : undefined,
);

const compressionParser = enumParser(OTLP_COMPRESSIONS);

/** A PEM file path; the file is read once, here, so that a bad path is reported at start-up. */
const pemFileParser: ValueParser<Buffer> = {
  accepted: 'the path of a readable PEM file',
  parse(raw) {
    if (typeof raw !== 'string' || raw.trim() === '') return { ok: false };
    try {
      return { ok: true, value: readFileSync(resolvePath(raw.trim())) };
    } catch (error) {
      return { ok: false, detail: (error as NodeJS.ErrnoException).code ?? 'unreadable' };
    }
  },
};

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

const HEADERS_ACCEPTED = 'comma-separated key=value pairs, percent-encoded (W3C baggage format)';

/** Headers from one variable. A malformed list yields one line naming positions and keys, never values. */
function headersFromEnv(env: NodeJS.ProcessEnv, name: string, problems: string[]): Array<[string, string]> {
  const raw = envValue(env, name);
  if (raw === undefined) return [];
  const { entries, issues } = parseKeyValueList(raw, { baggageProperties: true, check: headerIssue });
  if (issues.length > 0) reportHeaderIssues(name, issues, entries.length, HEADERS_ACCEPTED, problems);
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

  const chains = <T>(
    field: string,
    envSuffix: string,
    signalParser: (signal: Signal) => ValueParser<T>,
    sharedParser: (signal: Signal) => ValueParser<T>,
  ): Record<Signal, Array<Candidate<T>>> => {
    const out = {} as Record<Signal, Array<Candidate<T>>>;
    for (const signal of SIGNALS) {
      out[signal] = [
        fromOption(`otlp.${signal}.${field}`, perSignal[signal][field], signalParser(signal)),
        fromOption(`otlp.${field}`, shared[field], sharedParser(signal)),
        fromEnv(env, `OTEL_EXPORTER_OTLP_${SIGNAL_ENV[signal]}_${envSuffix}`, signalParser(signal)),
        fromEnv(env, `OTEL_EXPORTER_OTLP_${envSuffix}`, sharedParser(signal)),
      ];
    }
    return out;
  };
  const each = <T>(value: (signal: Signal) => T): Record<Signal, T> =>
    ({ logs: value('logs'), traces: value('traces'), metrics: value('metrics') });

  const endpoints = pickEach(chains('endpoint', 'ENDPOINT', () => fullUrlParser, baseUrlParser), each(defaultOtlpEndpoint), problems);
  const protocols = pickEach(chains('protocol', 'PROTOCOL', () => protocolParser, () => protocolParser), each(() => DEFAULT_OTLP_PROTOCOL), problems);
  const timeouts = pickEach(chains('timeoutMillis', 'TIMEOUT', () => millisParser, () => millisParser), each(() => DEFAULT_OTLP_TIMEOUT_MILLIS), problems);
  const compressions = pickEach(
    chains('compression', 'COMPRESSION', () => compressionParser, () => compressionParser),
    each(() => DEFAULT_OTLP_COMPRESSION),
    problems,
  );
  const pem = (field: string, envSuffix: string) =>
    pickEach(chains(field, envSuffix, () => pemFileParser, () => pemFileParser), each((): Buffer | undefined => undefined), problems, (value) =>
      value === undefined ? 'none' : 'the next setting');
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
