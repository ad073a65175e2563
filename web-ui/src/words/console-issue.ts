/**
 * Issuing a card: what is wrong with it as entered, each problem a sentence beside its field, checked as the
 * API checks it (the backend's IssuanceRequest, CONSOLE-CONTRACT.md "Admin") so that nothing the server would
 * refuse is sent; amounts typed in major units of the product's currency become minor units.
 */
import type { IssuanceRequest, IssuedApplication, Product } from '../console-types';
import type { Currency } from '../portal-types';
import { formatMoney, parseAmount, userLocale } from './format';

/** The card's own limits (protocol's Personalisation and CardApplicationId, as IssuanceRequest repeats them). */
export const CARD_LIMITS = {
  cardIdHexDigits: 16,
  maxApplications: 8,
  pinMinLength: 4,
  pinMaxLength: 8,
  pinTryLimitMin: 1,
  pinTryLimitMax: 15,
  maxParameterSlot: 7,
  maxParameterBytes: 32,
  /** A purse amount is 4 bytes on the card. */
  maxPurseMinor: 0xffffffff,
  ownerMaxLength: 64,
} as const;

/** A currency the catalogue does not name: no decimals (ISO 4217 "XXX"). */
const NO_CURRENCY: Currency = { code: 'XXX', minorUnits: 0 };

export function productCurrency(product: Product | undefined): Currency {
  return product?.currency ?? NO_CURRENCY;
}

export interface ParameterDraft {
  slot: string;
  value: string;
}

export interface ApplicationDraft {
  aid: string;
  purseLimit: string;
  balance: string;
  pin: string;
  pinTryLimit: string;
  parameters: ParameterDraft[];
}

export interface IssueDraft {
  cardId: string;
  owner: string;
  applications: ApplicationDraft[];
}

export function emptyApplication(): ApplicationDraft {
  return { aid: '', purseLimit: '', balance: '0', pin: '', pinTryLimit: '3', parameters: [] };
}

/** Field keys of the problems: `cardId`, `owner`, `app0.aid`, `app0.param1`, `applications`. */
export type Problems = Record<string, string>;

export type IssueCheck = { ok: true; request: IssuanceRequest } | { ok: false; problems: Problems };

function amountOf(text: string, currency: Currency, allowZero: boolean, what: string, locale: string)
  : { minor: number } | { problem: string } {
  const parsed = parseAmount(text, currency);
  if (parsed.ok) {
    return parsed.minor > CARD_LIMITS.maxPurseMinor
      ? { problem: `The ${what} can be at most ${formatMoney(CARD_LIMITS.maxPurseMinor, currency, locale)}.` }
      : { minor: parsed.minor };
  }
  switch (parsed.problem) {
    case 'not-positive':
      return allowZero ? { minor: 0 } : { problem: `Enter a ${what} greater than zero.` };
    case 'too-precise':
      return { problem: currency.minorUnits === 0 ? `Enter the ${what} as a whole amount, without decimals.`
        : `Enter the ${what} with at most ${currency.minorUnits} digits after the decimal point.` };
    default:
      return { problem: `Enter the ${what} in ${currency.code}, such as ${currency.minorUnits === 0 ? '100' : '100.00'}.` };
  }
}

function checkApplication(draft: ApplicationDraft, index: number, products: Product[], problems: Problems,
  locale: string): IssuedApplication | null {
  const key = (field: string) => `app${index}.${field}`;
  const product = products.find((p) => p.aid.toLowerCase() === draft.aid.toLowerCase());
  if (!product) {
    problems[key('aid')] = 'Choose the product of this application.';
  }
  const currency = productCurrency(product);
  const limit = amountOf(draft.purseLimit, currency, false, 'purse limit', locale);
  const balance = amountOf(draft.balance, currency, true, 'initial balance', locale);
  if ('problem' in limit) problems[key('purseLimit')] = limit.problem;
  if ('problem' in balance) problems[key('balance')] = balance.problem;
  if ('minor' in limit && 'minor' in balance && balance.minor > limit.minor) {
    problems[key('balance')] = 'The initial balance cannot be more than the purse limit.';
  }
  const pinPattern = new RegExp(`^\\d{${CARD_LIMITS.pinMinLength},${CARD_LIMITS.pinMaxLength}}$`);
  if (!pinPattern.test(draft.pin)) {
    problems[key('pin')] = `The PIN is ${CARD_LIMITS.pinMinLength} to ${CARD_LIMITS.pinMaxLength} digits.`;
  }
  const tries = /^\d{1,2}$/.test(draft.pinTryLimit.trim()) ? Number(draft.pinTryLimit.trim()) : NaN;
  if (!(tries >= CARD_LIMITS.pinTryLimitMin && tries <= CARD_LIMITS.pinTryLimitMax)) {
    problems[key('pinTryLimit')] = `The PIN try limit is a whole number from ${CARD_LIMITS.pinTryLimitMin} to `
      + `${CARD_LIMITS.pinTryLimitMax}.`;
  }
  const parameters: Record<string, string> = {};
  draft.parameters.forEach((p, j) => {
    const slot = /^\d$/.test(p.slot.trim()) ? Number(p.slot.trim()) : NaN;
    const value = p.value.trim().replace(/\s+/g, '').toLowerCase();
    if (!(slot >= 0 && slot <= CARD_LIMITS.maxParameterSlot)) {
      problems[key(`param${j}`)] = `A parameter slot is a number from 0 to ${CARD_LIMITS.maxParameterSlot}.`;
    } else if (String(slot) in parameters) {
      problems[key(`param${j}`)] = `Slot ${slot} is set twice; give each slot one value.`;
    } else if (!/^([0-9a-f]{2})*$/.test(value) || value.length > 2 * CARD_LIMITS.maxParameterBytes) {
      problems[key(`param${j}`)] = 'A parameter value is hexadecimal bytes (two digits each, such as 0102), '
        + `at most ${CARD_LIMITS.maxParameterBytes} bytes.`;
    } else {
      parameters[String(slot)] = value;
    }
  });
  if (!product || !('minor' in limit) || !('minor' in balance)) {
    return null;
  }
  return {
    aid: product.aid.toLowerCase(), purseLimit: limit.minor, balance: balance.minor, pin: draft.pin,
    pinTryLimit: tries, ...(Object.keys(parameters).length ? { parameters } : {}),
  };
}

/** The request the draft stands for, or a sentence for each field the API would refuse. */
export function checkIssue(draft: IssueDraft, products: Product[], locale = userLocale()): IssueCheck {
  const problems: Problems = {};
  const cardId = draft.cardId.trim().toLowerCase();
  if (cardId !== '' && !new RegExp(`^[0-9a-f]{${CARD_LIMITS.cardIdHexDigits}}$`).test(cardId)) {
    problems.cardId = `A card id is ${CARD_LIMITS.cardIdHexDigits} hexadecimal digits (0\u20139, a\u2013f), `
      + 'such as 0a0b0c0d0e0f1011. Leave it empty to have one drawn.';
  }
  const owner = draft.owner.trim();
  if (owner.length > CARD_LIMITS.ownerMaxLength) {
    problems.owner = `A customer\u2019s user name is at most ${CARD_LIMITS.ownerMaxLength} characters.`;
  }
  if (draft.applications.length === 0) {
    problems.applications = 'A card needs at least one application.';
  } else if (draft.applications.length > CARD_LIMITS.maxApplications) {
    problems.applications = `A card carries at most ${CARD_LIMITS.maxApplications} applications.`;
  }
  const aids = draft.applications.map((a) => a.aid.toLowerCase()).filter(Boolean);
  if (new Set(aids).size !== aids.length) {
    problems.applications = 'Each application needs its own product: a product appears twice.';
  }
  const applications = draft.applications.map((a, i) => checkApplication(a, i, products, problems, locale));
  if (Object.keys(problems).length > 0) {
    return { ok: false, problems };
  }
  return {
    ok: true,
    request: {
      ...(cardId ? { cardId } : {}),
      ...(owner ? { owner } : {}),
      applications: applications as IssuedApplication[],
    },
  };
}
