/**
 * The `sightline` command. `sightline audit verify [--key-env NAME] <file…>` checks an audit trail (files
 * oldest first: `audit*.jsonl` sorts that way) and exits 0 when intact, 1 when tampered with, 2 on misuse.
 * The HMAC key is read from `SIGHTLINE_HMAC_KEY`, or from the variable `--key-env` names.
 */
import { verifyAuditTrail, type VerifyResult } from './verify-audit-trail.js';

const USAGE = 'usage: sightline audit verify [--key-env NAME] <file…>';
const DEFAULT_KEY_ENV = 'SIGHTLINE_HMAC_KEY';

function summary(result: VerifyResult): string {
  const parts = [
    `${result.files} file${result.files === 1 ? '' : 's'}`,
    `${result.lines} lines (${result.records} records), seq ${result.firstSeq ?? '-'}..${result.lastSeq ?? '-'}`,
    `${result.segments} segment${result.segments === 1 ? '' : 's'}`,
    `${result.recovered} torn line${result.recovered === 1 ? '' : 's'} recovered`,
    `${result.dropped} entries dropped by the writer`,
    result.alg === 'hmac-sha256' ? `HMAC-SHA256, key id ${result.keyId}` : 'SHA-256 (no key)',
  ];
  let text = `audit trail intact: ${parts.join(', ')}\nlast hash ${result.lastHash ?? '-'}`;
  if (result.startsMidChain) text += `\nnote: the first line is not the start of the trail (earlier files not given or removed)`;
  return text;
}

async function main(args: string[]): Promise<number> {
  if (args[0] !== 'audit' || args[1] !== 'verify') {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  let keyEnv = DEFAULT_KEY_ENV;
  const files: string[] = [];
  for (let i = 2; i < args.length; i++) {
    if (args[i] === '--key-env') keyEnv = args[++i] ?? '';
    else if (args[i]!.startsWith('--key-env=')) keyEnv = args[i]!.slice('--key-env='.length);
    else files.push(args[i]!);
  }
  if (files.length === 0 || keyEnv === '') {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const key = process.env[keyEnv];
  const result = await verifyAuditTrail(files, { key: key === '' ? undefined : key });
  if (result.ok) {
    process.stdout.write(`${summary(result)}\n`);
    return 0;
  }
  const { file, line, kind, detail } = result.problem!;
  process.stdout.write(`audit trail NOT intact: ${file}:${line}: ${kind}: ${detail}\n`);
  return kind === 'unreadable' ? 2 : 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`sightline: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
