/**
 * Security events from the SDKs' bearer-token guards, which protect Streamable HTTP and SSE servers: the
 * SDK 1.x express middleware `requireBearerAuth` (`dist/{esm,cjs}/server/auth/middleware/bearerAuth.js`)
 * and the SDK 2.x fetch gate `requireBearerAuth` (`@modelcontextprotocol/server`). One log record per
 * request they decide, through `logs.getLogger('@sightline/instrumentation-mcp')`:
 *
 * - `security.authentication.success` (INFO) when the middleware calls `next()` / the gate resolves to
 *   the auth info;
 * - `security.authentication.failure` (WARN) when it answers 401 (missing, malformed, unknown, expired
 *   token, or one issued for another resource) or another error status;
 * - `security.permission.denied` (WARN) when it answers 403 (a valid token without the required scopes).
 *
 * The token is never recorded: the OAuth error description is kept with any occurrence of the token
 * masked. The verifier is wrapped to learn the token's client id and scopes (also for a 403, where the
 * middleware does not attach them to the request); its result reaches the middleware unchanged.
 */
import { logs, SeverityNumber, type Attributes } from '@opentelemetry/api';
import { ATTR_ERROR_TYPE, ATTR_HTTP_RESPONSE_STATUS_CODE } from '@opentelemetry/semantic-conventions';
import {
  ATTR_SIGHTLINE_MCP_AUTH_CLIENT_ID,
  ATTR_SIGHTLINE_MCP_AUTH_REQUIRED_SCOPES,
  ATTR_SIGHTLINE_MCP_AUTH_GRANTED_SCOPES,
  EVENT_AUTHENTICATION_FAILURE,
  EVENT_AUTHENTICATION_SUCCESS,
  EVENT_PERMISSION_DENIED,
} from '../semconv.js';
import type { AnyFunction } from './functions.js';

const LOGGER_NAME = '@sightline/instrumentation-mcp';
const MAX_TEXT = 256;
/** `error="…", error_description="…"` in the middleware's WWW-Authenticate header. */
const WWW_AUTHENTICATE = /error="([^"]{1,64})"(?:, error_description="([^"]*)")?/;

interface AuthInfoLike {
  clientId?: unknown;
  scopes?: unknown;
}
interface Verifier {
  verifyAccessToken(token: string): unknown;
}
interface BearerAuthOptions {
  verifier?: Verifier;
  requiredScopes?: unknown;
}
interface RequestLike {
  headers?: { authorization?: unknown };
  auth?: AuthInfoLike;
}
interface ResponseLike {
  statusCode?: unknown;
  getHeader?: (name: string) => unknown;
}
/** A fetch `Request`: only its headers are read. */
interface FetchRequestLike {
  headers?: { get?: (name: string) => unknown };
}

/** What one request's authentication learnt. */
interface Attempt {
  auth: AuthInfoLike | undefined;
}

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((s): s is string => typeof s === 'string').map((s) => s.slice(0, MAX_TEXT)) : undefined;
}

function identity(attributes: Attributes, auth: AuthInfoLike | undefined, requiredScopes: string[] | undefined): void {
  if (typeof auth?.clientId === 'string') attributes[ATTR_SIGHTLINE_MCP_AUTH_CLIENT_ID] = auth.clientId.slice(0, MAX_TEXT);
  const scopes = stringList(auth?.scopes);
  if (scopes !== undefined) attributes[ATTR_SIGHTLINE_MCP_AUTH_GRANTED_SCOPES] = scopes;
  if (requiredScopes !== undefined && requiredScopes.length > 0) attributes[ATTR_SIGHTLINE_MCP_AUTH_REQUIRED_SCOPES] = requiredScopes;
}

/** The bearer token in an Authorization header, to mask it wherever it might be echoed. */
function tokenOf(header: unknown): string | undefined {
  if (typeof header !== 'string') return undefined;
  const token = header.split(' ')[1];
  return token !== undefined && token.length >= 4 ? token : undefined;
}

function emit(eventName: string, severityNumber: SeverityNumber, body: string, attributes: Attributes): void {
  logs.getLogger(LOGGER_NAME).emit({
    eventName,
    severityNumber,
    severityText: severityNumber === SeverityNumber.WARN ? 'WARN' : 'INFO',
    body,
    attributes,
  });
}

function emitSuccess(auth: AuthInfoLike | undefined, requiredScopes: string[] | undefined): void {
  const attributes: Attributes = {};
  identity(attributes, auth, requiredScopes);
  emit(EVENT_AUTHENTICATION_SUCCESS, SeverityNumber.INFO, 'authenticated', attributes);
}

/** A refusal: 403 is a permission denial, any other status an authentication failure. */
function emitRejection(status: unknown, challenge: unknown, authorization: unknown, auth: AuthInfoLike | undefined, requiredScopes: string[] | undefined): void {
  const code = typeof status === 'number' ? status : undefined;
  const match = typeof challenge === 'string' ? WWW_AUTHENTICATE.exec(challenge) : null;
  const token = tokenOf(authorization);
  let description = match?.[2] ?? 'authentication rejected';
  if (token !== undefined) description = description.split(token).join('[REDACTED]');
  description = description.slice(0, MAX_TEXT);
  const attributes: Attributes = { [ATTR_ERROR_TYPE]: match?.[1] ?? (code === undefined ? 'unknown' : String(code)) };
  if (code !== undefined) attributes[ATTR_HTTP_RESPONSE_STATUS_CODE] = code;
  identity(attributes, auth, requiredScopes);
  emit(code === 403 ? EVENT_PERMISSION_DENIED : EVENT_AUTHENTICATION_FAILURE, SeverityNumber.WARN, description, attributes);
}

/** A verifier that notes the token's auth info on the attempt being verified; results unchanged. */
function observingVerifier(verifier: Verifier, current: { attempt: Attempt | undefined }): Verifier {
  return {
    verifyAccessToken(token: string): unknown {
      const attempt = current.attempt;
      current.attempt = undefined;
      const result = verifier.verifyAccessToken(token);
      if (attempt === undefined || typeof result !== 'object' || result === null) return result;
      if (typeof (result as PromiseLike<unknown>).then !== 'function') attempt.auth = result as AuthInfoLike;
      else {
        (result as PromiseLike<AuthInfoLike>).then(
          (auth) => {
            attempt.auth = auth;
          },
          () => {},
        );
      }
      return result;
    },
  };
}

/** The per-guard state: options with the observing verifier, the attempt being verified, the required scopes. */
interface Guard {
  options: BearerAuthOptions;
  current: { attempt: Attempt | undefined };
  requiredScopes: string[] | undefined;
}

function guardFor(options: BearerAuthOptions): Guard {
  const current: { attempt: Attempt | undefined } = { attempt: undefined };
  try {
    const requiredScopes = stringList(options?.requiredScopes);
    const verifier = options?.verifier;
    if (verifier === undefined || typeof verifier.verifyAccessToken !== 'function') return { options, current, requiredScopes };
    return { options: { ...options, verifier: observingVerifier(verifier, current) }, current, requiredScopes };
  } catch {
    return { options, current, requiredScopes: undefined };
  }
}

/** Runs `check` with `attempt` as the one the verifier reports to (it is called before the first await). */
function verifying<T>(guard: Guard, attempt: Attempt, check: () => T): T {
  guard.current.attempt = attempt;
  try {
    return check();
  } finally {
    guard.current.attempt = undefined;
  }
}

/** After `result` settles (never rejects, never throws). */
function afterwards(result: unknown, then: (value: unknown) => void): void {
  Promise.resolve(result).then(
    (value) => {
      try {
        then(value);
      } catch {
        // Telemetry failure: the response is already decided.
      }
    },
    () => {},
  );
}

/** SDK 1.x: wraps `requireBearerAuth(options)` so the express middleware it returns emits the events. */
export function wrapRequireBearerAuth(original: AnyFunction): AnyFunction {
  return function tracedRequireBearerAuth(this: unknown, options: BearerAuthOptions, ...rest: unknown[]): unknown {
    const guard = guardFor(options);
    const middleware = original.call(this, guard.options, ...rest) as AnyFunction;
    if (typeof middleware !== 'function') return middleware;
    return function tracedBearerAuth(this: unknown, req: RequestLike, res: ResponseLike, next: AnyFunction): unknown {
      const attempt: Attempt = { auth: undefined };
      let passed = false;
      const tracedNext = function (this: unknown, ...args: unknown[]): unknown {
        passed = true;
        try {
          emitSuccess(req.auth ?? attempt.auth, guard.requiredScopes);
        } catch {
          // Never in the way of the request.
        }
        return next.apply(this, args);
      };
      const result: unknown = verifying(guard, attempt, () => middleware.call(this, req, res, tracedNext));
      afterwards(result, () => {
        if (!passed) emitRejection(res.statusCode, res.getHeader?.('WWW-Authenticate'), req.headers?.authorization, attempt.auth, guard.requiredScopes);
      });
      return result;
    };
  };
}

/** SDK 2.x: wraps `requireBearerAuth(options)` so the fetch gate it returns emits the events. */
export function wrapRequireBearerAuthGate(original: AnyFunction): AnyFunction {
  return function tracedRequireBearerAuth(this: unknown, options: BearerAuthOptions, ...rest: unknown[]): unknown {
    const guard = guardFor(options);
    const gate = original.call(this, guard.options, ...rest) as AnyFunction;
    if (typeof gate !== 'function') return gate;
    return function tracedGate(this: unknown, request: FetchRequestLike, ...more: unknown[]): unknown {
      const attempt: Attempt = { auth: undefined };
      const result: unknown = verifying(guard, attempt, () => gate.call(this, request, ...more));
      afterwards(result, (outcome) => {
        if (typeof Response === 'function' && outcome instanceof Response) {
          emitRejection(outcome.status, outcome.headers.get('WWW-Authenticate'), request?.headers?.get?.('authorization'), attempt.auth, guard.requiredScopes);
        } else {
          emitSuccess((outcome as AuthInfoLike | undefined) ?? attempt.auth, guard.requiredScopes);
        }
      });
      return result;
    };
  };
}
