import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEMO_AID } from '../card-apdus';
import type { TerminalBackend } from '../card-sync';
import type { ScriptCommand, TerminalAnswer } from '../terminal-api';
import { FakeAgent, SIMULATED_READER, type FakeCard } from './fake-agent';
import { TerminalAgentConnection } from './terminal-agent-connection';
import { TerminalCardSession } from './terminal-card-session';

const host = { addController() {}, removeController() {}, requestUpdate() {}, updateComplete: Promise.resolve(true) };
const card = (cardId: string): FakeCard => ({ cardId, aid: DEMO_AID, balance: 1000, ca: 4, atc: 9 });
const settlement = (executed: number[]) => ({ confirmedCa: 0, executed, requeued: [], cancelled: [], failed: [] });

/** The server: a script of `actions` CREDITs on every REQUEST, all of them executed on the ACK. */
class FakeServer implements TerminalBackend {
  readonly posted: string[] = [];
  /** While set, the answer to a REQUEST waits for it: the test acts during a session. */
  hold: Promise<void> | null = null;

  constructor(private readonly actions: number) {}

  async request(message: string): Promise<TerminalAnswer> {
    this.posted.push(`REQUEST ${message}`);
    await this.hold;
    const commands: ScriptCommand[] = Array.from({ length: this.actions }, (_, i) => ({ actionId: 70 + i,
      sequence: 5 + i, type: 'CREDIT', apdu: `804200001${i}` }));
    return { messageType: 'REQUEST', atc: 10, ca: 4, settlement: null, transaction: null,
      script: { scriptId: 1, sessionAtc: 10, baseCa: 4, commands, morePending: false } } as unknown as TerminalAnswer;
  }

  async ack(message: string): Promise<TerminalAnswer> {
    this.posted.push(`ACK ${message}`);
    return { messageType: 'ACK', atc: 11, ca: 4 + this.actions, settlement: settlement([70, 71].slice(0, this.actions)),
      transaction: null, script: null } as unknown as TerminalAnswer;
  }
}

let open: TerminalAgentConnection | null = null;

function terminal(agent: FakeAgent, server = new FakeServer(0)) {
  const connection = new TerminalAgentConnection(host, agent.webSocket);
  const session = new TerminalCardSession(host, connection, server);
  connection.hostConnected();
  connection.start('ws://127.0.0.1:40001/');
  open = connection;
  return session;
}

/** The agent's requests between two points, by type (and reader for a connect). */
const requestsOf = (agent: FakeAgent) => agent.requests.map((r) => r.type === 'connect' ? `connect ${String(r.payload.reader)}`
  : r.type === 'transmit' ? `transmit ${String(r.payload.apdu).slice(0, 8)}` : r.type);

afterEach(() => {
  open?.hostDisconnected();
  open = null;
});

describe('TerminalCardSession', () => {
  it('chooses a lone reader, reads its card and lets the reader go again', async () => {
    const agent = new FakeAgent();
    agent.plug(SIMULATED_READER, card('0102030405060708'), true);
    const session = terminal(agent);

    await vi.waitFor(() => expect(session.card?.cardId).toBe('0102030405060708'));
    expect(session.selectedReader).toBe(SIMULATED_READER);
    expect(session.cardReader).toBe(SIMULATED_READER);
    expect(session.reading).toBe(false);
    expect(requestsOf(agent).slice(-4)).toEqual(
      [`connect ${SIMULATED_READER}`, 'transmit 00a40400', 'transmit 80300000', 'disconnect']);
  });

  it('with several readers waits for the user to choose; choosing one reads the card in it', async () => {
    const agent = new FakeAgent();
    agent.plug('Reader A', null);
    agent.plug('Reader B', card('1112131415161718'));
    const session = terminal(agent);
    await vi.waitFor(() => expect(open?.readers).toHaveLength(2));
    expect(session.selectedReader).toBeNull();
    expect(session.card).toBeNull();

    session.select('Reader B');
    await vi.waitFor(() => expect(session.card?.cardId).toBe('1112131415161718'));
  });

  it('forgets a card pulled out of its reader at once, and reads the card put in', async () => {
    const agent = new FakeAgent();
    agent.plug('Reader A', card('0102030405060708'));
    const session = terminal(agent);
    await vi.waitFor(() => expect(session.card).not.toBeNull());

    agent.insert('Reader A', null);
    expect(session.card).toBeNull();
    agent.insert('Reader A', card('2122232425262728'));
    await vi.waitFor(() => expect(session.card?.cardId).toBe('2122232425262728'));
  });

  it('forgets the card when the agent goes, and reads it again once the agent is back', async () => {
    const agent = new FakeAgent();
    agent.plug('Reader A', card('0102030405060708'));
    const session = terminal(agent);
    await vi.waitFor(() => expect(session.card).not.toBeNull());

    agent.stop();
    expect(session.card).toBeNull();
    await vi.waitFor(() => expect(session.card?.cardId).toBe('0102030405060708'), { timeout: 3000 });
  });

  it('synchronises: every step done, the outcome the server settled, and the card as read after the script',
    async () => {
      const agent = new FakeAgent();
      agent.plug('Reader A', card('0102030405060708'));
      const session = terminal(agent, new FakeServer(2));
      await vi.waitFor(() => expect(session.card).not.toBeNull());

      await session.synchronise();

      expect(session.syncError).toBeNull();
      expect(session.syncSteps.map((s) => s.state)).toEqual(Array(9).fill('done'));
      expect(session.syncOutcome?.applied).toBe(2);
      expect(session.card?.ca).toBe(6); // the card's own counter after it ran the two commands
      expect(session.syncRunning).toBe(false);
    });

  it('stops before the card is asked for a REQUEST when another card is in the reader than the one shown, '
    + 'and shows that card', async () => {
    const agent = new FakeAgent();
    agent.plug('Reader A', card('0102030405060708'));
    const server = new FakeServer(1);
    const session = terminal(agent, server);
    await vi.waitFor(() => expect(session.card).not.toBeNull());
    agent.plug('Reader A', card('3132333435363738')); // swapped unseen: no event reached the page

    await session.synchronise();

    expect(session.syncError?.code).toBe('CARD_CHANGED');
    expect(requestsOf(agent)).not.toContain('transmit 80400000');
    expect(server.posted).toEqual([]);
    expect(session.card?.cardId).toBe('3132333435363738');
  });

  it('reads a card inserted during a synchronisation only after it: a page holds one reader at a time', async () => {
    const agent = new FakeAgent();
    agent.plug('Reader A', card('0102030405060708'));
    const server = new FakeServer(1);
    const session = terminal(agent, server);
    await vi.waitFor(() => expect(session.card).not.toBeNull());
    let release = () => {};
    server.hold = new Promise((r) => { release = r; });

    const running = session.synchronise();
    await vi.waitFor(() => expect(server.posted).toHaveLength(1));
    agent.insert('Reader A', card('0102030405060708'));
    await vi.waitFor(() => expect(requestsOf(agent).filter((r) => r === 'list-readers')).toHaveLength(2));
    release();
    await running;

    await vi.waitFor(() => expect(requestsOf(agent).filter((r) => r.startsWith('connect'))).toHaveLength(3));
    await vi.waitFor(() => expect(session.reading).toBe(false));
    expect(session.syncError).toBeNull();
    expect(session.readError).toBeNull();
    expect(session.syncOutcome?.applied).toBe(1);
  });

  it('a new reader chosen clears the previous reader\u2019s synchronisation', async () => {
    const agent = new FakeAgent();
    agent.plug('Reader A', card('0102030405060708'));
    const session = terminal(agent, new FakeServer(1));
    await vi.waitFor(() => expect(session.card).not.toBeNull());
    await session.synchronise();
    expect(session.syncOutcome).not.toBeNull();
    agent.plug('Reader B', null);

    session.select('Reader B');

    expect(session.syncSteps).toEqual([]);
    expect(session.syncOutcome).toBeNull();
    expect(session.card).toBeNull();
  });
});
