/**
 * `npm run demo`: finds the Sightline viewer running (`npx sightline dev`) or starts one in this process,
 * then runs the demo (src/main.ts, under the preload) exporting both to the console, as before, and to the
 * viewer over OTLP. Prints the page's URL. When it started the viewer and runs in a terminal, it keeps the
 * viewer up after the demo ends, until Ctrl-C; otherwise (CI, a pipe) it exits with the demo's code.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DEFAULT_OTLP_PORT, DEFAULT_PAGE_PORT, startViewer, type RunningViewer } from '@sightline/viewer';

const PAGE_URL = `http://127.0.0.1:${DEFAULT_PAGE_PORT}/`;
const OTLP_URL = `http://127.0.0.1:${DEFAULT_OTLP_PORT}`;

/** True when a Sightline viewer answers on the default page port. */
async function viewerRunning(): Promise<boolean> {
  try {
    const response = await fetch(`${PAGE_URL}api/status`, { signal: AbortSignal.timeout(1000) });
    return ((await response.json()) as { app?: unknown }).app === 'sightline-viewer';
  } catch {
    return false;
  }
}

let viewer: RunningViewer | undefined;
let viewerUrl: string | undefined;
if (await viewerRunning()) {
  viewerUrl = PAGE_URL;
  console.log(`Sightline viewer already running: ${viewerUrl}`);
} else {
  try {
    viewer = await startViewer();
    viewerUrl = viewer.pageUrl;
    console.log(`Sightline viewer started: ${viewerUrl}`);
  } catch (error) {
    console.log(`Sightline viewer not started (${(error as Error).message}): console output only.`);
  }
}

const env = { ...process.env };
const defaults: Record<string, string> = {
  OTEL_SERVICE_NAME: 'sightline-demo',
  OTEL_LOGS_EXPORTER: viewerUrl === undefined ? 'console' : 'console,otlp',
  OTEL_TRACES_EXPORTER: viewerUrl === undefined ? 'console' : 'console,otlp',
  OTEL_METRICS_EXPORTER: viewerUrl === undefined ? 'none' : 'otlp',
  OTEL_EXPORTER_OTLP_ENDPOINT: OTLP_URL,
  SIGHTLINE_CONSOLE_FORMAT: 'pretty',
  SIGHTLINE_LOG_LEVEL: 'debug',
};
for (const [name, value] of Object.entries(defaults)) env[name] ??= value;

const main = fileURLToPath(new URL('main.ts', import.meta.url));
const child = spawn(process.execPath, ['--import', '@sightline/core/register', main], { env, stdio: 'inherit' });
const code = await new Promise<number>((resolve) => child.on('exit', (status, signal) => resolve(status ?? (signal === null ? 1 : 128))));

if (viewerUrl !== undefined) console.log(`\nThe demo's traces, LLM calls, tool calls and logs: ${viewerUrl}`);
if (viewer !== undefined && process.stdout.isTTY && code === 0) {
  console.log('The viewer keeps running: Ctrl-C to stop.');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}
await viewer?.close();
process.exitCode = code;
