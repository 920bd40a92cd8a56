/// <reference lib="dom" />
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DOMParser, type Element as XmlElement } from '@xmldom/xmldom';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNode } from './fixtures/run-node.js';

/** Debian's `chromium` package (`.ci/run` installs it); Playwright drives it, no downloaded browser. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PLOT = fileURLToPath(new URL('../docs/bench-log-cost.svg', import.meta.url));
const BENCH = fileURLToPath(new URL('./bench/log-cost.bench.ts', import.meta.url));
const SERIES = ['bare OpenTelemetry SDK (batch processor)', 'Sightline (default pipeline, redaction on)', 'pino + redact'];

describe.skipIf(!existsSync(CHROMIUM) && process.env.CI !== 'true')('the committed log-cost plot in headless Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('loads as SVG without errors and draws its lines, axes, legend and caption', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    const response = await page.goto(pathToFileURL(PLOT).href);
    expect(response?.ok() ?? true).toBe(true);
    const drawn = await page.evaluate(() => {
      const root = document.documentElement;
      const box = (e: SVGGraphicsElement | null) => e!.getBBox();
      return {
        root: `${root.namespaceURI} ${root.localName}`,
        parseErrors: document.getElementsByTagName('parsererror').length,
        lines: Array.from(document.querySelectorAll('g.series')).map((g) => ({
          series: g.getAttribute('data-series'),
          width: box(g.querySelector('polyline')).width,
          height: box(g.querySelector('polyline')).height,
        })),
        panels: Array.from(document.querySelectorAll('g.panel')).map((p) => ({
          x: p.querySelector('.x-label')?.textContent,
          y: p.querySelector('.y-label')?.textContent,
          ticks: p.querySelectorAll('.x-tick').length + p.querySelectorAll('.y-tick').length,
        })),
        legend: Array.from(document.querySelectorAll('.legend-item text')).map((t) => t.textContent),
        caption: Array.from(document.querySelectorAll('.caption')).map((t) => t.textContent).join(' '),
      };
    });
    expect(errors).toEqual([]);
    expect(drawn.root).toBe('http://www.w3.org/2000/svg svg');
    expect(drawn.parseErrors).toBe(0);
    expect(drawn.lines.map((l) => l.series)).toEqual([...SERIES, ...SERIES]);
    for (const line of drawn.lines) {
      expect(line.width).toBeGreaterThan(100);
      expect(line.height).toBeGreaterThan(0);
    }
    expect(drawn.panels).toEqual([
      { x: 'body size', y: 'CPU time per record (median)', ticks: expect.any(Number) },
      { x: 'attributes per record', y: 'CPU time per record (median)', ticks: expect.any(Number) },
    ]);
    for (const panel of drawn.panels) expect(panel.ticks).toBeGreaterThanOrEqual(4);
    expect(drawn.legend).toEqual(SERIES);
    expect(drawn.caption).toMatch(/Node v\d+\.\d+\.\d+; \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC; load average \d/);
    await page.close();
  });

  it('is the plot docs/benchmarks.md shows', () => {
    const doc = readFileSync(fileURLToPath(new URL('../docs/benchmarks.md', import.meta.url)), 'utf8');
    expect(doc).toContain('](bench-log-cost.svg)');
  });
});

describe('test/bench/log-cost.bench.ts --quick', () => {
  it('measures the three loggers at two points per sweep and writes the plot where told', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'sightline-plot-')), 'plot.svg');
    const run = await runNode([BENCH, '--quick', '--out', out], { timeoutMs: 120_000 });
    expect(run.code, run.stderr).toBe(0);
    const svg = new DOMParser({
      onError: (level, message) => {
        throw new Error(`${level}: ${message}`);
      },
    }).parseFromString(readFileSync(out, 'utf8'), 'image/svg+xml');
    const panels = Array.from(svg.getElementsByTagName('g')).filter((g) => g.getAttribute('class') === 'panel');
    expect(panels).toHaveLength(2);
    for (const panel of panels) {
      const series = Array.from(panel.getElementsByTagName('g')).filter((g) => g.getAttribute('class') === 'series');
      expect(series.map((g) => g.getAttribute('data-series'))).toEqual(SERIES);
      for (const g of series) {
        const xs = (g.getElementsByTagName('polyline')[0] as XmlElement).getAttribute('points')!.split(' ').map((p) => Number(p.split(',')[0]));
        expect(xs).toHaveLength(2);
        expect(xs[1]!).toBeGreaterThan(xs[0]!);
      }
    }
  }, 130_000);
});
