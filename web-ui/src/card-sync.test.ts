import { describe, expect, it } from 'vitest';
import { AgentError, type ApduResponse } from './agent-client';
import { DEMO_AID } from './card-apdus';
import { CardOperationError, describeOutcome, synchronise, type CardAgent, type TerminalBackend } from './card-sync';
import { TerminalApiError, type TerminalAnswer } from './terminal-api';

const READER = 'cardsync Simulated Reader';

function status(cardId: string, ca: number, balance: number): string {
  const u32 = (n: number) => n.toString(16).padStart(8, '0');
  return '01' + '02' + cardId + '0a' + DEMO_AID + u32(ca) + u32(ca + 1) + u32(balance) + u32(100000)
    + '03' + '00' + '00';
}

function settlement(executed: number[], requeued: number[] = []) {
  return { confirmedCa: 0, executed, requeued, cancelled: [], failed: [] };
}

/** A card in a reader, as the agent relays it: answers by command, records everything sent. */
class FakeCard implements CardAgent {
  readonly log: string[] = [];
  cardId = '0102030405060708';
  batchFailure: AgentError | null = null;
  private ca = 0;
  private balance = 1000;

  async connect(reader: string) {
    this.log.push(`connect ${reader}`);
    return { reader, atr: '3b00' };
  }

  async transmit(apdu: string): Promise<ApduResponse> {
    this.log.push(apdu.slice(0, 8));
    const ok = (data: string) => ({ response: data + '9000', sw: '9000' });
    switch (apdu.slice(0, 8)) {
      case '00a40400': return ok('');
      case '80300000': return ok(status(this.cardId, this.ca, this.balance));
      case '80400000': return ok('01' + 'aa'.repeat(20));
      case '80440000': return ok('02' + 'bb'.repeat(20));
      default: return { response: '6d00', sw: '6D00' };
    }
  }

  async transmitBatch(apdus: string[]) {
    this.log.push(`batch ${apdus.length}`);
    if (this.batchFailure) {
      throw this.batchFailure;
    }
    this.ca += apdus.length;
    this.balance += 250 * apdus.length;
    return { responses: apdus.map(() => ({ response: '9000', sw: '9000' })), complete: true };
  }

  async disconnect() {
    this.log.push('disconnect');
    return { reader: READER, cardRemoved: false };
  }
}

class FakeBackend implements TerminalBackend {
  readonly posted: string[] = [];

  constructor(private readonly morePending = false) {}

  async request(message: string): Promise<TerminalAnswer> {
    this.posted.push(`request ${message.slice(0, 2)}`);
    return { messageType: 'REQUEST', atc: 1, ca: 0, settlement: settlement([]), transaction: null,
      script: { scriptId: 7, sessionAtc: 1, baseCa: 0, commands: [
        { actionId: 41, sequence: 1, type: 'CREDIT', apdu: '8042000001aa' }], morePending: this.morePending } };
  }

  async ack(message: string): Promise<TerminalAnswer> {
    this.posted.push(`ack ${message.slice(0, 2)}`);
    return { messageType: 'ACK', atc: 2, ca: 1, settlement: settlement([41]), transaction: null, script: null };
  }
}

describe('synchronise', () => {
  it('identifies the card, relays REQUEST, script and ACK in order, reads the status again and lets go', async () => {
    const card = new FakeCard();
    const backend = new FakeBackend();
    const steps: string[] = [];

    const outcome = await synchronise(card, backend, READER, DEMO_AID, '0102030405060708',
      (key, state) => steps.push(`${key}:${state}`));

    expect(card.log).toEqual([`connect ${READER}`, '00a40400', '80300000', '80400000', 'batch 1', '80440000',
      '80300000', 'disconnect']);
    expect(backend.posted).toEqual(['request 01', 'ack 02']);
    expect(outcome).toMatchObject({ applied: 1, scriptLength: 1, cardAccepted: 1, cardRefusal: null, morePending: false });
    expect(describeOutcome(outcome)).toBe('1 action applied');
    expect(outcome.before.balance).toBe(1000);
    expect(outcome.after.balance).toBe(1250);
    expect(steps.filter((s) => s.endsWith(':done'))).toHaveLength(9);
  });

  it('tells the user to synchronise again when the server has more actions waiting', async () => {
    const outcome = await synchronise(new FakeCard(), new FakeBackend(true), READER, DEMO_AID, '0102030405060708',
      () => undefined);
    expect(outcome.morePending).toBe(true);
    expect(describeOutcome(outcome)).toBe('1 action applied. More actions are waiting: synchronise again.');
  });

  it('stops before relaying anything when the reader holds another card than the one the user saw', async () => {
    const card = new FakeCard();
    card.cardId = '0a0b0c0d0e0f1011';
    const backend = new FakeBackend();

    const error = await synchronise(card, backend, READER, DEMO_AID, '0102030405060708', () => {})
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CardOperationError);
    expect(error).toMatchObject({ code: 'CARD_CHANGED' });
    expect(card.log).toEqual([`connect ${READER}`, '00a40400', '80300000', 'disconnect']);
    expect(backend.posted).toEqual([]);
  });

  it('reports a card pulled out mid-script with how far it got, and sends no ACK', async () => {
    const card = new FakeCard();
    card.batchFailure = new AgentError('CARD_REMOVED', 'the card was removed', { responses: [] });
    const backend = new FakeBackend();
    const failed: string[] = [];

    const error = await synchronise(card, backend, READER, DEMO_AID, null,
      (key, state) => state === 'failed' && failed.push(key)).catch((e: unknown) => e);

    expect(error).toMatchObject({ code: 'CARD_REMOVED' });
    expect((error as Error).message).toContain('after 0 of 1 commands');
    expect(failed).toEqual(['script']);
    expect(card.log).not.toContain('80440000');
    expect(backend.posted).toEqual(['request 01']);
  });

  it('passes on the server\u2019s refusal with its code', async () => {
    const card = new FakeCard();
    const backend = new FakeBackend();
    backend.request = async () => {
      throw new TerminalApiError('UNKNOWN_CARD', 'card id + AID not registered', 404);
    };

    const error = await synchronise(card, backend, READER, DEMO_AID, null, () => {}).catch((e: unknown) => e);

    expect(error).toMatchObject({ code: 'UNKNOWN_CARD', message: 'card id + AID not registered' });
    expect(card.log.at(-1)).toBe('disconnect');
  });
});
