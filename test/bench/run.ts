/**
 * `npm run bench`: runs every `test/bench/*.bench.ts` (or the ones named on the command line) in its own
 * process, then rewrites each file's table in docs/benchmarks.md between its markers
 * `<!-- bench:<name> -->` and `<!-- /bench:<name> -->`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { GroupResult } from './harness.ts';

const BENCH_DIR = new URL('./', import.meta.url);
const DOC = new URL('../../docs/benchmarks.md', import.meta.url);

const wanted = process.argv.slice(2);
const files = readdirSync(BENCH_DIR)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.includes(f.replace('.bench.ts', '')));

for (const file of files) {
  console.log(`\n=== ${file}`);
  const run = spawnSync(process.execPath, [new URL(file, BENCH_DIR).pathname], { stdio: 'inherit' });
  if (run.status !== 0) throw new Error(`${file} failed with exit code ${run.status}`);
}

function table(name: string): string {
  const path = new URL(`./results/${name}.json`, BENCH_DIR);
  const data = JSON.parse(readFileSync(path, 'utf8')) as { machine: string; date: string; method?: string; groups: GroupResult[]; markdown?: string };
  const method = data.method ?? 'per operation, median (mean) of tinybench samples';
  const lines = [`Measured ${data.date.slice(0, 10)} on ${data.machine}; ${method}.`, ''];
  if (data.markdown !== undefined) return [...lines, data.markdown].join('\n');
  for (const group of data.groups) {
    const baseline = group.cases[0]!.medianNs;
    lines.push(`**${group.group}**`, '', '| case | median | mean | vs first row |', '|---|---:|---:|---:|');
    for (const c of group.cases) {
      const ratio = group.cases.length > 1 ? `${(c.medianNs / baseline).toFixed(2)}×` : '';
      const show = group.unit === 'bytes' ? (n: number) => `${Math.round(n)} B` : fmt;
      lines.push(`| ${c.name} | ${show(c.medianNs)} | ${show(c.meanNs)} | ${ratio} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

function fmt(ns: number): string {
  if (ns >= 10_000_000) return `${(ns / 1e6).toFixed(1)} ms`;
  return ns >= 10_000 ? `${(ns / 1000).toFixed(1)} µs` : `${ns.toFixed(ns < 100 ? 1 : 0)} ns`;
}

let doc = readFileSync(DOC, 'utf8');
for (const file of readdirSync(BENCH_DIR).filter((f) => f.endsWith('.bench.ts'))) {
  const name = file.replace('.bench.ts', '');
  if (!existsSync(new URL(`./results/${name}.json`, BENCH_DIR))) continue;
  const start = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const from = doc.indexOf(start);
  const to = doc.indexOf(end);
  if (from === -1 || to === -1) {
    console.warn(`docs/benchmarks.md has no markers for "${name}"; add ${start} … ${end}`);
    continue;
  }
  doc = `${doc.slice(0, from + start.length)}\n${table(name)}\n${doc.slice(to)}`;
}
writeFileSync(DOC, doc);
console.log('\ndocs/benchmarks.md updated');
