/** What every `sightline` command is made of, and the exit codes they share. */

/** Done; for a check: it passed. */
export const EXIT_OK = 0;
/** The check ran and failed (for `audit verify`: the trail was tampered with). Nothing else exits 1. */
export const EXIT_FAILED = 1;
/** Usage error, unreadable input, or a check that could not run. */
export const EXIT_USAGE = 2;

/** Where a command writes and what it reads from its surroundings (tests pass their own). */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readonly env: NodeJS.ProcessEnv;
  /**
   * Resolves when a long-running command (`dev`, `view`) should stop: SIGINT or SIGTERM in the real
   * command. Without it such a command runs until the process ends.
   */
  readonly stopped?: Promise<void>;
}

/** One option of a command, as `node:util` `parseArgs` takes it, with its help line. */
export interface CommandOption {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  /** Placeholder of a string option's value in the help, e.g. `NAME`. */
  readonly valueName?: string;
  readonly description: string;
}

/** A parsed command line: option values by long name, and the positional arguments. */
export interface CommandInput {
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  readonly positionals: readonly string[];
}

/**
 * A command. Its module is loaded only when the command runs or shows its help, and its top-level imports
 * must stay cheap: import anything heavy (the SDK) inside `run`.
 */
export interface Command {
  /** What follows `sightline <name>` in the usage line, e.g. `[--key-env NAME] <file…>`. */
  readonly usage: string;
  /** Help paragraphs. */
  readonly description: string;
  readonly options: Readonly<Record<string, CommandOption>>;
  /** `code meaning` lines for the help. */
  readonly exitCodes: readonly string[];
  /** Runs the command; resolves to its exit code. Throw {@link UsageError} for misuse. */
  run(input: CommandInput, io: CliIo): Promise<number>;
}

/** Misuse of a command: printed with a pointer to its help, exit code 2. */
export class UsageError extends Error {}
