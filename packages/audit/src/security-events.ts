import { logs, SeverityNumber, type AttributeValue, type Attributes, type LogRecord } from '@opentelemetry/api';
import type { KeyObject } from 'node:crypto';
import { deriveKey, hmacHex, hmacKey } from './internal/keys.js';
import { ATTR_API_KEY_DIGEST, ATTR_SECURITY_DROPPED_ATTRIBUTES, SECURITY_EVENT_PREFIX } from './semconv.js';
import type { SecurityEventOptions } from './types.js';

/**
 * Attributes of a security event. `api_key` is special: the key itself is never recorded, only
 * `sightline.api_key.digest`, a short keyed hash that tells keys apart.
 */
export type SecurityEventAttributes = Record<string, AttributeValue | undefined> & { api_key?: string };

const DEFAULT_LOGGER_NAME = 'sightline.security';
/** Hex digits of the API-key digest: 48 bits tell keys apart without being a usable hash of the key. */
const DIGEST_LENGTH = 12;
const RAW_API_KEY = 'api_key';
/** Most attributes kept per event (the OpenTelemetry default attribute count limit). */
const MAX_ATTRIBUTES = 128;
/** Longest array value kept; a longer one is left out (a sparse array of length 2^32 − 1 hung the SDK's copy). */
const MAX_ARRAY_LENGTH = 1000;

/** `value` as an attribute value, or undefined: primitives, and short arrays of primitives. */
function attributeValue(value: unknown): AttributeValue | undefined {
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return value;
    case 'object':
      if (!Array.isArray(value) || value.length > MAX_ARRAY_LENGTH) return undefined;
      return value.map((item: unknown) => (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean' ? item : null)) as AttributeValue;
    default:
      return undefined;
  }
}

/**
 * A primitive as text; anything else as its type. Never `String()` of an object: a sparse array of length
 * 2^32 − 1 is joined element by element (a hang), a Proxy or `toString` may throw.
 */
function plainText(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint' ? String(value) : `[${typeof value}]`;
}

/** `security.authentication.failure` from `authentication.failure` or from itself. */
export function securityEventName(name: string): string {
  const text = plainText(name);
  return text.startsWith(SECURITY_EVENT_PREFIX) ? text : `${SECURITY_EVENT_PREFIX}${text}`;
}

/** Failures and denials are WARN; everything else (successes, refreshes, key use) is INFO. */
function severityOf(eventName: string): [SeverityNumber, string] {
  return /\.(?:failure|denied|violation|blocked)$/.test(eventName) ? [SeverityNumber.WARN, 'WARN'] : [SeverityNumber.INFO, 'INFO'];
}

/**
 * Builds security events: `security.*` event names (sampling always keeps them), severity by outcome, and
 * API keys replaced by their keyed digest. `emit` sends one through the global logger provider; `record`
 * returns the `LogRecord` for a logger of your own (the core facade's `logger.security()`).
 */
export class SecurityEvents {
  private readonly _digestKey: KeyObject;
  private readonly _loggerName: string;

  constructor(options: SecurityEventOptions = {}) {
    this._digestKey = hmacKey(deriveKey(options.key, 'api-key-digest'));
    this._loggerName = options.loggerName ?? DEFAULT_LOGGER_NAME;
  }

  /** The short keyed digest of an API key (12 hex digits). */
  apiKeyDigest(apiKey: string): string {
    return hmacHex(this._digestKey, plainText(apiKey)).slice(0, DIGEST_LENGTH);
  }

  /**
   * The log record of security event `name` (with or without the `security.` prefix). Attribute values only:
   * primitives and arrays of at most 1 000 of them (others are left out), at most 128 attributes.
   */
  record(name: string, attributes: SecurityEventAttributes = {}): LogRecord {
    const eventName = securityEventName(name);
    const [severityNumber, severityText] = severityOf(eventName);
    const out: Attributes = {};
    // Attribute values only (primitives, arrays of at most 1 000 of them), 128 at most: the work per event
    // is bounded whatever is passed (a Buffer is a million keys, a sparse array 2^32 − 1 elements).
    const keys = attributes !== null && typeof attributes === 'object' && !ArrayBuffer.isView(attributes) ? Object.keys(attributes) : [];
    let kept = 0;
    let dropped = 0;
    let i = 0;
    for (; i < keys.length && kept < MAX_ATTRIBUTES; i++) {
      const key = keys[i]!;
      const value = attributes[key];
      if (value === undefined || value === null) continue;
      const copy = key === RAW_API_KEY ? this.apiKeyDigest(value as string) : attributeValue(value);
      if (copy === undefined) {
        dropped++;
        continue;
      }
      out[key === RAW_API_KEY ? ATTR_API_KEY_DIGEST : key] = copy;
      kept++;
    }
    // What was left out is said on the record, never lost without a word (the keys past 128 are not read).
    dropped += keys.length - i;
    if (dropped > 0) out[ATTR_SECURITY_DROPPED_ATTRIBUTES] = dropped;
    return { eventName, severityNumber, severityText, body: eventName, attributes: out };
  }

  /** Emits security event `name` in the active context. Never throws. */
  emit(name: string, attributes?: SecurityEventAttributes): void {
    try {
      logs.getLogger(this._loggerName).emit(this.record(name, attributes));
    } catch {
      // Telemetry never throws into the application.
    }
  }
}
