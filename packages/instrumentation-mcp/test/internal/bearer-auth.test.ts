/**
 * Security events from SDK 1.x `requireBearerAuth`: a real Streamable HTTP server on loopback (express,
 * the SDK's own middleware and transport) and real clients with a good token, an unknown token and a
 * token without the required scope.
 */
import type { Server } from 'node:http';
import { SeverityNumber } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, setUpOtel } from '../fixtures/otel-harness.js';

const otel = setUpOtel();
/* eslint-disable @typescript-eslint/no-explicit-any */
const { McpServer } = otel.require('@modelcontextprotocol/sdk/server/mcp.js') as any;
const { StreamableHTTPServerTransport } = otel.require('@modelcontextprotocol/sdk/server/streamableHttp.js') as any;
const { requireBearerAuth } = otel.require('@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js') as any;
const { InvalidTokenError } = otel.require('@modelcontextprotocol/sdk/server/auth/errors.js') as any;
const { createMcpExpressApp } = otel.require('@modelcontextprotocol/sdk/server/express.js') as any;
const { Client } = otel.require('@modelcontextprotocol/sdk/client/index.js') as any;
const { StreamableHTTPClientTransport } = otel.require('@modelcontextprotocol/sdk/client/streamableHttp.js') as any;

const TOKENS: Record<string, { clientId: string; scopes: string[] }> = {
  'good-token-1234': { clientId: 'agent-a', scopes: ['mcp:tools', 'mcp:read'] },
  'weak-token-5678': { clientId: 'agent-b', scopes: ['mcp:read'] },
};
const verifier = {
  async verifyAccessToken(token: string) {
    const known = TOKENS[token];
    // Echoes the token on purpose: the event must not.
    if (known === undefined) throw new InvalidTokenError(`unknown token ${token}`);
    return { token, ...known, expiresAt: Math.floor(Date.now() / 1000) + 3600 };
  },
};

let http: Server;
let url: URL;

beforeAll(async () => {
  const server = new McpServer({ name: 'guarded', version: '1.0.0' });
  server.registerTool('ping', {}, async () => ({ content: [{ type: 'text', text: 'pong' }] }));
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => crypto.randomUUID() });
  await server.connect(transport);
  const app = createMcpExpressApp();
  app.all('/mcp', requireBearerAuth({ verifier, requiredScopes: ['mcp:tools'] }), (req: any, res: any) => transport.handleRequest(req, res, req.body));
  await new Promise<void>((resolve) => {
    http = app.listen(0, '127.0.0.1', () => resolve());
  });
  url = new URL(`http://127.0.0.1:${(http.address() as { port: number }).port}/mcp`);
});
afterAll(() => new Promise((resolve) => http.close(resolve)));

function clientWith(token: string) {
  const transport = new StreamableHTTPClientTransport(url, { requestInit: { headers: { Authorization: `Bearer ${token}` } } });
  return { client: new Client({ name: 'agent', version: '1.0.0' }), transport };
}

const records = (eventName: string) => otel.logs.getFinishedLogRecords().filter((r) => r.eventName === eventName);

describe('requireBearerAuth security events', () => {
  it('emits authentication success with the client id and scopes, and the call goes through', async () => {
    const { client, transport } = clientWith('good-token-1234');
    await client.connect(transport);
    const result = await client.callTool({ name: 'ping', arguments: {} });
    expect(result.content[0].text).toBe('pong');
    await client.close();
    const success = records('security.authentication.success');
    expect(success.length).toBeGreaterThanOrEqual(2);
    expect(success[0]!.instrumentationScope.name).toBe('@sightline/instrumentation-mcp');
    expect(success[0]!.severityNumber).toBe(SeverityNumber.INFO);
    expect(success[0]!.attributes).toEqual({
      'sightline.mcp.auth.client.id': 'agent-a',
      'sightline.mcp.auth.granted_scopes': ['mcp:tools', 'mcp:read'],
      'sightline.mcp.auth.required_scopes': ['mcp:tools'],
    });
  });

  it('emits authentication failure for an unknown token, without the token', async () => {
    const { client, transport } = clientWith('bad-token-0000');
    await expect(client.connect(transport)).rejects.toThrow();
    await eventually(() => records('security.authentication.failure').length > 0);
    const [failure] = records('security.authentication.failure');
    expect(failure!.severityNumber).toBe(SeverityNumber.WARN);
    expect(failure!.attributes).toMatchObject({ 'error.type': 'invalid_token', 'http.response.status_code': 401 });
    expect(failure!.body).toBe('unknown token [REDACTED]');
    expect(JSON.stringify(otel.logs.getFinishedLogRecords().map((r) => [r.body, r.attributes]))).not.toContain('bad-token-0000');
  });

  it('emits permission denied for a valid token without the required scope, naming the client', async () => {
    const { client, transport } = clientWith('weak-token-5678');
    await expect(client.connect(transport)).rejects.toThrow();
    await eventually(() => records('security.permission.denied').length > 0);
    const [denied] = records('security.permission.denied');
    expect(denied!.severityNumber).toBe(SeverityNumber.WARN);
    expect(denied!.attributes).toEqual({
      'error.type': 'insufficient_scope',
      'http.response.status_code': 403,
      'sightline.mcp.auth.client.id': 'agent-b',
      'sightline.mcp.auth.granted_scopes': ['mcp:read'],
      'sightline.mcp.auth.required_scopes': ['mcp:tools'],
    });
    expect(records('security.authentication.success').some((r) => r.attributes['sightline.mcp.auth.client.id'] === 'agent-b')).toBe(false);
  });

  it('emits failure for a missing Authorization header', async () => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(response.status).toBe(401);
    await eventually(() => records('security.authentication.failure').some((r) => r.body === 'Missing Authorization header'));
  });
});
