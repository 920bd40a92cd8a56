import type { Attributes, AttributeValue } from '@opentelemetry/api';
import type { Span, SpanProcessor } from '@opentelemetry/sdk-trace';
import { RedactionStage } from './redaction-stage.js';
import { ERROR_PLACEHOLDER } from './internal/placeholder.js';
import { ATTR_SIGHTLINE_REDACTION_COUNT } from './semconv.js';
import type { Redactor } from './types.js';

/** A redacted copy of `attributes`, or undefined when nothing changed. */
function redactAttributes(redactor: Redactor, attributes: Attributes | undefined): Attributes | undefined {
  if (attributes === undefined) return undefined;
  const redacted = redactor.redactAttributes(attributes);
  return redacted === attributes ? undefined : redacted;
}

/**
 * Redacts every span in `onEnding` — the last moment span data can change, before any `onEnd` (and so any
 * exporter) sees it: the name, the attributes' names and values, the events' names and attributes
 * (`exception.message` and `exception.stacktrace` from `recordException`), the links' attributes and the
 * status message. Sets
 * `sightline.redaction.count` when it redacted anything. Needs an SDK that calls the experimental
 * `onEnding` (`@opentelemetry/sdk-trace` 3.x does).
 */
export class RedactionSpanProcessor extends RedactionStage implements SpanProcessor {
  onStart(): void {}

  onEnding(span: Span): void {
    const redactor = this.redactor;
    if (!redactor.isEnabled()) return;
    const before = redactor.getRedactionTotal();
    let failed = false;
    try {
      this._redact(span);
    } catch {
      // Only a foreign Redactor can throw here. Fail closed: the span's free-form data does not leave.
      failed = true;
      span.updateName(ERROR_PLACEHOLDER);
      for (const key of Object.keys(span.attributes)) span.setAttribute(key, ERROR_PLACEHOLDER);
      span.events.length = 0;
      span.links.length = 0;
      if (span.status.message !== undefined) span.setStatus({ code: span.status.code, message: ERROR_PLACEHOLDER });
    }
    const count = redactor.getRedactionTotal() - before + (failed ? 1 : 0);
    if (count > 0) span.setAttribute(ATTR_SIGHTLINE_REDACTION_COUNT, count);
  }

  private _redact(span: Span): void {
    const redactor = this.redactor;
    const name = redactor.redact(span.name);
    if (name !== span.name) span.updateName(name);

    // Object.keys, not for…in: the SDK's attribute objects are often in dictionary mode, where for…in is slow.
    const attributes = span.attributes;
    const keys = Object.keys(attributes);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      const value = attributes[key];
      const redacted = redactor.redactAttribute(key, value);
      const newKey = redactor.redactKey(key);
      if (newKey !== key) {
        delete (attributes as Record<string, unknown>)[key];
        span.setAttribute(newKey, redacted as AttributeValue);
      } else if (redacted !== value) span.setAttribute(key, redacted as AttributeValue);
    }

    const events = span.events;
    for (let i = 0; i < events.length; i++) {
      const event = events[i];
      const eventName = redactor.redact(event.name);
      const eventAttributes = redactAttributes(redactor, event.attributes);
      if (eventName !== event.name || eventAttributes !== undefined) {
        events[i] = { ...event, name: eventName, attributes: eventAttributes ?? event.attributes };
      }
    }

    const links = span.links;
    for (let i = 0; i < links.length; i++) {
      const linkAttributes = redactAttributes(redactor, links[i].attributes);
      if (linkAttributes !== undefined) links[i] = { ...links[i], attributes: linkAttributes };
    }

    const { code, message } = span.status;
    if (message !== undefined) {
      const redacted = redactor.redact(message);
      if (redacted !== message) span.setStatus({ code, message: redacted });
    }
  }

  onEnd(): void {}
}
