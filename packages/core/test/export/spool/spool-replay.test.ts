import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { replaySpool, type SpoolReplayOptions } from '../../../src/export/spool/spool-replay.js';
import { ExportControl } from '../../../src/export/transport/export-control.js';
import { HttpRequestSender } from '../../../src/export/transport/http-request.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** A receiver that stores the JSON bodies it accepts and answers `status` (200 by default). */
async function receiver(status = 200): Promise<{ url: string; bodies: unknown[]; contentTypes: string[] }> {
  const bodies: unknown[] = [];
  const contentTypes: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      contentTypes.push(String(req.headers['content-type']));
      if (status === 200) bodies.push(JSON.parse(Buffer.concat(chunks).toString()));
      res.writeHead(status);
      res.end();
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return { url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`, bodies, contentTypes };
}

function logLine(bodies: string[], timeUnixNano = '1700000000000000000'): string {
  return JSON.stringify({
    resourceLogs: [{ resource: { attributes: [] }, scopeLogs: [{ scope: { name: 's' }, logRecords: bodies.map((b) => ({ timeUnixNano, body: { stringValue: b } })) }] }],
  });
}

function spoolFolder(files: Record<string, string>, ageMillis = 60_000): string {
  const folder = join(mkdtempSync(join(tmpdir(), 'spool-replay-')), 'svc');
  mkdirSync(folder, { recursive: true });
  const at = (Date.now() - ageMillis) / 1000;
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(folder, name), content);
    utimesSync(join(folder, name), at, at);
  }
  return folder;
}

function options(folder: string, url: string | undefined, extra: Partial<SpoolReplayOptions> = {}): SpoolReplayOptions {
  return {
    dir: folder,
    senders:
      url === undefined
        ? {}
        : {
            logs: new HttpRequestSender({ url: `${url}/v1/logs`, headers: { 'Content-Type': 'application/json' }, compression: 'none', userAgent: 't' }),
          },
    control: new ExportControl(),
    timeoutMillis: 1_000,
    maxAgeMillis: 86_400_000,
    minAgeMillis: 1_000,
    ...extra,
  };
}

const LOGS_FILE = 'logs-1700000000000-4242-0badcafe.jsonl';

describe('replaySpool', () => {
  it('sends every line as OTLP/JSON with its original timestamps, then deletes the file', async () => {
    const r = await receiver();
    const folder = spoolFolder({ [LOGS_FILE]: `${logLine(['a', 'b'])}\n${logLine(['c'])}\n` });
    const result = await replaySpool(options(folder, r.url));
    expect(result).toEqual({ sent: { logs: 3, traces: 0 }, dropped: 0, unreadable: 0, kept: 0 });
    expect(r.contentTypes).toEqual(['application/json', 'application/json']);
    expect(JSON.stringify(r.bodies)).toContain('"timeUnixNano":"1700000000000000000"');
    expect(readdirSync(folder)).toEqual([]);
  });

  it('skips a torn last line (a crash mid-write)', async () => {
    const r = await receiver();
    const folder = spoolFolder({ [LOGS_FILE]: `${logLine(['a'])}\n${logLine(['b']).slice(0, 40)}` });
    const result = await replaySpool(options(folder, r.url));
    expect(result).toMatchObject({ sent: { logs: 1 }, unreadable: 1 });
  });

  it('keeps the unsent lines for a later start when the receiver is unreachable', async () => {
    const r = await receiver();
    const url = r.url;
    await new Promise((resolve) => servers.pop()?.close(resolve));
    const folder = spoolFolder({ [LOGS_FILE]: `${logLine(['a'])}\n${logLine(['b'])}\n` });
    const control = new ExportControl();
    control.startDraining(); // refused: no backoff in a test
    const result = await replaySpool(options(folder, url, { control }));
    expect(result).toMatchObject({ sent: { logs: 0 }, kept: 1 });
    const left = readdirSync(folder);
    expect(left).toHaveLength(1);
    expect(readFileSync(join(folder, left[0]), 'utf8').trimEnd().split('\n')).toHaveLength(2);
  });

  it('drops, and counts, lines the receiver refuses for good', async () => {
    const r = await receiver(400);
    const folder = spoolFolder({ [LOGS_FILE]: `${logLine(['a', 'b'])}\n` });
    expect(await replaySpool(options(folder, r.url))).toMatchObject({ dropped: 2, kept: 0 });
    expect(readdirSync(folder)).toEqual([]);
  });

  it('deletes files older than the retention unsent, counted', async () => {
    const r = await receiver();
    const folder = spoolFolder({ [LOGS_FILE]: `${logLine(['a', 'b', 'c'])}\n` }, 10 * 86_400_000);
    expect(await replaySpool(options(folder, r.url))).toMatchObject({ dropped: 3, sent: { logs: 0 } });
    expect(r.bodies).toEqual([]);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('leaves files that may still be written, files of signals not exported now, and other files alone', async () => {
    const r = await receiver();
    const folder = spoolFolder({ 'traces-1700000000000-4242-0badcafe.jsonl': `${logLine(['x'])}\n`, 'notes.txt': 'hi' });
    writeFileSync(join(folder, LOGS_FILE), `${logLine(['fresh'])}\n`); // just written
    const result = await replaySpool(options(folder, r.url));
    expect(result).toMatchObject({ sent: { logs: 0, traces: 0 }, kept: 1 });
    expect(readdirSync(folder).sort()).toEqual([LOGS_FILE, 'notes.txt', 'traces-1700000000000-4242-0badcafe.jsonl'].sort());
  });

  it('takes over a claim left by a process that died, but not one of a live process', async () => {
    const r = await receiver();
    const dead = `${LOGS_FILE}.sending-2147483646`;
    const live = `logs-1700000000001-4243-0badcafe.jsonl.sending-${process.pid}`;
    const folder = spoolFolder({ [dead]: `${logLine(['orphan'])}\n`, [live]: `${logLine(['busy'])}\n` });
    expect(await replaySpool(options(folder, r.url))).toMatchObject({ sent: { logs: 1 } });
    expect(existsSync(join(folder, live))).toBe(true);
    expect(JSON.stringify(r.bodies)).toContain('orphan');
  });
});
