import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXIT_FAILED, UsageError, type Command } from '../../src/cli/command.js';
import type { CommandEntry } from '../../src/cli/commands.js';
import { runCli } from '../../src/cli/run-cli.js';
import { memoryIo } from './trail-fixtures.js';

/** A table of two commands whose modules count their loads. */
function fakeCommands() {
  const loads: string[] = [];
  const calls: Array<{ values: unknown; positionals: readonly string[] }> = [];
  const command = (name: string, run: Command['run']): CommandEntry => ({
    name,
    summary: `the ${name} command`,
    load: async () => {
      loads.push(name);
      return { command: { usage: '[--flag] [--name N] <x…>', description: `Does ${name}.`, options: { flag: { type: 'boolean', short: 'f', description: 'a flag' }, name: { type: 'string', valueName: 'N', description: 'a name' } }, exitCodes: ['0  done'], run } };
    },
  });
  const commands = [
    command('tool check', async (input) => {
      calls.push(input);
      return EXIT_FAILED;
    }),
    command('tool misuse', async () => {
      throw new UsageError('that is not how');
    }),
    command('crash', async () => {
      throw new Error('boom');
    }),
  ];
  return { commands, loads, calls };
}

async function run(argv: string[], commands?: readonly CommandEntry[]) {
  const io = memoryIo();
  const code = await runCli(argv, io, commands);
  return { code, out: io.out, err: io.err };
}

describe('runCli', () => {
  it('--help, -h and `help` list the commands from the table without loading any, exit 0', async () => {
    const { commands, loads } = fakeCommands();
    for (const argv of [['--help'], ['-h'], ['help']]) {
      const result = await run(argv, commands);
      expect(result).toMatchObject({ code: 0, err: '' });
      expect(result.out).toContain('usage: sightline <command> [options]');
      expect(result.out).toMatch(/ {2}tool check {3}the tool check command\n/);
    }
    expect(loads).toEqual([]);
  });

  it('a group lists its commands: `sightline tool --help`', async () => {
    const { commands, loads } = fakeCommands();
    const result = await run(['tool', '--help'], commands);
    expect(result.code).toBe(0);
    expect(result.out).toContain('usage: sightline tool <command>');
    expect(result.out).toContain('tool misuse');
    expect(result.out).not.toContain('crash');
    expect(loads).toEqual([]);
  });

  it('`<command> --help` and `help <command>` print the command help and do not run it', async () => {
    const { commands, loads, calls } = fakeCommands();
    for (const argv of [['tool', 'check', '--help'], ['tool', 'check', 'x', '-h', '--bogus'], ['help', 'tool', 'check']]) {
      const result = await run(argv, commands);
      expect(result).toMatchObject({ code: 0, err: '' });
      expect(result.out).toMatch(/^usage: sightline tool check \[--flag\] \[--name N\] <x…>\n\nDoes tool check\.\n\noptions:\n {2}-f, --flag {4}a flag\n {6}--name N {2}a name\n {2}-h, --help {4}show this help\n/);
    }
    expect(calls).toEqual([]);
    expect(loads).toEqual(['tool check', 'tool check', 'tool check']);
  });

  it('parses options strictly with parseArgs and passes the command its exit code', async () => {
    const { commands, calls } = fakeCommands();
    expect((await run(['tool', 'check', '-f', '--name=n1', 'a', 'b', '--', '--not-an-option'], commands)).code).toBe(1);
    expect(calls).toEqual([{ values: { flag: true, name: 'n1' }, positionals: ['a', 'b', '--not-an-option'] }]);
  });

  it('exits 2 with one line on misuse: unknown option, missing value, usage error, unknown command', async () => {
    const { commands } = fakeCommands();
    const unknown = await run(['tool', 'check', '--bogus'], commands);
    expect(unknown).toMatchObject({ code: 2, out: '' });
    expect(unknown.err).toMatch(/^sightline tool check: Unknown option '--bogus'.*\nRun `sightline tool check --help` for usage\.\n$/);
    expect((await run(['tool', 'check', '--name'], commands)).code).toBe(2);
    expect((await run(['tool', 'misuse'], commands)).err).toBe('sightline tool misuse: that is not how\nRun `sightline tool misuse --help` for usage.\n');
    const noSuch = await run(['tool', 'frob'], commands);
    expect(noSuch.code).toBe(2);
    expect(noSuch.err).toMatch(/^sightline tool: unknown command 'frob'\n/);
    expect((await run(['--bogus'], commands)).code).toBe(2);
  });

  it('an error thrown by a command exits 2 with its message, never 1', async () => {
    const { commands } = fakeCommands();
    expect(await run(['crash'], commands)).toEqual({ code: 2, out: '', err: 'sightline crash: boom\n' });
  });

  it('without a command, prints the help to stderr and exits 2', async () => {
    const { commands } = fakeCommands();
    const result = await run([], commands);
    expect(result).toMatchObject({ code: 2, out: '' });
    expect(result.err).toContain('commands:');
  });

  it('--version prints the version of @sightline/core', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(await run(['--version'])).toEqual({ code: 0, out: `${version}\n`, err: '' });
  });

  it('the real table has `audit verify`', async () => {
    const result = await run(['--help']);
    expect(result.out).toMatch(/ {2}audit verify {2}check a hash-chained audit trail for tampering\n/);
  });

  it('property: any argv resolves to 0, 1 or 2 and never rejects', async () => {
    const word = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('tool', 'check', 'misuse', 'help', '--flag', '-f', '--name', '--name=x', '--help', '-h', '--', '--version', '--bogus'));
    await fc.assert(
      fc.asyncProperty(fc.array(word, { maxLength: 6 }), async (argv) => {
        const { commands } = fakeCommands();
        const result = await run(argv, commands);
        expect([0, 1, 2]).toContain(result.code);
        if (result.code === 2) expect(result.err).not.toBe('');
      }),
      { numRuns: 300 },
    );
  });
});

