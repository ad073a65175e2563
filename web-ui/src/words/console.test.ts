import { describe, expect, it } from 'vitest';
import { action } from '../console-test-fixtures';
import { actionWords, cancelOutcomeWords, customerWords, moneyWords, searchCountWords, shellWords, statusWords } from './console';
import { actDialogWords, alertKindWords, auditKindWords } from './console-acts';
import { consoleErrorSentence } from './console-errors';
import { detail } from '../console-test-fixtures';

describe('actionWords', () => {
  it('says what an action does, with a credit in the application\u2019s currency and the user\u2019s locale', () => {
    const credit = action({ id: 1, payload: '000007d0' });
    expect(actionWords(credit, 'EUR', 'en-GB')).toBe('Add \u20ac20.00');
    expect(actionWords(credit, 'EUR', 'de-DE')).toBe('Add 20,00\u00a0\u20ac');
    expect(actionWords(credit, 'JPY', 'en-GB')).toBe('Add JP\u00a52,000');
    expect(actionWords(credit, 'XXX', 'en-GB')).toBe('Add 2,000 units');
    expect(actionWords(action({ id: 2, type: 'WRITE_PARAMETER', payload: '030A0B', summary: 'x' }), 'EUR'))
      .toBe('Set setting slot 3 to 0a0b');
    expect(actionWords(action({ id: 3, type: 'LOAD_APPLICATION_ACTIVATE', payload: '00050030' + '00'.repeat(32),
      summary: 'x' }), 'EUR')).toBe('Activate loaded application 5 (48 bytes)');
    expect(actionWords(action({ id: 4, type: 'BLOCK', payload: '', summary: 'BLOCK' }), 'EUR'))
      .toBe('Block the card application');
  });

  it('keeps the server\u2019s summary for a payload that does not fit its type', () => {
    expect(actionWords(action({ id: 1, payload: '07d0', summary: 'CREDIT' }), 'EUR')).toBe('CREDIT');
  });
});

describe('cancelOutcomeWords', () => {
  it('says nothing until the card has reported, then what it proved', () => {
    const asked = { cancelRequested: true, sequence: 4 };
    expect(cancelOutcomeWords({ ...asked, cancelPending: true, state: 'IN_FLIGHT' })).toBeNull();
    expect(cancelOutcomeWords({ ...asked, cancelPending: false, state: 'CANCELLED' }))
      .toBe('Cancelled: the card proved it had not run.');
    expect(cancelOutcomeWords({ ...asked, cancelPending: false, state: 'EXECUTED' }))
      .toBe('Executed: the card had applied it before the cancel.');
    expect(cancelOutcomeWords({ cancelRequested: false, sequence: null, cancelPending: false, state: 'CANCELLED' }))
      .toBe('Cancelled: it never ran on the card.');
    expect(cancelOutcomeWords({ cancelRequested: false, sequence: 4, cancelPending: false, state: 'EXECUTED' }))
      .toBeNull();
  });
});

describe('searchCountWords', () => {
  it('says how many cards match and which are shown', () => {
    expect(searchCountWords(0, 0, 25, 'bob', 0)).toBe('No card matches \u201cbob\u201d.');
    expect(searchCountWords(1, 0, 25, '', 1, 'en-GB')).toBe('1 card.');
    expect(searchCountWords(1234, 1, 25, 'a', 25, 'en-GB')).toBe('Cards 26 to 50 of 1,234 matching \u201ca\u201d.');
  });
});

describe('the console\u2019s other words', () => {
  it('names statuses, customers, alert and audit kinds, and keeps unknown codes readable', () => {
    expect(statusWords('ACTIVE')).toBe('Active');
    expect(statusWords('SUSPENDED')).toBe('Suspended');
    expect(customerWords(null)).toBe('Not linked to a customer yet');
    expect(customerWords({ username: 'bob', displayName: null, email: null })).toBe('bob');
    expect(alertKindWords('RATE_LIMITED')).toContain('Too many requests');
    expect(alertKindWords('REPORT_MISMATCH')).toContain('restored from a backup');
    expect(alertKindWords('REJECTED_MESSAGE')).toContain('refused unread');
    expect(auditKindWords('APPLICATION_RESYNCED')).toBe('Counters resynced to the card');
    expect(auditKindWords('USER_CREATED')).toBe('User created');
    expect(moneyWords(5, 'EUR', 'en-GB')).toBe('\u20ac0.05');
    expect(shellWords.signedInAs('helpdesk', 'Hana Desk')).toBe('Signed in as Hana Desk (helpdesk)');
    expect(shellWords.signedInAs('helpdesk', null)).toBe('Signed in as helpdesk');
  });

  it('explains a resync with the CA it sets', () => {
    const app = detail({ status: 'FROZEN', confirmedCa: 3, frozen: { reason: 'x', since: null, signedCa: 6,
      signedAtc: 9 } });
    expect(actDialogWords('resync', app, {}).explain[0]).toBe(
      'The confirmed CA becomes 6, the CA the card last signed (it is 3 now).');
  });

  it('turns a refused act into a sentence: the backend\u2019s for a bad field or state, ours for the rest', () => {
    expect(consoleErrorSentence({ code: 'INVALID_REQUEST', message: 'amount is required for CREDIT' }))
      .toBe('Amount is required for CREDIT.');
    expect(consoleErrorSentence({ code: 'NOT_FOUND', message: 'x' }))
      .toBe('That no longer exists. Reload the page to see what is there now.');
    expect(consoleErrorSentence({ code: 'NETWORK_ERROR', message: '' }))
      .toBe('The server could not be reached. Check your connection and try again.');
    expect(consoleErrorSentence(new Error('boom'))).toBe('Something went wrong on our side. Try again in a moment.');
  });
});
