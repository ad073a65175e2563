/**
 * The alerts screen's sentences: every alert kind (the backend's AlertKind) by a short name, the state filter,
 * a row's place, counts and times in the user's locale, and the acknowledge dialog.
 */
import type { AlertStateFilter } from '../console-router';
import type { AlertKind, AlertView } from '../console-types';
import { alertKindWords, type ActDialogWords } from './console-acts';
import { formatDateTime, userLocale } from './format';

/**
 * Short names, for the filter and the row's heading, one for every AlertKind of docs/openapi.json (tsc holds
 * it); what each kind means is said once, by console-acts.ts's alertKindWords (the application screen shows it too).
 */
const KIND_NAMES: Readonly<Record<AlertKind, string>> = {
  MAC_FAILURE: 'Message failed its check',
  STALE_ATC: 'Old message replayed',
  COUNTER_ANOMALY: 'Counter anomaly',
  RETRIES_SPENT: 'Action refused until retries ran out',
  COUNTER_SATURATED: 'Action counter full',
  MESSAGE_WHILE_FROZEN: 'Message while frozen',
  RATE_LIMITED: 'Too many requests',
  REPORT_MISMATCH: 'Card report does not match the records',
  REJECTED_MESSAGE: 'Unverified message refused',
};

/** The kinds the filter offers, in the order above (a kind the page does not know still shows, by its name). */
export const ALERT_KINDS: readonly string[] = Object.keys(KIND_NAMES);

export function alertKindName(kind: string): string {
  return KIND_NAMES[kind as AlertKind] ?? 'Other alert';
}

export const ALERT_STATE_WORDS: Readonly<Record<AlertStateFilter, string>> = {
  open: 'Open',
  acknowledged: 'Acknowledged',
  all: 'All',
};

/** "Once" or "12 times". */
export function alertCountWords(count: number, locale = userLocale()): string {
  return count === 1 ? 'Once' : `${new Intl.NumberFormat(locale).format(count)} times`;
}

/** When it was seen: one time, or from first to last. */
export function alertSeenWords(alert: Pick<AlertView, 'count' | 'firstSeen' | 'lastSeen'>, locale = userLocale()): string {
  const last = formatDateTime(alert.lastSeen, locale);
  return alert.count === 1 || alert.firstSeen === alert.lastSeen ? `Seen ${last}`
    : `First seen ${formatDateTime(alert.firstSeen, locale)}, last seen ${last}`;
}

/** Who acknowledged it and when (staff names are for the console only). */
export function acknowledgedWords(alert: Pick<AlertView, 'acknowledgedBy' | 'acknowledgedAt'>, locale = userLocale()): string {
  const when = alert.acknowledgedAt ? ` on ${formatDateTime(alert.acknowledgedAt, locale)}` : '';
  return `Acknowledged by ${alert.acknowledgedBy ?? 'someone'}${when}`;
}

/** Where it happened: "Card 0102030405060708, application f043…", or that no application was named. */
export function alertPlaceWords(alert: Pick<AlertView, 'cardId' | 'aid'>): string {
  if (alert.cardId === null) {
    return 'No card named';
  }
  return alert.aid === null ? `Card ${alert.cardId}` : `Card ${alert.cardId}, application ${alert.aid}`;
}

/** "Message failed its check on card 0102030405060708": the alert in a few words, for buttons and outcomes. */
export function alertSubject(alert: Pick<AlertView, 'kind' | 'cardId'>): string {
  return alert.cardId === null ? alertKindName(alert.kind) : `${alertKindName(alert.kind)} on card ${alert.cardId}`;
}

/** The acknowledge dialog (console-act-dialog). */
export function acknowledgeWords(alert: Pick<AlertView, 'kind' | 'cardId' | 'count'>): ActDialogWords {
  return {
    title: `Acknowledge: ${alertSubject(alert)}`,
    confirm: 'Acknowledge',
    explain: [`${alertKindWords(alert.kind)}. Seen ${alertCountWords(alert.count).toLowerCase()}.`,
      'The alert is closed. If the same happens again, a new alert opens.'],
  };
}

/** "Showing 26–50 of 1,234 alerts", or that there are none for these filters. */
export function alertsCountWords(page: number, size: number, shown: number, total: number, locale = userLocale()): string {
  if (total === 0) {
    return 'No alerts match these filters.';
  }
  const n = new Intl.NumberFormat(locale);
  const first = page * size + 1;
  return `Showing ${n.format(first)}\u2013${n.format(first + shown - 1)} of ${n.format(total)} ${total === 1 ? 'alert' : 'alerts'}.`;
}
