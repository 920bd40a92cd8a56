import { describe, expect, it } from 'vitest';
import { parseFrames } from '../../src/internal/stack-frames.js';

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
