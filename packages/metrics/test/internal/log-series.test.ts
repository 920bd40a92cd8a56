import { describe, expect, it } from 'vitest';
import { SeriesTable } from '../../src/internal/log-series.js';

describe('SeriesTable', () => {
  it('keeps at most maxSeries pairs, one "other" event per scope and one "other" scope beyond', () => {
    const table = new SeriesTable(2);
    const a = table.scope('a');
    expect(table.event(a, 'x').event).toBe('x'); // second series
    expect(table.scope('b').name).toBe('other');
    const folded = table.event(a, 'y');
    expect([folded.scope, folded.event, folded.folded]).toEqual(['a', 'other', true]);
    expect(table.event(a, 'z')).toBe(folded);
    const other = table.scope('c');
    expect(table.event(other, 'w')).toBe(table.event(table.scope('d'), 'v'));
    expect([...table.all()]).toHaveLength(5); // a, a/x, a/other, other, other/other
  });

  it('builds the attributes of a series once per severity', () => {
    const table = new SeriesTable(10);
    const series = table.event(table.scope('app'), 'order.placed');
    const attributes = series.attributesFor(4);
    expect(attributes).toEqual({ 'sightline.log.severity': 'error', 'sightline.log.scope': 'app', 'otel.event.name': 'order.placed' });
    expect(series.attributesFor(4)).toBe(attributes);
    expect(table.scope('app').plain.attributesFor(2)).toEqual({ 'sightline.log.severity': 'info', 'sightline.log.scope': 'app' });
  });
});
