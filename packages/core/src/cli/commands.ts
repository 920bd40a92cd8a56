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
  { name: 'dev', summary: 'receive OTLP on 127.0.0.1:4318 and show it in a web page (needs @sightline/viewer)', load: () => import('./dev.js') },
  { name: 'view', summary: 'show OTLP JSON Lines files in the web page (needs @sightline/viewer)', load: () => import('./view.js') },
  { name: 'audit verify', summary: 'check a hash-chained audit trail for tampering', load: () => import('./audit-verify.js') },
];
