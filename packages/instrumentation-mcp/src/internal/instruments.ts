/** The four MCP histograms of the conventions, in seconds, with the recommended bucket boundaries as advice. */
import type { Meter } from '@opentelemetry/api';
import { meterHistogram, type HistogramAggregator, type HistogramDescription, type KeyedHistogram } from '@sightline/metrics';
import {
  ATTR_ERROR_TYPE,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROMPT_NAME,
  ATTR_GEN_AI_TOOL_NAME,
  ATTR_MCP_METHOD_NAME,
  ATTR_MCP_PROTOCOL_VERSION,
  ATTR_NETWORK_TRANSPORT,
  ATTR_RPC_STATUS_CODE,
  MCP_DURATION_BUCKETS,
  METRIC_MCP_CLIENT_OPERATION_DURATION,
  METRIC_MCP_CLIENT_SESSION_DURATION,
  METRIC_MCP_SERVER_OPERATION_DURATION,
  METRIC_MCP_SERVER_SESSION_DURATION,
} from '../semconv.js';

/**
 * The attribute keys of the operation-duration histograms, in the order of the values `McpCall` passes:
 * the span attributes that take part (no ids, URIs or other high-cardinality values), then the outcome.
 */
export const OPERATION_KEYS = [
  ATTR_MCP_METHOD_NAME,
  ATTR_GEN_AI_TOOL_NAME,
  ATTR_GEN_AI_PROMPT_NAME,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_MCP_PROTOCOL_VERSION,
  ATTR_NETWORK_TRANSPORT,
  ATTR_ERROR_TYPE,
  ATTR_RPC_STATUS_CODE,
] as const;

/** The attribute keys of the session-duration histograms, in the order of the values `recordSession` passes. */
export const SESSION_KEYS = [ATTR_MCP_PROTOCOL_VERSION, ATTR_NETWORK_TRANSPORT] as const;

/** The instruments, recreated whenever the meter provider changes. */
export interface McpInstruments {
  clientOperation: KeyedHistogram;
  serverOperation: KeyedHistogram;
  clientSession: KeyedHistogram;
  serverSession: KeyedHistogram;
}

function description(name: string, text: string, keys: readonly string[]): HistogramDescription {
  return { name, description: text, unit: 's', boundaries: MCP_DURATION_BUCKETS, keys };
}

const DESCRIPTIONS = {
  clientOperation: description(
    METRIC_MCP_CLIENT_OPERATION_DURATION,
    'The duration of the MCP request or notification as observed on the sender from the time it was sent until the response or ack is received.',
    OPERATION_KEYS,
  ),
  serverOperation: description(
    METRIC_MCP_SERVER_OPERATION_DURATION,
    'MCP request or notification duration as observed on the receiver from the time it was received until the result or ack is sent.',
    OPERATION_KEYS,
  ),
  clientSession: description(METRIC_MCP_CLIENT_SESSION_DURATION, 'The duration of the MCP session as observed on the MCP client.', SESSION_KEYS),
  serverSession: description(METRIC_MCP_SERVER_SESSION_DURATION, 'The duration of the MCP session as observed on the MCP server.', SESSION_KEYS),
};

/**
 * The histograms on `meter`, or in `aggregator` (scope `scope`) when one is given: see
 * `McpInstrumentationConfig.histogramAggregator`.
 */
export function createInstruments(meter: Meter, scope: { name: string; version: string }, aggregator: HistogramAggregator | undefined): McpInstruments {
  const histogram = (d: HistogramDescription) => (aggregator === undefined ? meterHistogram(meter, d) : aggregator.histogram(scope, d));
  return {
    clientOperation: histogram(DESCRIPTIONS.clientOperation),
    serverOperation: histogram(DESCRIPTIONS.serverOperation),
    clientSession: histogram(DESCRIPTIONS.clientSession),
    serverSession: histogram(DESCRIPTIONS.serverSession),
  };
}
