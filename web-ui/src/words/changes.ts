/**
 * A card's changes, statuses, parameters and refusals in words a customer understands. No codes, no
 * counters: those live in the "Details for support" disclosure.
 */
import type { Change, Parameter, PortalApplication } from '../portal-types';
import { formatDay, formatMoney, userLocale } from './format';

/** Why the card or the issuer refused a change, and what the customer can do about it. */
export interface Refusal {
  /** Follows "Refused: ", lower case. */
  why: string;
  whatToDo: string;
}

/**
 * The card's merit reasons (protocol.md 6.2, MeritReason) and the issuer's cancellation. A reason the page
 * does not know still gets a sentence, never its name.
 */
const REFUSALS: Readonly<Record<string, Refusal>> = {
  PURSE_LIMIT_EXCEEDED: { why: 'over your card\u2019s limit',
    whatToDo: 'Top up a smaller amount, or spend some of your balance first.' },
  UNKNOWN_PARAMETER: { why: 'your card does not have this setting',
    whatToDo: 'Contact your card issuer.' },
  BAD_PARAMETER_LENGTH: { why: 'the value does not fit on your card',
    whatToDo: 'Choose a shorter value and try again.' },
  APPLICATION_TABLE_FULL: { why: 'your card has no room for another service',
    whatToDo: 'Contact your card issuer to remove a service you no longer use.' },
  BLOCK_OUT_OF_ORDER: { why: 'the service could not be loaded onto your card',
    whatToDo: 'Add the service again; if it fails again, contact your card issuer.' },
  BAD_APPLICATION_HASH: { why: 'the service could not be loaded onto your card',
    whatToDo: 'Add the service again; if it fails again, contact your card issuer.' },
  APPLICATION_NOT_LOADING: { why: 'the service could not be loaded onto your card',
    whatToDo: 'Add the service again; if it fails again, contact your card issuer.' },
  APPLICATION_TOO_LARGE: { why: 'the service is too large for your card',
    whatToDo: 'Contact your card issuer.' },
  NOT_BLOCKED: { why: 'your card was not blocked', whatToDo: 'Nothing to do: your card works.' },
  APPLICATION_BLOCKED: { why: 'your card is blocked',
    whatToDo: 'Contact your card issuer to have it unblocked or replaced.' },
  BAD_PAYLOAD: { why: 'your card could not read the change', whatToDo: 'Contact your card issuer.' },
  UNKNOWN_ACTION: { why: 'your card does not support this change', whatToDo: 'Contact your card issuer.' },
  APPLICATION_ALREADY_ACTIVE: { why: 'the service is already on your card', whatToDo: 'Nothing to do.' },
  CANCELLED_BY_ISSUER: { why: 'cancelled by your card issuer',
    whatToDo: 'Contact your card issuer if you want to know why.' },
};

const UNKNOWN_REFUSAL: Refusal = { why: 'your card could not apply it', whatToDo: 'Contact your card issuer.' };

export function refusalOf(reason: string | null): Refusal {
  return (reason && REFUSALS[reason]) || UNKNOWN_REFUSAL;
}

/** The change's state in words: "Waiting for your card", "Applied on 29 Nov", "Refused: over your card's limit". */
export function changeStateWords(change: Change, locale = userLocale(), now = new Date()): string {
  switch (change.state) {
    case 'WAITING': return 'Waiting for your card';
    case 'BEING_APPLIED': return 'Being applied';
    case 'APPLIED': return change.settledAt ? `Applied on ${formatDay(change.settledAt, locale, now)}` : 'Applied';
    case 'REFUSED': return `Refused: ${refusalOf(change.reason).why}`;
    case 'CANCELLED': return change.reason === 'CANCELLED_BY_ISSUER' ? 'Cancelled by your card issuer' : 'Cancelled';
    case 'ON_HOLD': return 'On hold: your card is being blocked';
    default: return 'Unknown';
  }
}

/** A parameter's value in words: amounts with their currency, choices by label, text as typed. */
export function parameterValueWords(parameter: Parameter, raw: string | null, app: PortalApplication,
  locale = userLocale()): string {
  if (raw === null) {
    return 'not set';
  }
  switch (parameter.type) {
    case 'AMOUNT':
      return /^\d+$/.test(raw) ? formatMoney(Number(raw), app.currency, locale) : raw;
    case 'CHOICE':
      return parameter.choices?.find((c) => c.key === raw)?.label ?? raw;
    case 'TEXT':
      return `\u201c${raw}\u201d`;
    default:
      return raw;
  }
}

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** What a change does, as an action: "Reload 20.00 €", "Set daily spending limit to 50.00 €". */
export function changeWords(change: Change, app: PortalApplication, locale = userLocale()): string {
  switch (change.kind) {
    case 'TOP_UP':
      return `Reload ${change.amount === null ? '' : formatMoney(change.amount, app.currency, locale)}`.trim();
    case 'SET_PARAMETER': {
      const name = change.parameterName ?? 'a setting';
      const parameter = app.parameters.find((p) => p.name === change.parameterName);
      const value = parameter ? parameterValueWords(parameter, change.newValue, app, locale) : change.newValue;
      return value === null ? `Change ${lowerFirst(name)}` : `Set ${lowerFirst(name)} to ${value}`;
    }
    case 'ADD_SERVICE': return `Add ${change.serviceName ?? 'a service'}`;
    case 'BLOCK': return 'Block your card';
    case 'UNBLOCK': return 'Unblock your card';
    case 'RESET_PIN_TRIES': return 'Unlock your PIN';
    default: return 'Change your card';
  }
}

/**
 * What a block requested by the customer means while the card has not been connected since: the server
 * stopped at once (nothing but the BLOCK is issued any more), and the card locks itself if it is connected.
 * Said first, so that a customer whose card is lost reads that nothing more goes to it.
 */
const BLOCKED_BY_REQUEST = 'we no longer send top-ups or changes to this card. If it is connected again, it will '
  + 'lock itself.';

/** The application's state in words. */
export function applicationStatusWords(app: PortalApplication, locale = userLocale(), now = new Date()): string {
  if (app.blockRequested && app.status !== 'BLOCKED') {
    const block = app.changes.filter((c) => c.kind === 'BLOCK')
      .sort((a, b) => b.requestedAt.localeCompare(a.requestedAt))[0];
    return `Blocked at your request${block ? ` on ${formatDay(block.requestedAt, locale, now)}` : ''}: `
      + BLOCKED_BY_REQUEST;
  }
  switch (app.status) {
    case 'ACTIVE': return 'Active';
    case 'BLOCKED': return 'Blocked: it can no longer be used. Contact your card issuer to have it unblocked or replaced.';
    case 'FROZEN': return 'Paused by your card issuer: contact them to use it again';
    default: return 'Not ready yet';
  }
}

/** A change still to come to the card (shown in "Changes"), as against history. */
export function isOpen(change: Change): boolean {
  return change.state === 'WAITING' || change.state === 'BEING_APPLIED' || change.state === 'ON_HOLD';
}

/** The confirmation once the customer's block was accepted. */
export function blockDoneWords(): string {
  return `Your card is blocked at your request: ${BLOCKED_BY_REQUEST}`;
}

/**
 * Why this application takes no top-up now, or null when it does: only an ACTIVE one without a block
 * requested (the server would refuse the rest: CARD_BLOCKED, or a card that is not in use).
 */
export function noTopUpWords(app: PortalApplication, locale = userLocale(), now = new Date()): string | null {
  if (app.status === 'ACTIVE' && !app.blockRequested) {
    return null;
  }
  return `This card cannot be topped up. ${applicationStatusWords(app, locale, now)}`.replace(/([^.])$/, '$1.');
}
