import type { registerHooks } from 'node:module';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeEach, describe, expect, it, vi } from 'vitest';

type Module = typeof import('../../src/instrumentations/first-resolve.js');
type ResolveHook = NonNullable<Parameters<typeof registerHooks>[0]['resolve']>;

/** A stand-in for `module.registerHooks`: keeps the resolve hook so that the test drives it. */
function fakeRegister() {
  const state = { hook: undefined as ResolveHook | undefined, registered: 0, deregistered: 0 };
  const register = ((options: { resolve?: ResolveHook }) => {
    state.hook = options.resolve;
    state.registered++;
    return { deregister: () => void state.deregistered++ };
  }) as unknown as typeof registerHooks;
  const resolve = (specifier: string) => state.hook!(specifier, { conditions: [], importAttributes: {} } as never, (s) => ({ url: `resolved:${s}` }) as never);
  return { state, register, resolve };
}

let mod: Module;
beforeEach(async () => {
  vi.resetModules(); // the waiting list is module state
  mod = await import('../../src/instrumentations/first-resolve.js');
});

describe('packageOf', () => {
  it.each([
    ['pino', 'pino'],
    ['pino/lib/tools.js', 'pino'],
    ['@modelcontextprotocol/sdk/client/index.js', '@modelcontextprotocol/sdk'],
    ['@langchain/core', '@langchain/core'],
    ['@scope', undefined],
    ['./pino', undefined],
    ['../x/openai', undefined],
    ['/abs/node_modules/openai/index.js', undefined],
    ['node:http', undefined],
    ['file:///x/openai.mjs', undefined],
  ])('%s → %s', (specifier, name) => {
    expect(mod.packageOf(specifier)).toBe(name);
  });

  it('any package name with any subpath gives the name back', () => {
    const part = fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,12}$/);
    fc.assert(
      fc.property(fc.option(part, { nil: undefined }), part, fc.array(part, { maxLength: 3 }), (scope, name, sub) => {
        const pkg = scope === undefined ? name : `@${scope}/${name}`;
        expect(mod.packageOf([pkg, ...sub].join('/'))).toBe(pkg);
      }),
    );
  });
});

describe('onFirstResolve', () => {
  it('calls back once, on the first bare specifier of a package, before resolving it; then steps aside', () => {
    const { state, register, resolve } = fakeRegister();
    const calls: string[] = [];
    mod.onFirstResolve(['pino', 'bunyan'], () => calls.push('logs'), register);
    mod.onFirstResolve(['openai'], () => calls.push('llm'), register);
    expect(state.registered).toBe(1);
    expect(resolve('./pino.js')).toEqual({ url: 'resolved:./pino.js' });
    expect(calls).toEqual([]);
    expect(resolve('pino/lib/levels.js')).toEqual({ url: 'resolved:pino/lib/levels.js' });
    expect(calls).toEqual(['logs']);
    resolve('bunyan'); // the same waiter: not again
    resolve('pino');
    expect(calls).toEqual(['logs']);
    expect(state.deregistered).toBe(0);
    resolve('openai');
    expect(calls).toEqual(['logs', 'llm']);
    expect(state.deregistered).toBe(1);
  });

  it('what a callback resolves does not call back (no recursion)', () => {
    const { register, resolve } = fakeRegister();
    const calls: string[] = [];
    mod.onFirstResolve(['openai'], () => calls.push('openai'), register);
    mod.onFirstResolve(['pino'], () => {
      calls.push('pino');
      resolve('openai');
    }, register);
    resolve('pino');
    expect(calls).toEqual(['pino']);
    resolve('openai');
    expect(calls).toEqual(['pino', 'openai']);
  });
});

describe('onFirstResolve with the real loader', () => {
  it('a require that called back is made again when it returns, so require hooks installed by the callback patch what the app receives', async () => {
    const { registerHooks } = await import('node:module');
    const Module = (await import('node:module')).default as unknown as { prototype: { require: (id: string) => unknown } };
    const dir = mkdtempSync(join(tmpdir(), 'first-resolve-'));
    mkdirSync(join(dir, 'node_modules', 'sightline-fake-lib'), { recursive: true });
    writeFileSync(join(dir, 'node_modules', 'sightline-fake-lib', 'index.js'), 'exports.Client = class Client { call() { return "original"; } };');
    const before = Module.prototype.require;
    try {
      mod.onFirstResolve(['sightline-fake-lib'], () => {
        // What require-in-the-middle does: wrap require, patch the exports of the modules it watches.
        const inner = Module.prototype.require;
        Module.prototype.require = function (this: unknown, id: string) {
          const exports = inner.call(this, id) as { Client: { prototype: { call(): string } } };
          if (id === 'sightline-fake-lib') exports.Client.prototype.call = () => 'patched';
          return exports;
        };
      }, registerHooks);
      const { Client } = createRequire(join(dir, 'app.js'))('sightline-fake-lib') as { Client: new () => { call(): string } };
      expect(new Client().call()).toBe('patched');
    } finally {
      Module.prototype.require = before;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a require hook that throws on the repeated require never reaches the app: it gets its module, unpatched', async () => {
    const { registerHooks } = await import('node:module');
    const Module = (await import('node:module')).default as unknown as { prototype: { require: (id: string) => unknown } };
    const dir = mkdtempSync(join(tmpdir(), 'first-resolve-'));
    mkdirSync(join(dir, 'node_modules', 'sightline-fake-throw'), { recursive: true });
    writeFileSync(join(dir, 'node_modules', 'sightline-fake-throw', 'index.js'), 'exports.answer = 42;');
    const before = Module.prototype.require;
    try {
      mod.onFirstResolve(['sightline-fake-throw'], () => {
        const inner = Module.prototype.require;
        Module.prototype.require = function (this: unknown, id: string) {
          const exports = inner.call(this, id);
          if (id === 'sightline-fake-throw') throw new Error('hook failed');
          return exports;
        };
      }, registerHooks);
      const loaded = createRequire(join(dir, 'app.js'))('sightline-fake-throw') as { answer: number };
      expect(loaded.answer).toBe(42);
    } finally {
      Module.prototype.require = before;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a require that fails is the app's own error, unchanged", async () => {
    const { registerHooks } = await import('node:module');
    const dir = mkdtempSync(join(tmpdir(), 'first-resolve-'));
    try {
      mod.onFirstResolve(['sightline-fake-missing'], () => {}, registerHooks);
      expect(() => createRequire(join(dir, 'app.js'))('sightline-fake-missing')).toThrow(expect.objectContaining({ code: 'MODULE_NOT_FOUND' }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
