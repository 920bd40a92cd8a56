import type { Context, Link } from '@opentelemetry/api';
import { hrTime } from '@opentelemetry/core';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace';
import { DEFAULT_ATTRIBUTE_LIMITS } from './limits.js';
import type { SafetyCounters } from './safety-counters.js';
import { guardSpanPrototype, sanitizeLink, spanName } from './span-guard.js';
import { isValidHrTime } from './time-input.js';

/** The writable view of the SDK span's fields this stage repairs. */
interface RepairableSpan {
  name: unknown;
  startTime: unknown;
  endTime: unknown;
  links: unknown;
}

/**
 * The first span stage: makes every span encodable where it enters the pipeline, so that one bad span never
 * fails an export batch, and guards the span API of the SDK's spans (see `guardSpanPrototype`; the span class is
 * reached through the first span started). In `onStart`: a name that is not a string (a span started as
 * `startSpan(null)` by code that bypasses the guarded tracer) becomes one, a start time that is not finite
 * becomes now, links without a usable span context are removed and the others copied. In `onEnding`: the name
 * and end time again (they may be set directly on the span object). Each repair is counted (`spans` sanitized).
 */
export class SanitizeSpanProcessor implements SpanProcessor {
  private _guarded: object | null = null;

  constructor(private readonly _counters: SafetyCounters) {}

  onStart(span: Span, _parentContext: Context): void {
    const proto = Object.getPrototypeOf(span) as object | null;
    if (proto !== this._guarded) {
      guardSpanPrototype(proto);
      this._guarded = proto;
    }
    const repairable = span as unknown as RepairableSpan;
    if (typeof repairable.name !== 'string') repairable.name = spanName(repairable.name, 'span name', this._counters);
    if (!isValidHrTime(repairable.startTime)) {
      repairable.startTime = hrTime();
      this._counters.sanitized('spans', 'coerced', 'span start time (not finite)');
    }
    const links = repairable.links;
    if (Array.isArray(links) && links.length > 0) this._links(links as unknown[]);
  }

  onEnding(span: Span): void {
    const repairable = span as unknown as RepairableSpan;
    if (typeof repairable.name !== 'string') repairable.name = spanName(repairable.name, 'span name', this._counters);
    if (!isValidHrTime(repairable.endTime)) {
      repairable.endTime = repairable.startTime;
      this._counters.sanitized('spans', 'coerced', 'span end time (not finite)');
    }
  }

  onEnd(_span: ReadableSpan): void {}

  private _links(links: unknown[]): void {
    const kept: Link[] = [];
    for (const link of links) {
      const safe = sanitizeLink(link, DEFAULT_ATTRIBUTE_LIMITS, 'span start link', this._counters);
      if (safe !== undefined) kept.push(safe);
    }
    links.length = 0;
    links.push(...kept);
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
