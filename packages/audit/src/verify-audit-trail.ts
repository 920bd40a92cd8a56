import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createChainHasher, GENESIS_HASH, openLine, type ChainHasher, type OpenedLine } from './internal/chain.js';
import type { SecretKey } from './types.js';

/** Options of {@link verifyAuditTrail}. */
export interface VerifyOptions {
  /** The HMAC key the trail was written with (`SIGHTLINE_HMAC_KEY`). Required for keyed trails. */
  key?: SecretKey;
}

/** What is wrong at the first bad line. */
export type TamperKind = 'modified' | 'deleted' | 'inserted' | 'reordered' | 'truncated' | 'wrong_key' | 'unreadable';

/** The first problem found. `line` is 1-based within `file`. */
export interface VerifyProblem {
  file: string;
  line: number;
  kind: TamperKind;
  detail: string;
}

/** Result of {@link verifyAuditTrail}. */
export interface VerifyResult {
  ok: boolean;
  files: number;
  /** Lines verified (records and markers). */
  lines: number;
  records: number;
  firstSeq: number | undefined;
  lastSeq: number | undefined;
  lastHash: string | undefined;
  alg: 'sha256' | 'hmac-sha256' | undefined;
  keyId: string | undefined;
  /** Segment headers seen (one per file written). */
  segments: number;
  /** Torn lines that a later start sealed with a `recovery` line. */
  recovered: number;
  /** Entries the writer dropped and recorded in `gap` lines. */
  dropped: number;
  /** The first line does not start a trail (earlier segments were not given or were removed). */
  startsMidChain: boolean;
  problem: VerifyProblem | undefined;
}

/** A file's lines as raw bytes; `torn` when the last one has no terminating newline. */
function splitLines(data: Buffer): { lines: Buffer[]; torn: boolean } {
  const lines: Buffer[] = [];
  let start = 0;
  for (let i = data.indexOf(0x0a); i !== -1; i = data.indexOf(0x0a, start)) {
    lines.push(data.subarray(start, i));
    start = i + 1;
  }
  const torn = start < data.length;
  if (torn) lines.push(data.subarray(start));
  return { lines, torn };
}

/**
 * Checks a trail — its files in order, oldest first (`audit-000001.jsonl`, …, `audit.jsonl`) — and reports
 * the first line that was modified, deleted, inserted, reordered or truncated. A torn line sealed by a
 * `recovery` line is accepted; every complete line around it must still verify.
 */
export async function verifyAuditTrail(files: readonly string[], options: VerifyOptions = {}): Promise<VerifyResult> {
  const result: VerifyResult = {
    ok: true,
    files: files.length,
    lines: 0,
    records: 0,
    firstSeq: undefined,
    lastSeq: undefined,
    lastHash: undefined,
    alg: undefined,
    keyId: undefined,
    segments: 0,
    recovered: 0,
    dropped: 0,
    startsMidChain: false,
    problem: undefined,
  };
  const keyed = createChainHasher(options.key);
  const plain = createChainHasher(undefined);
  let hasher: ChainHasher | undefined;
  let expectedSeq: number | undefined;
  let prevHash: string | undefined;
  const seen = new Map<number, string>();

  const fail = (file: string, line: number, kind: TamperKind, detail: string): VerifyResult => {
    result.ok = false;
    result.problem = { file, line, kind, detail };
    return result;
  };

  for (const file of files) {
    let data: Buffer;
    try {
      data = await readFile(file);
    } catch (error) {
      return fail(file, 0, 'unreadable', error instanceof Error ? error.message : String(error));
    }
    const { lines, torn } = splitLines(data);
    const opened = lines.map((raw) => openLine(raw.toString('utf8')));
    for (let i = 0; i < lines.length; i++) {
      const lineNo = i + 1;
      const line = opened[i];
      const next = opened[i + 1];
      if (line === undefined) {
        if (i === lines.length - 1 && torn) {
          return fail(file, lineNo, 'truncated', `the last line is incomplete (${lines[i]!.length} bytes, no newline): cut, or torn by a crash and not yet recovered`);
        }
        if (next !== undefined && sealsTorn(next, lines[i]!)) {
          result.recovered++;
          continue;
        }
        return fail(file, lineNo, 'modified', 'not a well-formed trail line');
      }
      if (line.entry.type === 'segment') {
        const alg = line.entry.alg === 'hmac-sha256' ? 'hmac-sha256' : 'sha256';
        if (alg === 'hmac-sha256' && options.key === undefined) {
          return fail(file, lineNo, 'wrong_key', `the trail is keyed (HMAC key id ${String(line.entry.key_id)}); pass its key (SIGHTLINE_HMAC_KEY)`);
        }
        if (alg === 'hmac-sha256' && line.entry.key_id !== keyed.keyId) {
          return fail(file, lineNo, 'wrong_key', `the trail's key id is ${String(line.entry.key_id)}, the given key's is ${keyed.keyId}`);
        }
        hasher ??= alg === 'hmac-sha256' ? keyed : plain;
        result.alg = hasher.alg;
        result.keyId = hasher.keyId;
        result.segments++;
      }
      hasher ??= options.key === undefined ? plain : keyed;
      if (hasher.hash(line.body) !== line.hash) {
        const skipsIt = next !== undefined && next.seq === expectedSeq && next.prev === prevHash;
        return skipsIt
          ? fail(file, lineNo, 'inserted', 'the line was not written by the trail: the next line chains to the one before it')
          : fail(file, lineNo, 'modified', 'the hash does not match the line (content edited)');
      }
      if (expectedSeq === undefined) {
        result.firstSeq = line.seq;
        result.startsMidChain = line.prev !== GENESIS_HASH;
      } else if (line.seq > expectedSeq) {
        const laterAt = opened.findIndex((other, j) => j > i && other?.seq === expectedSeq);
        return laterAt !== -1
          ? fail(file, lineNo, 'reordered', `seq ${line.seq} comes before seq ${expectedSeq} (line ${laterAt + 1})`)
          : fail(file, lineNo, 'deleted', `seq ${expectedSeq}..${line.seq - 1} missing before this line`);
      } else if (line.seq < expectedSeq) {
        return seen.get(line.seq) === line.hash
          ? fail(file, lineNo, 'inserted', `a copy of seq ${line.seq}, which appeared earlier`)
          : fail(file, lineNo, 'reordered', `seq ${line.seq} appears after seq ${expectedSeq - 1}`);
      } else if (line.prev !== prevHash) {
        return fail(file, lineNo, i === 0 ? 'deleted' : 'modified', i === 0 ? 'does not chain to the end of the previous file' : 'does not chain to the previous line');
      }
      seen.set(line.seq, line.hash);
      if (seen.size > 100_000) seen.delete(seen.keys().next().value!);
      expectedSeq = line.seq + 1;
      prevHash = line.hash;
      result.lines++;
      result.lastSeq = line.seq;
      result.lastHash = line.hash;
      if (line.entry.type === 'record') result.records++;
      else if (line.entry.type === 'gap' && typeof line.entry.dropped === 'number') result.dropped += line.entry.dropped;
    }
  }
  return result;
}

/** Whether `next` is the recovery line that sealed exactly these torn bytes. */
function sealsTorn(next: OpenedLine, torn: Buffer): boolean {
  return (
    next.entry.type === 'recovery' &&
    next.entry.torn_bytes === torn.length &&
    next.entry.torn_sha256 === createHash('sha256').update(torn).digest('hex')
  );
}
