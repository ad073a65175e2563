/**
 * The alerts screen's sentences: every alert kind (the backend's AlertKind) in words with what it means for
 * the helpdesk, the state filter, and a row's counts and times in the user's locale.
 */
import type { AlertStateFilter } from '../console-router';
import type { AlertView } from '../console-types';
import type { ActDialogWords } from './console-acts';
import { formatDateTime, userLocale } from './format';

interface KindWords {
  /** A short name, for the filter and the row. */
  name: string;
  /** What it means and what to look at. */
  meaning: string;
}

const KINDS: Readonly<Record<string, KindWords>> = {
  MAC_FAILURE: { name: 'Message failed its check',
    meaning: 'A message naming this card did not carry a valid MAC: tampering, or a card with other keys.' },
  STALE_ATC: { name: 'Old message replayed',
    meaning: 'A message arrived with a transaction counter already seen: a replay or a long-delayed message.' },
  COUNTER_ANOMALY: { name: 'Counter anomaly',
    meaning: 'The card signed an impossible action counter, so the application was frozen. Check it, then resync or unfreeze.' },
  RETRIES_SPENT: { name: 'Action refused until retries ran out',
    meaning: 'The card refused an action on its merits each time it was sent. Look at the reason, then retry or cancel it.' },
  COUNTER_SATURATED: { name: 'Action counter full',
    meaning: 'The card\u2019s action counter is at its maximum: the actions waiting for it can never run. The card needs replacing.' },
  MESSAGE_WHILE_FROZEN: { name: 'Message while frozen',
    meaning: 'The card reported while its application is frozen: nothing was sent to it until someone resyncs or unfreezes it.' },
  RATE_LIMITED: { name: 'Too many requests',
    meaning: 'Terminals sent more requests naming this application than the limit allows; the extra ones were refused.' },
};

/** The kinds the filter offers, in the order above (a kind the page does not know still shows, by its name). */
export const ALERT_KINDS: readonly string[] = Object.keys(KINDS);

export function alertKindName(kind: string): string {
  return KINDS[kind]?.name ?? 'Other alert';
}

export function alertKindMeaning(kind: string): string {
  return KINDS[kind]?.meaning ?? 'An alert this page does not know yet; its detail says what happened.';
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
    explain: [`Seen ${alertCountWords(alert.count).toLowerCase()}.`,
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
