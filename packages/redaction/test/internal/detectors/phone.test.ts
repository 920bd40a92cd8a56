import { describe, expect, it } from 'vitest';
import { phone } from '../../../src/internal/detectors/phone.js';
import { found } from '../../fixtures/find.js';

describe('phone', () => {
  it.each([
    '+1 (415) 555-2671',
    '+14155552671',
    '+44 20 7946 0958',
    '+49 (0)30 1234567',
    '+33 1 23 45 67 89',
    '+81 3-1234-5678',
    '+61 2 2038 9032',
    '(415) 555-2671',
    '415-555-2671',
    '415.555.2671',
    '1-800-555-0199',
    '020 7946 0958',
    '07700 900123',
    '030 12345678',
    '01 23 45 67 89',
    '06-12345678',
    '(030) 1234567',
  ])('finds %s', (number) => {
    expect(found(phone, `call ${number} today`)).toEqual([number]);
  });

  it('trims a trailing group that would make an international number longer than 15 digits', () => {
    expect(found(phone, 'tel:+44 20 7946 0958 12345678')).toEqual(['+44 20 7946 0958']);
  });

  it.each([
    '2024-05-01 12:30:45',
    '05-12-2024 14:30',
    '01-02-2024',
    'v1.2.3',
    '192.168.100.200',
    'order 4155552671',
    '1710498151123',
    'ORD-2024-884213',
    '550e8400-e29b-41d4-a716-446655440000',
    '$1,299.99',
    '4111 1111 1111 1111',
    '5131 0431 8757 6234',
    'pages 100-200',
    '555-1234ms',
    '078-05-1120',
    '+02:00',
  ])('leaves %s alone', (text) => {
    expect(found(phone, text)).toEqual([]);
  });
});
