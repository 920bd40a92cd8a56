/**
 * A small line chart as standalone SVG, for the plots in docs/benchmarks.md: panels side by side, each
 * with its own axes (linear, log10, or log2(1 + x) for counts that start at 0), one polyline per series
 * with a marker at every point, one legend for all panels and a caption under them. No dependency: the
 * charting packages on npm either need a DOM or bring d3's dozen modules for what fits in this file.
 */

/** How an axis maps values: `log` needs values > 0; `log1p` (log2(1 + v)) takes 0 and needs v ≥ 0. */
export type Scale = 'linear' | 'log' | 'log1p';

export interface Axis {
  /** Text under (x) or beside (y) the axis. */
  label: string;
  scale: Scale;
  /** Tick label of a value (default: `String`). */
  format?: (value: number) => string;
  /** Where the ticks go (default: 1-2-5 steps on `log`, powers of 2 on `log1p`, about 5 round steps on `linear`). */
  ticks?: readonly number[];
}

/** One line: points in any order, drawn sorted by x. */
export interface Series {
  name: string;
  points: ReadonlyArray<readonly [x: number, y: number]>;
}

export interface Panel {
  title: string;
  x: Axis;
  y: Axis;
  /** A series of the same name has the same colour and marker in every panel. */
  series: readonly Series[];
}

export interface Plot {
  title: string;
  panels: readonly Panel[];
  /** Lines of small text under the panels (the machine, the date, the method). */
  caption?: readonly string[];
  /** Size of one panel's box in px, axes and labels included (default 480 × 340). */
  panelWidth?: number;
  panelHeight?: number;
}

const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b'];
const DASHES = ['', '6 3', '2 3', '8 3 2 3'];
const MARGIN = { left: 68, right: 16, top: 30, bottom: 52 };
const HEADER = 64;
const CAPTION_LINE = 16;
const LEGEND_ROW = 18;

/** Renders `plot` as an SVG document (UTF-8 XML with its declaration). Throws on a value its axis cannot show. */
export function renderPlot(plot: Plot): string {
  const panelWidth = plot.panelWidth ?? 480;
  const panelHeight = plot.panelHeight ?? 340;
  const caption = plot.caption ?? [];
  const names = [...new Set(plot.panels.flatMap((p) => p.series.map((s) => s.name)))];
  const width = panelWidth * plot.panels.length;
  const key = legend(names, width);
  const header = HEADER + (key.rows - 1) * LEGEND_ROW;
  const height = header + panelHeight + caption.length * CAPTION_LINE + 8;
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="12" role="img">`,
    `<title>${escape(plot.title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="${width / 2}" y="20" text-anchor="middle" font-size="15" font-weight="bold">${escape(plot.title)}</text>`,
    key.svg,
  ];
  plot.panels.forEach((panel, i) => out.push(renderPanel(panel, names, i * panelWidth, header, panelWidth, panelHeight)));
  caption.forEach((line, i) =>
    out.push(`<text class="caption" x="${MARGIN.left}" y="${header + panelHeight + (i + 1) * CAPTION_LINE}" font-size="11" fill="#444">${escape(line)}</text>`),
  );
  out.push('</svg>', '');
  return out.join('\n');
}

/** The legend, items laid left to right in centred rows (widths estimated from the text: 12 px text ≈ 6.6 px a character). */
function legend(names: readonly string[], width: number): { svg: string; rows: number } {
  const itemWidth = (name: string) => 34 + name.length * 6.6 + 24;
  const rows: number[][] = [[]];
  let used = 0;
  names.forEach((name, i) => {
    const w = itemWidth(name);
    if (used + w > width - 20 && rows.at(-1)!.length > 0) {
      rows.push([]);
      used = 0;
    }
    rows.at(-1)!.push(i);
    used += w;
  });
  const items = rows.flatMap((row, r) => {
    let x = (width - row.reduce((sum, i) => sum + itemWidth(names[i]!), 0)) / 2;
    return row.map((i) => {
      const item = [
        `<g class="legend-item" transform="translate(${fmt(x)},${42 + r * LEGEND_ROW})">`,
        `<line x1="0" y1="0" x2="28" y2="0" ${stroke(i)}/>`,
        marker(i, 14, 0),
        `<text x="34" y="4">${escape(names[i]!)}</text>`,
        '</g>',
      ].join('');
      x += itemWidth(names[i]!);
      return item;
    });
  });
  return { svg: `<g class="legend">${items.join('')}</g>`, rows: rows.length };
}

function renderPanel(panel: Panel, names: readonly string[], left: number, top: number, width: number, height: number): string {
  const plotLeft = left + MARGIN.left;
  const plotTop = top + MARGIN.top;
  const plotWidth = width - MARGIN.left - MARGIN.right;
  const plotHeight = height - MARGIN.top - MARGIN.bottom;
  const all = panel.series.flatMap((s) => s.points);
  const xs = all.map((p) => p[0]);
  const ys = all.map((p) => p[1]);
  const xMap = mapper(panel.x, xs, plotLeft, plotLeft + plotWidth, 0.04);
  const yMap = mapper(panel.y, ys, plotTop + plotHeight, plotTop, 0.06);
  const out = [`<g class="panel" data-title="${escape(panel.title)}">`];
  out.push(`<text class="panel-title" x="${fmt(plotLeft + plotWidth / 2)}" y="${top + 18}" text-anchor="middle" font-size="13" font-weight="bold">${escape(panel.title)}</text>`);
  out.push(`<rect x="${fmt(plotLeft)}" y="${fmt(plotTop)}" width="${fmt(plotWidth)}" height="${fmt(plotHeight)}" fill="none" stroke="#000"/>`);
  const formatX = panel.x.format ?? String;
  const formatY = panel.y.format ?? String;
  for (const t of xMap.ticks) {
    const x = fmt(xMap.at(t));
    out.push(`<line class="grid" x1="${x}" y1="${fmt(plotTop)}" x2="${x}" y2="${fmt(plotTop + plotHeight)}" stroke="#e4e4e4"/>`);
    out.push(`<text class="x-tick" x="${x}" y="${fmt(plotTop + plotHeight + 16)}" text-anchor="middle">${escape(formatX(t))}</text>`);
  }
  for (const t of yMap.ticks) {
    const y = fmt(yMap.at(t));
    out.push(`<line class="grid" x1="${fmt(plotLeft)}" y1="${y}" x2="${fmt(plotLeft + plotWidth)}" y2="${y}" stroke="#e4e4e4"/>`);
    out.push(`<text class="y-tick" x="${fmt(plotLeft - 6)}" y="${y}" dy="4" text-anchor="end">${escape(formatY(t))}</text>`);
  }
  out.push(`<text class="x-label" x="${fmt(plotLeft + plotWidth / 2)}" y="${fmt(plotTop + plotHeight + 38)}" text-anchor="middle">${escape(panel.x.label)}</text>`);
  const yLabelX = fmt(left + 14);
  const yLabelY = fmt(plotTop + plotHeight / 2);
  out.push(`<text class="y-label" x="${yLabelX}" y="${yLabelY}" text-anchor="middle" transform="rotate(-90 ${yLabelX} ${yLabelY})">${escape(panel.y.label)}</text>`);
  for (const series of panel.series) {
    const index = names.indexOf(series.name);
    const points = [...series.points].sort((a, b) => a[0] - b[0]).map(([x, y]) => [xMap.at(x), yMap.at(y)] as const);
    out.push(`<g class="series" data-series="${escape(series.name)}">`);
    out.push(`<polyline points="${points.map(([x, y]) => `${fmt(x)},${fmt(y)}`).join(' ')}" fill="none" ${stroke(index)}/>`);
    for (const [x, y] of points) out.push(marker(index, x, y));
    out.push('</g>');
  }
  out.push('</g>');
  return out.join('\n');
}

interface AxisMap {
  at: (value: number) => number;
  ticks: number[];
}

/** Maps values of `axis` onto [from, to] px, the data range padded by `pad` of its width on each side. */
function mapper(axis: Axis, values: readonly number[], from: number, to: number, pad: number): AxisMap {
  for (const v of values) {
    if (!Number.isFinite(v)) throw new RangeError(`${axis.label}: ${v} is not a finite number`);
    if (axis.scale === 'log' && v <= 0) throw new RangeError(`${axis.label}: ${v} cannot be shown on a log axis`);
    if (axis.scale === 'log1p' && v < 0) throw new RangeError(`${axis.label}: ${v} cannot be shown on a log(1 + x) axis`);
  }
  if (values.length === 0) throw new RangeError(`${axis.label}: no points`);
  const t = transform(axis.scale);
  let lo = Math.min(...values.map(t));
  let hi = Math.max(...values.map(t));
  if (hi === lo) {
    lo -= 0.5;
    hi += 0.5;
  }
  const span = hi - lo;
  lo -= span * pad;
  hi += span * pad;
  const at = (v: number) => from + ((t(v) - lo) / (hi - lo)) * (to - from);
  const inside = (v: number) => t(v) >= lo - 1e-9 && t(v) <= hi + 1e-9;
  const ticks = (axis.ticks ?? autoTicks(axis.scale, Math.min(...values), Math.max(...values))).filter(inside);
  return { at, ticks };
}

function transform(scale: Scale): (v: number) => number {
  if (scale === 'log') return Math.log10;
  if (scale === 'log1p') return (v) => Math.log2(1 + v);
  return (v) => v;
}

/** 1-2-5 steps (log), 0 and powers of 2 (log1p), or round steps (linear) covering [min, max]. */
function autoTicks(scale: Scale, min: number, max: number): number[] {
  const ticks: number[] = [];
  if (scale === 'log') {
    for (let decade = Math.floor(Math.log10(min)); decade <= Math.ceil(Math.log10(max)); decade++) {
      for (const m of [1, 2, 5]) {
        const v = m * 10 ** decade;
        if (v >= min / 1.5 && v <= max * 1.5) ticks.push(Number(v.toPrecision(12)));
      }
    }
    return ticks;
  }
  if (scale === 'log1p') {
    ticks.push(0);
    for (let v = 1; v <= max * 1.5; v *= 2) if (v >= min) ticks.push(v);
    return ticks;
  }
  const raw = (max - min || 1) / 5;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw)!;
  for (let v = Math.ceil(min / step) * step; v <= max + step / 2; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

function stroke(index: number): string {
  const dash = DASHES[index % DASHES.length]!;
  return `stroke="${COLOURS[index % COLOURS.length]}" stroke-width="2"${dash ? ` stroke-dasharray="${dash}"` : ''}`;
}

/** A circle, square or triangle (by series) centred on (x, y), so the lines differ without colour too. */
function marker(index: number, x: number, y: number): string {
  const fill = `fill="${COLOURS[index % COLOURS.length]}"`;
  const shape = index % 3;
  if (shape === 0) return `<circle cx="${fmt(x)}" cy="${fmt(y)}" r="3.5" ${fill}/>`;
  if (shape === 1) return `<rect x="${fmt(x - 3.5)}" y="${fmt(y - 3.5)}" width="7" height="7" ${fill}/>`;
  return `<polygon points="${fmt(x)},${fmt(y - 4.5)} ${fmt(x + 4)},${fmt(y + 3)} ${fmt(x - 4)},${fmt(y + 3)}" ${fill}/>`;
}

function fmt(n: number): string {
  return String(Math.round(n * 10) / 10);
}

/** Escapes markup, and replaces what XML 1.0 cannot hold at all (control characters, lone surrogates) by U+FFFD. */
function escape(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}
