import { afterEach, describe, expect, it } from 'vitest';
import { SettingsStore } from '../src/settings-store.js';
import { captureDiag } from './fixtures/diag.js';

let diag: ReturnType<typeof captureDiag>;
afterEach(() => diag?.restore());

describe('SettingsStore', () => {
  it('defaults to keeping everything', () => {
    diag = captureDiag();
    const store = new SettingsStore({});
    expect(store.settings()).toEqual({
      enabled: true,
      ratio: 1,
      traceRatio: null,
      spanRules: [],
      logRules: [],
      rateLimit: Infinity,
      errorRateLimit: Infinity,
    });
    expect(store.current.keepAllLogs).toBe(true);
    expect(store.current.rootProbability.th).toBe('0');
    expect(diag.warnings).toEqual([]);
  });

  it('reports an invalid option in one line and uses the default', () => {
    diag = captureDiag();
    const store = new SettingsStore({ ratio: 1.5, rateLimit: -1, errorRateLimit: Number.NaN, enabled: 'yes' as never });
    expect(store.settings()).toMatchObject({ ratio: 1, rateLimit: Infinity, errorRateLimit: Infinity, enabled: true });
    expect(diag.warnings).toEqual([
      'sightline: sampling enabled="yes" is not valid: expected true|false; using true',
      'sightline: sampling ratio=1.5 is not valid: expected a number from 0 to 1; using 1',
      'sightline: sampling rateLimit=-1 is not valid: expected a number of records per second >= 0, or Infinity; using Infinity (no budget)',
      'sightline: sampling errorRateLimit=NaN is not valid: expected a number of records per second >= 0, or Infinity; using Infinity (no budget)',
    ]);
  });

  it('keeps the current value when an update is invalid', () => {
    diag = captureDiag();
    const store = new SettingsStore({ ratio: 0.2 });
    store.update({ ratio: -0.1, rateLimit: 500 });
    expect(store.settings()).toMatchObject({ ratio: 0.2, rateLimit: 500 });
    expect(diag.warnings).toEqual(['sightline: sampling ratio=-0.1 is not valid: expected a number from 0 to 1; using 0.2']);
    store.update(null as never);
    expect(diag.warnings[1]).toBe('sightline: sampling update=null is not valid: expected an object of settings; using the current settings');
  });

  it('ignores a rule with a bad regex, naming it, and keeps the others', () => {
    diag = captureDiag();
    const store = new SettingsStore({
      logRules: [{ eventName: { regex: '((' }, ratio: 1 }, { scope: 'llm.*', ratio: 1 }, { scope: 'x', ratio: 2 }],
      spanRules: [{ name: { regex: '[' }, ratio: 0.5 }],
    });
    expect(store.current.compiledLogRules).toHaveLength(1);
    expect(store.current.compiledSpanRules).toHaveLength(0);
    expect(diag.warnings).toHaveLength(3);
    expect(diag.warnings[0]).toMatch(
      /^sightline: sampling spanRules\[0\]\.name=\{"regex":"\["\} is not valid \(Invalid regular expression.*\): expected a string, "prefix\*" or \{ regex \} with a valid regular expression; using no rule in its place \(the rule is ignored\)$/,
    );
    expect(diag.warnings[1]).toMatch(/^sightline: sampling logRules\[0\]\.eventName=\{"regex":"\(\("\} is not valid \(Invalid regular expression/);
    expect(diag.warnings[2]).toBe(
      'sightline: sampling logRules[2].ratio=2 is not valid: expected a number from 0 to 1; using no rule in its place (the rule is ignored)',
    );
  });

  it('applies an update as one new snapshot and tells the listeners', () => {
    const store = new SettingsStore({ ratio: 0.5 });
    const before = store.current;
    const seen: number[] = [];
    store.onUpdate((s) => seen.push(s.ratio));
    store.update({ ratio: 0.25, traceRatio: 1 });
    expect(before.ratio).toBe(0.5);
    expect(store.current.rootProbability.th).toBe('0');
    expect(store.current.logProbability.value).toBe(0.25);
    expect(seen).toEqual([0.25]);
    store.update({ traceRatio: null });
    expect(store.current.rootProbability.th).toBe('c');
  });

  it('turns everything off with enabled: false, and back on', () => {
    const store = new SettingsStore({ ratio: 0.1, spanRules: [{ ratio: 0 }], rateLimit: 10 });
    expect(store.current.keepAllLogs).toBe(false);
    store.update({ enabled: false });
    expect(store.current.keepAllLogs).toBe(true);
    expect(store.current.logProbability.value).toBe(1);
    expect(store.current.rootProbability.value).toBe(1);
    store.update({ enabled: true });
    expect(store.current.compiledSpanRules).toHaveLength(1);
    expect(store.current.logProbability.value).toBe(0.1);
  });

  it('needs a decision per log record only when something can drop one', () => {
    expect(new SettingsStore({ ratio: 1, rateLimit: 100 }).current.keepAllLogs).toBe(false);
    expect(new SettingsStore({ ratio: 1, errorRateLimit: 100 }).current.keepAllLogs).toBe(false);
    expect(new SettingsStore({ logRules: [{ ratio: 1 }] }).current.keepAllLogs).toBe(false);
    expect(new SettingsStore({ ratio: 0.99 }).current.keepAllLogs).toBe(false);
    expect(new SettingsStore({ traceRatio: 0 }).current.keepAllLogs).toBe(true);
  });

  it('copies a new rule list, so later changes to the caller’s array change nothing', () => {
    const rules = [{ scope: 'a', ratio: 0.5 }];
    const store = new SettingsStore({ logRules: rules });
    rules.push({ scope: 'b', ratio: 0.5 });
    expect(store.settings().logRules).toHaveLength(1);
    const compiled = store.current.compiledLogRules;
    store.update({ ratio: 0.3 });
    expect(store.current.compiledLogRules).toBe(compiled);
  });
});
