import { describe, expect, it } from 'vitest';
import { email } from '../../../src/internal/detectors/email.js';
import { found } from '../../fixtures/find.js';

describe('email', () => {
  it.each([
    ['mail john.doe@example.com now', 'john.doe@example.com'],
    ['<j.smith+alerts@corp.acme.io>', 'j.smith+alerts@corp.acme.io'],
    ['mailto:o_brien@uni-bonn.de.', 'o_brien@uni-bonn.de'],
    ['"anna-lena@xn--mnchen-3ya.de"', 'anna-lena@xn--mnchen-3ya.de'],
    ['user%tag@sub.mail.example.co.uk,', 'user%tag@sub.mail.example.co.uk'],
  ])('finds the address in %s', (text, address) => {
    expect(found(email, text)).toEqual([address]);
  });

  it.each(['@scope/package', 'user@localhost', 'lodash@4.17.21', 'icon@2x.png', 'a@b', '@@@', 'foo@-bar.com', 'x@domain.c0m'])(
    'leaves %s alone',
    (text) => {
      expect(found(email, text)).toEqual([]);
    },
  );

  it('leaves the password@host of a URL to url_password', () => {
    expect(found(email, 'postgres://admin:pw@db.example.com/app')).toEqual([]);
  });

  it('finds several addresses, also back to back', () => {
    expect(found(email, 'a@example.com,b@example.org;c@example.net')).toEqual(['a@example.com', 'b@example.org', 'c@example.net']);
  });
});
