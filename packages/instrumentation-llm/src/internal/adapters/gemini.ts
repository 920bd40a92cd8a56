import type { Attributes } from '@opentelemetry/api';
import * as semconv from '../../semconv.js';
import type { ChatMessage, InputContent, MessagePart } from '../content.js';
import type { LlmCall } from '../llm-call.js';
import { num, obj, setNumber, setString, setStrings, str, type Adapter } from './adapter.js';
import { embeddingsAdapter } from './embeddings-adapter.js';

function part(value: unknown): MessagePart {
  if (typeof value === 'string') return { type: 'text', content: value };
  const p = obj(value);
  if (typeof p.text === 'string') return p.thought === true ? { type: 'reasoning', content: p.text } : { type: 'text', content: p.text };
  const call = obj(p.functionCall);
  if (p.functionCall !== undefined) return { type: 'tool_call', id: str(call.id), name: str(call.name) ?? '', arguments: call.args };
  const response = obj(p.functionResponse);
  if (p.functionResponse !== undefined) return { type: 'tool_call_response', id: str(response.id), result: response.response };
  return { type: p.inlineData !== undefined ? 'blob' : p.fileData !== undefined ? 'uri' : 'unknown' };
}

/** `contents` accepts a string, a Part, a Content, or arrays of them; consecutive parts form one user message. */
function messages(contents: unknown): ChatMessage[] {
  const list = Array.isArray(contents) ? contents : [contents];
  const out: ChatMessage[] = [];
  let loose: MessagePart[] | undefined;
  for (const item of list) {
    const content = obj(item);
    if (Array.isArray(content.parts)) {
      loose = undefined;
      const role = content.role === 'model' ? 'assistant' : (str(content.role) ?? 'user');
      out.push({ role, parts: content.parts.map(part) });
    } else if (item !== undefined) {
      if (loose === undefined) out.push({ role: 'user', parts: (loose = []) });
      loose.push(part(item));
    }
  }
  return out;
}

/** Reads a response or a stream chunk: chunks carry cumulative usage and their own parts. */
function readResponse(value: unknown, call: LlmCall): void {
  const r = obj(value);
  call.responseId = str(r.responseId) ?? call.responseId;
  call.responseModel = str(r.modelVersion) ?? call.responseModel;
  const usage = r.usageMetadata;
  if (usage !== undefined) {
    const u = obj(usage);
    const thoughts = num(u.thoughtsTokenCount);
    call.inputTokens = num(u.promptTokenCount) ?? call.inputTokens;
    const candidates = num(u.candidatesTokenCount);
    if (candidates !== undefined || thoughts !== undefined) call.outputTokens = (candidates ?? 0) + (thoughts ?? 0);
    call.cacheReadTokens = num(u.cachedContentTokenCount) ?? call.cacheReadTokens;
    call.reasoningTokens = thoughts ?? call.reasoningTokens;
  }
  if (!Array.isArray(r.candidates)) return;
  for (let i = 0; i < r.candidates.length; i++) {
    const candidate = obj(r.candidates[i]);
    const state = call.choice(num(candidate.index) ?? i);
    state.finish = str(candidate.finishReason) ?? state.finish;
    const parts = obj(candidate.content).parts;
    if (!Array.isArray(parts)) continue;
    for (const value of parts) {
      const p = obj(value);
      if (p.functionCall !== undefined) {
        const fn = obj(p.functionCall);
        const args = call.capture && fn.args !== undefined ? JSON.stringify(fn.args) : '';
        state.toolCalls.push({ id: str(fn.id), name: str(fn.name), args });
      } else if (call.capture && typeof p.text === 'string') {
        if (p.thought === true) state.reasoning += p.text;
        else state.text += p.text;
      }
    }
  }
}

function generateRequest(params: unknown, attributes: Attributes): string | undefined {
  const p = obj(params);
  const config = obj(p.config);
  setNumber(attributes, semconv.ATTR_GEN_AI_REQUEST_TEMPERATURE, config.temperature);
  setNumber(attributes, semconv.ATTR_GEN_AI_REQUEST_TOP_P, config.topP);
  setNumber(attributes, semconv.ATTR_GEN_AI_REQUEST_TOP_K, config.topK);
  setNumber(attributes, semconv.ATTR_GEN_AI_REQUEST_MAX_TOKENS, config.maxOutputTokens);
  setStrings(attributes, semconv.ATTR_GEN_AI_REQUEST_STOP_SEQUENCES, config.stopSequences);
  setNumber(attributes, semconv.ATTR_GEN_AI_REQUEST_SEED, config.seed);
  setNumber(attributes, semconv.ATTR_GEN_AI_REQUEST_FREQUENCY_PENALTY, config.frequencyPenalty);
  setNumber(attributes, semconv.ATTR_GEN_AI_REQUEST_PRESENCE_PENALTY, config.presencePenalty);
  if (typeof config.candidateCount === 'number' && config.candidateCount !== 1) {
    attributes[semconv.ATTR_GEN_AI_REQUEST_CHOICE_COUNT] = config.candidateCount;
  }
  const thinking = obj(config.thinkingConfig);
  setNumber(attributes, semconv.ATTR_SIGHTLINE_REQUEST_THINKING_BUDGET, thinking.thinkingBudget);
  const level = thinking.thinkingLevel;
  setString(attributes, semconv.ATTR_GEN_AI_REQUEST_REASONING_LEVEL_DRAFT, typeof level === 'string' ? level.toLowerCase() : undefined);
  if (config.responseMimeType === 'application/json') attributes[semconv.ATTR_GEN_AI_OUTPUT_TYPE] = 'json';
  else if (config.responseMimeType === 'text/plain') attributes[semconv.ATTR_GEN_AI_OUTPUT_TYPE] = 'text';
  return str(p.model);
}

function generateInput(params: unknown): InputContent | undefined {
  const p = obj(params);
  const system = obj(p.config).systemInstruction;
  return {
    messages: messages(p.contents),
    system: system === undefined ? undefined : messages(system).flatMap((m) => m.parts),
  };
}

/** `models.generateContent` and `models.generateContentStream`: one span per model request. */
export function geminiGenerateAdapter(stream: boolean): Adapter {
  return {
    operation: semconv.GEN_AI_OPERATION_GENERATE_CONTENT,
    request: generateRequest,
    isStream: () => stream,
    input: generateInput,
    response: readResponse,
    chunk: readResponse,
  };
}

/** `models.embedContent`. */
export const geminiEmbedAdapter = embeddingsAdapter({
  dimensionCount: (p) => obj(p.config).outputDimensionality,
  /** The Gemini API reports no embedding usage; Vertex AI reports a token count per embedding. */
  response(r, call) {
    const embeddings = r.embeddings;
    if (!Array.isArray(embeddings)) return;
    let tokens: number | undefined;
    for (const embedding of embeddings) {
      const count = num(obj(obj(embedding).statistics).tokenCount);
      if (count !== undefined) tokens = (tokens ?? 0) + count;
    }
    call.inputTokens = tokens;
  },
});
