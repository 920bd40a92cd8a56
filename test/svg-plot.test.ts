import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderPlot, type Panel, type Plot } from './bench/svg-plot.ts';

/** Parses strictly: any warning or error of the XML parser fails the test. */
function parse(svg: string): Document {
  return new DOMParser({
    onError: (level, message) => {
      throw new Error(`${level}: ${message}`);
    },
  }).parseFromString(svg, 'image/svg+xml');
}

function byClass(root: Document | Element, tag: string, className: string): Element[] {
  return Array.from(root.getElementsByTagName(tag)).filter((e) => (e.getAttribute('class') ?? '').split(' ').includes(className));
}

function points(polyline: Element): Array<[number, number]> {
  return polyline
    .getAttribute('points')!
    .trim()
    .split(/\s+/)
    .map((pair) => pair.split(',').map(Number) as [number, number]);
}

const bytes = (n: number) => (n >= 1024 ? `${n / 1024} KiB` : `${n} B`);
const micro = (ns: number) => `${ns / 1000} µs`;

// Hand-written numbers, in no particular x order.
const sizePanel: Panel = {
  title: 'by body size',
  x: { label: 'body size (bytes)', scale: 'log', format: bytes, ticks: [32, 512, 16_384] },
  y: { label: 'ns per record', scale: 'log', format: micro },
  series: [
    { name: 'bare SDK', points: [[512, 2_100], [32, 1_500], [16_384, 9_800]] },
    { name: 'sightline', points: [[32, 1_900], [16_384, 30_500], [512, 3_300]] },
    { name: 'pino <redact> & "file"', points: [[16_384, 12_000], [512, 2_000], [32, 1_200]] },
  ],
};
const attributePanel: Panel = {
  title: 'by attribute count',
  x: { label: 'attributes per record', scale: 'log1p' },
  y: { label: 'ns per record', scale: 'log', format: micro },
  series: [
    { name: 'bare SDK', points: [[0, 900], [64, 21_000], [4, 1_800], [1, 1_100]] },
    { name: 'sightline', points: [[0, 1_000], [1, 1_300], [4, 2_500], [64, 33_000]] },
    { name: 'pino <redact> & "file"', points: [[64, 15_000], [0, 700], [1, 800], [4, 1_500]] },
  ],
};
const plot: Plot = {
  title: 'Cost per log record',
  panels: [sizePanel, attributePanel],
  caption: ['2 × AMD EPYC, Node v24.21.0, 2026-12-06', 'medians of tinybench samples'],
};

describe('renderPlot', () => {
  const svg = renderPlot(plot);
  const doc = parse(svg);
  const panels = byClass(doc, 'g', 'panel');

  it('writes well-formed SVG with its namespace and title', () => {
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg ')).toBe(true);
    expect(doc.documentElement!.namespaceURI).toBe('http://www.w3.org/2000/svg');
    expect(doc.getElementsByTagName('title')[0]!.textContent).toBe('Cost per log record');
  });

  it('draws one polyline per series in each panel, named after its series', () => {
    expect(panels.map((p) => p.getAttribute('data-title'))).toEqual(['by body size', 'by attribute count']);
    for (const panel of panels) {
      const lines = Array.from(panel.getElementsByTagName('polyline'));
      expect(lines).toHaveLength(3);
      expect(lines.map((l) => (l.parentNode as Element).getAttribute('data-series'))).toEqual(['bare SDK', 'sightline', 'pino <redact> & "file"']);
      for (const line of lines) expect(points(line)).toHaveLength(panel === panels[0] ? 3 : 4);
    }
  });

  it('draws every line in increasing x, whatever the order of its points', () => {
    for (const line of Array.from(doc.getElementsByTagName('polyline'))) {
      const xs = points(line).map((p) => p[0]);
      for (let i = 1; i < xs.length; i++) expect(xs[i]!).toBeGreaterThan(xs[i - 1]!);
    }
  });

  it('puts larger values higher, on log axes', () => {
    // sightline by size, sorted by x: 1 900, 3 300, 30 500 ns: each point above the previous one.
    const sightline = points(panels[0]!.getElementsByTagName('polyline')[1]!);
    expect(sightline[1]![1]).toBeLessThan(sightline[0]![1]);
    expect(sightline[2]![1]).toBeLessThan(sightline[1]![1]);
    // log: 32 → 512 is as wide as 512 → 16 384 / 2 (×16 then ×32).
    const [a, b, c] = sightline.map((p) => p[0]);
    expect((c! - b!) / (b! - a!)).toBeCloseTo(5 / 4, 1);
  });

  it('labels both axes of each panel, its ticks and the legend', () => {
    const texts = (root: Element, className: string) => byClass(root, 'text', className).map((t) => t.textContent);
    expect(texts(panels[0]!, 'x-label')).toEqual(['body size (bytes)']);
    expect(texts(panels[1]!, 'x-label')).toEqual(['attributes per record']);
    expect(texts(panels[0]!, 'y-label')).toEqual(['ns per record']);
    expect(texts(panels[0]!, 'x-tick')).toEqual(['32 B', '512 B', '16 KiB']);
    // log2(1 + x) ticks: 0 and the powers of two up to the largest count.
    expect(texts(panels[1]!, 'x-tick')).toEqual(['0', '1', '2', '4', '8', '16', '32', '64']);
    // 1-2-5 steps within the data (1.2 µs … 30.5 µs, the axis padded by 6 % of its log range: 0.99–37 µs).
    expect(texts(panels[0]!, 'y-tick')).toEqual(['1 µs', '2 µs', '5 µs', '10 µs', '20 µs']);
    const legend = byClass(doc, 'g', 'legend-item').map((g) => g.getElementsByTagName('text')[0]!.textContent);
    expect(legend).toEqual(['bare SDK', 'sightline', 'pino <redact> & "file"']);
    expect(byClass(doc, 'text', 'caption').map((t) => t.textContent)).toEqual(plot.caption);
  });

  it('wraps a legend wider than the plot into rows above the panels', () => {
    const long = Array.from({ length: 5 }, (_, i) => ({ name: `series ${i} with a name long enough to need its own part of a row`, points: [[1, 1], [2, 2]] as const }));
    const narrow = parse(renderPlot({ title: 't', panels: [{ ...sizePanel, series: long }] }));
    const items = byClass(narrow, 'g', 'legend-item').map((g) => g.getAttribute('transform')!.match(/translate\(([\d.]+),([\d.]+)\)/)!.slice(1).map(Number));
    expect(items).toHaveLength(5);
    const rowTops = [...new Set(items.map(([, y]) => y))];
    expect(rowTops.length).toBeGreaterThan(1);
    for (const [x] of items) expect(x).toBeGreaterThanOrEqual(0);
    for (const top of rowTops) {
      const xs = items.filter(([, y]) => y === top).map(([x]) => x!);
      expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    }
    const frameTop = Number(byClass(narrow, 'g', 'panel')[0]!.getElementsByTagName('rect')[0]!.getAttribute('y'));
    expect(frameTop).toBeGreaterThan(Math.max(...rowTops) + 20);
  });

  it('refuses values an axis cannot show', () => {
    const withPoint = (scale: 'log' | 'log1p', x: number): Plot => ({
      title: 't',
      panels: [{ ...attributePanel, x: { label: 'x', scale }, series: [{ name: 's', points: [[x, 1], [2, 2]] }] }],
    });
    expect(() => renderPlot(withPoint('log', 0))).toThrow(/log axis/);
    expect(() => renderPlot(withPoint('log1p', -1))).toThrow(/log\(1 \+ x\)/);
    expect(() => renderPlot(withPoint('log1p', Number.NaN))).toThrow(/finite/);
    expect(() => renderPlot(withPoint('log1p', 0))).not.toThrow();
  });

  it('keeps every point inside its panel and every line monotone in x, for any data', () => {
    const scale = fc.constantFrom('linear' as const, 'log' as const, 'log1p' as const);
    const series = fc.uniqueArray(fc.double({ min: 0.001, max: 1e9, noNaN: true }), { minLength: 1, maxLength: 12 }).chain((xs) =>
      fc.array(fc.double({ min: 0.001, max: 1e9, noNaN: true }), { minLength: xs.length, maxLength: xs.length }).map((ys) => xs.map((x, i) => [x, ys[i]!] as const)),
    );
    fc.assert(
      fc.property(scale, scale, fc.array(series, { minLength: 1, maxLength: 4 }), fc.string(), (xScale, yScale, lines, name) => {
        const rendered = renderPlot({
          title: name,
          caption: [name],
          panels: [{ title: name, x: { label: name, scale: xScale }, y: { label: name, scale: yScale }, series: lines.map((points, i) => ({ name: `${name}${i}`, points })) }],
        });
        const parsed = parse(rendered);
        const frame = Array.from(byClass(parsed, 'g', 'panel')[0]!.getElementsByTagName('rect'))[0]!;
        const [left, top, width, height] = ['x', 'y', 'width', 'height'].map((a) => Number(frame.getAttribute(a)));
        const drawn = Array.from(parsed.getElementsByTagName('polyline'));
        expect(drawn).toHaveLength(lines.length);
        for (const line of drawn) {
          const ps = points(line);
          for (let i = 1; i < ps.length; i++) expect(ps[i]![0]).toBeGreaterThanOrEqual(ps[i - 1]![0]);
          for (const [x, y] of ps) {
            expect(x).toBeGreaterThanOrEqual(left!);
            expect(x).toBeLessThanOrEqual(left! + width!);
            expect(y).toBeGreaterThanOrEqual(top!);
            expect(y).toBeLessThanOrEqual(top! + height!);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
