import { describe, expect, it } from 'vitest';
import { AgentError, type ApduResponse } from './agent-client';
import { DEMO_AID } from './card-apdus';
import { testVectors } from './contract/repo-docs';
import { CardOperationError, describeOutcome, synchronise, type CardAgent, type TerminalBackend } from './card-sync';
import { TerminalApiError, type TerminalAnswer } from './terminal-api';

const READER = 'cardsync Simulated Reader';

const vectors = testVectors();
const personalised = vectors.personalisation[0];
/** A script the server could issue to the personalised card for its first session (ATC 1): s=1, s=2. */
const credit500 = scriptCommand('EXECUTE s=1 CREDIT 500');
const writeParameter = scriptCommand('EXECUTE s=2 WRITE_PARAMETER slot 1');

function scriptCommand(name: string) {
  const command = vectors.scriptCommands.find((c) => c.name === name);
  if (!command) {
    throw new Error(`docs/test-vectors.json has no script command named "${name}"`);
  }
  return command;
}

function settlement(executed: number[], requeued: number[] = []) {
  return { confirmedCa: 0, executed, requeued, cancelled: [], failed: [] };
}

const u32 = (n: number) => n.toString(16).padStart(8, '0');

/**
 * The personalised card of docs/test-vectors.json in a reader, as the agent relays it. It runs a script
 * command only when it is byte for byte one the vectors' server MACed for this card, for the open
 * session and the next sequence number (a stand-in for the card's checks, protocol.md 6.0), and applies
 * a CREDIT by the amount in the command's own bytes. So the balance it reports afterwards is what the
 * relayed bytes say, and a flow that drops, alters or reorders a command, or reads the status before
 * the script ran, shows the wrong balance.
 */
class VectorCard implements CardAgent {
  readonly log: string[] = [];
  cardId = personalised.cardId;
  batchFailure: AgentError | null = null;
  private ca = personalised.ca;
  private atc = personalised.atc;
  private balance = personalised.balance;
  private sessionAtc: number | null = null;

  async connect(reader: string) {
    this.log.push(`connect ${reader}`);
    return { reader, atr: '3b00' };
  }

  async transmit(apdu: string): Promise<ApduResponse> {
    this.log.push(apdu.slice(0, 8));
    const ok = (data: string) => ({ response: data + '9000', sw: '9000' });
    switch (apdu.slice(0, 8)) {
      case '00a40400': return ok('');
      case '80300000': return ok(this.statusRecord());
      case '80400000':
        this.sessionAtc = ++this.atc;
        return ok('01' + 'aa'.repeat(20));
      case '80440000':
        this.sessionAtc = null;
        this.atc++;
        return ok('02' + 'bb'.repeat(20));
      default: return { response: '6d00', sw: '6D00' };
    }
  }

  async transmitBatch(apdus: string[]) {
    this.log.push(`batch ${apdus.length}`);
    if (this.batchFailure) {
      throw this.batchFailure;
    }
    const responses: ApduResponse[] = [];
    for (const apdu of apdus) {
      const sw = this.execute(apdu);
      responses.push({ response: sw, sw });
      if (sw !== '9000') {
        return { responses, complete: false };
      }
    }
    return { responses, complete: true };
  }

  async disconnect() {
    this.log.push('disconnect');
    return { reader: READER, cardRemoved: false };
  }

  private execute(apdu: string): string {
    const command = vectors.scriptCommands.find((c) => c.apdu === apdu.toLowerCase());
    if (!command || command.cardId !== this.cardId) {
      return '6988';
    }
    if (command.atc !== this.sessionAtc) {
      return '6A90';
    }
    if (command.seq !== this.ca + 1) {
      return command.seq <= this.ca ? '6A91' : '6A92';
    }
    if (command.actionType === 0x01) {
      // EXECUTE data (protocol.md 6): the CREDIT amount is the payload at offset 11.
      this.balance += parseInt(apdu.slice(10 + 22, 10 + 30), 16);
    }
    this.ca++;
    return '9000';
  }

  /** GET STATUS (protocol.md 7) of this card: ACTIVE, no flags, no applications. */
  private statusRecord(): string {
    return '01' + '02' + this.cardId + '0a' + personalised.aid + u32(this.ca) + u32(this.atc) + u32(this.balance)
      + u32(personalised.purseLimit) + '03' + '00' + '00';
  }
}

class FakeBackend implements TerminalBackend {
  readonly posted: string[] = [];

  constructor(private readonly morePending = false) {}

  async request(message: string): Promise<TerminalAnswer> {
    this.posted.push(`request ${message.slice(0, 2)}`);
    return { messageType: 'REQUEST', atc: 1, ca: 0, settlement: settlement([]), transaction: null,
      script: { scriptId: 7, sessionAtc: 1, baseCa: 0, commands: [
        { actionId: 41, sequence: 1, type: 'CREDIT', apdu: credit500.apdu },
        { actionId: 42, sequence: 2, type: 'WRITE_PARAMETER', apdu: writeParameter.apdu }],
      morePending: this.morePending } };
  }

  async ack(message: string): Promise<TerminalAnswer> {
    this.posted.push(`ack ${message.slice(0, 2)}`);
    return { messageType: 'ACK', atc: 2, ca: 2, settlement: settlement([41, 42]), transaction: null, script: null };
  }
}

describe('synchronise', () => {
  it('identifies the card, relays REQUEST, script and ACK in order, reads the status again and lets go', async () => {
    const card = new VectorCard();
    const backend = new FakeBackend();
    const steps: string[] = [];

    const outcome = await synchronise(card, backend, READER, DEMO_AID, personalised.cardId,
      (key, state) => steps.push(`${key}:${state}`));

    expect(card.log).toEqual([`connect ${READER}`, '00a40400', '80300000', '80400000', 'batch 2', '80440000',
      '80300000', 'disconnect']);
    expect(backend.posted).toEqual(['request 01', 'ack 02']);
    expect(outcome).toMatchObject({ applied: 2, scriptLength: 2, cardAccepted: 2, cardRefusal: null, morePending: false });
    expect(describeOutcome(outcome)).toBe('2 actions applied');
    expect(outcome.before).toMatchObject({ balance: personalised.balance, ca: personalised.ca });
    // The vectors' CREDIT payload is the amount (protocol.md 6.1); the WRITE_PARAMETER moves only CA.
    expect(outcome.after).toMatchObject({
      balance: personalised.balance + parseInt(credit500.payload, 16),
      ca: personalised.ca + 2,
    });
    expect(steps.filter((s) => s.endsWith(':done'))).toHaveLength(9);
  });

  it('tells the user to synchronise again when the server has more actions waiting', async () => {
    const outcome = await synchronise(new VectorCard(), new FakeBackend(true), READER, DEMO_AID, personalised.cardId,
      () => undefined);
    expect(outcome.morePending).toBe(true);
    expect(describeOutcome(outcome)).toBe('2 actions applied. More actions are waiting: synchronise again.');
  });

  it('stops before relaying anything when the reader holds another card than the one the user saw', async () => {
    const card = new VectorCard();
    card.cardId = '0a0b0c0d0e0f1011';
    const backend = new FakeBackend();

    const error = await synchronise(card, backend, READER, DEMO_AID, personalised.cardId, () => {})
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CardOperationError);
    expect(error).toMatchObject({ code: 'CARD_CHANGED' });
    expect(card.log).toEqual([`connect ${READER}`, '00a40400', '80300000', 'disconnect']);
    expect(backend.posted).toEqual([]);
  });

  it('reports a card pulled out mid-script with how far it got, and sends no ACK', async () => {
    const card = new VectorCard();
    card.batchFailure = new AgentError('CARD_REMOVED', 'the card was removed', { responses: [] });
    const backend = new FakeBackend();
    const failed: string[] = [];

    const error = await synchronise(card, backend, READER, DEMO_AID, null,
      (key, state) => state === 'failed' && failed.push(key)).catch((e: unknown) => e);

    expect(error).toMatchObject({ code: 'CARD_REMOVED' });
    expect((error as Error).message).toContain('after 0 of 2 commands');
    expect(failed).toEqual(['script']);
    expect(card.log).not.toContain('80440000');
    expect(backend.posted).toEqual(['request 01']);
  });

  it('passes on the server\u2019s refusal with its code', async () => {
    const card = new VectorCard();
    const backend = new FakeBackend();
    backend.request = async () => {
      throw new TerminalApiError('UNKNOWN_CARD', 'card id + AID not registered', 404);
    };

    const error = await synchronise(card, backend, READER, DEMO_AID, null, () => {}).catch((e: unknown) => e);

    expect(error).toMatchObject({ code: 'UNKNOWN_CARD', message: 'card id + AID not registered' });
    expect(card.log.at(-1)).toBe('disconnect');
  });
});
