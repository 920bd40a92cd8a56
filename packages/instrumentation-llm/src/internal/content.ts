import type { ResolvedLlmConfig } from './resolve-config.js';

/** One part of a message, in the shape of the GenAI input/output messages JSON schemas. */
export type MessagePart =
  | { type: 'text'; content: string }
  | { type: 'reasoning'; content: string }
  | { type: 'tool_call'; id?: string; name: string; arguments?: unknown }
  | { type: 'tool_call_response'; id?: string; result: unknown }
  | { type: string; [key: string]: unknown };

/** A chat message as the conventions record it. */
export interface ChatMessage {
  role: string;
  parts: MessagePart[];
  finish_reason?: string;
}

/** Captured input of a call: the chat history and the system instructions given apart from it. */
export interface InputContent {
  messages: ChatMessage[];
  system?: MessagePart[];
}

/** Tool-call arguments as an object when they are JSON, as given otherwise. */
export function parseArguments(args: unknown): unknown {
  if (typeof args !== 'string') return args;
  try {
    return JSON.parse(args) as unknown;
  } catch {
    return args;
  }
}

/** A content value of an unknown shape, as text parts: strings kept, anything else typed only. */
export function textParts(content: unknown): MessagePart[] {
  if (typeof content === 'string') return [{ type: 'text', content }];
  if (!Array.isArray(content)) return [];
  const parts: MessagePart[] = [];
  for (const item of content) {
    if (typeof item === 'string') parts.push({ type: 'text', content: item });
    else if (item && typeof item === 'object') {
      const part = item as { type?: unknown; text?: unknown };
      if (typeof part.text === 'string') parts.push({ type: 'text', content: part.text });
      else parts.push({ type: typeof part.type === 'string' ? part.type : 'unknown' });
    }
  }
  return parts;
}

/**
 * The attribute value for captured content: JSON, then the redaction hook, then the size limit.
 * `undefined` when there is nothing to record or the hook threw.
 */
export function contentAttribute(value: unknown, config: ResolvedLlmConfig): string | undefined {
  if (value === undefined || (Array.isArray(value) && value.length === 0)) return undefined;
  let json: string;
  try {
    json = JSON.stringify(value);
    if (config.redactContent !== undefined) json = config.redactContent(json);
  } catch {
    return undefined;
  }
  if (typeof json !== 'string') return undefined;
  const max = config.maxContentLength;
  return json.length <= max ? json : `${json.slice(0, max)}...[TRUNCATED:${json.length - max} chars]`;
}
