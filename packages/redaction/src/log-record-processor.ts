import type { AnyValue, AttributeValue } from '@opentelemetry/api';
import type { LogRecordProcessor, ReadWriteLogRecord } from '@opentelemetry/sdk-logs';
import { RedactionStage } from './redaction-stage.js';
import { ERROR_PLACEHOLDER } from './internal/placeholder.js';
import { ATTR_SIGHTLINE_REDACTION_COUNT } from './semconv.js';

/**
 * Redacts every log record in `onEmit`: the body (string or structured), the event name, and every
 * attribute's name and value. Register
 * it before every other processor: all processors receive the same mutable record, in registration order,
 * so everything after it — your processors, metrics, every exporter — sees only the redacted record.
 * Sets `sightline.redaction.count` when it redacted anything.
 */
export class RedactionLogRecordProcessor extends RedactionStage implements LogRecordProcessor {
  onEmit(record: ReadWriteLogRecord): void {
    const redactor = this.redactor;
    if (!redactor.isEnabled()) return;
    const before = redactor.getRedactionTotal();
    let failed = false;
    try {
      const body = record.body;
      if (body !== undefined && body !== null) {
        const redacted = redactor.redact(body);
        if (redacted !== body) record.setBody(redacted as AnyValue);
      }
      const eventName = record.eventName;
      if (eventName !== undefined && eventName !== '') {
        const redacted = redactor.redact(eventName);
        if (redacted !== eventName) record.setEventName(redacted);
      }
      // Object.keys, not for…in: the SDK's attribute objects are often in dictionary mode, where for…in is slow.
      const attributes = record.attributes;
      const keys = Object.keys(attributes);
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i];
        const value = attributes[key];
        const redacted = redactor.redactAttribute(key, value);
        const newKey = redactor.redactKey(key);
        if (newKey !== key) {
          delete attributes[key];
          record.setAttribute(newKey, redacted as AnyValue);
        } else if (redacted !== value) record.setAttribute(key, redacted as AnyValue);
      }
    } catch {
      // Only a foreign Redactor can throw here. Fail closed: nothing of a record we could not redact leaves.
      failed = true;
      record.setBody(ERROR_PLACEHOLDER);
      if (record.eventName !== undefined) record.setEventName(ERROR_PLACEHOLDER);
      for (const key of Object.keys(record.attributes)) record.setAttribute(key, ERROR_PLACEHOLDER);
    }
    const count = redactor.getRedactionTotal() - before + (failed ? 1 : 0);
    if (count > 0) record.setAttribute(ATTR_SIGHTLINE_REDACTION_COUNT, count satisfies AttributeValue);
  }
}
