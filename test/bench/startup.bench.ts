/**
 * Issue 15, target 1: the start-up cost of the preload, process-level. Each case is a whole `node` process
 * running an empty application, timed from spawn to exit (wall clock), in paired, interleaved rounds (see
 * startup-timing.ts): bare Node, the `register` preload with the default configuration (OTLP exporters for
 * the three signals; nothing listens, as on a machine without a Collector), the preload with every exporter
 * `none`, a bare OpenTelemetry `NodeSDK` with its default configuration started in a preload (the
 * reference), and the preload under Node's compile cache as an app can enable it (`NODE_COMPILE_CACHE`).
 * The second table is the median of the per-round differences to bare Node, and its title the median of the
 * per-round ratios of the preload's added time to the NodeSDK's (what the CI check holds).
 * `STARTUP_ROUNDS` sets the number of rounds (default 30).
 */
import { loadavg } from 'node:os';
import type { CaseResult } from './harness.ts';
import { report } from './harness.ts';
import { addedRatio, BARE, measureStartup, NODE_SDK, SIGHTLINE, SIGHTLINE_COMPILE_CACHE, SIGHTLINE_NO_EXPORT } from './startup-timing.ts';

const rounds = Number(process.env.STARTUP_ROUNDS ?? 30);
const load = loadavg()[0]!.toFixed(1);
const results = measureStartup([BARE, SIGHTLINE, SIGHTLINE_NO_EXPORT, NODE_SDK, SIGHTLINE_COMPILE_CACHE], rounds);
const ms = (value: number) => value * 1e6;

const wall: CaseResult[] = results.map((r) => ({
  name: r.name,
  medianNs: ms(r.medianMs),
  meanNs: ms(r.samplesMs.reduce((a, b) => a + b, 0) / r.samplesMs.length),
  p99Ns: ms(Math.max(...r.samplesMs)),
  samples: r.samplesMs.length,
}));
const added: CaseResult[] = results.slice(1).map((r) => ({
  name: r.name,
  medianNs: ms(r.addedMs),
  meanNs: ms(r.samplesMs.reduce((a, b, k) => a + b - results[0]!.samplesMs[k]!, 0) / r.samplesMs.length),
  p99Ns: ms(Math.max(...r.samplesMs.map((b, k) => b - results[0]!.samplesMs[k]!))),
  samples: rounds,
}));

const [bare, sightline, sightlineNoExport, nodeSdk] = results;
const ratios = `default ${addedRatio(sightline!, nodeSdk!, bare!).toFixed(2)}, every exporter none ${addedRatio(sightlineNoExport!, nodeSdk!, bare!).toFixed(2)}`;

report('startup', [
  { group: `whole process, empty application, ${rounds} paired rounds (load average ${load} at the start)`, cases: wall },
  {
    group: `added over bare Node: median (mean) of the per-round differences; the preload's added time over the NodeSDK's, median of the per-round ratios: ${ratios}`,
    cases: added,
  },
], 'wall time of whole processes, spawn to exit, median (mean) of paired interleaved rounds');
