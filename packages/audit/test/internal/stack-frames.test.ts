import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFrames } from '../../src/internal/stack-frames.js';
import { parseFramesReference } from '../fixtures/stack-frames-reference.js';

describe('parseFrames', () => {
  it('keeps basename and function, drops line, column, node: frames, and stops at Caused by', () => {
    const stack = [
      'Error: outer',
      '    at async Service.load [as run] (file:///srv/app/src/service.mjs:10:5)',
      '    at new Widget (/srv/app/src/widget.js:3:1)',
      '    at /srv/app/src/anon.js:1:2',
      '    at Object.<anonymous> (/srv/app/src/main.cjs:1:1)',
      '    at Module._compile (node:internal/modules/cjs/loader:1:1)',
      '    at q (/srv/app/node_modules/lib/index.js?v=3:1:1)',
      '    at r (/srv/app/node_modules/a/node_modules/@scope/pkg/dist/x.js:1:1)',
      'Caused by: Error: inner',
      '    at deep (/srv/app/src/deep.js:1:1)',
    ].join('\n');
    expect(parseFrames(stack)).toEqual([
      { module: 'service.mjs', fn: 'Service.load', inApp: true },
      { module: 'widget.js', fn: 'Widget', inApp: true },
      { module: 'anon.js', fn: '<anonymous>', inApp: true },
      { module: 'main.cjs', fn: '<anonymous>', inApp: true },
      { module: 'lib/index.js', fn: 'q', inApp: false },
      { module: '@scope/pkg/x.js', fn: 'r', inApp: false },
    ]);
  });
});

/** Pieces of frame lines, ordinary and adversarial, from which the property builds lines. */
const PIECES = [' ', '  ', '\t', '(', ')', '/', '\\', 'a', 'fn', '.', ':1', ':23', '?', '#', '[as ', ']', 'eval at ', 'async ', 'new ', 'node_modules', '@s', 'node:', 'internal/', 'file://', '<anonymous>', 'Object.<anonymous>', 'x.js'];

describe('parseFrames: linear time, same frames', () => {
  it('agrees with the regular-expression formulation on arbitrary frame lines', () => {
    const line = fc.array(fc.constantFrom(...PIECES), { maxLength: 24 }).map((parts) => `    at ${parts.join('')}`);
    fc.assert(
      fc.property(fc.array(fc.oneof(line, fc.string({ maxLength: 20 })), { maxLength: 8 }), (lines) => {
        const stack = ['Error: e', ...lines].join('\n');
        expect(parseFrames(stack)).toEqual(parseFramesReference(stack));
      }),
      { numRuns: 3000 },
    );
  });

  // Each of these took minutes or more at 256 KiB before (4.6 s for 32 KB of " (", 0.9 s for 16 000 "/"):
  // the regular expressions backtracked once per start position. The bound is three orders of magnitude
  // above what the linear code takes (< 5 ms), so a loaded machine does not make it fail.
  const LENGTH = 256 * 1024;
  const ADVERSARIAL: Record<string, string> = {
    'function then " (" repeated': `    at f${' ('.repeat(LENGTH / 2)}`,
    'a run of slashes': `    at ${'/'.repeat(LENGTH)}`,
    '"eval at" then "(" repeated': `    at eval at ${'('.repeat(LENGTH)}`,
    '"[as " repeated, ending in ")"': `    at ${'[as '.repeat(LENGTH / 4)} (x.js:1:1)`,
    'a whitespace run inside the function name': `    at a${' '.repeat(LENGTH)}b (x.js:1:1)`,
    'node_modules/ repeated': `    at f (${'node_modules/'.repeat(LENGTH / 13)})`,
    ':1 repeated': `    at f (x.js${':1'.repeat(LENGTH / 2)}`,
  };
  for (const [name, frameLine] of Object.entries(ADVERSARIAL)) {
    it(`a 256 KiB frame line of ${name}: parsed within 1 s`, () => {
      const started = performance.now();
      parseFrames(`Error: e\n${frameLine}\n${frameLine}`);
      expect(performance.now() - started).toBeLessThan(1000);
    });
  }

  it('reads the first 64 Ki characters of a stack (whole lines), and stops at `inAppLimit` application frames', () => {
    const frame = '    at f (/srv/app/x.js:1:1)';
    const stack = `Error: e\n${Array.from({ length: 100_000 }, () => frame).join('\n')}`;
    const wholeLines = stack.slice(0, 64 * 1024).split('\n').length - 2; // less the message and the cut line
    expect(parseFrames(stack)).toHaveLength(wholeLines);
    expect(parseFrames(stack, 5)).toHaveLength(5);
    const library = '    at g (/srv/app/node_modules/lib/y.js:1:1)';
    expect(parseFrames(`Error: e\n${library}\n${library}\n${frame}\n${frame}`, 1)).toEqual([
      { module: 'lib/y.js', fn: 'g', inApp: false },
      { module: 'lib/y.js', fn: 'g', inApp: false },
      { module: 'x.js', fn: 'f', inApp: true },
    ]);
  });
});
