import type { Command } from './command.js';

/** A command in the table: its words, its one-line summary, and how to load it. */
export interface CommandEntry {
  /** The words after `sightline`, e.g. `audit verify`. */
  readonly name: string;
  readonly summary: string;
  load(): Promise<{ readonly command: Command }>;
}

/**
 * Every `sightline` command. Add one: a file under `cli/` exporting `command`, and a row here. `--help` at
 * the top or for a group reads this table only; a command's module loads when it runs or shows its help.
 */
export const COMMANDS: readonly CommandEntry[] = [
  { name: 'audit verify', summary: 'check a hash-chained audit trail for tampering', load: () => import('./audit-verify.js') },
];
