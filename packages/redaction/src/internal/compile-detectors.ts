import type { Detector } from './detector.js';
import type { Gate } from './gates.js';

/** A detector with its rank (its index in the full list; lower wins where ranges overlap). */
export interface RankedDetector {
  readonly detector: Detector;
  readonly rank: number;
}

/** Enabled detectors sharing one gate. */
export interface GateGroup {
  readonly gate: Gate;
  readonly detectors: readonly RankedDetector[];
}

/** The enabled detectors of one configuration, compiled once; never mutated, swapped whole. */
export interface CompiledDetectors {
  /** Gated detectors, grouped by gate: a group runs only on strings its gate matches. */
  readonly groups: readonly GateGroup[];
  /** Detectors without a gate (custom patterns), run on every string. */
  readonly ungated: readonly RankedDetector[];
  /** Placeholder type of each rank. */
  readonly types: readonly string[];
}

/** Compiles the detectors of `all` that `isOn` accepts. */
export function compileDetectors(all: readonly Detector[], isOn: (name: string) => boolean): CompiledDetectors {
  const byGate = new Map<Gate, RankedDetector[]>();
  const ungated: RankedDetector[] = [];
  all.forEach((detector, rank) => {
    if (!isOn(detector.name)) return;
    if (detector.gate === undefined) {
      ungated.push({ detector, rank });
      return;
    }
    const group = byGate.get(detector.gate) ?? [];
    group.push({ detector, rank });
    byGate.set(detector.gate, group);
  });
  return {
    groups: [...byGate].map(([gate, detectors]) => ({ gate, detectors })),
    ungated,
    types: all.map((detector) => detector.name),
  };
}
