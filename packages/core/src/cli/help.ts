import type { Command, CommandOption } from './command.js';
import type { CommandEntry } from './commands.js';

const HELP_ROW: [string, string] = ['-h, --help', 'show this help'];
const VERSION_ROW: [string, string] = ['    --version', 'print the version of @sightline/core'];

/** Two columns, the first padded to its longest entry. */
function table(rows: ReadonlyArray<readonly [string, string]>): string[] {
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  return rows.map(([left, right]) => `  ${left.padEnd(width)}${right}`);
}

function flag(long: string, option: CommandOption): string {
  const short = option.short === undefined ? '    ' : `-${option.short}, `;
  return `${short}--${long}${option.type === 'string' ? ` ${option.valueName ?? 'VALUE'}` : ''}`;
}

/** Help of one command: usage, description, options, exit codes. */
export function commandHelp(name: string, command: Command): string {
  const options = Object.entries(command.options).map(([long, option]): [string, string] => [flag(long, option), option.description]);
  return [
    `usage: sightline ${name} ${command.usage}`,
    '',
    command.description,
    '',
    'options:',
    ...table([...options, HELP_ROW]),
    '',
    'exit codes:',
    ...command.exitCodes.map((line) => `  ${line}`),
    '',
  ].join('\n');
}

/** Help of the top level (`prefix` empty) or of a group of commands (`prefix` = `audit`). */
export function groupHelp(prefix: string, entries: readonly CommandEntry[]): string {
  return [
    `usage: ${prefix === '' ? 'sightline' : `sightline ${prefix}`} <command> [options]`,
    '',
    'commands:',
    ...table(entries.map((entry) => [entry.name, entry.summary])),
    '',
    'options:',
    ...table(prefix === '' ? [HELP_ROW, VERSION_ROW] : [HELP_ROW]),
    '',
    "Run `sightline <command> --help` for a command's options.",
    '',
  ].join('\n');
}
