import { createRequire } from 'node:module';
import { diag } from '@opentelemetry/api';
import type * as PrometheusModule from '@opentelemetry/exporter-prometheus';
import type { MetricReader } from '@opentelemetry/sdk-metrics';
import type { ResolvedPrometheus } from '../config/resolved-config.js';

/**
 * The pull exporter of `OTEL_METRICS_EXPORTER=prometheus`: the official OpenTelemetry Prometheus exporter,
 * a MetricReader that serves the Prometheus text format at `http://<host>:<port>/metrics` and collects
 * at each scrape (cumulative temporality, the instruments' default aggregations and the views).
 *
 * It starts listening at once, on `host` and `port` as resolved from `OTEL_EXPORTER_PROMETHEUS_HOST` and
 * `OTEL_EXPORTER_PROMETHEUS_PORT`; its server is unref'd, so it never keeps the process alive, and it
 * closes when the MeterProvider shuts the reader down. When it cannot listen (the port is taken, the host
 * does not resolve) one diagnostic line names the address and the application runs on without the
 * endpoint. Never throws.
 *
 * The exporter package (an HTTP server and the text serializer) is loaded here, synchronously, only when
 * `prometheus` is configured, so that the default start does not load it.
 */
export function createPrometheusReader(options: ResolvedPrometheus): MetricReader {
  const { host, port } = options;
  const { PrometheusExporter } = createRequire(import.meta.url)('@opentelemetry/exporter-prometheus') as typeof PrometheusModule;
  return new PrometheusExporter({ host, port }, (error) => {
    if (error === undefined) return;
    try {
      diag.error(
        `sightline: the Prometheus endpoint cannot listen on ${host}:${port} (${error.message}); metrics are not served ` +
          '(OTEL_EXPORTER_PROMETHEUS_HOST, OTEL_EXPORTER_PROMETHEUS_PORT)',
      );
    } catch {
      // The application's diag logger failed; nothing better to do with the message.
    }
  });
}
