import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createChainHasher, GENESIS_HASH, openLine, type ChainHasher, type OpenedLine } from './internal/chain.js';
import type { SecretKey } from './types.js';

/** Options of {@link verifyAuditTrail}. */
export interface VerifyOptions {
  /**
   * The HMAC key the trail was written with (`SIGHTLINE_HMAC_KEY`). With a key, every segment must be keyed
   * with it: a plain SHA-256 segment, which anyone can write, fails. Required for keyed trails.
   */
  key?: SecretKey;
}

/**
 * What is wrong at the first bad line. All but `key_required` and `unreadable` mean the trail is not what
 * its writer wrote (`tampered`).
 */
export type TamperKind =
  | 'modified'
  | 'deleted'
  | 'inserted'
  | 'reordered'
  | 'truncated'
  | 'wrong_key'
  | 'not_keyed'
  | 'key_required'
  | 'unreadable';

/** The first problem found. `line` is 1-based within `file` (0: the file as a whole). */
export interface VerifyProblem {
  file: string;
  line: number;
  kind: TamperKind;
  detail: string;
  /** The trail was altered (or forged), as opposed to: it could not be checked (no key, unreadable file). */
  tampered: boolean;
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
  /** The algorithm the lines were verified with: `hmac-sha256` exactly when a key was given. */
  alg: 'sha256' | 'hmac-sha256';
  /** Id of the given key (HMAC only). */
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

/** Kinds that say "could not check" rather than "altered". */
const NOT_TAMPERING: ReadonlySet<TamperKind> = new Set(['key_required', 'unreadable']);

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
 * the first line that was modified, deleted, inserted, reordered or truncated. The hash algorithm comes from
 * the caller, never from the file: with a key, every line must carry an HMAC under it, so a trail rewritten
 * with plain SHA-256 fails. Every file must start with its `segment` header. A torn line sealed by a
 * `recovery` line is accepted; every complete line around it must still verify.
 */
export async function verifyAuditTrail(files: readonly string[], options: VerifyOptions = {}): Promise<VerifyResult> {
  const hasher = createChainHasher(options.key);
  const result: VerifyResult = {
    ok: true,
    files: files.length,
    lines: 0,
    records: 0,
    firstSeq: undefined,
    lastSeq: undefined,
    lastHash: undefined,
    alg: hasher.alg,
    keyId: hasher.keyId,
    segments: 0,
    recovered: 0,
    dropped: 0,
    startsMidChain: false,
    problem: undefined,
  };
  let expectedSeq: number | undefined;
  let prevHash: string | undefined;
  const seen = new Map<number, string>();

  const fail = (file: string, line: number, kind: TamperKind, detail: string): VerifyResult => {
    result.ok = false;
    result.problem = { file, line, kind, detail, tampered: !NOT_TAMPERING.has(kind) };
    return result;
  };

  for (const file of files) {
    let data: Buffer;
    try {
      data = await readFile(file);
    } catch (error) {
      return fail(file, 0, 'unreadable', error instanceof Error ? error.message : String(error));
    }
    if (data.length === 0) return fail(file, 1, 'truncated', 'the file is empty: its segment header is missing (cut, or the writer stopped before its first write)');
    const { lines, torn } = splitLines(data);
    const opened = lines.map((raw) => openLine(raw.toString('utf8')));
    let headerSeen = false;
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
      const type = line.entry.type;
      if (type === 'segment') {
        if (headerSeen || !onlyRecoveryBefore(opened, i)) {
          return fail(file, lineNo, 'inserted', 'a segment header that is not at the start of its file');
        }
        const problem = headerProblem(line, hasher);
        if (problem !== undefined) return fail(file, lineNo, problem.kind, problem.detail);
        headerSeen = true;
        result.segments++;
      } else if (!headerSeen && type !== 'recovery') {
        return fail(file, lineNo, 'deleted', 'the file does not start with its segment header');
      }
      if (hasher.hash(line.body) !== line.hash) {
        const skipsIt = next !== undefined && next.seq === expectedSeq && next.prev === prevHash;
        return skipsIt
          ? fail(file, lineNo, 'inserted', 'the line was not written by the trail: the next line chains to the one before it')
          : fail(file, lineNo, 'modified', `the ${hasher.alg === 'sha256' ? 'SHA-256' : 'HMAC-SHA256'} hash does not match the line (content edited)`);
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
      if (type === 'record') result.records++;
      else if (type === 'gap' && typeof line.entry.dropped === 'number') result.dropped += line.entry.dropped;
    }
    if (!headerSeen) return fail(file, lines.length, 'deleted', 'the file has no segment header');
  }
  return result;
}

/**
 * Why a segment header does not match the verifier's algorithm, if it does not. The header cannot choose
 * the algorithm: a forger would write `"alg":"sha256"`.
 */
function headerProblem(header: OpenedLine, hasher: ChainHasher): { kind: TamperKind; detail: string } | undefined {
  const { alg, key_id: keyId, segment } = header.entry;
  if (hasher.alg === 'hmac-sha256') {
    if (alg !== 'hmac-sha256') {
      return {
        kind: 'not_keyed',
        detail: `segment ${String(segment)} says ${JSON.stringify(alg)}, not keyed: a key was given, and anyone can write plain SHA-256 (verify a trail written without a key without one)`,
      };
    }
    if (keyId !== hasher.keyId) {
      return { kind: 'wrong_key', detail: `segment ${String(segment)} is keyed with key id ${String(keyId)}, the given key's id is ${hasher.keyId}` };
    }
    return undefined;
  }
  if (alg === 'hmac-sha256') {
    return { kind: 'key_required', detail: `segment ${String(segment)} is keyed (HMAC key id ${String(keyId)}): pass its key (SIGHTLINE_HMAC_KEY)` };
  }
  return alg === 'sha256' ? undefined : { kind: 'modified', detail: `segment ${String(segment)} names an unknown algorithm ${JSON.stringify(alg)}` };
}

/** Whether every line of the file before line `index` is a torn line or the recovery line that sealed it. */
function onlyRecoveryBefore(opened: ReadonlyArray<OpenedLine | undefined>, index: number): boolean {
  for (let j = 0; j < index; j++) if (opened[j] !== undefined && opened[j]!.entry.type !== 'recovery') return false;
  return true;
}

/** Whether `next` is the recovery line that sealed exactly these torn bytes. */
function sealsTorn(next: OpenedLine, torn: Buffer): boolean {
  return (
    next.entry.type === 'recovery' &&
    next.entry.torn_bytes === torn.length &&
    next.entry.torn_sha256 === createHash('sha256').update(torn).digest('hex')
  );
}
