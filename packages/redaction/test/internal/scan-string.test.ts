import { describe, expect, it } from 'vitest';
import type { Detector } from '../../src/internal/detector.js';
import { BUILTIN_DETECTORS } from '../../src/internal/detectors/builtin.js';
import { compileCustomPattern, customDetector as compile } from '../../src/internal/detectors/custom.js';

const customDetector = (p: { type: string; pattern: RegExp }) => compile(p, compileCustomPattern(p.pattern));
import { scanString } from '../../src/internal/scan-string.js';
import { testContext } from '../fixtures/context.js';

const throwing: Detector = {
  name: 'boom',
  triggers: 0,
  pii: false,
  find() {
    throw new Error('detector bug');
  },
};

describe('scanString', () => {
  it('returns the very same string when nothing is found', () => {
    const ctx = testContext(BUILTIN_DETECTORS);
    const s = `request ${'id-'.repeat(3)} took 12 ms`;
    expect(scanString(ctx, s)).toBe(s);
    expect(scanString(ctx, '')).toBe('');
    expect(ctx.counter.total).toBe(0);
  });

  it('replaces each found range and counts it by type', () => {
    const ctx = testContext(BUILTIN_DETECTORS);
    expect(scanString(ctx, 'mail a@example.com or b@example.org, card 4111 1111 1111 1111')).toBe(
      'mail [REDACTED:email] or [REDACTED:email], card [REDACTED:card]',
    );
    expect(ctx.counter.byType()).toEqual({ email: 2, card: 1 });
  });

  it('merges overlapping ranges into one, named by the best-ranked detector', () => {
    const ctx = testContext([customDetector({ type: 'first', pattern: /abcdef/ }), customDetector({ type: 'second', pattern: /defghi/ })]);
    expect(scanString(ctx, 'xx abcdefghi yy')).toBe('xx [REDACTED:first] yy');
    expect(ctx.counter.total).toBe(1);
  });

  it('fails closed: a detector that throws turns the whole string into [REDACTED:error], counted', () => {
    const ctx = testContext([throwing]);
    expect(scanString(ctx, 'anything at all')).toBe('[REDACTED:error]');
    expect(ctx.counter.byType()).toEqual({ error: 1 });
  });

  it('searches the percent-decoded form too, and redacts the encoded original', () => {
    const ctx = testContext(BUILTIN_DETECTORS);
    expect(scanString(ctx, 'https://x.test/p?email=jane.doe%40example.com&n=1')).toBe('https://x.test/p?email=[REDACTED:email]&n=1');
    expect(scanString(ctx, 'q=100%25 done')).toBe('q=100%25 done');
  });

  it('searches for secrets only in a secrets-only context', () => {
    const ctx = testContext(BUILTIN_DETECTORS);
    const text = 'jane@example.com ghp_16C7e42F292c6912E7710c838347Ae178B4a';
    expect(scanString(ctx.secretsOnly, text)).toBe('jane@example.com [REDACTED:github_token]');
    expect(scanString(ctx, text)).toBe('[REDACTED:email] [REDACTED:github_token]');
  });

  it('runs detectors without triggers on every string', () => {
    const ctx = testContext([customDetector({ type: 'word', pattern: /plain/ })]);
    expect(scanString(ctx, 'plain')).toBe('[REDACTED:word]');
  });

  describe('memory of clean messages', () => {
    /** A detector that runs on every string, counts its runs and finds `secret`. */
    function counting(): { detector: Detector; runs: () => number } {
      let runs = 0;
      const detector: Detector = {
        name: 'word',
        triggers: 0,
        pii: false,
        find(text, sink) {
          runs++;
          const at = text.indexOf('secret');
          if (at !== -1) sink.add(at, at + 6);
        },
      };
      return { detector, runs: () => runs };
    }
    const message = (i: number): string => `request ${i} completed in 12 ms for tenant acme-corp`;

    it('searches a message of 41 to 4 096 characters found clean once, however often it comes again', () => {
      const { detector, runs } = counting();
      const ctx = testContext([detector]);
      for (let k = 0; k < 5; k++) expect(scanString(ctx, message(1))).toBe(message(1));
      expect(runs()).toBe(1);
    });

    it('keeps the two latest clean messages of each set, and never remembers one that was redacted', () => {
      const { detector, runs } = counting();
      const ctx = testContext([detector]);
      const messages = Array.from({ length: 200 }, (_, i) => message(i));
      for (const m of messages) scanString(ctx, m);
      const searched = runs();
      // Every set holds its two newest messages: the last two of all (in one set or two) are found without a search.
      scanString(ctx, messages[199]);
      scanString(ctx, messages[198]);
      expect(runs()).toBe(searched);
      const secret = 'request 1 completed with secret abc for tenant acme-corp';
      expect(scanString(ctx, secret)).toBe('request 1 completed with [REDACTED:word] abc for tenant acme-corp');
      expect(scanString(ctx, secret)).toBe('request 1 completed with [REDACTED:word] abc for tenant acme-corp');
      expect(runs()).toBe(searched + 2);
    });
  });

  describe('maxStringLength', () => {
    it('cuts longer strings and says how much was cut', () => {
      const ctx = testContext(BUILTIN_DETECTORS, { maxStringLength: 10 });
      expect(scanString(ctx, 'abcdefghijklmnopqrstuvwxyz')).toBe('abcdefghij...[TRUNCATED:16 chars]');
      expect(ctx.counter.byType()).toEqual({ truncated: 1 });
      expect(scanString(ctx, 'abcdefghij')).toBe('abcdefghij');
    });

    it('never cuts a secret in half: one that starts before the cut is redacted whole', () => {
      const ctx = testContext(BUILTIN_DETECTORS, { maxStringLength: 12 });
      const key = 'ghp_16C7e42F292c6912E7710c838347Ae178B4a';
      expect(scanString(ctx, `token is ${key} and more text`)).toBe('token is [REDACTED:github_token]...[TRUNCATED:14 chars]');
    });

    it('cuts a huge string, whatever lies past the cut', () => {
      const ctx = testContext(BUILTIN_DETECTORS, { maxStringLength: 100 });
      const tail = ' a@example.com';
      const out = scanString(ctx, `${'x'.repeat(1 << 20)}${tail}`);
      expect(out).toBe(`${'x'.repeat(100)}...[TRUNCATED:${(1 << 20) + tail.length - 100} chars]`);
      expect(ctx.counter.byType()).toEqual({ truncated: 1 });
    });
  });
});
