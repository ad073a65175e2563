/**
 * Every sentence of the helpdesk console's shell, search and application screens (the words of the
 * alerts, dashboard and admin screens are in words/console-*.ts). Amounts and dates in the user's locale
 * (format.ts); error codes become sentences through words/errors.ts.
 */
import type { ActionView, ApplicationSummary, CustomerView } from '../console-types';
import type { Currency } from '../portal-types';
import { formatDateTime, formatMoney, userLocale } from './format';

export const shellWords = {
  title: 'cardsync helpdesk',
  loading: 'Loading\u2026',
  navLabel: 'Console',
  navSearch: 'Search',
  navAlerts: 'Alerts',
  navDashboard: 'Dashboard',
  navAdmin: 'Admin',
  navIssue: 'Issue a card',
  navStaff: 'Staff users',
  live: 'Live',
  notLive: 'Not live: reconnecting',
  signOut: 'Sign out',
  /** Staff see their colleagues' names in the audit by user name, so theirs is shown too. */
  signedInAs: (username: string, displayName: string | null) =>
    (displayName ? `Signed in as ${displayName} (${username})` : `Signed in as ${username}`),
  sessionEnded: 'Your session has ended. Sign in again to continue.',
  signedOut: 'You have signed out.',
  forbiddenHeading: 'This console is for the card issuer\u2019s staff',
  forbidden: 'You are signed in as a card holder, so there is nothing for you here.',
  toPortal: 'Go to your cards',
  adminOnlyHeading: 'For administrators only',
  adminOnly: 'Only an administrator can open this screen.',
  toSearch: 'Back to the search',
  /** The browser tab's title: the screen first, so tabs and screen readers tell the screens apart. */
  pageTitle: (screen: string) => `${screen} \u2014 cardsync console`,
  signInTitle: 'Sign in',
  applicationTitle: (id: number) => `Card application ${id}`,
} as const;

export const searchWords = {
  heading: 'Search cards',
  label: 'Card id, customer name or e-mail',
  hint: 'A card id matches from its start; a name or e-mail anywhere in it.',
  submit: 'Search',
  loading: 'Searching\u2026',
  results: 'Cards found',
  prev: 'Previous page',
  next: 'Next page',
  noCustomer: 'Not linked to a customer yet',
  noApplications: 'No application on this card.',
  columns: { card: 'Card', customer: 'Customer', applications: 'Applications' } as const,
};

/** "No card matches “bob”.", "1 card", "Cards 26 to 50 of 1,234": how many, and which part is shown. */
export function searchCountWords(total: number, page: number, size: number, q: string, shown: number,
  locale = userLocale()): string {
  const n = (value: number) => new Intl.NumberFormat(locale).format(value);
  if (total === 0) {
    return q.trim() ? `No card matches \u201c${q.trim()}\u201d.` : 'There are no cards yet.';
  }
  const what = q.trim() ? ` matching \u201c${q.trim()}\u201d` : '';
  if (total <= size && page === 0) {
    return `${n(total)} ${total === 1 ? 'card' : 'cards'}${what}.`;
  }
  if (shown === 0) {
    return `No cards on this page: there are ${n(total)}${what}.`;
  }
  const from = page * size + 1;
  return `Cards ${n(from)} to ${n(from + shown - 1)} of ${n(total)}${what}.`;
}

/** One application in a search row: "City purse: Active, CA 3, 2 pending, 1 open alert". */
export function applicationLineWords(app: ApplicationSummary): string {
  const parts = [statusWords(app.status), `CA ${app.confirmedCa}`];
  if (app.scriptInFlight) parts.push('a script in flight');
  if (app.pendingActions > 0) parts.push(`${app.pendingActions} pending`);
  if (app.openAlerts > 0) parts.push(`${app.openAlerts} open ${app.openAlerts === 1 ? 'alert' : 'alerts'}`);
  return parts.join(', ');
}

/** A customer as staff see them: "Alice Martin (alice, alice@example.com)". */
export function customerWords(customer: CustomerView | null): string {
  if (!customer) {
    return searchWords.noCustomer;
  }
  const details = [customer.username, customer.email].filter(Boolean).join(', ');
  return customer.displayName ? `${customer.displayName} (${details})` : details;
}

const STATUS: Readonly<Record<string, string>> = {
  ACTIVE: 'Active',
  BLOCKED: 'Blocked on the card',
  FROZEN: 'Frozen: nothing is sent to the card until the helpdesk acts',
};

/** An application's status in words (the code is shown beside it). */
export function statusWords(status: string): string {
  return STATUS[status] ?? humanised(status);
}

const ACTION_STATE: Readonly<Record<string, string>> = {
  QUEUED: 'Waiting to be sent to the card',
  IN_FLIGHT: 'Sent to the card, waiting for it to report',
  EXECUTED: 'Done on the card',
  FAILED: 'Failed',
  CANCELLED: 'Cancelled',
};

export function actionStateWords(state: string): string {
  return ACTION_STATE[state] ?? humanised(state);
}

/** "COUNTER_ANOMALY" → "Counter anomaly": a code nobody gave words yet, still readable. */
export function humanised(code: string): string {
  const text = code.toLowerCase().replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Decimal places of a currency's minor unit, as Intl knows them ("XXX", no currency: none). */
export function minorUnitsOf(code: string): number {
  if (code === 'XXX' || !isCurrency(code)) {
    return 0;
  }
  return new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions()
    .maximumFractionDigits ?? 2;
}

/** The application's currency as the portal's Currency (code and minor units). */
export function currencyOf(code: string): Currency {
  return { code, minorUnits: minorUnitsOf(code) };
}

/** An amount in minor units in the application's currency; "XXX" (unknown) as "2,000 units". */
export function moneyWords(minor: number, code: string, locale = userLocale()): string {
  if (code === 'XXX' || !isCurrency(code)) {
    return `${new Intl.NumberFormat(locale).format(minor)} ${minor === 1 ? 'unit' : 'units'}`;
  }
  return formatMoney(minor, currencyOf(code), locale);
}

function isCurrency(code: string): boolean {
  try {
    new Intl.NumberFormat('en', { style: 'currency', currency: code });
    return true;
  } catch {
    return false;
  }
}

function unsignedAt(bytes: number[], from: number, length: number): number {
  return bytes.slice(from, from + length).reduce((value, byte) => value * 256 + byte, 0);
}

function hexBytes(hex: string): number[] | null {
  if (!/^([0-9a-fA-F]{2})*$/.test(hex)) {
    return null;
  }
  return (hex.match(/../g) ?? []).map((pair) => parseInt(pair, 16));
}

/**
 * What an action does, in words, read from its payload (protocol.md 6.1): "Add €20.00", "Set slot 3 to
 * 0a0b". A payload that does not fit its type keeps the server's summary.
 */
export function actionWords(action: Pick<ActionView, 'type' | 'payload' | 'summary'>, currency: string,
  locale = userLocale()): string {
  const p = hexBytes(action.payload);
  switch (action.type) {
    case 'CREDIT':
      return p && p.length === 4 ? `Add ${moneyWords(unsignedAt(p, 0, 4), currency, locale)}` : action.summary;
    case 'WRITE_PARAMETER':
      if (!p || p.length < 1) return action.summary;
      return p.length === 1 ? `Erase setting slot ${p[0]}`
        : `Set setting slot ${p[0]} to ${action.payload.slice(2).toLowerCase()}`;
    case 'LOAD_APPLICATION_BLOCK':
      return p && p.length >= 3
        ? `Load application ${unsignedAt(p, 0, 2)}: block ${p[2]} (${p.length - 3} bytes)` : action.summary;
    case 'LOAD_APPLICATION_ACTIVATE':
      return p && p.length >= 4
        ? `Activate loaded application ${unsignedAt(p, 0, 2)} (${unsignedAt(p, 2, 2)} bytes)` : action.summary;
    case 'BLOCK':
      return 'Block the card application';
    case 'UNBLOCK':
      return 'Unblock the card application';
    case 'RESET_PIN_TRIES':
      return 'Reset the PIN tries';
    default:
      return action.summary;
  }
}

/**
 * What became of a cancelled action, or of one whose cancel was asked for while in flight, or null: while in flight
 * the card has to report first; afterwards its state is what the card proved. A queued action is cancelled at once
 * (the server sets no cancelRequested for it): it never ran on the card, whether or not an earlier session had sent it.
 */
export function cancelOutcomeWords(action: Pick<ActionView, 'cancelRequested' | 'cancelPending' | 'state'
  | 'sequence'>): string | null {
  if (action.state === 'CANCELLED' && !action.cancelRequested) {
    return 'Cancelled: it never ran on the card.';
  }
  if (!action.cancelRequested || action.cancelPending) {
    return null;
  }
  switch (action.state) {
    case 'CANCELLED':
      return 'Cancelled: the card proved it had not run.';
    case 'EXECUTED':
      return 'Executed: the card had applied it before the cancel.';
    case 'FAILED':
      return 'Not applied: it failed before the cancel was settled.';
    default:
      return null;
  }
}

export const CANCEL_PENDING = 'Cancel pending until the card reports';

/** "29 Nov 2026, 14:05", or "never" for a date there is not. */
export function whenWords(iso: string | null, locale = userLocale()): string {
  return iso ? formatDateTime(iso, locale) : 'never';
}
