/**
 * The `register` preload ships as one bundle per format with the Sightline and OpenTelemetry SDK packages
 * inlined (docs/development.md): its source maps must still lead a debugger, or `--enable-source-maps`, from
 * the bundle to the TypeScript of each package it carries.
 */
import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const DIST = fileURLToPath(new URL('../packages/core/dist/', import.meta.url));

/** Where in the original sources the first line of the bundle matching `pattern` comes from. */
function origin(bundle: string, pattern: RegExp): { source: string; line: number; text: string } {
  const lines = readFileSync(DIST + bundle, 'utf8').split('\n');
  const line = lines.findIndex((l) => pattern.test(l));
  expect(line, `${bundle}: ${pattern}`).toBeGreaterThanOrEqual(0);
  const payload = JSON.parse(readFileSync(`${DIST}${bundle}.map`, 'utf8')) as { sources: string[]; sourcesContent: string[] };
  const entry = new SourceMap(payload).findEntry(line, lines[line]!.search(/\S/)) as { originalSource: string; originalLine: number };
  const text = payload.sourcesContent[payload.sources.indexOf(entry.originalSource)]!.split('\n')[entry.originalLine]!;
  return { source: fileURLToPath(new URL(entry.originalSource, new URL(bundle, `file://${DIST}`))), line: entry.originalLine, text };
}

describe.each(['register.js', 'register.cjs'])('dist/%s', (bundle) => {
  it.each([
    { from: 'core', pattern: /^function bootstrap\(/, source: /packages\/core\/src\/bootstrap\.ts$/, text: /export function bootstrap\(/ },
    { from: 'redaction', pattern: /^function createRedactor\(/, source: /packages\/redaction\/src\/create-redactor\.ts$/, text: /export function createRedactor\(/ },
    { from: 'sdk-trace', pattern: /^var Tracer(\$\d+)? = class/, source: /@opentelemetry\/sdk-trace\/src\/Tracer\.ts$/, text: /class Tracer\b/ },
  ])('maps code inlined from $from to its TypeScript', ({ pattern, source, text }) => {
    const found = origin(bundle, pattern);
    expect(found.source).toMatch(source);
    expect(found.text).toMatch(text);
  });
});
