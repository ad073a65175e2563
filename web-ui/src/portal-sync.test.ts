import { describe, expect, it } from 'vitest';
import { AgentError, type ApduResponse } from './agent-client';
import type { CardAgent, TerminalBackend } from './card-sync';
import { testVectors } from './contract/repo-docs';
import { synchroniseCard } from './portal-sync';
import type { ScriptCommand, TerminalAnswer } from './terminal-api';
import { change, demoApplication } from './words/test-fixtures';
import { outcomeSentences } from './words/sync';

const personalised = testVectors().personalisation[0];
const u32 = (n: number) => n.toString(16).padStart(8, '0');
const command = (actionId: number, type: ScriptCommand['type']): ScriptCommand =>
  ({ actionId, sequence: actionId, type, apdu: `8042000001${u32(actionId)}` });

/** The customer's three waiting changes: a reload, a setting, and a service loaded in two blocks. */
const app = { ...demoApplication([
  change({ id: 41, kind: 'TOP_UP', amount: 2000 }),
  change({ id: 42, kind: 'SET_PARAMETER', parameterName: 'Language', newValue: 'fr' }),
  change({ id: 44, kind: 'ADD_SERVICE', serviceName: 'Parking', actionIds: [43, 44] }),
]), cardId: personalised.cardId, aid: personalised.aid };
const script = [command(41, 'CREDIT'), command(42, 'WRITE_PARAMETER'), command(43, 'LOAD_APPLICATION_BLOCK'),
  command(44, 'LOAD_APPLICATION_ACTIVATE')];

/**
 * A card in a reader that accepts every script command, and can be pulled out (as the agent's sim-remove
 * afterExecutes does) right after it carried out the first command of a given batch: that command's effect
 * stays, its answer is lost.
 */
class Reader implements CardAgent {
  readonly batches: number[][] = [];
  pullAtBatch = -1;
  /** Pulled out before this batch reached the card: the agent sends it nothing and has no responses to give. */
  pullBeforeBatch = -1;

  async connect(reader: string) {
    return { reader, atr: '3b00' };
  }

  async transmit(apdu: string): Promise<ApduResponse> {
    const ok = (data: string) => ({ response: data + '9000', sw: '9000' });
    switch (apdu.slice(0, 8)) {
      case '00a40400': return ok('');
      // GET STATUS (protocol.md 7): ACTIVE, the personalised card of the vectors.
      case '80300000': return ok('0102' + personalised.cardId + '0a' + personalised.aid + u32(0) + u32(1)
        + u32(personalised.balance) + u32(personalised.purseLimit) + '030000');
      case '80400000': return ok('01' + 'aa'.repeat(20));
      case '80440000': return ok('02' + 'bb'.repeat(20));
      default: return { response: '6d00', sw: '6D00' };
    }
  }

  async transmitBatch(apdus: string[]) {
    if (this.batches.length === this.pullBeforeBatch) {
      throw new AgentError('CARD_REMOVED', 'the card was removed');
    }
    if (this.batches.length === this.pullAtBatch) {
      this.batches.push(apdus.slice(0, 1).map((a) => parseInt(a.slice(10), 16)));
      throw new AgentError('CARD_REMOVED', 'the card was removed', { responses: [] });
    }
    this.batches.push(apdus.map((a) => parseInt(a.slice(10), 16)));
    return { responses: apdus.map(() => ({ response: '9000', sw: '9000' })), complete: true };
  }

  async disconnect() {
    return { reader: 'r', cardRemoved: false };
  }
}

const settlement = (executed: number[], requeued: number[] = []) =>
  ({ confirmedCa: 0, executed, requeued, cancelled: [], failed: [] });

function server(rounds: { settled: number[]; commands: ScriptCommand[]; morePending: boolean }[]): TerminalBackend & { requests: number } {
  let round = 0;
  let sent: ScriptCommand[] = [];
  return {
    requests: 0,
    async request(): Promise<TerminalAnswer> {
      this.requests++;
      const r = rounds[Math.min(round++, rounds.length - 1)];
      sent = r.commands;
      return { messageType: 'REQUEST', atc: 1, ca: 0, settlement: settlement(r.settled), transaction: null,
        script: { scriptId: round, sessionAtc: 1, baseCa: 0, commands: r.commands, morePending: r.morePending } };
    },
    async ack(): Promise<TerminalAnswer> {
      return { messageType: 'ACK', atc: 2, ca: 0, settlement: settlement(sent.map((c) => c.actionId)), transaction: null,
        script: null } as unknown as TerminalAnswer;
    },
  };
}

describe('synchroniseCard', () => {
  it('sends the script one change at a time, and counts the changes the ACK settled', async () => {
    const reader = new Reader();
    const report = await synchroniseCard(reader, server([{ settled: [], commands: script, morePending: false }]), 'r',
      [app], async () => [app], () => {});
    expect(reader.batches).toEqual([[41], [42], [43, 44]]);
    expect(outcomeSentences(report, 'en-GB')).toEqual(['3 changes applied to your card.']);
  });

  it('says how many changes did not reach a card pulled out after the first of three', async () => {
    const reader = new Reader();
    reader.pullAtBatch = 0;
    let shown: string[] = [];
    const report = await synchroniseCard(reader, server([{ settled: [], commands: script, morePending: false }]), 'r',
      [app], async () => [app], ({ commands, accepted }) => {
        shown = commands.filter((c) => accepted.has(c.actionId)).map((c) => String(c.actionId));
      });
    expect(shown).toEqual(['41']);
    expect(reader.batches).toEqual([[41]]);
    expect(report.kind).toBe('interrupted');
    expect(outcomeSentences(report, 'en-GB'))
      .toEqual(['2 of 3 changes are not on your card yet; they will be applied next time you connect it.']);
  });

  it('counts nothing of a batch the card was pulled out before (between two changes)', async () => {
    const reader = new Reader();
    reader.pullBeforeBatch = 1;
    let shown: string[] = [];
    const report = await synchroniseCard(reader, server([{ settled: [], commands: script, morePending: false }]), 'r',
      [app], async () => [app], ({ commands, accepted }) => {
        shown = commands.filter((c) => accepted.has(c.actionId)).map((c) => String(c.actionId));
      });
    expect(reader.batches).toEqual([[41]]);
    expect(shown).toEqual(['41']);
    expect(outcomeSentences(report, 'en-GB'))
      .toEqual(['2 of 3 changes are not on your card yet; they will be applied next time you connect it.']);
  });

  it('confirms what the REQUEST settled from an earlier session, and goes on while more is pending', async () => {
    const reader = new Reader();
    const backend = server([
      { settled: [41, 42, 43, 44], commands: [command(45, 'CREDIT')], morePending: true },
      { settled: [], commands: [], morePending: false },
    ]);
    const report = await synchroniseCard(reader, backend, 'r', [app], async () => [app], () => {});
    expect(backend.requests).toBe(2);
    expect(outcomeSentences(report, 'en-GB')).toEqual(['1 change applied to your card.', '3 changes from last time confirmed.']);
  });
});
