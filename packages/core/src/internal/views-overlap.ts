import { InstrumentType, type ViewOptions } from '@opentelemetry/sdk-metrics';

/**
 * Whether one of the user's views could select a histogram one of ours selects: by an instrument name
 * pattern that matches its name (`*` and `?` wildcards) or by no name, and no other instrument type.
 */
export function mayReselect(userViews: readonly ViewOptions[], ours: readonly ViewOptions[]): boolean {
  const names = ours.map((view) => view.instrumentName ?? '');
  return userViews.some((view) => {
    if (view.instrumentType !== undefined && view.instrumentType !== InstrumentType.HISTOGRAM) return false;
    const pattern = view.instrumentName;
    if (pattern === undefined) return true;
    const regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
    return names.some((name) => regex.test(name));
  });
}
