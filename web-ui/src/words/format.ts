/**
 * Amounts and dates in the customer's locale (Intl), and amounts typed by the customer read back into
 * minor units. Amounts travel as integers in minor units with their currency (PORTAL-CONTRACT.md).
 */
import type { Currency } from '../portal-types';

/** The browser's preferred locale; tests pass their own. */
export function userLocale(): string {
  return typeof navigator !== 'undefined' && navigator.language ? navigator.language : 'en-GB';
}

/** 1250 EUR/2 → "12,50 €" in de-DE, "€12.50" in en-GB: the locale decides the symbol's place. */
export function formatMoney(minor: number, currency: Currency, locale = userLocale()): string {
  const format = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: currency.code,
    minimumFractionDigits: currency.minorUnits,
    maximumFractionDigits: currency.minorUnits,
  });
  return format.format(minor / 10 ** currency.minorUnits);
}

/** 5000 with 2 minor units → "50.00" in en, "50,00" in de: the number alone, for an input field. */
export function formatPlainAmount(minor: number, currency: Currency, locale = userLocale()): string {
  return new Intl.NumberFormat(locale, {
    minimumFractionDigits: currency.minorUnits,
    maximumFractionDigits: currency.minorUnits,
    useGrouping: false,
  }).format(minor / 10 ** currency.minorUnits);
}

export type AmountParse = { ok: true; minor: number } | { ok: false; problem: 'empty' | 'not-a-number' | 'too-precise' | 'not-positive' };

/**
 * What the customer typed, in minor units: digits, at most one decimal separator ("." or ","), at most
 * `minorUnits` digits after it. Read digit by digit, never through a float, so "0.29" is 29, not 28.
 */
export function parseAmount(text: string, currency: Currency): AmountParse {
  const trimmed = text.trim().replace(/[\s\u00a0\u202f]/g, '');
  if (trimmed === '') {
    return { ok: false, problem: 'empty' };
  }
  const match = /^(\d+)(?:[.,](\d*))?$/.exec(trimmed);
  if (!match) {
    return { ok: false, problem: 'not-a-number' };
  }
  const fraction = match[2] ?? '';
  if (fraction.length > currency.minorUnits) {
    return { ok: false, problem: 'too-precise' };
  }
  const minor = Number(match[1] + fraction.padEnd(currency.minorUnits, '0'));
  if (!Number.isSafeInteger(minor)) {
    return { ok: false, problem: 'not-a-number' };
  }
  if (minor <= 0) {
    return { ok: false, problem: 'not-positive' };
  }
  return { ok: true, minor };
}

/** "29 Nov" (this year) or "29 Nov 2025" (another year), in the locale's order. */
export function formatDay(iso: string, locale = userLocale(), now: Date = new Date()): string {
  const date = new Date(iso);
  const sameYear = date.getFullYear() === now.getFullYear();
  return new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    ...(sameYear ? {} : { year: 'numeric' }),
  }).format(date);
}

/** Day and time, for the history: "29 Nov 2026, 14:05" in en-GB. */
export function formatDateTime(iso: string, locale = userLocale()): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}
