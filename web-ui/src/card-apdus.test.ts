import { describe, expect, it } from 'vitest';
import {
  CardResponseFormatError,
  CardStatusWordError,
  DEMO_AID,
  aidFromQuery,
  dataOf,
  describeSw,
  parseCardStatus,
  randomUnpredictableNumber,
  requestSyncApdu,
  selectApdu,
  splitResponse,
} from './card-apdus';

/** A status record laid out as in docs/protocol.md 7: the demo card after one CREDIT of 250. */
const STATUS_HEX = [
  '01', // version
  '02', // ACTIVE
  '0102030405060708', // card id
  '0a', 'f04341524453594e4301', // AID
  '00000001', // CA
  '00000002', // ATC
  '000004e2', // balance 1250
  '000186a0', // purse limit 100000
  '03', // PIN tries
  '04', // flags: session open
  '01', '0101' + '02' + '0010', // one application entry
].join('');

describe('card commands', () => {
  it('SELECT carries the AID with its length', () => {
    expect(selectApdu(DEMO_AID)).toBe('00a404000af04341524453594e4301');
  });

  it('REQUEST SYNC is type 01, amount 0, the UN and 16 zero bytes, with Le', () => {
    expect(requestSyncApdu('0A0B0C0D')).toBe(
      '8040000019' + '01' + '00000000' + '0a0b0c0d' + '00000000000000000000000000000000' + '00');
    expect(requestSyncApdu('0a0b0c0d')).toHaveLength(2 * (5 + 25 + 1));
  });

  it('REQUEST refuses a UN that is not 4 bytes', () => {
    expect(() => requestSyncApdu('010203')).toThrow(RangeError);
    expect(() => requestSyncApdu('zz010203')).toThrow(RangeError);
  });

  it('the UN is 4 fresh bytes', () => {
    expect(randomUnpredictableNumber()).toMatch(/^[0-9a-f]{8}$/);
  });
});

describe('responses', () => {
  it('splits data from the status word', () => {
    expect(splitResponse('AABB9000')).toEqual({ data: 'aabb', sw: '9000' });
  });

  it('dataOf refuses a status word other than 9000, naming it', () => {
    expect(() => dataOf('REQUEST', '6a95')).toThrow(CardStatusWordError);
    expect(() => dataOf('REQUEST', '6a95')).toThrow('6A95 APPLICATION_BLOCKED');
  });

  it('names merit failures and PIN tries', () => {
    expect(describeSw('9401')).toBe('9401 MERIT_FAILURE (reason 01)');
    expect(describeSw('63c2')).toBe('63C2 PIN_WRONG (2 tries left)');
  });
});

describe('parseCardStatus', () => {
  it('reads every field of the record', () => {
    const s = parseCardStatus(STATUS_HEX);
    expect(s).toEqual({
      version: 1,
      state: 'ACTIVE',
      stateCode: 2,
      cardId: '0102030405060708',
      aid: DEMO_AID,
      ca: 1,
      atc: 2,
      balance: 1250,
      purseLimit: 100000,
      pinTriesRemaining: 3,
      flags: { caSaturated: false, atcSaturated: false, sessionOpen: true, pinValidated: false },
      applications: [{ appId: 0x0101, state: 2, length: 16 }],
    });
  });

  it('reads counters above 2^31 as unsigned', () => {
    const saturated = STATUS_HEX.replace('00000001' + '00000002', 'ffffffff' + '80000000');
    const s = parseCardStatus(saturated);
    expect(s.ca).toBe(0xffffffff);
    expect(s.atc).toBe(0x80000000);
  });

  it('refuses another version', () => {
    expect(() => parseCardStatus('02' + STATUS_HEX.slice(2))).toThrow(CardResponseFormatError);
  });

  it('refuses a record cut short or with bytes left over', () => {
    expect(() => parseCardStatus(STATUS_HEX.slice(0, -2))).toThrow(CardResponseFormatError);
    expect(() => parseCardStatus(STATUS_HEX + '00')).toThrow(CardResponseFormatError);
    expect(() => parseCardStatus('01')).toThrow(CardResponseFormatError);
  });
});

describe('aidFromQuery', () => {
  it('defaults to the demo AID', () => {
    expect(aidFromQuery('')).toBe(DEMO_AID);
  });

  it('takes ?aid= when it is 5 to 16 bytes of hex', () => {
    expect(aidFromQuery('?aid=A0000000010203')).toBe('a0000000010203');
    expect(() => aidFromQuery('?aid=a000')).toThrow(RangeError);
    expect(() => aidFromQuery('?aid=not-hex-at-all')).toThrow(RangeError);
  });
});
