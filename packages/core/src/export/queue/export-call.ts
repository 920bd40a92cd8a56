import { context, diag, ROOT_CONTEXT } from '@opentelemetry/api';
import { ExportResultCode, suppressTracing, TimeoutError } from '@opentelemetry/core';
import { describeError } from '@sightline/metrics';
import type { BatchExporter, ResourceBearing } from './types.js';

/** Context of every exporter call: no active span, tracing suppressed, so our own HTTP calls make no spans. */
const EXPORT_CONTEXT = suppressTracing(ROOT_CONTEXT);

/** How one export attempt ended. */
export interface ExportOutcome {
  ok: boolean;
  error?: unknown;
}

/** Runs `fn` in the export context (no active span, tracing suppressed). */
export function inExportContext<R>(fn: () => R): R {
  return context.with(EXPORT_CONTEXT, fn);
}

/** Waits for resources whose async attributes are still pending, like the SDK's batch processors do. */
function waitForAsyncResources(items: readonly ResourceBearing[]): Promise<unknown> | undefined {
  let pending: Set<NonNullable<ResourceBearing['resource']>> | undefined;
  let last: ResourceBearing['resource'];
  for (let i = 0; i < items.length; i++) {
    const resource = items[i].resource;
    if (resource === last || resource === undefined) continue;
    last = resource;
    if (resource.asyncAttributesPending && resource.waitForAsyncAttributes) (pending ??= new Set()).add(resource);
  }
  if (pending === undefined) return undefined;
  return Promise.all(Array.from(pending, (resource) => resource.waitForAsyncAttributes?.()));
}

/** Exports `items` once, within `timeoutMillis`, in the export context. Never rejects. */
export function exportOnce<T extends ResourceBearing>(
  exporter: BatchExporter<T>,
  items: T[],
  timeoutMillis: number,
): Promise<ExportOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (ok: boolean, error?: unknown): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ok, error });
    };
    const timer = setTimeout(
      () => settle(false, new TimeoutError(`export timed out after ${timeoutMillis} ms`)),
      timeoutMillis,
    ).unref();
    const send = (): void => {
      if (settled) return;
      try {
        inExportContext(() => {
          exporter.export(items, (result) => {
            if (result.code === ExportResultCode.SUCCESS) settle(true);
            else settle(false, result.error ?? new Error('the exporter reported FAILED'));
          });
        });
      } catch (error) {
        settle(false, error);
      }
    };
    try {
      const resources = waitForAsyncResources(items);
      if (resources === undefined) send();
      else resources.then(send, (error: unknown) => settle(false, error));
    } catch (error) {
      settle(false, error);
    }
  });
}

/** Calls the exporter's `forceFlush`, if it has one, in the export context. Never rejects: a failure is one `diag` line. */
export async function flushExporter(exporter: BatchExporter<unknown>): Promise<void> {
  if (exporter.forceFlush === undefined) return;
  try {
    await inExportContext(() => exporter.forceFlush?.());
  } catch (error) {
    diag.error(`sightline: exporter forceFlush failed: ${describeError(error)}`);
  }
}
