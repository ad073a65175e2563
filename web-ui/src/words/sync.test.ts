import { describe, expect, it } from 'vitest';
import type { ScriptCommand } from '../terminal-api';
import { change, demoApplication } from './test-fixtures';
import { batchesByChange, changeCount, emptyReport, outcomeSentences, progressItems } from './sync';

const command = (actionId: number, type: ScriptCommand['type']): ScriptCommand =>
  ({ actionId, sequence: actionId, type, apdu: '80420000' });

const app = demoApplication([
  change({ id: 11, kind: 'TOP_UP', amount: 2000, actionIds: [11] }),
  change({ id: 14, kind: 'ADD_SERVICE', serviceName: 'Bike share', actionIds: [12, 13, 14] }),
  change({ id: 15, kind: 'SET_PARAMETER', parameterName: 'Daily spending limit', newValue: '5000', actionIds: [15] }),
]);
const script = [command(11, 'CREDIT'), command(12, 'LOAD_APPLICATION_BLOCK'), command(13, 'LOAD_APPLICATION_BLOCK'),
  command(14, 'LOAD_APPLICATION_ACTIVATE'), command(15, 'WRITE_PARAMETER')];

describe('progress', () => {
  it('cuts the script where one change ends, keeping a service\u2019s blocks together', () => {
    expect(batchesByChange(script, app.changes).map((b) => b.map((c) => c.actionId))).toEqual([[11], [12, 13, 14], [15]]);
  });

  it('shows each change in words, on the card once the card accepted all its commands', () => {
    const items = progressItems(script, app, new Set([11, 12]), 'en-GB');
    expect(items.map((i) => [i.label, i.state])).toEqual([
      ['Reload \u20ac20.00', 'on-card'],
      ['Add Bike share', 'waiting'],
      ['Set daily spending limit to \u20ac50.00', 'waiting'],
    ]);
  });

  it('counts changes, not actions', () => {
    expect(changeCount([11, 12, 13, 14], app.changes)).toBe(2);
    expect(changeCount([99], app.changes)).toBe(1);
  });
});

describe('outcomeSentences', () => {
  it('confirms what the REQUEST settled from last time', () => {
    expect(outcomeSentences({ ...emptyReport(), confirmedFromLastTime: 7 }, 'en-GB'))
      .toEqual(['7 changes from last time confirmed.']);
  });

  it('says how many of the changes are not on the card yet after a cut', () => {
    expect(outcomeSentences({ ...emptyReport(), kind: 'interrupted', notYet: 2, total: 3 }, 'en-GB'))
      .toEqual(['2 of 3 changes are not on your card yet; they will be applied next time you connect it.']);
  });

  it('explains a refusal and what to do', () => {
    const refused = change({ id: 11, kind: 'TOP_UP', amount: 2000, state: 'REFUSED', reason: 'PURSE_LIMIT_EXCEEDED' });
    expect(outcomeSentences({ ...emptyReport(), applied: 1, refused: [{ change: refused, app }] }, 'en-GB')).toEqual([
      '1 change applied to your card.',
      'Reload \u20ac20.00: refused, over your card\u2019s limit. Top up a smaller amount, or spend some of your balance first.',
      'The \u20ac20.00 you paid for this reload was not added to your card. Contact your card issuer about your payment.',
    ]);
  });

  it('still says what was applied when a later change was cut off or the synchronisation failed', () => {
    expect(outcomeSentences({ ...emptyReport(), kind: 'interrupted', applied: 2, notYet: 1, total: 3 }, 'en-GB'))
      .toContain('2 changes applied to your card.');
    expect(outcomeSentences({ ...emptyReport(), kind: 'failed', applied: 1,
      error: { code: 'UNKNOWN_CARD', message: 'card id + AID not registered' } }, 'en-GB'))
      .toContain('1 change applied to your card.');
  });

  it('says the card is up to date when nothing was waiting', () => {
    expect(outcomeSentences(emptyReport(), 'en-GB')).toEqual(['Your card is up to date.']);
  });
});
