import { createRequire } from 'node:module';
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { EXIT_OK, EXIT_USAGE, UsageError, type CliIo, type CommandInput, type CommandOption } from './command.js';
import { COMMANDS, type CommandEntry } from './commands.js';
import { commandHelp, groupHelp } from './help.js';

const HELP: ParseArgsOptionsConfig = { help: { type: 'boolean', short: 'h' } };

function wordsOf(name: string): string[] {
  return name.split(' ');
}

function startsWith(words: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= words.length && prefix.every((word, i) => words[i] === word);
}

/** `-h` / `--help` anywhere before `--`. */
function asksForHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((arg) => arg === '-h' || arg === '--help');
}

function parseOptions(options: Readonly<Record<string, CommandOption>>): ParseArgsOptionsConfig {
  const config: ParseArgsOptionsConfig = { ...HELP };
  for (const [name, option] of Object.entries(options)) {
    config[name] = option.short === undefined ? { type: option.type } : { type: option.type, short: option.short };
  }
  return config;
}

/** Strict parsing: an unknown option or a missing value throws (`ERR_PARSE_ARGS_*`). */
function parseStrict(args: readonly string[], options: ParseArgsOptionsConfig): CommandInput {
  const { values, positionals } = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  return { values: values as CommandInput['values'], positionals };
}

function isParseError(error: unknown): error is Error {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}

/**
 * Runs `sightline <argv…>`: finds the command whose words start `argv`, parses the rest with `parseArgs`
 * (strict) and runs it. `--help` / `-h` (or `sightline help <command>`) prints help and exits 0; misuse
 * exits 2 with one line saying what is wrong. Resolves to the exit code; never rejects.
 */
export async function runCli(argv: readonly string[], io: CliIo, commands: readonly CommandEntry[] = COMMANDS): Promise<number> {
  const helpWord = argv[0] === 'help';
  const args = helpWord ? argv.slice(1) : argv;
  const entry = commands.find((candidate) => startsWith(args, wordsOf(candidate.name)));
  const name = entry?.name ?? '';
  try {
    if (entry !== undefined) {
      const rest = args.slice(wordsOf(entry.name).length);
      const { command } = await entry.load();
      if (helpWord || asksForHelp(rest)) {
        io.stdout(commandHelp(entry.name, command));
        return EXIT_OK;
      }
      return await command.run(parseStrict(rest, parseOptions(command.options)), io);
    }
    return runGroup(args, helpWord, commands, io);
  } catch (error) {
    const lead = name === '' ? 'sightline' : `sightline ${name}`;
    if (error instanceof UsageError || isParseError(error)) {
      io.stderr(`${lead}: ${error.message}\nRun \`${lead} --help\` for usage.\n`);
    } else {
      io.stderr(`${lead}: ${error instanceof Error ? error.message : String(error)}\n`);
    }
    return EXIT_USAGE;
  }
}

/** The top level or a group of commands (`sightline audit`): help, `--version`, or an unknown command. */
function runGroup(args: readonly string[], helpWord: boolean, commands: readonly CommandEntry[], io: CliIo): number {
  let depth = 0;
  while (depth < args.length && commands.some((entry) => startsWith(wordsOf(entry.name), args.slice(0, depth + 1)))) depth++;
  const prefix = args.slice(0, depth);
  const group = commands.filter((entry) => startsWith(wordsOf(entry.name), prefix));
  const options: ParseArgsOptionsConfig = depth === 0 ? { ...HELP, version: { type: 'boolean' } } : HELP;
  const lead = ['sightline', ...prefix].join(' ');
  let parsed: CommandInput;
  try {
    parsed = parseStrict(args.slice(depth), options);
  } catch (error) {
    if (!isParseError(error)) throw error;
    io.stderr(`${lead}: ${error.message}\nRun \`${lead} --help\` for usage.\n`);
    return EXIT_USAGE;
  }
  const { values, positionals } = parsed;
  if (positionals.length > 0) {
    io.stderr(`${lead}: unknown command '${positionals[0]}'\n\n${groupHelp(prefix.join(' '), group)}`);
    return EXIT_USAGE;
  }
  if (values.help === true || helpWord) {
    io.stdout(groupHelp(prefix.join(' '), group));
    return EXIT_OK;
  }
  if (values.version === true) {
    const { version } = createRequire(import.meta.url)('@sightline/core/package.json') as { version: string };
    io.stdout(`${version}\n`);
    return EXIT_OK;
  }
  io.stderr(groupHelp(prefix.join(' '), group));
  return EXIT_USAGE;
}
