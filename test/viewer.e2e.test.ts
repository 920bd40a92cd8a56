/// <reference lib="dom" />
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startViewer, type RunningViewer } from '@sightline/viewer';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNode } from './fixtures/run-node.js';
import { hostileLogs, hostileSpans, HOSTILE_TRACE_ID, postJson } from './fixtures/viewer/hostile-telemetry.js';

/** Debian's `chromium` package (`.ci/run` installs it); Playwright drives it, no downloaded browser. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const DEMO_MAIN = fileURLToPath(new URL('../examples/demo/src/main.ts', import.meta.url));
/** `SIGHTLINE_SCREENSHOTS=1` rewrites the PNGs that README.md and docs/viewer.md show. */
const SCREENSHOT_DIR = process.env.SIGHTLINE_SCREENSHOTS === '1' ? fileURLToPath(new URL('../docs/images/', import.meta.url)) : undefined;

let viewer: RunningViewer;
let browser: Browser;
let page: Page;
const requested: string[] = [];
const pageErrors: string[] = [];

async function shot(name: string): Promise<void> {
  if (SCREENSHOT_DIR === undefined) return;
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOT_DIR}${name}.png` });
}

async function resetFilters(): Promise<void> {
  for (const id of ['#f-service', '#f-model', '#f-tool', '#f-severity']) await page.selectOption(id, '');
  await page.fill('#f-text', '');
}

/** Clicks the trace-list row whose root span name is `name`. */
async function openTrace(name: string): Promise<void> {
  await resetFilters();
  await page.locator('.trace-row', { hasText: name }).first().click();
  await page.locator('#trace-head', { hasText: name }).waitFor();
}

async function clickSpan(name: string): Promise<void> {
  await page.locator('.spanrow .name', { hasText: name }).first().click();
}

describe.skipIf(!existsSync(CHROMIUM) && process.env.CI !== 'true')('the viewer in headless Chromium, with the demo app sending to it', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    viewer = await startViewer({ port: 0, otlpPort: 0 });
    const run = await runNode(['--import', '@sightline/core/register', DEMO_MAIN], {
      env: {
        OTEL_SERVICE_NAME: 'sightline-demo',
        OTEL_EXPORTER_OTLP_ENDPOINT: viewer.otlpUrl!,
        OTEL_LOGS_EXPORTER: 'otlp',
        OTEL_TRACES_EXPORTER: 'otlp',
        OTEL_METRICS_EXPORTER: 'otlp',
        OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: 'true',
        SIGHTLINE_LOG_LEVEL: 'debug',
      },
      timeoutMs: 60_000,
    });
    expect(run.code, run.stderr).toBe(0);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
    page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    // Generous for a loaded CI machine: every wait below is for something that does happen.
    page.setDefaultTimeout(30_000);
    page.on('request', (request) => requested.push(request.url()));
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    await page.goto(viewer.pageUrl);
    await page.locator('.trace-row').first().waitFor();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await viewer?.close();
  });

  it('lists the demo traces with service, duration, error, LLM tokens and tool calls', async () => {
    await page.locator('.trace-row', { hasText: 'assistant turn' }).first().waitFor();
    const board = page.locator('.trace-row', { hasText: 'board decision' }).first();
    await expect(board.locator('.badge.err').textContent()).resolves.toBe('error');
    await expect(board.textContent()).resolves.toContain('sightline-demo');
    // The assistant turn: an AI SDK agent and a LangChain chain, with LLM calls, tokens and a tool call.
    const turn = await page.locator('.trace-row', { hasText: 'assistant turn' }).first().locator('span').allTextContents();
    expect(Number(turn[4])).toBeGreaterThan(0); // LLM calls
    expect(turn[5]).toMatch(/^\d+(\.\d)?k?\/\d+(\.\d)?k?$/); // tokens in/out
    expect(Number(turn[6])).toBeGreaterThan(0); // tool calls
    await shot('viewer-traces');
  });

  it('filters the list by model, tool and free text', async () => {
    await page.selectOption('#f-model', { label: 'claude-haiku-4-5' });
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('.trace-row')];
      return rows.length > 0 && rows.every((row) => row.textContent?.includes('chat claude-haiku-4-5'));
    });
    await page.selectOption('#f-model', '');
    await page.selectOption('#f-tool', { label: 'get_weather' });
    // 'agent turn' is in the list before and after the filter applies: wait for the list without the tool's absentees.
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('.trace-row')].map((row) => row.textContent ?? '');
      return rows.some((row) => row.includes('agent turn')) && !rows.some((row) => row.includes('board decision'));
    });
    const tooled = await page.locator('.trace-row').allTextContents();
    expect(tooled.some((row) => row.includes('chat claude-haiku-4-5'))).toBe(false);
    await page.selectOption('#f-tool', '');
    await page.fill('#f-text', 'wf-42');
    await page.waitForFunction(() => document.querySelector('#list-count')?.textContent?.startsWith('1 of'));
    await expect(page.locator('.trace-row').first().textContent()).resolves.toContain('board decision');
  });

  it('a list response that arrives after a newer one is dropped: the filter the user set wins', async () => {
    await resetFilters();
    await page.locator('.trace-row', { hasText: 'board decision' }).first().waitFor();
    // The next unfiltered list request is held back 1.5 s, so that it answers after the filtered one.
    let held = false;
    const hold = async (route: import('playwright-core').Route) => {
      if (!held && !route.request().url().includes('tool=')) {
        held = true;
        await new Promise((resolve) => setTimeout(resolve, 1500));
      }
      await route.continue();
    };
    const isList = (url: URL) => url.pathname === '/api/traces';
    await page.route(isList, hold);
    try {
      await page.evaluate(() => void (window as unknown as { sightlineViewer: { refreshList(): Promise<void> } }).sightlineViewer.refreshList());
      await page.selectOption('#f-tool', { label: 'get_weather' });
      await page.waitForFunction(() => [...document.querySelectorAll('.trace-row')].some((row) => row.textContent?.includes('agent turn')));
      await new Promise((resolve) => setTimeout(resolve, 2500)); // the held response has come and gone
      expect(held).toBe(true);
      const rows = await page.locator('.trace-row').allTextContents();
      expect(rows.some((row) => row.includes('agent turn'))).toBe(true);
      expect(rows.some((row) => row.includes('board decision'))).toBe(false);
    } finally {
      await page.unroute(isList, hold);
      await resetFilters();
    }
  });

  it('shows the waterfall with the trace logs interleaved and linked to their spans', async () => {
    await openTrace('board decision');
    await page.locator('.spanrow', { hasText: 'step review' }).waitFor();
    await expect(page.locator('.spanrow .err', { hasText: 'step review' }).count()).resolves.toBe(1);
    const rows = await page.locator('#waterfall .vrow .name').allTextContents();
    const started = rows.findIndex((row) => row.includes('workflow started'));
    const research = rows.findIndex((row) => row.includes('step research'));
    expect(started).toBeGreaterThan(0);
    expect(research).toBeGreaterThan(started); // the log came before the steps started, in time order
    expect(rows.some((row) => row.includes('the legacy pino logger is captured too'))).toBe(true);
    // The detail pane fills in after its fetch: wait for the text rather than reading it at once.
    await page.locator('.logrow', { hasText: 'a step failed' }).click();
    await page.locator('#span-detail', { hasText: 'exception.type' }).waitFor();
    await page.locator('#span-detail button.link', { hasText: 'go to span' }).click();
    // The log's detail names the span too ("go to span board decision"): wait for the span's own table.
    await page.locator('#span-detail h3', { hasText: /^Span$/ }).waitFor();
    const detail = await page.locator('#span-detail').textContent();
    expect(detail).toContain('board decision');
    expect(detail).not.toContain('go to span');
    await shot('viewer-waterfall');
  });

  it('shows an LLM call: model, tokens in/out, finish reason and the captured messages', async () => {
    await openTrace('assistant turn');
    await clickSpan('chat gpt-5-mini');
    const detail = page.locator('.llm-detail');
    await detail.waitFor();
    await detail.scrollIntoViewIfNeeded();
    const text = await detail.textContent();
    expect(text).toContain('gpt-5-mini');
    expect(text).toMatch(/tokens in\d+/);
    expect(text).toMatch(/tokens out\d+/);
    expect(text).toContain('finish reason');
    await expect(detail.locator('pre.messages').count()).resolves.toBeGreaterThan(0);
    await shot('viewer-llm');
  });

  it('shows an MCP tool call with its method, tool, and the client span it was called from', async () => {
    await openTrace('agent turn');
    const serverRow = page.locator('.spanrow', { hasText: 'tools/call get_weather' }).nth(1);
    await serverRow.click();
    const mcp = page.locator('.mcp-detail');
    await mcp.waitFor();
    const text = await mcp.textContent();
    expect(text).toContain('tools/call');
    expect(text).toContain('get_weather');
    expect(text).toMatch(/called by|served by/);
  });

  it('shows metrics from the OTLP metrics received, and exceptions grouped', async () => {
    await page.click('#tabs button[data-tab="metrics"]');
    await page.locator('#metrics table').first().waitFor();
    const text = await page.locator('#metrics').textContent();
    expect(text).toContain('gen_ai.client.operation.duration');
    expect(text).toMatch(/gpt-5-mini.*input/);
    expect(text).toContain('INFO');
    await shot('viewer-metrics');
    await page.click('#tabs button[data-tab="exceptions"]');
    await page.locator('#exceptions details').first().waitFor();
    await expect(page.locator('#exceptions').textContent()).resolves.toContain('step review timed out');
    await page.click('#tabs button[data-tab="traces"]');
  });

  it('escapes hostile span names, attribute keys, values and log bodies, and loads nothing from elsewhere', async () => {
    await resetFilters();
    await postJson(`${viewer.otlpUrl}/v1/traces`, hostileSpans());
    await postJson(`${viewer.otlpUrl}/v1/logs`, hostileLogs());
    await page.fill('#f-text', HOSTILE_TRACE_ID);
    await page.locator('.trace-row').first().waitFor();
    await page.waitForFunction(() => document.querySelector('#list-count')?.textContent?.startsWith('1 of'));
    await page.locator('.trace-row').first().click();
    await page.locator('.spanrow').first().click();
    await page.locator('.logrow').first().click();
    await page.locator('.spanrow').first().click();
    const pwned = await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);
    expect(pwned).toBeUndefined();
    // No element came from telemetry: only the page's own script, no img/iframe/a anywhere.
    await expect(page.locator('script').count()).resolves.toBe(1);
    await expect(page.locator('img, iframe, object, embed, a[href]').count()).resolves.toBe(0);
    await shot('viewer-escaping');
    const shown = await page.locator('body').textContent();
    expect(shown).toContain('<script>window.__pwned=1</script>'); // shown as text
    expect(shown).toContain('\\u202e'); // the bidi override made visible, not applied
    expect(shown).toContain('\\x1b[31m'); // the ANSI escape made visible
    expect(shown).toContain('javascript:window.__pwned=3');
    expect(shown).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u001b]/);
    const origin = new URL(viewer.pageUrl).origin;
    expect(requested.filter((url) => !url.startsWith(origin))).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
