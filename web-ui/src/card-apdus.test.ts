/**
 * The page's card commands and its reading of the card's answers, held to docs/test-vectors.json (the
 * commands and answers of a real card session, computed independently of this code) and to docs/protocol.md:
 * the life-cycle states (2), the status words (2.1) and the GET STATUS record's flag bits (7). A change to
 * either document that the page does not follow fails here.
 */
import { describe, expect, it } from 'vitest';
import {
  ACK_APDU,
  CardResponseFormatError,
  CardStatusWordError,
  DEMO_AID,
  GET_STATUS_APDU,
  STATUS_WORD_NAMES,
  aidFromQuery,
  dataOf,
  describeSw,
  parseCardStatus,
  randomUnpredictableNumber,
  requestAuthenticateApdu,
  requestSyncApdu,
  selectApdu,
  splitResponse,
} from './card-apdus';
import { readDoc, scenarioStep, testVectors, type ScenarioStep } from './contract/repo-docs';

const vectors = testVectors();
const step = (name: string) => scenarioStep(vectors, name);
const personalised = vectors.personalisation[0];

const u32At = (hex: string, byteOffset: number) => parseInt(hex.slice(2 * byteOffset, 2 * byteOffset + 8), 16);
const byteAt = (hex: string, byteOffset: number) => parseInt(hex.slice(2 * byteOffset, 2 * byteOffset + 2), 16);

/** The scenario's steps up to (not including) the one named, that the card answered with 9000. */
function acceptedBefore(name: string): ScenarioStep[] {
  const steps = vectors.cardScenario.steps;
  return steps.slice(0, steps.findIndex((s) => s.name === name)).filter((s) => s.response.toUpperCase().endsWith('9000'));
}

/**
 * The balance the card should hold before the named step, worked out from the commands it accepted
 * (protocol.md 4.1 and 6.1): the personalised balance, less each PURCHASE REQUEST's amount, plus each
 * CREDIT's amount. Nothing here reads a balance the card reported.
 */
function balanceBefore(name: string): number {
  let balance = personalised.balance;
  for (const s of acceptedBefore(name)) {
    const ins = s.command.slice(2, 4);
    const data = s.command.slice(10);
    if (ins === '40' && data.startsWith('02')) {
      balance -= u32At(data, 1);
    } else if (ins === '42' && byteAt(data, 9) === 0x01) {
      balance += u32At(data, 11);
    }
  }
  return balance;
}

describe('card commands are the bytes of docs/test-vectors.json', () => {
  it('SELECT of the scenario\u2019s AID', () => {
    expect(selectApdu(vectors.cardScenario.aid)).toBe(step('SELECT').command);
    expect(DEMO_AID).toBe(personalised.aid);
  });

  it('GET STATUS and ACK', () => {
    expect(GET_STATUS_APDU).toBe(step('GET STATUS after personalisation').command);
    expect(ACK_APDU).toBe(step('ACK').command);
  });

  it('REQUEST SYNC, with no Le after its 25 bytes of data', () => {
    expect(requestSyncApdu('00000000')).toBe(step('REQUEST SYNC').command);
  });

  it('REQUEST SYNC carries the terminal\u2019s UN at data offset 5 (protocol.md 4.1)', () => {
    const vector = step('REQUEST SYNC').command;
    const unAt = 2 * (5 + 5);
    expect(requestSyncApdu('0A0B0C0D')).toBe(vector.slice(0, unAt) + '0a0b0c0d' + vector.slice(unAt + 8));
  });

  it('REQUEST AUTHENTICATE is byte for byte the vector: type 03, the UN, the server\u2019s challenge (protocol.md 4.1)', () => {
    const vector = step('REQUEST AUTHENTICATE with a server challenge').command;
    const un = vector.slice(2 * (5 + 5), 2 * (5 + 9));
    const challenge = vector.slice(2 * (5 + 9));
    expect(requestAuthenticateApdu(un.toUpperCase(), challenge.toUpperCase())).toBe(vector);
    expect(() => requestAuthenticateApdu(un, challenge.slice(2))).toThrow(RangeError);
  });

  it('REQUEST refuses a UN that is not 4 bytes of hex', () => {
    expect(() => requestSyncApdu('010203')).toThrow(RangeError);
    expect(() => requestSyncApdu('zz010203')).toThrow(RangeError);
  });

  it('the UN is 4 fresh bytes', () => {
    expect(randomUnpredictableNumber()).toMatch(/^[0-9a-f]{8}$/);
  });
});

describe('GET STATUS answers of docs/test-vectors.json', () => {
  const statusOf = (name: string) => parseCardStatus(dataOf('GET STATUS', step(name).response));

  it('a fresh application: NEW, no card id yet, the AID it was installed with', () => {
    expect(statusOf('GET STATUS before personalisation')).toMatchObject({
      version: 1,
      state: 'NEW',
      cardId: '0000000000000000',
      aid: vectors.cardScenario.aid,
      ca: 0,
      atc: 0,
      applications: [],
    });
  });

  it('after PERSONALISE: the personalisation vector\u2019s card id, counters, balance, purse limit and PIN tries', () => {
    expect(statusOf('GET STATUS after personalisation')).toEqual({
      version: 1,
      state: 'ACTIVE',
      stateCode: 0x02,
      cardId: personalised.cardId,
      aid: personalised.aid,
      ca: personalised.ca,
      atc: personalised.atc,
      balance: personalised.balance,
      purseLimit: personalised.purseLimit,
      pinTriesRemaining: personalised.pinTryLimit,
      flags: { caSaturated: false, atcSaturated: false, sessionOpen: false, pinValidated: false },
      applications: [],
    });
  });

  it('at the end: the counters of the last signed ACK, the balance the accepted commands add up to, the loaded application', () => {
    const lastAck = vectors.upstream.find((m) => m.name === 'ACK after the load');
    const activate = step('EXECUTE s=7 LOAD_APPLICATION_ACTIVATE').command.slice(10);
    // LOAD_APPLICATION_ACTIVATE's payload (protocol.md 6.1) starts at data offset 11: app id (2), total length (2).
    const appId = parseInt(activate.slice(22, 26), 16);
    const length = parseInt(activate.slice(26, 30), 16);

    expect(statusOf('GET STATUS at the end')).toEqual({
      version: 1,
      state: 'ACTIVE',
      stateCode: 0x02,
      cardId: personalised.cardId,
      aid: personalised.aid,
      ca: lastAck?.ca,
      atc: lastAck?.atc,
      balance: balanceBefore('GET STATUS at the end'),
      purseLimit: personalised.purseLimit,
      pinTriesRemaining: personalised.pinTryLimit,
      flags: { caSaturated: false, atcSaturated: false, sessionOpen: false, pinValidated: false },
      applications: [{ appId, state: 0x02, length }],
    });
  });

  it('reads counters above 2^31 as unsigned', () => {
    const data = dataOf('GET STATUS', step('GET STATUS after personalisation').response);
    const countersAt = 2 * (11 + 10);
    const s = parseCardStatus(data.slice(0, countersAt) + 'ffffffff' + '80000000' + data.slice(countersAt + 16));
    expect(s.ca).toBe(0xffffffff);
    expect(s.atc).toBe(0x80000000);
  });

  it('refuses another version, a record cut short, or bytes left over', () => {
    const data = dataOf('GET STATUS', step('GET STATUS at the end').response);
    expect(() => parseCardStatus('02' + data.slice(2))).toThrow(CardResponseFormatError);
    expect(() => parseCardStatus(data.slice(0, -2))).toThrow(CardResponseFormatError);
    expect(() => parseCardStatus(data + '00')).toThrow(CardResponseFormatError);
    expect(() => parseCardStatus('01')).toThrow(CardResponseFormatError);
  });
});

/** The rows of the table under "### 2.1 Status words": SW as written (x, rr for any digits) and name. */
function statusWordsOfTheProtocolPage(): { sw: string; name: string }[] {
  const page = readDoc('protocol.md');
  const start = page.indexOf('### 2.1 Status words');
  const section = page.slice(start, page.indexOf('\n## ', start));
  return [...section.matchAll(/^\| `([0-9A-Fa-fxr]{4})` \| (\w+) \|/gm)].map((m) => ({ sw: m[1], name: m[2] }));
}

describe('status words are named as in docs/protocol.md 2.1', () => {
  const rows = statusWordsOfTheProtocolPage();

  it('the page has read the table', () => {
    expect(rows.length).toBeGreaterThan(15);
  });

  it.each(rows)('$sw $name', ({ sw, name }) => {
    const example = sw.replace('x', '2').replace('rr', '01');
    expect(describeSw(example)).toMatch(new RegExp(`^${example.toUpperCase()} ${name}\\b`));
  });

  it('every status word the page names is on the protocol page, but for ISO\u2019s SELECT refusal 6A82', () => {
    const documented = new Set(rows.map((r) => r.sw.toUpperCase()));
    expect(Object.keys(STATUS_WORD_NAMES).filter((sw) => !documented.has(sw))).toEqual(['6A82']);
  });

  it('the card\u2019s answers in the vectors are named by the page', () => {
    const refusals = vectors.cardScenario.steps.map((s) => s.response.slice(-4).toUpperCase())
      .filter((sw) => sw !== '9000');
    for (const sw of refusals) {
      expect(describeSw(sw), sw).not.toBe(sw);
    }
  });
});

/** The part of protocol.md from a heading to the next heading of the same or a higher level. */
function protocolSection(heading: string): string {
  const page = readDoc('protocol.md');
  const start = page.indexOf(`\n${heading}\n`);
  if (start < 0) {
    throw new Error(`docs/protocol.md has no heading "${heading}"`);
  }
  const level = heading.slice(0, heading.indexOf(' ') + 1);
  const end = page.slice(start + heading.length + 2).search(new RegExp(`^#{1,${level.length - 1}} `, 'm'));
  return end < 0 ? page.slice(start) : page.slice(start, start + heading.length + 2 + end);
}

/** The rows of section 2's "Life-cycle states" table: code and state name. */
function lifeCycleStatesOfTheProtocolPage(): { code: number; name: string }[] {
  const section = protocolSection('## 2. APDU catalogue');
  return [...section.matchAll(/^\| `0x([0-9A-Fa-f]{2})` \| (\w+) \|/gm)].map((m) => ({ code: parseInt(m[1], 16), name: m[2] }));
}

/** Section 7's table: each field's offset (a number, or a number + L for the AID's length) and its description. */
function statusRecordOfTheProtocolPage(): { offset: (aidLength: number) => number; field: string }[] {
  const section = protocolSection('## 7. GET STATUS (`80 30 00 00`), response (no MAC)');
  return [...section.matchAll(/^\| (\d+)(\+L)? \| \w+ \| (.+) \|$/gm)].map((m) => ({
    offset: (aidLength: number) => Number(m[1]) + (m[2] ? aidLength : 0),
    field: m[3],
  }));
}

function fieldOfTheStatusRecord(prefix: string) {
  const row = statusRecordOfTheProtocolPage().find((r) => r.field.startsWith(prefix));
  if (!row) {
    throw new Error(`docs/protocol.md section 7 has no field "${prefix}..."`);
  }
  return row;
}

/** The flag bits of section 7's flags byte, e.g. bit 2 "session open". */
function flagBitsOfTheProtocolPage(): { bit: number; name: string }[] {
  return [...fieldOfTheStatusRecord('flags:').field.matchAll(/bit (\d) ([^,]+)/g)].map((m) => ({ bit: Number(m[1]), name: m[2].trim() }));
}

/** The page's name for a documented flag: "PIN validated" is `pinValidated`. */
const flagKey = (name: string) => name.split(' ')
  .map((word, i) => (i === 0 ? word.toLowerCase() : word[0].toUpperCase() + word.slice(1).toLowerCase())).join('');

/**
 * A GET STATUS record of the vectors with the bytes at the offsets protocol.md 7 gives for the life-cycle state
 * and the flags replaced.
 */
function statusRecordWith(vector: string, changes: { state?: number; flags?: number }): string {
  const bytes = dataOf('GET STATUS', step(vector).response).match(/../g) ?? [];
  const aidLength = parseInt(bytes[fieldOfTheStatusRecord('AID length').offset(0)], 16);
  const put = (prefix: string, value: number | undefined) => {
    if (value !== undefined) {
      bytes[fieldOfTheStatusRecord(prefix).offset(aidLength)] = value.toString(16).padStart(2, '0');
    }
  };
  put('life-cycle state', changes.state);
  put('flags:', changes.flags);
  return bytes.join('');
}

describe('GET STATUS life-cycle states and flags are those of docs/protocol.md 2 and 7', () => {
  const states = lifeCycleStatesOfTheProtocolPage();
  const flags = flagBitsOfTheProtocolPage();
  const stateOf = (code: number) => parseCardStatus(statusRecordWith('GET STATUS after personalisation', { state: code }));
  const flagsOf = (byte: number) => parseCardStatus(statusRecordWith('GET STATUS after personalisation', { flags: byte })).flags;

  it('the page has read both tables', () => {
    expect(states.map((s) => s.name)).toContain('BLOCKED');
    expect(flags.length).toBeGreaterThanOrEqual(4);
  });

  it.each(states)('$name is state code $code', ({ code, name }) => {
    expect(stateOf(code)).toMatchObject({ state: name, stateCode: code });
  });

  it('every other state code reads as UNKNOWN, with its code', () => {
    const documented = new Set(states.map((s) => s.code));
    for (let code = 0; code < 256; code++) {
      if (!documented.has(code)) {
        expect(stateOf(code), `state code ${code}`).toMatchObject({ state: 'UNKNOWN', stateCode: code });
      }
    }
  });

  it('the page reads every documented flag, and no other', () => {
    expect(Object.keys(flagsOf(0)).sort()).toEqual(flags.map((f) => flagKey(f.name)).sort());
  });

  it.each(flags.map((f) => [f.name, f.bit] as const))('%s is bit %i, alone', (name, bit) => {
    const expected = Object.fromEntries(flags.map((f) => [flagKey(f.name), f.name === name]));
    expect(flagsOf(1 << bit)).toEqual(expected);
  });

  it('a blocked card in a session at its ATC\u2019s limit: state and flags from the protocol page, the rest as in the vector', () => {
    const blocked = states.find((s) => s.name === 'BLOCKED')!.code;
    const set = flags.filter((f) => f.name === 'ATC saturated' || f.name === 'session open');
    expect(set).toHaveLength(2);
    const record = statusRecordWith('GET STATUS at the end', { state: blocked, flags: set.reduce((b, f) => b | (1 << f.bit), 0) });

    expect(parseCardStatus(record)).toEqual({
      ...parseCardStatus(dataOf('GET STATUS', step('GET STATUS at the end').response)),
      state: 'BLOCKED',
      stateCode: blocked,
      flags: { caSaturated: false, atcSaturated: true, sessionOpen: true, pinValidated: false },
    });
  });
});

describe('responses', () => {
  it('splits data from the status word', () => {
    expect(splitResponse(step('READ PARAMETER slot 3').response)).toEqual({ data: '68656c6c6f', sw: '9000' });
  });

  it('dataOf refuses a status word other than 9000, naming it', () => {
    const blocked = step('REQUEST PURCHASE while blocked').response;
    expect(() => dataOf('REQUEST', blocked)).toThrow(CardStatusWordError);
    expect(() => dataOf('REQUEST', blocked)).toThrow('6A95 APPLICATION_BLOCKED');
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
