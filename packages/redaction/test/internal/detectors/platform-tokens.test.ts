import { describe, expect, it } from 'vitest';
import { awsAccessKey, githubToken, gitlabToken, slackToken, stripeKey } from '../../../src/internal/detectors/platform-tokens.js';
import { found } from '../../fixtures/find.js';

describe('aws_access_key', () => {
  it('finds AKIA and ASIA key ids', () => {
    expect(found(awsAccessKey, 'id AKIAIOSFODNN7EXAMPLE used')).toEqual(['AKIAIOSFODNN7EXAMPLE']);
    expect(found(awsAccessKey, '"ASIAY34FZKBOKMUTVV7A"')).toEqual(['ASIAY34FZKBOKMUTVV7A']);
  });

  it.each(['AKIAIOSFODNN7EXAMPL', 'XAKIAIOSFODNN7EXAMPLE', 'AKIAIOSFODNN7EXAMPLEX', 'AIDAIOSFODNN7EXAMPLE'])('leaves %s alone', (text) => {
    expect(found(awsAccessKey, text)).toEqual([]);
  });
});

describe('github_token', () => {
  it('finds classic and fine-grained tokens', () => {
    const classic = 'ghp_16C7e42F292c6912E7710c838347Ae178B4a';
    const fine = `github_pat_11ABCDEFG0123456789abc_${'x9Y8z7'.repeat(10)}`;
    expect(found(githubToken, `token ${classic} and ${fine}`)).toEqual([classic, fine]);
  });

  it('leaves short ones alone', () => {
    expect(found(githubToken, 'ghp_short and github_pat_x')).toEqual([]);
  });
});

describe('gitlab_token', () => {
  it('finds glpat- and the other GitLab prefixes', () => {
    expect(found(gitlabToken, 'glpat-xxxxXXXXyyyyYYYY1234 and glrt-abcdefghij0123456789')).toEqual([
      'glpat-xxxxXXXXyyyyYYYY1234',
      'glrt-abcdefghij0123456789',
    ]);
  });
});

describe('slack_token', () => {
  it('finds bot, user and app tokens and webhook paths', () => {
    const bot = 'xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx';
    const app = 'xapp-1-A0123456789-1234567890123-abcdef0123456789';
    const hook = 'hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX';
    expect(found(slackToken, `${bot} ${app} https://${hook}`)).toEqual([bot, app, hook]);
  });
});

describe('stripe_key', () => {
  it('finds secret, restricted and publishable keys and webhook secrets', () => {
    const keys = ['sk_live_4eC39HqLyjWDarjtT1zdp7dc', 'rk_test_51H8x2bCdEfGhIjKlMn', 'pk_live_0123456789abcdefgh', 'whsec_0123456789abcdefghijklmnopqrstuv'];
    expect(found(stripeKey, keys.join(' '))).toEqual(keys);
  });

  it('leaves prose with live/test words alone', () => {
    expect(found(stripeKey, 'run pk_test_short and the sk_live_ flag')).toEqual([]);
  });
});
