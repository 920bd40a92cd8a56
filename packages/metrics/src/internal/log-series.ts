import type { Attributes } from '@opentelemetry/api';
import { ATTR_OTEL_EVENT_NAME, ATTR_SIGHTLINE_LOG_SCOPE, ATTR_SIGHTLINE_LOG_SEVERITY, OTHER } from '../semconv.js';
import { SEVERITY_CLASS_COUNT, SEVERITY_CLASSES } from './severity.js';

/** The records of one (scope, event name) pair, by severity class index. */
export class Series {
  readonly counts = new Float64Array(SEVERITY_CLASS_COUNT);
  /** The metric attributes per severity class, built at the first collection that needs them. */
  private attributes: Array<Attributes | undefined> | undefined;

  constructor(
    readonly scope: string,
    /** `undefined`: the scope's records without an event name. */
    readonly event: string | undefined,
    /** Counts records folded here because the series bound was reached. */
    readonly folded: boolean,
  ) {}

  attributesFor(index: number): Attributes {
    const all = (this.attributes ??= new Array<Attributes | undefined>(SEVERITY_CLASS_COUNT));
    let attributes = all[index];
    if (attributes === undefined) {
      attributes = { [ATTR_SIGHTLINE_LOG_SEVERITY]: SEVERITY_CLASSES[index], [ATTR_SIGHTLINE_LOG_SCOPE]: this.scope };
      if (this.event !== undefined) attributes[ATTR_OTEL_EVENT_NAME] = this.event;
      all[index] = attributes;
    }
    return attributes;
  }
}

/** One instrumentation scope's series. */
export class ScopeEntry {
  /** Records without an event name. */
  readonly plain: Series;
  readonly events = new Map<string, Series>();
  /** Where this scope's new event names go once the bound is reached (created on first use). */
  otherEvent: Series | undefined;

  constructor(
    readonly name: string,
    /** The `other` scope: every record in it is folded, its event names are not kept. */
    readonly folding: boolean,
  ) {
    this.plain = new Series(name, undefined, folding);
  }
}

/**
 * The (scope, event name) pairs seen so far, at most `maxSeries` of them; further scopes fold into the
 * `other` scope, further event names of a known scope into its `other` event. The table never holds more
 * than `2 * maxSeries + 1` series: each kept scope has at most one `other` event.
 */
export class SeriesTable {
  readonly scopes = new Map<string, ScopeEntry>();
  /** The scope that stands for every scope past the bound (`other`), created on first use. */
  otherScope: ScopeEntry | undefined;
  /** Series kept so far (folding ones not counted). */
  private size = 0;

  constructor(private readonly maxSeries: number) {}

  /** The entry of a scope name, or the `other` scope past the bound. */
  scope(name: string): ScopeEntry {
    let entry = this.scopes.get(name);
    if (entry !== undefined) return entry;
    if (this.size >= this.maxSeries) return (this.otherScope ??= new ScopeEntry(OTHER, true));
    entry = new ScopeEntry(name, false);
    this.scopes.set(name, entry);
    this.size++;
    return entry;
  }

  /**
   * The series of an event name in a scope, or the scope's `other` event past the bound (folded names are
   * not remembered, so they cost a Map miss each time).
   */
  event(scope: ScopeEntry, name: string): Series {
    const series = scope.folding ? undefined : scope.events.get(name);
    if (series !== undefined) return series;
    if (scope.folding || this.size >= this.maxSeries) return (scope.otherEvent ??= new Series(scope.name, OTHER, true));
    const created = new Series(scope.name, name, false);
    scope.events.set(name, created);
    this.size++;
    return created;
  }

  /** Every series, the folded ones included. */
  *all(): Generator<Series> {
    for (const entry of this.scopes.values()) yield* seriesOf(entry);
    if (this.otherScope !== undefined) yield* seriesOf(this.otherScope);
  }
}

function* seriesOf(entry: ScopeEntry): Generator<Series> {
  yield entry.plain;
  yield* entry.events.values();
  if (entry.otherEvent !== undefined) yield entry.otherEvent;
}
