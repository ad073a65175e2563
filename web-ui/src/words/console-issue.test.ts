import { describe, expect, it } from 'vitest';
import { checkIssue, emptyApplication, type IssueDraft } from './console-issue';

const products = [
  { aid: 'F04341524453594E4301', productName: 'City transit purse', currency: { code: 'EUR', minorUnits: 2 } },
  { aid: 'f04341524453594e4302', productName: 'Campus card', currency: { code: 'JPY', minorUnits: 0 } },
];

function draft(fields: Partial<IssueDraft> = {}): IssueDraft {
  return { cardId: '', owner: '', applications: [{ ...emptyApplication(), aid: 'f04341524453594e4301',
    purseLimit: '100', balance: '0', pin: '1234', pinTryLimit: '3' }], ...fields };
}

describe('checkIssue', () => {
  it('builds the API\u2019s request: amounts in minor units, AIDs and card id in lower case, empty fields left out', () => {
    const check = checkIssue(draft({ cardId: ' 0A0B0C0D0E0F1011 ', owner: ' alice ', applications: [
      { ...emptyApplication(), aid: 'f04341524453594e4301', purseLimit: '1000,5', balance: '0,29',
        pin: '12345678', pinTryLimit: '15', parameters: [{ slot: '0', value: '01 02' }] },
      { ...emptyApplication(), aid: 'f04341524453594e4302', purseLimit: '5000', balance: '0', pin: '0000', pinTryLimit: '1' },
    ] }), products, 'de-DE');
    expect(check).toEqual({ ok: true, request: { cardId: '0a0b0c0d0e0f1011', owner: 'alice', applications: [
      { aid: 'f04341524453594e4301', purseLimit: 100050, balance: 29, pin: '12345678', pinTryLimit: 15,
        parameters: { 0: '0102' } },
      { aid: 'f04341524453594e4302', purseLimit: 5000, balance: 0, pin: '0000', pinTryLimit: 1 },
    ] } });
  });

  it('refuses what the API refuses, each with a sentence on its field', () => {
    const check = checkIssue(draft({ cardId: 'xyz', owner: 'a'.repeat(65), applications: [
      { aid: 'f04341524453594e4302', purseLimit: '10.5', balance: '11', pin: '123', pinTryLimit: '16',
        parameters: [{ slot: '8', value: '01' }, { slot: '1', value: '0' }, { slot: '1', value: '' }] },
      { ...emptyApplication(), aid: 'f04341524453594e4302', purseLimit: '0', pin: '1234' },
    ] }), products);
    expect(check.ok).toBe(false);
    const problems = (check as { problems: Record<string, string> }).problems;
    expect(Object.keys(problems).sort()).toEqual(['app0.param0', 'app0.param1', 'app0.pin', 'app0.pinTryLimit',
      'app0.purseLimit', 'app1.purseLimit', 'applications', 'cardId', 'owner']);
    expect(problems['app0.purseLimit']).toBe('Enter the purse limit as a whole amount, without decimals.');
    expect(problems['app1.purseLimit']).toBe('Enter a purse limit greater than zero.');
    expect(problems.applications).toContain('a product appears twice');
    for (const sentence of Object.values(problems)) {
      expect(sentence).toMatch(/^[A-Z].*\.$/);
    }
  });

  it('keeps the balance within the purse limit and the card\u2019s 4-byte purse', () => {
    const over = checkIssue(draft({ applications: [{ ...draft().applications[0], purseLimit: '10', balance: '10.01' }] }), products);
    expect(over).toMatchObject({ ok: false, problems: { 'app0.balance': 'The initial balance cannot be more than the purse limit.' } });
    const huge = checkIssue(draft({ applications: [{ ...draft().applications[0], purseLimit: '42949672.96' }] }), products, 'en-GB');
    expect(huge).toMatchObject({ ok: false, problems: { 'app0.purseLimit': 'The purse limit can be at most €42,949,672.95.' } });
  });
});
