import { describe, expect, it } from 'vitest';
import { ip } from '../../../src/internal/detectors/ip.js';
import { found } from '../../fixtures/find.js';

describe('ip', () => {
  it.each(['192.168.1.10', '10.0.0.1', '255.255.255.255', '2001:db8::1', 'fe80::1ff:fe23:4567:890a', '::1', '::ffff:192.0.2.128', '2001:0db8:85a3:0000:0000:8a2e:0370:7334'])(
    'finds %s',
    (address) => {
      expect(found(ip, `from ${address}.`).join(' ')).toContain(address);
    },
  );

  it.each(['1.2.3.4.5', '999.1.1.1', '12:30:45', '00:1A:2B:3C:4D:5E', 'std::vector', ':: alone', 'v1.2.3', '1.2.3'])('leaves %s alone', (text) => {
    expect(found(ip, text)).toEqual([]);
  });
});
