import { verifyAuditTrail, type VerifyResult } from '@sightline/audit/verify';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError, type Command } from './command.js';

/** Where the key is read from unless `--key-env` names another variable. */
const DEFAULT_KEY_ENV = 'SIGHTLINE_HMAC_KEY';

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function summary(result: VerifyResult): string {
  const parts = [
    plural(result.files, 'file'),
    `${result.lines} lines (${result.records} records), seq ${result.firstSeq ?? '-'}..${result.lastSeq ?? '-'}`,
    plural(result.segments, 'segment'),
    `${plural(result.recovered, 'torn line')} recovered`,
    `${result.dropped} entries dropped by the writer`,
    result.alg === 'hmac-sha256' ? `verified with HMAC-SHA256, key id ${result.keyId}` : 'verified with plain SHA-256 (no key)',
  ];
  const lines = [`audit trail intact: ${parts.join(', ')}`, `last hash ${result.lastHash ?? '-'}`];
  if (result.startsMidChain) lines.push('note: the first line is not the start of the trail (earlier files not given or removed)');
  if (result.alg === 'sha256') lines.push('note: without a key anyone who can write the files can recompute the chain: this shows edits, not forgery');
  return `${lines.join('\n')}\n`;
}

/** `sightline audit verify`: the CLI face of `verifyAuditTrail` (@sightline/audit), which holds the logic. */
export const command: Command = {
  usage: '[--key-env NAME] <file…>',
  description: [
    'Checks an audit trail written by the audit trail processor (docs/audit.md): give its files oldest first',
    '(`audit*.jsonl` sorts that way). Prints a summary and the last hash when intact, else the first bad line',
    'as file:line: kind: detail.',
    '',
    'The HMAC key is read from SIGHTLINE_HMAC_KEY, or from the variable --key-env names. With a key, every',
    'segment must be keyed with it: a segment in plain SHA-256, or under another key, fails.',
  ].join('\n'),
  options: {
    'key-env': { type: 'string', valueName: 'NAME', description: `environment variable holding the HMAC key (default ${DEFAULT_KEY_ENV}); it must be set` },
  },
  exitCodes: [
    '0  intact',
    '1  tampered: a line modified, deleted, inserted, reordered or cut, or a segment not keyed with the given key',
    '2  usage error, unreadable file, or a keyed trail and no key given',
  ],
  async run({ values, positionals }, io) {
    if (positionals.length === 0) throw new UsageError('no trail files given');
    const keyEnv = values['key-env'];
    let key: string | undefined;
    if (typeof keyEnv === 'string') {
      if (keyEnv === '') throw new UsageError('--key-env needs the name of an environment variable');
      key = io.env[keyEnv];
      if (key === undefined || key === '') throw new UsageError(`--key-env ${keyEnv}: that environment variable is not set`);
    } else {
      key = io.env[DEFAULT_KEY_ENV] || undefined;
    }
    const result = await verifyAuditTrail(positionals, { key });
    if (result.ok) {
      io.stdout(summary(result));
      return EXIT_OK;
    }
    const { file, line, kind, detail, tampered } = result.problem!;
    if (!tampered) {
      io.stderr(`sightline audit verify: cannot verify: ${file}${line > 0 ? `:${line}` : ''}: ${kind}: ${detail}\n`);
      return EXIT_USAGE;
    }
    io.stdout(`audit trail NOT intact: ${file}:${line}: ${kind}: ${detail}\n`);
    return EXIT_FAILED;
  },
};
