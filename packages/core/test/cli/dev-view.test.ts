import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { CliIo } from '../../src/cli/command.js';
import { runCli } from '../../src/cli/run-cli.js';
import { memoryIo } from './trail-fixtures.js';

/** An io whose `stopped` resolves when `stop()` is called, as Ctrl-C does for the real command. */
function stoppableIo(): CliIo & { out: string; err: string; stop(): void } {
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  return Object.assign(memoryIo(), { stopped, stop });
}

const url = (out: string, label: string) => new RegExp(`${label}: +(http://127\\.0\\.0\\.1:\\d+/?)`).exec(out)?.[1];

describe('sightline dev', () => {
  it('starts the receiver and the page, prints both URLs, accepts OTLP/JSON and stops on the signal', async () => {
    const io = stoppableIo();
    const exit = runCli(['dev', '--port', '0', '--otlp-port', '0', '--max-spans', '50'], io);
    await vi.waitFor(() => expect(url(io.out, 'OTLP')).toBeDefined());
    const otlp = url(io.out, 'OTLP')!;
    const page = url(io.out, 'page')!;
    expect(io.out).toContain('holds: 50 spans');
    const body = { resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: '5b8efff798038103d269b633813fc60c', spanId: 'eee19b7ec3c1b174', name: 'from curl', startTimeUnixNano: '1', endTimeUnixNano: '2' }] }] }] };
    const posted = await fetch(`${otlp}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(posted.status).toBe(200);
    const list = (await (await fetch(`${page}api/traces`)).json()) as { traces: { rootName: string }[] };
    expect(list.traces.map((t) => t.rootName)).toEqual(['from curl']);
    io.stop();
    await expect(exit).resolves.toBe(0);
    await expect(fetch(page)).rejects.toThrow();
  });

  it('with --host, requires the printed token from the page and from OTLP senders', async () => {
    const io = stoppableIo();
    const exit = runCli(['dev', '--host', '127.0.0.2', '--port', '0', '--otlp-port', '0'], io);
    await vi.waitFor(() => expect(io.out).toContain('token:'));
    const page = /page: +(\S+)/.exec(io.out)![1];
    const otlp = /OTLP: +(\S+)/.exec(io.out)![1];
    const token = /Bearer%20(\S+)/.exec(io.out)![1];
    expect(page).toBe(`${new URL(page).origin}/?token=${token}`);
    const origin = new URL(page).origin;
    expect((await fetch(`${origin}/api/status`)).status).toBe(401);
    const login = await fetch(page, { redirect: 'manual' });
    expect(login.status).toBe(303);
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    expect(login.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict/);
    expect((await fetch(`${origin}/api/status`, { headers: { cookie } })).status).toBe(200);
    expect((await fetch(`${origin}/api/status`, { headers: { cookie: 'sightline_token=wrong' } })).status).toBe(401);
    const post = (headers: Record<string, string>) => fetch(`${otlp}/v1/logs`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });
    expect((await post({})).status).toBe(401);
    expect((await post({ authorization: 'Bearer nope' })).status).toBe(401);
    expect((await post({ authorization: `Bearer ${token}` })).status).toBe(200);
    io.stop();
    await expect(exit).resolves.toBe(0);
  });

  it('on loopback, refuses a request under a foreign Host name (DNS rebinding)', async () => {
    const io = stoppableIo();
    const exit = runCli(['dev', '--port', '0', '--otlp-port', '0'], io);
    await vi.waitFor(() => expect(url(io.out, 'page')).toBeDefined());
    const page = new URL(url(io.out, 'page')!);
    const status = await new Promise<string>((resolve, reject) => {
      import('node:http').then(({ get }) => get({ host: '127.0.0.1', port: page.port, path: '/api/status', headers: { host: `attacker.example:${page.port}` } }, (res) => resolve(String(res.statusCode))).on('error', reject), reject);
    });
    expect(status).toBe('421');
    io.stop();
    await expect(exit).resolves.toBe(0);
  });

  it('says which port is taken, and refuses bad numbers', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const io = memoryIo();
    await expect(runCli(['dev', '--otlp-port', String(port), '--port', '0'], io)).resolves.toBe(2);
    expect(io.err).toContain(`127.0.0.1:${port} is already in use`);
    blocker.close();
    for (const bad of [['--port', '70000'], ['--max-spans', '0'], ['--max-logs', 'many']]) {
      const misuse = memoryIo();
      await expect(runCli(['dev', ...bad], misuse)).resolves.toBe(2);
      expect(misuse.err).toContain(bad[0]);
    }
  });
});

describe('sightline view', () => {
  it('reads OTLP JSON Lines files, reports the torn lines it skipped, and serves them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sightline-view-'));
    const line = JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: '5b8efff798038103d269b633813fc60c', spanId: 'eee19b7ec3c1b174', name: 'from file' }] }] }] });
    writeFileSync(join(dir, 'traces.jsonl'), `${line}\n${line.slice(0, 30)}`);
    const io = stoppableIo();
    const exit = runCli(['view', '--port', '0', dir], io);
    await vi.waitFor(() => expect(url(io.out, 'page')).toBeDefined());
    expect(io.out).toContain('Read 1 files: 1 requests, 1 records, 1 torn or unreadable lines skipped');
    const list = (await (await fetch(`${url(io.out, 'page')}api/traces`)).json()) as { traces: { rootName: string }[] };
    expect(list.traces.map((t) => t.rootName)).toEqual(['from file']);
    io.stop();
    await expect(exit).resolves.toBe(0);
  });

  it('needs a file, and says so for a missing one', async () => {
    const none = memoryIo();
    await expect(runCli(['view'], none)).resolves.toBe(2);
    expect(none.err).toContain('no files or directories given');
    const missing = memoryIo();
    await expect(runCli(['view', '--port', '0', '/nonexistent/otlp.jsonl'], missing)).resolves.toBe(2);
    expect(missing.err).toContain('ENOENT');
  });
});
