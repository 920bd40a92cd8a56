import { describe, expect, it } from 'vitest';
import { privateKey } from '../../../src/internal/detectors/private-key.js';
import { found } from '../../fixtures/find.js';

const RSA = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA0Z3VS5JJcds3xfn/ygWyF8PbnGy0AHB7MhgHcTz6sE2I2yPB\naFDrBz9vFqU4yV1m\n-----END RSA PRIVATE KEY-----';

describe('private_key', () => {
  it('finds PEM and OpenSSH private key blocks, header to footer', () => {
    const openssh = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----';
    expect(found(privateKey, `key:\n${RSA}\nrest`)).toEqual([RSA]);
    expect(found(privateKey, `${openssh} and -----BEGIN PRIVATE KEY-----\nAAA\n-----END PRIVATE KEY-----`)).toEqual([
      openssh,
      '-----BEGIN PRIVATE KEY-----\nAAA\n-----END PRIVATE KEY-----',
    ]);
  });

  it('redacts a block without its footer to the end of the string', () => {
    const cut = '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIIrYSSNQFaA2Hwf1duRSxKtLYX5CB04fSeQ6tF1aY/PuoAoGCCqGSM49';
    expect(found(privateKey, `log: ${cut}`)).toEqual([cut]);
  });

  it('leaves certificates and public keys alone', () => {
    expect(found(privateKey, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----')).toEqual([]);
  });
});
