import { describe, expect, it } from 'vitest';
import { applicationStatusWords, blockDoneWords, noTopUpWords, changeStateWords, changeWords, refusalOf } from './changes';
import { change, demoApplication } from './test-fixtures';

const app = demoApplication();
const now = new Date('2026-12-01T10:00:00Z');

describe('changeStateWords', () => {
  it('says where each change is, in words', () => {
    expect(changeStateWords(change({ id: 1, kind: 'TOP_UP', state: 'WAITING' }), 'en-GB', now)).toBe('Waiting for your card');
    expect(changeStateWords(change({ id: 1, kind: 'TOP_UP', state: 'BEING_APPLIED' }), 'en-GB', now)).toBe('Being applied');
    expect(changeStateWords(change({ id: 1, kind: 'TOP_UP', state: 'APPLIED', settledAt: '2026-11-29T15:00:00Z' }),
      'en-GB', now)).toBe('Applied on 29 Nov');
    expect(changeStateWords(change({ id: 1, kind: 'TOP_UP', state: 'REFUSED', reason: 'PURSE_LIMIT_EXCEEDED' }),
      'en-GB', now)).toBe('Refused: over your card\u2019s limit');
    expect(changeStateWords(change({ id: 1, kind: 'TOP_UP', state: 'CANCELLED', reason: 'CANCELLED_BY_ISSUER' }),
      'en-GB', now)).toBe('Cancelled by your card issuer');
  });
});

describe('refusalOf', () => {
  it('gives every merit reason of protocol.md 6.2 a sentence and something to do, never its name', async () => {
    const { readDoc } = await import('../contract/repo-docs');
    const section = readDoc('protocol.md').split('### 6.2')[1].split('###')[0];
    const names = [...section.matchAll(/^\| `[0-9A-F]{2}` \| ([A-Z_]+) \|$/gm)].map((m) => m[1]);
    expect(names.length).toBeGreaterThan(10);
    for (const name of names) {
      const refusal = refusalOf(name);
      expect(refusal.why, name).not.toBe(refusalOf('NO_SUCH_REASON').why);
      expect(refusal.why).not.toMatch(/[A-Z]{2,}|_/);
      expect(refusal.whatToDo).toMatch(/\.$/);
    }
  });
});

describe('changeWords', () => {
  it('names each change as an action with its value formatted by the parameter\u2019s type', () => {
    expect(changeWords(change({ id: 1, kind: 'TOP_UP', amount: 2000 }), app, 'en-GB')).toBe('Reload \u20ac20.00');
    expect(changeWords(change({ id: 2, kind: 'SET_PARAMETER', parameterName: 'Daily spending limit', newValue: '5000' }),
      app, 'en-GB')).toBe('Set daily spending limit to \u20ac50.00');
    expect(changeWords(change({ id: 3, kind: 'SET_PARAMETER', parameterName: 'Language', newValue: 'fr' }), app, 'en-GB'))
      .toBe('Set language to French');
    expect(changeWords(change({ id: 4, kind: 'ADD_SERVICE', serviceName: 'Bike share' }), app, 'en-GB')).toBe('Add Bike share');
    expect(changeWords(change({ id: 5, kind: 'BLOCK' }), app, 'en-GB')).toBe('Block your card');
  });
});

describe('a block the customer asked for', () => {
  const blocking = { ...demoApplication([change({ id: 9, kind: 'BLOCK', requestedAt: '2026-11-29T15:00:00Z' }),
    change({ id: 8, kind: 'TOP_UP', amount: 500, state: 'ON_HOLD' })]), blockRequested: true };

  it('says first that nothing more is sent to the card, from the day it was asked', () => {
    expect(applicationStatusWords(blocking, 'en-GB', now)).toBe('Blocked at your request on 29 Nov: we no longer '
      + 'send top-ups or changes to this card. If it is connected again, it will lock itself.');
  });

  it('confirms the same at once, without making it wait for the card', () => {
    expect(blockDoneWords()).toMatch(/^Your card is blocked at your request: we no longer send top-ups or changes/);
    expect(blockDoneWords()).not.toMatch(/next time/);
  });
});

describe('noTopUpWords', () => {
  it('lets only an active application without a block requested be topped up, and says why not', () => {
    expect(noTopUpWords(demoApplication(), 'en-GB', now)).toBeNull();
    expect(noTopUpWords({ ...demoApplication(), blockRequested: true }, 'en-GB', now))
      .toMatch(/^This card cannot be topped up\. Blocked at your request: we no longer send top-ups/);
    expect(noTopUpWords({ ...demoApplication(), status: 'FROZEN' }, 'en-GB', now))
      .toBe('This card cannot be topped up. Paused by your card issuer: contact them to use it again.');
  });
});
