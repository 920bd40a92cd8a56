/** Node's `--unhandled-rejections` modes. */
export type UnhandledRejectionsMode = 'throw' | 'strict' | 'warn' | 'none' | 'warn-with-error-code';

const MODES: readonly string[] = ['throw', 'strict', 'warn', 'none', 'warn-with-error-code'];
const FLAG = '--unhandled-rejections';

function lastModeIn(args: readonly string[]): UnhandledRejectionsMode | undefined {
  let mode: UnhandledRejectionsMode | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    let value: string | undefined;
    if (arg.startsWith(`${FLAG}=`)) value = arg.slice(FLAG.length + 1);
    else if (arg === FLAG) value = args[++i];
    if (value !== undefined && MODES.includes(value)) mode = value as UnhandledRejectionsMode;
  }
  return mode;
}

/**
 * The mode this process runs with: the command line wins over `NODE_OPTIONS`; `throw` (Node's default
 * since v15) when neither sets one.
 */
export function unhandledRejectionsMode(
  execArgv: readonly string[] = process.execArgv,
  nodeOptions: string | undefined = process.env.NODE_OPTIONS,
): UnhandledRejectionsMode {
  return lastModeIn(execArgv) ?? lastModeIn((nodeOptions ?? '').split(/\s+/)) ?? 'throw';
}
