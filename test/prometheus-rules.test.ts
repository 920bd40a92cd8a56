import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { promtool } from './fixtures/prometheus/promtool.js';

const RULES = fileURLToPath(new URL('../dashboards/prometheus/sightline-alerts.yml', import.meta.url));
const RULE_TESTS = fileURLToPath(new URL('../dashboards/prometheus/sightline-alerts.test.yml', import.meta.url));

interface RuleFile {
  groups: Array<{ name: string; rules: Array<{ alert?: string; record?: string; expr: string; labels?: Record<string, string> }> }>;
}
interface RuleTests {
  tests: Array<{ alert_rule_test?: Array<{ alertname: string; exp_alerts: unknown[] }> }>;
}

const rules = (parse(readFileSync(RULES, 'utf8')) as RuleFile).groups.flatMap((group) => group.rules);
const cases = (parse(readFileSync(RULE_TESTS, 'utf8')) as RuleTests).tests.flatMap((test) => test.alert_rule_test ?? []);

describe('the alert rules we ship (dashboards/prometheus)', () => {
  it('promtool check rules accepts them', () => {
    const run = promtool(['check', 'rules', RULES]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`SUCCESS: ${rules.length} rules found`);
  });

  it('promtool test rules passes their unit tests', () => {
    const run = promtool(['test', 'rules', RULE_TESTS]);
    expect(run.stdout + run.stderr).toContain('SUCCESS');
    expect(run.status).toBe(0);
  });

  it('every alert has a unit test that fires it and one that must not', () => {
    const alerts = rules.filter((rule) => rule.alert !== undefined).map((rule) => rule.alert);
    expect(alerts.length).toBeGreaterThanOrEqual(7);
    for (const alert of alerts) {
      const own = cases.filter((c) => c.alertname === alert);
      expect(own.some((c) => c.exp_alerts.length > 0), `${alert} fires in some case`).toBe(true);
      expect(own.some((c) => c.exp_alerts.length === 0), `${alert} stays silent in some case`).toBe(true);
    }
  });

  it('every alert carries a severity and an escalation level from the seeds (1 recovery … 4 security team)', () => {
    for (const rule of rules.filter((r) => r.alert !== undefined)) {
      expect(['info', 'warning', 'critical'], rule.alert).toContain(rule.labels?.severity);
      expect(['1', '2', '3', '4'], rule.alert).toContain(rule.labels?.escalation_level);
    }
  });

  it('a unit test that expects the wrong alert fails, so the suite can fail', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sightline-rules-'));
    const broken = join(dir, 'broken.test.yml');
    const text = readFileSync(RULE_TESTS, 'utf8').replace('escalation_level: "4"', 'escalation_level: "1"');
    writeFileSync(broken, text.replace('  - sightline-alerts.yml', `  - ${RULES}`));
    const run = promtool(['test', 'rules', broken]);
    rmSync(dir, { recursive: true, force: true });
    expect(run.status).not.toBe(0);
    expect(run.stdout + run.stderr).toContain('SightlineRedactionFailures');
  });
});
