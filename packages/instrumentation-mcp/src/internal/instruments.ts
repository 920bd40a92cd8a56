/** The four MCP histograms of the conventions, in seconds, with the recommended bucket boundaries as advice. */
import type { Histogram, Meter } from '@opentelemetry/api';
import {
  MCP_DURATION_BUCKETS,
  METRIC_MCP_CLIENT_OPERATION_DURATION,
  METRIC_MCP_CLIENT_SESSION_DURATION,
  METRIC_MCP_SERVER_OPERATION_DURATION,
  METRIC_MCP_SERVER_SESSION_DURATION,
} from '../semconv.js';

/** The instruments, recreated whenever the meter provider changes. */
export interface McpInstruments {
  clientOperation: Histogram;
  serverOperation: Histogram;
  clientSession: Histogram;
  serverSession: Histogram;
}

function histogram(meter: Meter, name: string, description: string): Histogram {
  return meter.createHistogram(name, {
    description,
    unit: 's',
    advice: { explicitBucketBoundaries: [...MCP_DURATION_BUCKETS] },
  });
}

export function createInstruments(meter: Meter): McpInstruments {
  return {
    clientOperation: histogram(
      meter,
      METRIC_MCP_CLIENT_OPERATION_DURATION,
      'The duration of the MCP request or notification as observed on the sender from the time it was sent until the response or ack is received.',
    ),
    serverOperation: histogram(
      meter,
      METRIC_MCP_SERVER_OPERATION_DURATION,
      'MCP request or notification duration as observed on the receiver from the time it was received until the result or ack is sent.',
    ),
    clientSession: histogram(meter, METRIC_MCP_CLIENT_SESSION_DURATION, 'The duration of the MCP session as observed on the MCP client.'),
    serverSession: histogram(meter, METRIC_MCP_SERVER_SESSION_DURATION, 'The duration of the MCP session as observed on the MCP server.'),
  };
}
