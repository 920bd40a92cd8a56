import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const DEMO_DIR = fileURLToPath(new URL('../examples/demo/', import.meta.url));

describe('the demo (what `npm run demo` runs)', () => {
  it('prints the workflow, the LLM calls and the MCP flow in the pretty console format, correlated', () => {
    const run = spawnSync('npm', ['run', '--silent', 'start'], {
      cwd: DEMO_DIR,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
      timeout: 60_000,
    });
    expect(run.status).toBe(0);
    const out = run.stdout;
    // `npm run demo` starts the viewer, or finds one already running, and prints the page's URL.
    expect(out).toMatch(/Sightline viewer (started|already running): http:\/\/127\.0\.0\.1:4319\//);
    expect(out).toMatch(/The demo's traces, LLM calls, tool calls and logs: http:\/\/127\.0\.0\.1:4319\//);
    expect(out).toMatch(/INFO {2}demo\.workflow workflow started {2}trace=[0-9a-f]{8}/);
    expect(out).toMatch(/SPAN {2}board decision [\d.]+ms trace=[0-9a-f]{8}/);
    expect(out).toMatch(/SPAN {2}step review [\d.]+ms trace=[0-9a-f]{8} status=ERROR: step review timed out/);
    expect(out).toMatch(/ERROR demo\.workflow a step failed/);
    expect(out).toContain('session.id: session-7f3a');
    expect(out).toContain('the legacy pino logger is captured too');
    const workflowTrace = /workflow started {2}trace=([0-9a-f]{8})/.exec(out)?.[1];
    expect(out).toMatch(new RegExp(`SPAN {2}board decision [\\d.]+ms trace=${workflowTrace}`));
    // LLM calls to three providers (the fake ones: no key in this environment), one span each.
    expect(out).toMatch(/SPAN {2}chat gpt-5-mini [\d.]+ms trace=[0-9a-f]{8} kind=client/);
    expect(out).toMatch(/SPAN {2}chat claude-haiku-4-5 [\d.]+ms/);
    expect(out).toMatch(/SPAN {2}generate_content gemini-2.5-flash [\d.]+ms/);
    // MCP: the tool call's server span and the LLM call inside it share the client's trace.
    const toolTrace = /SPAN {2}tools\/call get_weather [\d.]+ms trace=([0-9a-f]{8}) kind=server/.exec(out)?.[1];
    expect(toolTrace).toBeDefined();
    expect(out).toMatch(new RegExp(`SPAN {2}tools/call get_weather [\\d.]+ms trace=${toolTrace} kind=client`));
    expect(out).toMatch(new RegExp(`SPAN {2}agent turn [\\d.]+ms trace=${toolTrace}`));
    // Frameworks: the AI SDK agent (with its tool) and the LangChain chain share the assistant turn's trace.
    const turnTrace = /SPAN {2}assistant turn [\d.]+ms trace=([0-9a-f]{8})/.exec(out)?.[1];
    expect(turnTrace).toBeDefined();
    for (const span of ['invoke_agent weather-agent', 'chat gpt-5-mini-agent', 'execute_tool get_weather', 'RunnableSequence']) {
      expect(out).toMatch(new RegExp(`SPAN {2}${span} [\\d.]+ms trace=${turnTrace}`));
    }
  });
});
