/**
 * Bytes allocated per function by a callgrind workload (`test/bench/callgrind/*.ts`), collected objects
 * included: V8's sampling heap profiler with `includeObjectsCollectedByMinorGC/MajorGC`, every 256 bytes.
 * What a per-call path allocates is what its garbage collection costs: compare two modes of one workload.
 *
 * Usage (after `npm run build`): `node test/bench/alloc-profile.ts <mode> <calls> <workload.ts> <out.tsv>`;
 * writes `bytes<TAB>function url:line` rows, largest first, after a `total` line. Divide by `calls`.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { pathToFileURL } from 'node:url';

interface SamplingNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: SamplingNode[];
}

const [workload, out] = [process.argv[4], process.argv[5]];
if (workload === undefined || out === undefined) throw new Error('usage: alloc-profile.ts <mode> <calls> <workload.ts> <out.tsv>');
const session = new Session();
session.connect();
await session.post('HeapProfiler.enable');
await session.post('HeapProfiler.startSampling', { samplingInterval: 256, includeObjectsCollectedByMinorGC: true, includeObjectsCollectedByMajorGC: true });
// The workload reads its mode and call count from argv[2] and argv[3], as under callgrind.
await import(pathToFileURL(workload).href);
const { profile } = (await session.post('HeapProfiler.stopSampling')) as unknown as { profile: { head: SamplingNode } };
const bytes = new Map<string, number>();
let total = 0;
const walk = (node: SamplingNode): void => {
  const { functionName, url, lineNumber } = node.callFrame;
  const name = `${functionName || '(anonymous)'} ${url.replace(/^(?:file:\/\/)?.*?\/(packages|node_modules)\//, '$1/')}:${lineNumber}`;
  if (node.selfSize > 0) {
    bytes.set(name, (bytes.get(name) ?? 0) + node.selfSize);
    total += node.selfSize;
  }
  for (const child of node.children) walk(child);
};
walk(profile.head);
const rows = [...bytes].sort((a, b) => b[1] - a[1]).map(([name, n]) => `${n}\t${name}`);
writeFileSync(out, [`total\t${total}`, ...rows].join('\n'));
