import { describe, expect, it } from 'vitest';
import { amountProblemWords, amountRangeWords, maxTopUpWords } from './amounts';

const EUR = { code: 'EUR', minorUnits: 2 };
const JPY = { code: 'JPY', minorUnits: 0 };

describe('amountProblemWords', () => {
  it('gives examples as the customer\u2019s locale writes amounts', () => {
    expect(amountProblemWords('not-a-number', EUR, 20, 'en-GB')).toBe('Enter an amount, such as 20 or 20.00.');
    expect(amountProblemWords('not-a-number', EUR, 20, 'de-DE')).toBe('Enter an amount, such as 20 or 20,00.');
    expect(amountProblemWords('empty', JPY, 500, 'en-GB')).toBe('Enter an amount, such as 500.');
  });

  it('never asks for "at most 0 digits" after the decimal point', () => {
    expect(amountProblemWords('too-precise', JPY, 20, 'en-GB')).toBe('Enter a whole amount, without decimals.');
    expect(amountProblemWords('too-precise', EUR, 20, 'en-GB')).toBe('Use at most 2 digits after the decimal point.');
    expect(amountProblemWords('too-precise', { code: 'XXX', minorUnits: 1 }, 20, 'en-GB'))
      .toBe('Use at most 1 digit after the decimal point.');
  });
});

describe('amountRangeWords', () => {
  it('words a range by the bounds it has', () => {
    expect(amountRangeWords(100, 50000, EUR, 'en-GB')).toBe('Enter an amount from \u20ac1.00 to \u20ac500.00.');
    expect(amountRangeWords(100, null, EUR, 'en-GB')).toBe('Enter an amount of at least \u20ac1.00.');
    expect(amountRangeWords(null, 50000, EUR, 'en-GB')).toBe('Enter an amount of at most \u20ac500.00.');
  });
});

describe('maxTopUpWords', () => {
  it('names the most the card takes now in the customer\u2019s locale', () => {
    expect(maxTopUpWords({ maxTopUp: 1200, purseLimit: 100000, currency: EUR }, 'de-DE'))
      .toBe('You can add at most 12,00\u00a0\u20ac now: your card holds up to 1.000,00\u00a0\u20ac.');
    expect(maxTopUpWords({ maxTopUp: 0, purseLimit: 100000, currency: EUR }, 'en-GB'))
      .toBe('Your card cannot take more now: it holds up to \u20ac1,000.00, counting top-ups still waiting for it.');
  });
});
