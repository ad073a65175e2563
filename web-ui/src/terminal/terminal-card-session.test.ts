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

/** The pages open in this test, each with its own socket to the agent. */
let open: TerminalAgentConnection[] = [];

function terminal(agent: FakeAgent, server = new FakeServer(0)) {
  const connection = new TerminalAgentConnection(host, agent.webSocket);
  const session = new TerminalCardSession(host, connection, server);
  connection.hostConnected();
  connection.start('ws://127.0.0.1:40001/');
  open.push(connection);
  return session;
}

/** The agent's requests between two points, by type (and reader for a connect). */
const requestsOf = (agent: FakeAgent) => agent.requests.map((r) => r.type === 'connect' ? `connect ${r.payload?.reader}`
  : r.type === 'transmit' ? `transmit ${r.payload?.apdu.slice(0, 8)}` : r.type);

afterEach(() => {
  open.forEach((c) => c.hostDisconnected());
  open = [];
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
    await vi.waitFor(() => expect(open[0].readers).toHaveLength(2));
    expect(session.selectedReader).toBeNull();
    expect(session.card).toBeNull();

    session.select('Reader B');
    await vi.waitFor(() => expect(session.card?.cardId).toBe('1112131415161718'));
  });

  it('forgets a card pulled out of its reader as soon as the agent says so, and reads the card put in', async () => {
    const agent = new FakeAgent();
    agent.plug('Reader A', card('0102030405060708'));
    const session = terminal(agent);
    await vi.waitFor(() => expect(session.card).not.toBeNull());

    agent.holdReplies(); // the readers listed again after the event do not come back yet
    agent.insert('Reader A', null);
    await vi.waitFor(() => expect(session.card).toBeNull());
    agent.answerHeldReplies();
    agent.insert('Reader A', card('2122232425262728'));
    await vi.waitFor(() => expect(session.card?.cardId).toBe('2122232425262728'));
  });

  it('forgets the card when the agent goes, and reads it again once the agent is back', async () => {
    const agent = new FakeAgent();
    agent.plug('Reader A', card('0102030405060708'));
    const session = terminal(agent);
    await vi.waitFor(() => expect(session.card).not.toBeNull());

    agent.accepting = false;
    agent.stop();
    await vi.waitFor(() => expect(open[0].state).toBe('lost'));
    expect(session.card).toBeNull();
    agent.accepting = true;
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

  it('a card pulled out and put back during a synchronisation: the script is not sent, the page says CARD_REMOVED, '
    + 'and reads the card again only once the session let go of the reader', async () => {
    const agent = new FakeAgent();
    agent.plug('Reader A', card('0102030405060708'));
    const server = new FakeServer(1);
    const session = terminal(agent, server);
    await vi.waitFor(() => expect(session.card).not.toBeNull());
    let release = () => {};
    server.hold = new Promise((r) => { release = r; });

    const running = session.synchronise();
    await vi.waitFor(() => expect(server.posted).toHaveLength(1));
    agent.insert('Reader A', null);
    await vi.waitFor(() => expect(session.card).toBeNull());
    agent.insert('Reader A', card('0102030405060708'));
    await vi.waitFor(() => expect(requestsOf(agent).filter((r) => r === 'list-readers')).toHaveLength(3));
    expect(requestsOf(agent).filter((r) => r.startsWith('connect'))).toHaveLength(2); // the read waits its turn
    release();
    await running;

    expect(session.syncError?.code).toBe('CARD_REMOVED');
    expect(session.syncError?.message).toContain('after 0 of 1 commands');
    expect(session.syncSteps.find((s) => s.key === 'script')?.state).toBe('failed');
    expect(agent.card('Reader A')?.ca).toBe(4); // nothing of the script reached the card
    await vi.waitFor(() => expect(session.card?.cardId).toBe('0102030405060708'));
    const sent = requestsOf(agent);
    expect(sent.slice(sent.indexOf('transmit-batch'), sent.indexOf('transmit-batch') + 3))
      .toEqual(['transmit-batch', 'disconnect', 'connect Reader A']);
    expect(server.posted.filter((p) => p.startsWith('ACK'))).toEqual([]);
  });

  it('the simulated card pulled out after the first of two script commands: the page says how far the script '
    + 'got, and the card put back shows the one that ran', async () => {
    const agent = new FakeAgent();
    agent.plug(SIMULATED_READER, card('0102030405060708'), true);
    const session = terminal(agent, new FakeServer(2));
    await vi.waitFor(() => expect(session.card?.ca).toBe(4));
    agent.removeAfterExecutes(1);

    await session.synchronise();

    expect(session.syncError?.code).toBe('CARD_REMOVED');
    expect(session.syncError?.message).toContain('after 1 of 2 commands');
    await open[0].simulate('insert');
    await vi.waitFor(() => expect(session.card?.ca).toBe(5));
  });

  it('a reader another page holds: the card cannot be read (READER_BUSY) until that page lets go', async () => {
    const agent = new FakeAgent();
    agent.plug('Reader A', card('0102030405060708'));
    const server = new FakeServer(1);
    const first = terminal(agent, server);
    await vi.waitFor(() => expect(first.card).not.toBeNull());
    let release = () => {};
    server.hold = new Promise((r) => { release = r; });
    const running = first.synchronise();
    await vi.waitFor(() => expect(server.posted).toHaveLength(1));

    const second = terminal(agent);
    await vi.waitFor(() => expect(second.readError?.code).toBe('READER_BUSY'));
    expect(second.reader).toMatchObject({ inUse: true, heldByYou: false });
    expect(second.card).toBeNull();

    release();
    await running;
    await second.read();
    expect(second.readError).toBeNull();
    expect(second.card?.ca).toBe(5);
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
