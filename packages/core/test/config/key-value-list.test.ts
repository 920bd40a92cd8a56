import { describe, expect, it } from 'vitest';
import { describeIssues, parseKeyValueList, splitList } from '../../src/config/key-value-list.js';

describe('splitList', () => {
  it('trims and drops empty items', () => {
    expect(splitList(' a, ,b ,,c,')).toEqual(['a', 'b', 'c']);
    expect(splitList(',')).toEqual([]);
  });
});

describe('parseKeyValueList', () => {
  it('percent-decodes keys and values and splits at the first "="', () => {
    expect(parseKeyValueList('a=1, b%20c = x%2Cy%3Dz ,token=abc==').entries).toEqual([
      ['a', '1'],
      ['b c', 'x,y=z'],
      ['token', 'abc=='],
    ]);
  });

  it('skips empty parts silently', () => {
    expect(parseKeyValueList(',a=1,,').issues).toEqual([]);
  });

  it('keeps empty values', () => {
    expect(parseKeyValueList('a=').entries).toEqual([['a', '']]);
  });

  it('describes malformed entries by position', () => {
    const { entries, issues } = parseKeyValueList('ok=1,noequals,=v,%zz=1,k=%E0%A4%A');
    expect(entries).toEqual([['ok', '1']]);
    expect(issues).toEqual([
      { position: 2, reason: 'no "="' },
      { position: 3, reason: 'empty key' },
      { position: 4, reason: 'bad percent-encoding in the key' },
      { position: 5, key: 'k', reason: 'bad percent-encoding in the value' },
    ]);
  });

  it('drops W3C baggage properties when asked', () => {
    expect(parseKeyValueList('a=1;prop=2,b=3', { baggageProperties: true }).entries).toEqual([
      ['a', '1'],
      ['b', '3'],
    ]);
    expect(parseKeyValueList('a=1;prop').entries).toEqual([['a', '1;prop']]);
  });

  it('applies the extra check, hiding keys it marks unfit to show', () => {
    const { issues } = parseKeyValueList('a b=1,c=2', {
      check: (key) => (key.includes(' ') ? { reason: 'bad name', showKey: false } : undefined),
    });
    expect(issues).toEqual([{ position: 1, key: undefined, reason: 'bad name' }]);
  });

  it('describeIssues lists at most five issues', () => {
    const issues = Array.from({ length: 8 }, (_, i) => ({ position: i + 1, reason: 'no "="' }));
    expect(describeIssues(issues)).toBe('#1: no "="; #2: no "="; #3: no "="; #4: no "="; #5: no "="; and 3 more');
  });
});
