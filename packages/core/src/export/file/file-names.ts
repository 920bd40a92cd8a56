import type { OtlpJsonSignal } from '../otlp-json/serializers.js';

/**
 * Names of the OTLP files: `<signal>-<UTC start time>-<pid>-<n>.jsonl`, e.g.
 * `traces-20261206T001500123Z-4242-0.jsonl`. One file per signal and process at a time, so two processes
 * never append to the same file and a line torn by a crash is never continued by another writer.
 */
export function otlpFileName(signal: OtlpJsonSignal, startedAt: number, sequence: number): string {
  const stamp = new Date(startedAt).toISOString().replace(/[-:.]/g, '');
  return `${signal}-${stamp}-${process.pid}-${sequence}.jsonl`;
}

const NAME = /^(logs|traces|metrics)-\d{8}T\d{9}Z-\d+-\d+\.jsonl$/;

/** Whether `name` is one of ours (the only files retention may delete). */
export function isOtlpFileName(name: string): boolean {
  return NAME.test(name);
}
