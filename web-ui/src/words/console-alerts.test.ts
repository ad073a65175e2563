import { describe, expect, it } from 'vitest';
import {
  ALERT_KINDS, acknowledgeWords, alertCountWords, alertKindName, alertPlaceWords, alertSeenWords, alertsCountWords,
} from './console-alerts';

describe('alert words', () => {
  it('names every AlertKind of the backend (openapi.json) in words, never by its code', async () => {
    const { readDoc } = await import('../contract/repo-docs');
    const openapi = JSON.parse(readDoc('openapi.json')) as { components: { schemas: { AlertKind: { enum: string[] } } } };
    const kinds = openapi.components.schemas.AlertKind.enum;
    expect(kinds).toContain('RATE_LIMITED');
    expect([...ALERT_KINDS].sort()).toEqual([...kinds].sort());
    for (const kind of kinds) {
      expect(alertKindName(kind), kind).not.toMatch(/[A-Z]{2,}|_/);
    }
  });

  it('counts and dates in the user\u2019s locale', () => {
    expect(alertCountWords(1)).toBe('Once');
    expect(alertCountWords(3046, 'de-DE')).toBe('3.046 times');
    const seen = alertSeenWords({ count: 2, firstSeen: '2026-11-29T10:00:00Z', lastSeen: '2026-11-29T10:00:05Z' }, 'en-GB');
    expect(seen).toMatch(/^First seen 29 Nov 2026, \d\d:00, last seen 29 Nov 2026, \d\d:00$/);
    expect(alertsCountWords(1, 25, 25, 1234, 'en-GB')).toBe('Showing 26\u201350 of 1,234 alerts.');
    expect(alertsCountWords(0, 25, 0, 0)).toBe('No alerts match these filters.');
  });

  it('says where an alert is, also when it names no application', () => {
    expect(alertPlaceWords({ cardId: '0102030405060708', aid: 'f043' })).toBe('Card 0102030405060708, application f043');
    expect(alertPlaceWords({ cardId: null, aid: null })).toBe('No card named');
    const words = acknowledgeWords({ kind: 'RATE_LIMITED', cardId: '0102030405060708', count: 7 });
    expect(words.title).toBe('Acknowledge: Too many requests on card 0102030405060708');
    expect(words.explain.join(' ')).toContain('Seen 7 times.');
  });
});
