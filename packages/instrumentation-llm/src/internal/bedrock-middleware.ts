import { PROVIDER_AWS_BEDROCK } from '../semconv.js';
import { activeCall, type LlmCall } from './llm-call.js';
import { endpointFor } from './server-info.js';

/** The parts of a Smithy `HttpRequest` / `HttpResponse` that are read. */
interface HttpRequestLike {
  protocol?: unknown;
  hostname?: unknown;
  port?: unknown;
}
interface HttpResponseLike {
  headers?: Record<string, unknown>;
}
type Handler = (args: { request?: unknown }) => Promise<{ response?: unknown }>;

/** A Smithy client's middleware stack, as far as it is used. */
export interface MiddlewareStackLike {
  add(middleware: (next: Handler) => Handler, options: { step: string; name: string; override?: boolean }): void;
}

const NAME = 'sightlineBedrockAttempt';
const attempts = new WeakMap<LlmCall, number>();

function headerCount(headers: Record<string, unknown> | undefined, name: string): number | undefined {
  const value = headers?.[name];
  if (typeof value !== 'string') return undefined;
  const count = Number(value);
  return Number.isInteger(count) && count >= 0 ? count : undefined;
}

/**
 * Runs once per HTTP attempt (the `deserialize` step is inside the retry loop), in the context of the
 * call's span: sets `server.address`/`server.port` from the signed request, counts resends, and reads
 * the `X-Amzn-Bedrock-Input-Token-Count` / `-Output-Token-Count` headers Bedrock sends with InvokeModel.
 */
function attemptMiddleware(next: Handler): Handler {
  return async (args) => {
    const call = activeCall();
    if (call === undefined) return next(args);
    const request = args.request as HttpRequestLike | undefined;
    const n = (attempts.get(call) ?? 0) + 1;
    attempts.set(call, n);
    call.attempt(n - 1);
    if (n === 1 && typeof request?.hostname === 'string') {
      const port = typeof request.port === 'number' ? `:${request.port}` : '';
      call.setEndpoint(endpointFor(`${String(request.protocol ?? 'https:')}//${request.hostname}${port}`, PROVIDER_AWS_BEDROCK));
    }
    const result = await next(args);
    const headers = (result.response as HttpResponseLike | undefined)?.headers;
    call.inputTokens ??= headerCount(headers, 'x-amzn-bedrock-input-token-count');
    call.outputTokens ??= headerCount(headers, 'x-amzn-bedrock-output-token-count');
    return result;
  };
}

const added = new WeakSet<object>();

/** Adds the attempt middleware to a client's stack, once per client. */
export function addAttemptMiddleware(stack: MiddlewareStackLike | undefined): void {
  if (stack === undefined || added.has(stack)) return;
  added.add(stack);
  stack.add(attemptMiddleware, { step: 'deserialize', name: NAME, override: true });
}
