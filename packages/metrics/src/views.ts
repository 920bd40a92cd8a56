import { AggregationType, createAllowListAttributesProcessor, InstrumentType, type ViewOptions } from '@opentelemetry/sdk-metrics';
import {
  ATTR_ERROR_TYPE,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROMPT_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_SYSTEM,
  ATTR_GEN_AI_TOKEN_TYPE,
  ATTR_GEN_AI_TOOL_NAME,
  ATTR_MCP_METHOD_NAME,
  ATTR_MCP_PROTOCOL_VERSION,
  ATTR_NETWORK_TRANSPORT,
  ATTR_RPC_STATUS_CODE,
  GEN_AI_COST_BUCKETS,
  GEN_AI_DURATION_BUCKETS,
  GEN_AI_TOKEN_USAGE_BUCKETS,
  MCP_DURATION_BUCKETS,
  METRIC_GEN_AI_CLIENT_OPERATION_DURATION,
  METRIC_GEN_AI_CLIENT_OPERATION_TIME_PER_OUTPUT_CHUNK,
  METRIC_GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK,
  METRIC_GEN_AI_CLIENT_TOKEN_USAGE,
  METRIC_MCP_CLIENT_OPERATION_DURATION,
  METRIC_SIGHTLINE_GEN_AI_CLIENT_COST,
  METRIC_MCP_CLIENT_SESSION_DURATION,
  METRIC_MCP_SERVER_OPERATION_DURATION,
  METRIC_MCP_SERVER_SESSION_DURATION,
} from './semconv.js';
import type { SightlineViewsOptions } from './types.js';

/** One Sightline view: which histogram, its bucket boundaries, and the attribute keys it keeps. */
export interface ViewSpec {
  readonly instrument: string;
  readonly boundaries: readonly number[];
  readonly attributes: readonly string[];
}

/** Who and what of a GenAI call: bounded by the models and providers an application uses. */
const GEN_AI_ATTRIBUTES = [
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_SYSTEM,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_RESPONSE_MODEL,
];

/**
 * What an MCP operation was: bounded by the methods of the protocol and the tools and prompts a server
 * offers. Left out: `mcp.resource.uri`, `mcp.session.id`, `jsonrpc.request.id` (ids), `gen_ai.prompt.variable`
 * (free text), `server.address`/`server.port` (add them with `extraAttributes`).
 */
const MCP_OPERATION_ATTRIBUTES = [
  ATTR_MCP_METHOD_NAME,
  ATTR_GEN_AI_TOOL_NAME,
  ATTR_GEN_AI_PROMPT_NAME,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_ERROR_TYPE,
  ATTR_RPC_STATUS_CODE,
  ATTR_MCP_PROTOCOL_VERSION,
  ATTR_NETWORK_TRANSPORT,
];

const MCP_SESSION_ATTRIBUTES = [ATTR_ERROR_TYPE, ATTR_MCP_PROTOCOL_VERSION, ATTR_NETWORK_TRANSPORT];

/** The views {@link sightlineViews} builds, in order: instrument, recommended boundaries, allow-list. */
export const VIEW_SPECS: readonly ViewSpec[] = [
  { instrument: METRIC_GEN_AI_CLIENT_TOKEN_USAGE, boundaries: GEN_AI_TOKEN_USAGE_BUCKETS, attributes: [...GEN_AI_ATTRIBUTES, ATTR_GEN_AI_TOKEN_TYPE] },
  { instrument: METRIC_SIGHTLINE_GEN_AI_CLIENT_COST, boundaries: GEN_AI_COST_BUCKETS, attributes: [...GEN_AI_ATTRIBUTES, ATTR_GEN_AI_TOKEN_TYPE] },
  { instrument: METRIC_GEN_AI_CLIENT_OPERATION_DURATION, boundaries: GEN_AI_DURATION_BUCKETS, attributes: [...GEN_AI_ATTRIBUTES, ATTR_ERROR_TYPE] },
  { instrument: METRIC_GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK, boundaries: GEN_AI_DURATION_BUCKETS, attributes: GEN_AI_ATTRIBUTES },
  { instrument: METRIC_GEN_AI_CLIENT_OPERATION_TIME_PER_OUTPUT_CHUNK, boundaries: GEN_AI_DURATION_BUCKETS, attributes: GEN_AI_ATTRIBUTES },
  { instrument: METRIC_MCP_CLIENT_OPERATION_DURATION, boundaries: MCP_DURATION_BUCKETS, attributes: MCP_OPERATION_ATTRIBUTES },
  { instrument: METRIC_MCP_SERVER_OPERATION_DURATION, boundaries: MCP_DURATION_BUCKETS, attributes: MCP_OPERATION_ATTRIBUTES },
  { instrument: METRIC_MCP_CLIENT_SESSION_DURATION, boundaries: MCP_DURATION_BUCKETS, attributes: MCP_SESSION_ATTRIBUTES },
  { instrument: METRIC_MCP_SERVER_SESSION_DURATION, boundaries: MCP_DURATION_BUCKETS, attributes: MCP_SESSION_ATTRIBUTES },
];

/**
 * Metric Views for the GenAI and MCP semantic-convention histograms: the specification's recommended
 * explicit bucket boundaries, and an attribute allow-list per instrument that keeps cardinality bounded
 * (model, provider, operation, token type, error type, tool and prompt name, method — never ids or free
 * text). Attributes outside the list are dropped before aggregation.
 *
 * Each view selects a histogram by exact name from any meter. Pass them to a plain `NodeSDK` or
 * `MeterProvider` (`views: sightlineViews()`); `bootstrap()` installs them by default. A view of your
 * own for the same instrument adds a second stream of the same name (the SDK warns); leave ours out then.
 */
export function sightlineViews(options: SightlineViewsOptions = {}): ViewOptions[] {
  return VIEW_SPECS.map((spec) => ({
    instrumentName: spec.instrument,
    instrumentType: InstrumentType.HISTOGRAM,
    aggregation: { type: AggregationType.EXPLICIT_BUCKET_HISTOGRAM, options: { boundaries: [...spec.boundaries] } },
    attributesProcessors: [createAllowListAttributesProcessor([...keptAttributes(spec, options)])],
  }));
}

/**
 * What `sightlineViews(options)` does to the histogram `name`: its bucket boundaries and the attribute
 * keys it keeps; `undefined` when no Sightline view covers it. The in-process aggregation applies it.
 */
export function sightlineViewOf(name: string, options: SightlineViewsOptions = {}): { boundaries: readonly number[]; attributes: ReadonlySet<string> } | undefined {
  const spec = VIEW_SPECS.find((s) => s.instrument === name);
  return spec === undefined ? undefined : { boundaries: spec.boundaries, attributes: keptAttributes(spec, options) };
}

function keptAttributes(spec: ViewSpec, options: SightlineViewsOptions): Set<string> {
  const extra = Array.isArray(options.extraAttributes) ? options.extraAttributes.filter((key) => typeof key === 'string') : [];
  return new Set([...spec.attributes, ...extra]);
}
