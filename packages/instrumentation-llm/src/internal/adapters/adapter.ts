import type { Attributes } from '@opentelemetry/api';
import type { InputContent } from '../content.js';
import type { LlmCall } from '../llm-call.js';

/**
 * How one API surface (chat completions, responses, messages, …) maps to the conventions. Every method
 * reads the SDK's plain objects defensively; the caller catches what they throw.
 */
export interface Adapter {
  /** `gen_ai.operation.name`. */
  readonly operation: string;
  /** Sets the `gen_ai.request.*` attributes the request sets; returns the requested model. */
  request(params: unknown, attributes: Attributes): string | undefined;
  /** Whether the request asks for a streamed response. */
  isStream(params: unknown): boolean;
  /** The captured input (history and system instructions); only called when content is captured. */
  input?(params: unknown): InputContent | undefined;
  /** Reads a complete response into the call. */
  response(result: unknown, call: LlmCall): void;
  /** Reads one streamed chunk (event) into the call. */
  chunk?(chunk: unknown, call: LlmCall): void;
}

/** A number, or `undefined` for anything else. */
export function num(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

/** A string, or `undefined` for anything else. */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Sets `attributes[key]` when `value` is a number. */
export function setNumber(attributes: Attributes, key: string, value: unknown): void {
  if (typeof value === 'number') attributes[key] = value;
}

/** Sets `attributes[key]` when `value` is a string. */
export function setString(attributes: Attributes, key: string, value: unknown): void {
  if (typeof value === 'string') attributes[key] = value;
}

/** Sets `attributes[key]` to a string array from a string or an array of strings. */
export function setStrings(attributes: Attributes, key: string, value: unknown): void {
  if (typeof value === 'string') attributes[key] = [value];
  else if (Array.isArray(value)) {
    const strings = value.filter((v): v is string => typeof v === 'string');
    if (strings.length > 0) attributes[key] = strings;
  }
}

/** The object at `value`, or an empty object: for reading nested optional fields without checks. */
export function obj(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : EMPTY;
}

const EMPTY: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;
