import type { Detector } from './detector.js';

/** A detector with its rank (its index in the full list; lower wins where ranges overlap). */
export interface RankedDetector {
  readonly detector: Detector;
  readonly rank: number;
}

/** The enabled detectors that one kind of scan runs. */
export interface DetectorSet {
  readonly detectors: readonly RankedDetector[];
  /** Union of their trigger bits. */
  readonly triggers: number;
  /** Some detector runs on every string (a custom pattern, known secrets). */
  readonly always: boolean;
}

/** The enabled detectors of one configuration, compiled once; never mutated, swapped whole. */
export interface CompiledDetectors {
  /** Everything enabled: for values under ordinary keys. */
  readonly all: DetectorSet;
  /** Secrets only, no personal data: for values under allow-listed keys (a route or model name is no e-mail, but may hold a token). */
  readonly secrets: DetectorSet;
  /** Placeholder type of each rank. */
  readonly types: readonly string[];
}

function detectorSet(ranked: readonly RankedDetector[]): DetectorSet {
  let triggers = 0;
  let always = false;
  for (const { detector } of ranked) {
    triggers |= detector.triggers;
    if (detector.triggers === 0) always = true;
  }
  return { detectors: ranked, triggers, always };
}

/** Compiles the detectors of `all` that `isOn` accepts. */
export function compileDetectors(all: readonly Detector[], isOn: (name: string) => boolean): CompiledDetectors {
  const on: RankedDetector[] = [];
  all.forEach((detector, rank) => {
    if (isOn(detector.name)) on.push({ detector, rank });
  });
  return {
    all: detectorSet(on),
    secrets: detectorSet(on.filter(({ detector }) => !detector.pii)),
    types: all.map((detector) => detector.name),
  };
}
