/**
 * The dashboard's words: what each count means, the spans, the series, and the hours of the activity in the
 * user's locale and time zone (Intl uses the browser's zone unless a test passes one).
 */
import type { ActivitySpan } from '../console-api';
import type { DashboardCounts } from '../console-types';
import { userLocale } from './format';

export interface CountWords {
  key: keyof DashboardCounts;
  testId: string;
  label: string;
  hint: string;
}

export const COUNT_WORDS: readonly CountWords[] = [
  { key: 'queued', testId: 'count-queued', label: 'Pending', hint: 'Actions queued, waiting for their card' },
  { key: 'inFlight', testId: 'count-in-flight', label: 'In flight', hint: 'Actions sent, waiting for the card to report' },
  { key: 'failed', testId: 'count-failed', label: 'Failed', hint: 'Actions the card refused until their retries ran out' },
  { key: 'frozen', testId: 'count-frozen', label: 'Frozen', hint: 'Applications frozen after a counter anomaly' },
  { key: 'openAlerts', testId: 'count-open-alerts', label: 'Open alerts', hint: 'Alerts no one has acknowledged yet' },
];

export const SPAN_WORDS: Readonly<Record<ActivitySpan, string>> = {
  24: 'Last 24 hours',
  168: 'Last 7 days',
};

export const SERIES_WORDS = {
  executed: 'Executed',
  resends: 'Resends',
  refusals: 'Refusals',
} as const;

/** What the chart shows, as its text alternative. */
export function activitySummary(span: ActivitySpan, totals: { executed: number; resends: number; refusals: number },
  locale = userLocale()): string {
  const n = new Intl.NumberFormat(locale);
  return `${SPAN_WORDS[span]}: ${n.format(totals.executed)} actions executed, ${n.format(totals.resends)} resent, `
    + `${n.format(totals.refusals)} card messages refused, per hour.`;
}

/**
 * A bucket's start as the axis and the table name it: the hour alone over 24 hours ("14:00"), with the day over
 * 7 days ("Sun 29 Nov, 14:00" in en-GB), in the user's time zone.
 */
export function bucketLabel(iso: string, span: ActivitySpan, locale = userLocale(), timeZone?: string): string {
  const options: Intl.DateTimeFormatOptions = span === 24
    ? { hour: '2-digit', minute: '2-digit', timeZone }
    : { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone };
  return new Intl.DateTimeFormat(locale, options).format(new Date(iso));
}

/** "Figures from 29 Nov 2026, 14:00 to 30 Nov 2026, 14:00" in the user's locale. */
export function periodWords(from: string, to: string, locale = userLocale(), timeZone?: string): string {
  const format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  return `From ${format.format(new Date(from))} to ${format.format(new Date(to))}.`;
}
