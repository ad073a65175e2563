/**
 * The few card commands the terminal page sends itself, and the one card answer it reads: the status
 * record of GET STATUS. Byte layouts are in docs/protocol.md (sections 2, 4.1, 4.2 and 7). Everything
 * else the page relays (signed messages, script commands) stays opaque hex.
 */

/** The demo application's AID (docs/api.md, "Demo profile"). */
export const DEMO_AID = 'f04341524453594e4301';

/** SW 9000. */
export const SW_OK = '9000';

/**
 * Status words of docs/protocol.md 2.1 by name, for messages people can read, plus ISO 7816-4's 6A82
 * (the card's runtime answers a SELECT for an AID it does not hold; the applet never sends it). A test
 * holds this table to the protocol page.
 */
export const STATUS_WORD_NAMES: Readonly<Record<string, string>> = {
  '9000': 'OK',
  '6700': 'WRONG_LENGTH',
  '6A80': 'WRONG_DATA',
  '6A82': 'FILE_NOT_FOUND (no application with this AID)',
  '6A86': 'WRONG_P1P2',
  '6D00': 'INS_NOT_SUPPORTED',
  '6E00': 'CLA_NOT_SUPPORTED',
  '6985': 'NOT_PERSONALISED',
  '6986': 'ALREADY_PERSONALISED',
  '6983': 'PIN_BLOCKED',
  '6982': 'PIN_REQUIRED',
  '6988': 'BAD_MAC',
  '6A90': 'WRONG_SESSION',
  '6A91': 'ALREADY_APPLIED',
  '6A92': 'OUT_OF_ORDER',
  '6A93': 'SESSION_HALTED',
  '6A94': 'COUNTER_SATURATED',
  '6A95': 'APPLICATION_BLOCKED',
  '6A96': 'INSUFFICIENT_FUNDS',
};

/** The name of a status word, e.g. "6A95 APPLICATION_BLOCKED", "9401 MERIT_FAILURE (reason 01)". */
export function describeSw(sw: string): string {
  const upper = sw.toUpperCase();
  const name = STATUS_WORD_NAMES[upper];
  if (name) {
    return `${upper} ${name}`;
  }
  if (upper.startsWith('94')) {
    return `${upper} MERIT_FAILURE (reason ${upper.slice(2)})`;
  }
  if (upper.startsWith('63C')) {
    return `${upper} PIN_WRONG (${parseInt(upper.slice(3), 16)} tries left)`;
  }
  return upper;
}

/** A card answered a command with a status word other than 9000. */
export class CardStatusWordError extends Error {
  readonly command: string;
  readonly sw: string;

  constructor(command: string, sw: string) {
    super(`the card refused ${command}: ${describeSw(sw)}`);
    this.name = 'CardStatusWordError';
    this.command = command;
    this.sw = sw.toUpperCase();
  }
}

/** An answer from the card that does not have the documented layout. */
export class CardResponseFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CardResponseFormatError';
  }
}

const HEX = /^(?:[0-9a-fA-F]{2})*$/;

function assertHex(hex: string, what: string): void {
  if (!HEX.test(hex)) {
    throw new RangeError(`${what} is not an even number of hex digits: ${hex}`);
  }
}

function byteHex(n: number): string {
  return n.toString(16).padStart(2, '0');
}

/** Whether a string is an AID the card can hold: 5 to 16 bytes of hex (ISO/IEC 7816-4). */
export function isAid(hex: string): boolean {
  return HEX.test(hex) && hex.length >= 10 && hex.length <= 32;
}

/** The AID for this page: `?aid=` when it is one, else the demo AID. */
export function aidFromQuery(search: string): string {
  const wanted = new URLSearchParams(search).get('aid');
  if (wanted === null || wanted === '') {
    return DEMO_AID;
  }
  if (!isAid(wanted)) {
    throw new RangeError(`?aid=${wanted} is not an AID (5 to 16 bytes in hex)`);
  }
  return wanted.toLowerCase();
}

/** SELECT by AID: `00 A4 04 00 Lc AID`. */
export function selectApdu(aid: string): string {
  if (!isAid(aid)) {
    throw new RangeError(`not an AID (5 to 16 bytes in hex): ${aid}`);
  }
  return `00a40400${byteHex(aid.length / 2)}${aid.toLowerCase()}`;
}

/** GET STATUS: `80 30 00 00 00` (Le = 00: up to 256 bytes). */
export const GET_STATUS_APDU = '8030000000';

/** ACK: `80 44 00 00 00`; the card answers with the signed ACK message (protocol.md 4.2). */
export const ACK_APDU = '8044000000';

/** REQUEST transaction types (protocol.md 4.1). */
const TRANSACTION_SYNC = '01';
const TRANSACTION_AUTHENTICATE = '03';

function requestApdu(type: string, unpredictableNumber: string, challenge: string): string {
  assertHex(unpredictableNumber, 'UN');
  if (unpredictableNumber.length !== 8) {
    throw new RangeError(`UN must be 4 bytes, got ${unpredictableNumber.length / 2}`);
  }
  assertHex(challenge, 'challenge');
  if (challenge.length !== 32) {
    throw new RangeError(`the server challenge must be 16 bytes, got ${challenge.length / 2}`);
  }
  return `8040000019${type}00000000${unpredictableNumber.toLowerCase()}${challenge.toLowerCase()}`;
}

/**
 * REQUEST for a SYNC: `80 40 00 00 19` with type 01, amount 0, the terminal's unpredictable number and
 * 16 zero bytes where AUTHENTICATE would carry the server's challenge (protocol.md 4.1). No Le, as in
 * docs/test-vectors.json: the card answers with its signed REQUEST all the same, and on a T=0 reader
 * the agent fetches it (it resolves 61xx, protocol.md 2.1).
 *
 * @param unpredictableNumber 4 bytes in hex; fresh per REQUEST ({@link randomUnpredictableNumber})
 */
export function requestSyncApdu(unpredictableNumber: string): string {
  return requestApdu(TRANSACTION_SYNC, unpredictableNumber, '00'.repeat(16));
}

/**
 * REQUEST for an AUTHENTICATE: type 03, amount 0, the terminal's unpredictable number and the server's
 * one-time challenge (POST /api/terminal/challenge), which the card echoes under its MAC: the signed
 * answer proves the card is in the reader now, not replayed from an earlier session (protocol.md 4.1).
 */
export function requestAuthenticateApdu(unpredictableNumber: string, challenge: string): string {
  return requestApdu(TRANSACTION_AUTHENTICATE, unpredictableNumber, challenge);
}

/** 4 random bytes in hex from the browser's CSPRNG. */
export function randomUnpredictableNumber(): string {
  const bytes = new Uint8Array(4);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, byteHex).join('');
}

/** A response APDU in hex (data then SW1 SW2) split into its data and SW. */
export interface SplitResponse {
  data: string;
  sw: string;
}

export function splitResponse(responseHex: string): SplitResponse {
  assertHex(responseHex, 'response');
  if (responseHex.length < 4) {
    throw new CardResponseFormatError(`response of ${responseHex.length / 2} bytes has no status word`);
  }
  return {
    data: responseHex.slice(0, -4).toLowerCase(),
    sw: responseHex.slice(-4).toUpperCase(),
  };
}

/** The response data of a command that must end in 9000; else a {@link CardStatusWordError}. */
export function dataOf(command: string, responseHex: string): string {
  const { data, sw } = splitResponse(responseHex);
  if (sw !== SW_OK) {
    throw new CardStatusWordError(command, sw);
  }
  return data;
}

/** Life-cycle states (protocol.md 2). */
export type LifeCycleState = 'NEW' | 'ACTIVE' | 'BLOCKED' | 'UNKNOWN';

function lifeCycleState(code: number): LifeCycleState {
  switch (code) {
    case 0x01: return 'NEW';
    case 0x02: return 'ACTIVE';
    case 0x03: return 'BLOCKED';
    default: return 'UNKNOWN';
  }
}

export interface CardApplicationEntry {
  appId: number;
  state: number;
  length: number;
}

/**
 * The GET STATUS record (protocol.md 7). Nothing in it is authenticated: it is for display only, and
 * for the page to see which card is in the reader. The server trusts only the card's signed messages.
 */
export interface CardStatus {
  version: number;
  state: LifeCycleState;
  stateCode: number;
  /** 8 bytes in hex; zeros in NEW. */
  cardId: string;
  aid: string;
  /** The action counter. */
  ca: number;
  /** The application transaction counter. */
  atc: number;
  balance: number;
  purseLimit: number;
  pinTriesRemaining: number;
  flags: {
    caSaturated: boolean;
    atcSaturated: boolean;
    sessionOpen: boolean;
    pinValidated: boolean;
  };
  applications: CardApplicationEntry[];
}

/** Parses the response data of GET STATUS (without SW). */
export function parseCardStatus(dataHex: string): CardStatus {
  assertHex(dataHex, 'status record');
  const bytes = Uint8Array.from(dataHex.match(/../g) ?? [], (h) => parseInt(h, 16));
  const need = (length: number, what: string) => {
    if (bytes.length < length) {
      throw new CardResponseFormatError(`status record of ${bytes.length} bytes is too short for ${what}`);
    }
  };
  const u32 = (offset: number) =>
    ((bytes[offset] << 24) >>> 0) + (bytes[offset + 1] << 16) + (bytes[offset + 2] << 8) + bytes[offset + 3];
  const u16 = (offset: number) => (bytes[offset] << 8) + bytes[offset + 1];
  const hex = (offset: number, length: number) => Array.from(bytes.subarray(offset, offset + length), byteHex).join('');

  need(11, 'its header');
  const version = bytes[0];
  if (version !== 0x01) {
    throw new CardResponseFormatError(`status record version ${version}; this page reads version 1`);
  }
  const aidLength = bytes[10];
  const l = aidLength;
  need(30 + l, 'its counters');
  const flags = bytes[28 + l];
  const count = bytes[29 + l];
  need(30 + l + 5 * count, `${count} application entries`);
  if (bytes.length !== 30 + l + 5 * count) {
    throw new CardResponseFormatError(
      `status record of ${bytes.length} bytes; its fields say ${30 + l + 5 * count}`);
  }
  const applications: CardApplicationEntry[] = [];
  for (let i = 0; i < count; i++) {
    const at = 30 + l + 5 * i;
    applications.push({ appId: u16(at), state: bytes[at + 2], length: u16(at + 3) });
  }
  return {
    version,
    state: lifeCycleState(bytes[1]),
    stateCode: bytes[1],
    cardId: hex(2, 8),
    aid: hex(11, l),
    ca: u32(11 + l),
    atc: u32(15 + l),
    balance: u32(19 + l),
    purseLimit: u32(23 + l),
    pinTriesRemaining: bytes[27 + l],
    flags: {
      caSaturated: (flags & 0x01) !== 0,
      atcSaturated: (flags & 0x02) !== 0,
      sessionOpen: (flags & 0x04) !== 0,
      pinValidated: (flags & 0x08) !== 0,
    },
    applications,
  };
}
