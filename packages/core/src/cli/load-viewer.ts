import { UsageError, type CommandOption } from './command.js';

/** `@sightline/viewer`, which `dev` and `view` need; core does not depend on it, to keep its install light. */
export type ViewerModule = typeof import('@sightline/viewer');

/** Imports `@sightline/viewer`, or throws a usage error saying how to install it. */
export async function loadViewer(): Promise<ViewerModule> {
  try {
    return await import('@sightline/viewer');
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (code === 'ERR_MODULE_NOT_FOUND' && String((error as Error).message).includes('@sightline/viewer')) {
      throw new UsageError('this command needs @sightline/viewer: `npm install --save-dev @sightline/viewer`');
    }
    throw error;
  }
}

/** The options of the web page that `dev` and `view` both take. */
export const PAGE_OPTIONS = {
  port: { type: 'string', valueName: 'N', description: 'port of the web page (default 4319)' },
  host: { type: 'string', valueName: 'HOST', description: 'listen on HOST instead of 127.0.0.1; then a random token, printed, is required' },
  'max-spans': { type: 'string', valueName: 'N', description: 'spans held in memory at most (default 10000)' },
  'max-logs': { type: 'string', valueName: 'N', description: 'log records held in memory at most (default 100000)' },
} as const satisfies Record<string, CommandOption>;

/** A positive integer option, or undefined when not given. */
export function integerOption(values: Readonly<Record<string, string | boolean | undefined>>, name: string, min = 1): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (typeof raw !== 'string' || !Number.isInteger(value) || value < min || value > (name.includes('port') ? 65_535 : Number.MAX_SAFE_INTEGER)) {
    throw new UsageError(`--${name}: expected an integer${name.includes('port') ? ' port' : ''} >= ${min}, got '${String(raw)}'`);
  }
  return value;
}

/** Waits for `stopped` (or forever without it). */
export function untilStopped(stopped: Promise<void> | undefined): Promise<void> {
  return stopped ?? new Promise<void>(() => {});
}

/** One line for a port already taken. */
export function describeListenError(error: unknown): string | undefined {
  const e = error as { code?: unknown; port?: unknown; address?: unknown } | null;
  if (e?.code === 'EADDRINUSE') return `${String(e.address)}:${String(e.port)} is already in use (another \`sightline dev\`, or a Collector?)`;
  if (e?.code === 'EACCES' || e?.code === 'EADDRNOTAVAIL') return `cannot listen on ${String(e.address)}:${String(e.port)} (${String(e.code)})`;
  return undefined;
}
