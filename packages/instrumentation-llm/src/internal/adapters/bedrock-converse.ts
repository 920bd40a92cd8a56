import type { Attributes } from '@opentelemetry/api';
import * as semconv from '../../semconv.js';
import type { ChatMessage, InputContent, MessagePart } from '../content.js';
import type { ChoiceState, LlmCall } from '../llm-call.js';
import { num, obj, setNumber, setStrings, str, type Adapter } from './adapter.js';

/** A Converse content block as a message part. */
function blockPart(value: unknown): MessagePart {
  const block = obj(value);
  if (typeof block.text === 'string') return { type: 'text', content: block.text };
  if (block.toolUse !== undefined) {
    const tool = obj(block.toolUse);
    return { type: 'tool_call', id: str(tool.toolUseId), name: str(tool.name) ?? '', arguments: tool.input };
  }
  if (block.toolResult !== undefined) {
    const result = obj(block.toolResult);
    return { type: 'tool_call_response', id: str(result.toolUseId), result: result.content };
  }
  if (block.reasoningContent !== undefined) {
    return { type: 'reasoning', content: str(obj(obj(block.reasoningContent).reasoningText).text) ?? '' };
  }
  return { type: Object.keys(block)[0] ?? 'unknown' };
}

/** Converse and Amazon Nova messages: `{ role, content: [block] }`. */
export function converseMessages(messages: unknown): ChatMessage[] {
  if (!Array.isArray(messages)) return [];
  return messages.map((value) => {
    const m = obj(value);
    return { role: str(m.role) ?? 'user', parts: Array.isArray(m.content) ? m.content.map(blockPart) : [] };
  });
}

/** Converse system blocks: `[{ text }]`. */
export function converseSystem(system: unknown): MessagePart[] | undefined {
  return Array.isArray(system) ? system.map(blockPart) : undefined;
}

/**
 * Converse usage. Bedrock's `inputTokens` excludes the prompt-cache reads and writes (its `totalTokens`
 * adds them), which the conventions count in `gen_ai.usage.input_tokens`.
 */
export function readConverseUsage(value: unknown, call: LlmCall): void {
  const usage = obj(value);
  const cacheRead = num(usage.cacheReadInputTokens);
  const cacheWrite = num(usage.cacheWriteInputTokens);
  if (cacheRead !== undefined) call.cacheReadTokens = cacheRead;
  if (cacheWrite !== undefined) call.cacheCreationTokens = cacheWrite;
  const input = num(usage.inputTokens);
  if (input !== undefined) call.inputTokens = input + (cacheRead ?? 0) + (cacheWrite ?? 0);
  call.outputTokens = num(usage.outputTokens) ?? call.outputTokens;
}

function readBlock(value: unknown, index: number, state: ChoiceState, capture: boolean): void {
  const block = obj(value);
  if (block.toolUse !== undefined) {
    const tool = obj(block.toolUse);
    state.toolCalls[index] = { id: str(tool.toolUseId), name: str(tool.name), args: capture && tool.input !== undefined ? JSON.stringify(tool.input) : '' };
  } else if (capture && typeof block.text === 'string') state.text += block.text;
  else if (capture && block.reasoningContent !== undefined) state.reasoning += str(obj(obj(block.reasoningContent).reasoningText).text) ?? '';
}

/** Reads a complete Converse (or Nova InvokeModel) response: `output.message`, `stopReason`, `usage`. */
export function readConverseResponse(value: unknown, call: LlmCall): void {
  const r = obj(value);
  readConverseUsage(r.usage, call);
  const state = call.choice(0);
  state.finish = str(r.stopReason) ?? state.finish;
  const content = obj(obj(r.output).message).content;
  if (Array.isArray(content)) for (let i = 0; i < content.length; i++) readBlock(content[i], i, state, call.capture);
}

/**
 * Reads one Converse stream event (or Nova InvokeModelWithResponseStream chunk): an object with one
 * member, `messageStart`, `contentBlockStart`, `contentBlockDelta`, `messageStop` or `metadata` (usage).
 */
export function readConverseEvent(value: unknown, call: LlmCall): void {
  const event = obj(value);
  if (event.contentBlockDelta !== undefined) {
    const e = obj(event.contentBlockDelta);
    const delta = obj(e.delta);
    const state = call.choice(0);
    if (delta.toolUse !== undefined) {
      const tool = state.toolCalls[num(e.contentBlockIndex) ?? 0];
      if (tool !== undefined && call.capture) tool.args += str(obj(delta.toolUse).input) ?? '';
    } else if (call.capture) {
      state.text += str(delta.text) ?? '';
      state.reasoning += str(obj(delta.reasoningContent).text) ?? '';
    }
  } else if (event.contentBlockStart !== undefined) {
    const e = obj(event.contentBlockStart);
    const tool = obj(obj(e.start).toolUse);
    if (tool.name !== undefined) call.choice(0).toolCalls[num(e.contentBlockIndex) ?? 0] = { id: str(tool.toolUseId), name: str(tool.name), args: '' };
  } else if (event.messageStop !== undefined) {
    call.choice(0).finish = str(obj(event.messageStop).stopReason);
  } else if (event.metadata !== undefined) {
    readConverseUsage(obj(event.metadata).usage, call);
  }
}

function converseAdapter(stream: boolean): Adapter {
  return {
    operation: semconv.GEN_AI_OPERATION_CHAT,

    request(params: unknown, attributes: Attributes): string | undefined {
      const p = obj(params);
      const config = obj(p.inferenceConfig);
      setNumber(attributes, semconv.ATTR_GEN_AI_REQUEST_MAX_TOKENS, config.maxTokens);
      setNumber(attributes, semconv.ATTR_GEN_AI_REQUEST_TEMPERATURE, config.temperature);
      setNumber(attributes, semconv.ATTR_GEN_AI_REQUEST_TOP_P, config.topP);
      setStrings(attributes, semconv.ATTR_GEN_AI_REQUEST_STOP_SEQUENCES, config.stopSequences);
      return str(p.modelId);
    },

    isStream: () => stream,

    input(params: unknown): InputContent | undefined {
      const p = obj(params);
      return { messages: converseMessages(p.messages), system: converseSystem(p.system) };
    },

    response: readConverseResponse,
    chunk: readConverseEvent,
  };
}

/** `ConverseCommand`. */
export const bedrockConverseAdapter = converseAdapter(false);
/** `ConverseStreamCommand`: the output's `stream` is an AWS event stream; `metadata` carries usage. */
export const bedrockConverseStreamAdapter = converseAdapter(true);
