import { describe, expect, it } from 'vitest';
import { checkQueueForm, type QueueFields } from './console-queue';

const blank: QueueFields = { type: 'CREDIT', amount: '', slot: '', value: '', appId: '', record: '' };

describe('checkQueueForm', () => {
  it('sends a credit typed in major units in minor units of the application\u2019s currency', () => {
    expect(checkQueueForm({ ...blank, amount: '20.5' }, 'EUR')).toEqual({ ok: true,
      request: { type: 'CREDIT', amount: 2050 } });
    expect(checkQueueForm({ ...blank, amount: '0.29' }, 'EUR')).toEqual({ ok: true,
      request: { type: 'CREDIT', amount: 29 } });
    expect(checkQueueForm({ ...blank, amount: '500' }, 'JPY')).toEqual({ ok: true,
      request: { type: 'CREDIT', amount: 500 } });
  });

  it('refuses a credit the API would refuse', () => {
    const problem = (amount: string, currency = 'EUR') => {
      const check = checkQueueForm({ ...blank, amount }, currency);
      return check.ok ? null : check.problems.amount;
    };
    expect(problem('')).toMatch(/Enter an amount/);
    expect(problem('0')).toBe('Enter an amount greater than zero.');
    expect(problem('1.5', 'JPY')).toBe('Enter a whole amount, without decimals.');
    expect(problem('42949673')).toMatch(/at most/); // 4,294,967,300 minor units: more than 32 bits
  });

  it('takes a setting slot 0 to 7 and a hex value of whole bytes, at most 32', () => {
    const write = { ...blank, type: 'WRITE_PARAMETER' as const };
    expect(checkQueueForm({ ...write, slot: '3', value: '0A0b' }, 'EUR')).toEqual({ ok: true,
      request: { type: 'WRITE_PARAMETER', slot: 3, value: '0a0b' } });
    expect(checkQueueForm({ ...write, slot: '0', value: '' }, 'EUR').ok).toBe(true);
    const bad = checkQueueForm({ ...write, slot: '8', value: 'abc' }, 'EUR');
    expect(bad.ok ? null : bad.problems).toEqual({ slot: 'Enter a slot from 0 to 7.',
      value: 'Give whole bytes: an even number of hexadecimal digits.' });
    const long = checkQueueForm({ ...write, slot: '1', value: 'ab'.repeat(33) }, 'EUR');
    expect(long.ok ? null : long.problems.value).toBe('At most 32 bytes (64 hexadecimal digits).');
  });

  it('takes an application id and a record of 1 to 256 bytes', () => {
    const load = { ...blank, type: 'LOAD_APPLICATION' as const };
    expect(checkQueueForm({ ...load, appId: '5', record: 'de ad be ef' }, 'EUR')).toEqual({ ok: true,
      request: { type: 'LOAD_APPLICATION', appId: 5, record: 'deadbeef' } });
    const bad = checkQueueForm({ ...load, appId: '65536', record: '' }, 'EUR');
    expect(bad.ok ? null : Object.keys(bad.problems).sort()).toEqual(['appId', 'record']);
    const notHex = checkQueueForm({ ...load, appId: '1', record: 'zz' }, 'EUR');
    expect(notHex.ok ? null : notHex.problems.record).toMatch(/hexadecimal digits only/);
  });

  it('sends the acts without a value as their type alone', () => {
    for (const type of ['BLOCK', 'UNBLOCK', 'RESET_PIN_TRIES'] as const) {
      expect(checkQueueForm({ ...blank, type, amount: 'ignored' }, 'EUR')).toEqual({ ok: true, request: { type } });
    }
  });
});
