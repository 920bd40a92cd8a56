import { describe, expect, it } from 'vitest';
import { iban, ibanChecksumValid } from '../../../src/internal/detectors/iban.js';
import { found } from '../../fixtures/find.js';

describe('ibanChecksumValid', () => {
  it('checks mod 97', () => {
    expect(ibanChecksumValid('DE89370400440532013000')).toBe(true);
    expect(ibanChecksumValid('DE89370400440532013001')).toBe(false);
    expect(ibanChecksumValid('GB29NWBK60161331926819')).toBe(true);
  });
});

describe('iban', () => {
  it.each(['DE89370400440532013000', 'DE89 3704 0044 0532 0130 00', 'GB29 NWBK 6016 1331 9268 19', 'FR1420041010050500013M02606', 'NO9386011117947', 'NL91ABNA0417164300'])(
    'finds %s',
    (number) => {
      expect(found(iban, `pay to ${number}, thanks`)).toEqual([number]);
    },
  );

  it('finds a compact IBAN whose account part has no long digit run', () => {
    const account = 'DOHBAB12CD34EF56GH78IJ90K';
    let r = 0;
    for (const ch of `${account}QA00`) r = ch <= '9' ? (r * 10 + Number(ch)) % 97 : (r * 100 + ch.charCodeAt(0) - 55) % 97;
    const number = `QA${String(98 - r).padStart(2, '0')}${account}`;
    expect(found(iban, `to ${number}`)).toEqual([number]);
  });

  it('stops at the country length, even when more groups follow', () => {
    expect(found(iban, 'DE89 3704 0044 0532 0130 00 EUR 12')).toEqual(['DE89 3704 0044 0532 0130 00']);
  });

  it('finds an IBAN right after a candidate that failed', () => {
    expect(found(iban, 'XX12 DE89370400440532013000')).toEqual(['DE89370400440532013000']);
  });

  it('finds lower-case IBANs and IBANs grouped with dashes', () => {
    expect(found(iban, 'iban de89370400440532013000.')).toEqual(['de89370400440532013000']);
    expect(found(iban, 'iban DE89-3704-0044-0532-0130-00')).toEqual(['DE89-3704-0044-0532-0130-00']);
  });

  it.each(['DE89370400440532013001', 'DE8937040044053201300', 'DE893704004405320130000', 'QQ89370400440532013000', 'De89370400440532013000', 'XDE89370400440532013000'])(
    'leaves %s alone',
    (text) => {
      expect(found(iban, text)).toEqual([]);
    },
  );
});
