import { describe, expect, it } from 'vitest';
import { card, knownIssuer, luhnValid } from '../../../src/internal/detectors/card.js';
import { found } from '../../fixtures/find.js';

describe('luhnValid', () => {
  it('accepts valid and rejects invalid check digits', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid('378282246310005')).toBe(true);
  });
});

describe('knownIssuer', () => {
  it('checks the prefix against the length', () => {
    expect(knownIssuer('4111111111111111')).toBe(true);
    expect(knownIssuer('41111111111111')).toBe(false);
    expect(knownIssuer('378282246310005')).toBe(true);
    expect(knownIssuer('3782822463100050')).toBe(false);
    expect(knownIssuer('1234567812345670')).toBe(false);
    expect(knownIssuer('9111111111111111')).toBe(false);
  });
});

describe('card', () => {
  it.each([
    '4111111111111111',
    '4111 1111 1111 1111',
    '4111-1111-1111-1111',
    '5555555555554444',
    '2223003122003222',
    '378282246310005',
    '3782 822463 10005',
    '6011111111111117',
    '3530111333300000',
    '30569309025904',
    '4222222222222',
    '6200000000000005',
  ])('finds %s', (number) => {
    expect(found(card, `paid with ${number}.`)).toEqual([number]);
  });

  it('finds a number written as the tail of a longer digit run with a separator', () => {
    expect(found(card, '1234 4111 1111 1111 1111')).toEqual(['4111 1111 1111 1111']);
  });

  it.each([
    '4111111111111112',
    '4111 1111 1111 1112',
    '1234567812345670',
    '41111111111111111111',
    'a4111111111111111',
    '4111111111111111b',
    '41 1111 1111 1111 11',
    '4111 1111-1111 1111',
    '4111 111 111 111',
    '1710498151123',
  ])('leaves %s alone', (text) => {
    expect(found(card, text)).toEqual([]);
  });
});
