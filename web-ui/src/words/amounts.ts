/**
 * What the page says about an amount the customer typed: examples, too many decimals, a range, the most a
 * card can take now. Every amount in the customer's locale (format.ts), examples included, so a German
 * customer is shown "20,00" as they would type it.
 */
import type { Currency, PortalApplication } from '../portal-types';
import { formatMoney, formatPlainAmount, userLocale, type AmountParse } from './format';

type Problem = Extract<AmountParse, { ok: false }>['problem'];

/** "20 or 20.00" in en, "20 or 20,00" in de (the sentence is English; the amount as the customer types it). */
function examples(whole: number, currency: Currency, locale: string): string {
  const plain = formatPlainAmount(whole * 10 ** currency.minorUnits, currency, locale);
  return currency.minorUnits === 0 ? plain : `${whole} or ${plain}`;
}

/** Why what was typed is no amount, and what to type instead. `example`: a whole amount that fits the field. */
export function amountProblemWords(problem: Problem, currency: Currency, example: number, locale = userLocale()): string {
  switch (problem) {
    case 'too-precise':
      return currency.minorUnits === 0
        ? 'Enter a whole amount, without decimals.'
        : `Use at most ${currency.minorUnits} ${currency.minorUnits === 1 ? 'digit' : 'digits'} after the decimal point.`;
    case 'not-positive':
      return 'Enter an amount greater than zero.';
    default:
      return `Enter an amount, such as ${examples(example, currency, locale)}.`;
  }
}

/** The bounds of a setting's amount, worded for the bounds there are. */
export function amountRangeWords(min: number | null, max: number | null, currency: Currency, locale = userLocale()): string {
  const money = (minor: number) => formatMoney(minor, currency, locale);
  if (min !== null && max !== null) {
    return `Enter an amount from ${money(min)} to ${money(max)}.`;
  }
  if (min !== null) {
    return `Enter an amount of at least ${money(min)}.`;
  }
  return max !== null ? `Enter an amount of at most ${money(max)}.` : 'Enter an amount.';
}

/** The most the card can take now (maxTopUp: its limit less its balance and the top-ups waiting for it). */
export function maxTopUpWords(app: Pick<PortalApplication, 'maxTopUp' | 'purseLimit' | 'currency'>,
  locale = userLocale()): string {
  const limit = formatMoney(app.purseLimit, app.currency, locale);
  return app.maxTopUp <= 0
    ? `Your card cannot take more now: it holds up to ${limit}, counting top-ups still waiting for it.`
    : `You can add at most ${formatMoney(app.maxTopUp, app.currency, locale)} now: your card holds up to ${limit}.`;
}
