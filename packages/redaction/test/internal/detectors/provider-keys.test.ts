import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../../src/index.js';
import { anthropicKey, deepseekKey, googleApiKey, groqKey, openaiKey } from '../../../src/internal/detectors/provider-keys.js';
import { found } from '../../fixtures/find.js';

const LEGACY = 'sk-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb7cDe0fGh3iJk6l';
const PROJECT = 'sk-proj-Tq9_x7Lm-Vb2Nc4Rk8Pz1Wd5Hf3Jg6Ks0Ya2Ub9Ic7Od4Ee1Mf8Lg5Ah3Bi6Cj9Dk2El5Fm';

describe('openai_key', () => {
  it.each([LEGACY, PROJECT, `sk-svcacct-${'aB3_'.repeat(20)}`, `sk-admin-${'Zx9-'.repeat(10)}`, `sk-None-${'q1W2e3R4'.repeat(4)}`])(
    'finds %s',
    (key) => {
      expect(found(openaiKey, `OPENAI_API_KEY=${key} set`)).toEqual([key]);
    },
  );

  it.each([
    'sk-learn-compatible-pipeline-x',
    'task-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z',
    'risk-assessment-2024-quarterly-report',
    'sk-short123',
    'desk-lamp-model-A1B2C3D4E5F6G7H8I9',
  ])('leaves %s alone', (text) => {
    expect(found(openaiKey, text)).toEqual([]);
  });

  it('does not claim Anthropic keys', () => {
    expect(found(openaiKey, 'sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789')).toEqual([]);
  });
});

describe('anthropic_key', () => {
  it('finds sk-ant- keys', () => {
    const key = `sk-ant-api03-${'Ab1_Cd2-'.repeat(11)}AA`;
    expect(found(anthropicKey, `key: ${key}`)).toEqual([key]);
  });

  it('needs at least 20 key characters', () => {
    expect(found(anthropicKey, 'sk-ant-short')).toEqual([]);
  });
});

describe('deepseek_key', () => {
  const key = 'sk-0123456789abcdef0123456789abcdef';

  it('finds sk- with exactly 32 lowercase hex digits', () => {
    expect(found(deepseekKey, `deepseek ${key}.`)).toEqual([key]);
    expect(found(deepseekKey, `${key}0`)).toEqual([]);
  });

  it('wins over openai_key where both fit', () => {
    expect(createRedactor({ knownSecrets: [] }).redact(`k=${key}`)).toBe('k=[REDACTED:deepseek_key]');
  });
});

describe('google_api_key', () => {
  it('finds AIza and 35 key characters', () => {
    const key = 'AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY';
    expect(found(googleApiKey, `?key=${key}&q=1`)).toEqual([key]);
  });

  it('leaves short AIza words alone', () => {
    expect(found(googleApiKey, 'AIzaSyShort')).toEqual([]);
  });
});

describe('groq_key', () => {
  it('finds gsk_ keys', () => {
    const key = `gsk_${'a1B2c3D4'.repeat(6)}wXyZ`;
    expect(found(groqKey, key)).toEqual([key]);
    expect(found(groqKey, 'gsk_short')).toEqual([]);
  });
});
