/**
 * For tests: a card with the demo application as the fake agent's readers hold it. It answers SELECT, GET STATUS
 * (protocol.md 7), REQUEST, EXECUTE (each one action: CA goes up) and ACK without checking MACs or signing: the
 * terminal page relays these bytes and shows the status, and the card's own rules are tested on jcardsim.
 */
import type * as Wire from '../generated/agent-protocol';

export interface FakeCard {
  cardId: string;
  aid: string;
  balance: number;
  ca: number;
  atc: number;
}

const u8 = (n: number) => n.toString(16).padStart(2, '0');
const u32 = (n: number) => n.toString(16).padStart(8, '0');
const ok = (data: string): Wire.ApduResponse => ({ response: `${data}9000`.toUpperCase(), sw: '9000' });
const sw = (status: string): Wire.ApduResponse => ({ response: status, sw: status });

/** The card's answer to `apdu` (hex, lower case); REQUEST, EXECUTE and ACK change its counters. */
export function cardAnswer(card: FakeCard, apdu: string): Wire.ApduResponse {
  switch (apdu.slice(0, 8)) {
    case '00a40400': return apdu.slice(10) === card.aid ? ok('') : sw('6A82');
    // GET STATUS (protocol.md 7): version 1, ACTIVE, 3 PIN tries, no flags, no applications.
    case '80300000': return ok(`0102${card.cardId}${u8(card.aid.length / 2)}${card.aid}${u32(card.ca)}`
      + `${u32(card.atc)}${u32(card.balance)}${u32(100000)}030000`);
    case '80400000':
      card.atc++;
      return ok(`01${'aa'.repeat(20)}`);
    case '80420000':
      card.ca++;
      return ok('');
    case '80440000':
      card.atc++;
      return ok(`02${'bb'.repeat(20)}`);
    default: return sw('6D00');
  }
}
