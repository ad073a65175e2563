import { describe, expect, it } from 'vitest';
import { activitySummary, bucketLabel, periodWords } from './console-dashboard';

describe('bucketLabel', () => {
  it('names an hour in the user\u2019s locale and time zone, with the day over 7 days', () => {
    expect(bucketLabel('2026-11-29T13:00:00Z', 24, 'en-GB', 'Europe/Paris')).toBe('14:00');
    expect(bucketLabel('2026-11-29T13:00:00Z', 24, 'en-US', 'America/New_York')).toBe('08:00 AM');
    expect(bucketLabel('2026-11-29T13:00:00Z', 168, 'en-GB', 'Europe/Paris')).toBe('Sun 29 Nov, 14:00');
    expect(bucketLabel('2026-11-29T13:00:00Z', 168, 'de-DE', 'Europe/Berlin')).toBe('So., 29. Nov., 14:00');
  });
});

describe('activity words', () => {
  it('sums up the period for the chart\u2019s text and the table\u2019s caption, in the locale', () => {
    expect(activitySummary(168, { executed: 12345, resends: 6, refusals: 0 }, 'de-DE'))
      .toBe('Last 7 days: 12.345 actions executed, 6 resent, 0 card messages refused, per hour.');
    expect(periodWords('2026-11-28T14:00:00Z', '2026-11-29T14:00:00Z', 'en-GB', 'UTC'))
      .toBe('From 28 Nov 2026, 14:00 to 29 Nov 2026, 14:00.');
  });
});
