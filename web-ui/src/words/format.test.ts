import { describe, expect, it } from 'vitest';
import { formatDay, formatMoney, parseAmount } from './format';

const EUR = { code: 'EUR', minorUnits: 2 };
const JPY = { code: 'JPY', minorUnits: 0 };

describe('formatMoney', () => {
  it('puts the currency where the locale puts it, with the currency\u2019s minor units', () => {
    expect(formatMoney(1250, EUR, 'de-DE')).toBe('12,50\u00a0\u20ac');
    expect(formatMoney(1250, EUR, 'en-GB')).toBe('\u20ac12.50');
    expect(formatMoney(5, EUR, 'en-GB')).toBe('\u20ac0.05');
    expect(formatMoney(1250, JPY, 'en-GB')).toBe('JP\u00a51,250');
  });
});

describe('parseAmount', () => {
  it('reads what a customer types into minor units, without float rounding', () => {
    expect(parseAmount('12.50', EUR)).toEqual({ ok: true, minor: 1250 });
    expect(parseAmount('12,5', EUR)).toEqual({ ok: true, minor: 1250 });
    expect(parseAmount(' 20 ', EUR)).toEqual({ ok: true, minor: 2000 });
    expect(parseAmount('0.29', EUR)).toEqual({ ok: true, minor: 29 });
  });

  it('refuses what is not an amount it can send as is', () => {
    expect(parseAmount('', EUR)).toEqual({ ok: false, problem: 'empty' });
    expect(parseAmount('1.999', EUR)).toEqual({ ok: false, problem: 'too-precise' });
    expect(parseAmount('-5', EUR)).toEqual({ ok: false, problem: 'not-a-number' });
    expect(parseAmount('5e3', EUR)).toEqual({ ok: false, problem: 'not-a-number' });
    expect(parseAmount('0.00', EUR)).toEqual({ ok: false, problem: 'not-positive' });
    expect(parseAmount('1.5', JPY)).toEqual({ ok: false, problem: 'too-precise' });
  });
});

describe('formatDay', () => {
  const now = new Date('2026-12-01T10:00:00Z');
  it('says the day and month, and the year only when it is not this one', () => {
    expect(formatDay('2026-11-29T12:00:00Z', 'en-GB', now)).toBe('29 Nov');
    expect(formatDay('2025-11-29T12:00:00Z', 'en-GB', now)).toBe('29 Nov 2025');
    expect(formatDay('2026-11-29T12:00:00Z', 'en-US', now)).toBe('Nov 29');
  });
});
