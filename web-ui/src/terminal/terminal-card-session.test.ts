import { afterEach, describe, expect, it, vi } from 'vitest';
import { AgentClient } from '../agent-client';
import { DEMO_AID } from '../card-apdus';
import { FakeAgent, SIMULATED_READER, type FakeCard } from './fake-agent';
import { FakeServer } from './fake-terminal-server';
import { RecordingHost } from './recording-host';
import { TerminalAgentConnection } from './terminal-agent-connection';
import { TerminalCardSession } from './terminal-card-session';

const card = (cardId: string): FakeCard => ({ cardId, aid: DEMO_AID, balance: 1000, ca: 4, atc: 9 });
/** The pages open in this test, each with its own socket to the agent. */
let open: TerminalAgentConnection[] = [];

const URL = 'ws://127.0.0.1:40001/';
const hosts = new Map<TerminalCardSession, RecordingHost>();

function terminal(agent: FakeAgent, server = new FakeServer(0)) {
  const host = new RecordingHost();
  const connection = new TerminalAgentConnection(host, agent.webSocket);
  const session = new TerminalCardSession(host, connection, server);
  // What the page renders of the session (errors by code and message, as it shows them).
  host.view = () => ({ ...session, readError: session.readError && { ...session.readError,
    message: session.readError.message }, syncError: session.syncError && { ...session.syncError,
    message: session.syncError.message }, reader: session.reader, agent: undefined, api: undefined,
    host: undefined, queue: undefined });
  hosts.set(session, host);
  connection.hostConnected();
  connection.start(URL);
  open.push(connection);
  return session;
}

/** The agent's requests between two points, by type (and reader for a connect). */
const requestsOf = (agent: FakeAgent) => agent.requests.map((r) => r.type === 'connect' ? `connect ${r.payload?.reader}`
  : r.type === 'transmit' ? `transmit ${r.payload?.apdu.slice(0, 8)}` : r.type);

/**
 * A terminal on Reader A with a card, whose synchronisation has posted its REQUEST and waits for the server's answer
 * until `release` is called: the moment the tests below pull the card or open a second page.
 */
async function synchronisationHeldAtTheServer() {
  const agent = new FakeAgent();
  agent.plug('Reader A', card('0102030405060708'));
  const server = new FakeServer(1);
  const session = terminal(agent, server);
  await vi.waitFor(() => expect(session.card).not.toBeNull());
  let release = () => {};
  server.hold = new Promise((r) => { release = r; });
  const running = session.synchronise();
  await vi.waitFor(() => expect(server.posted).toHaveLength(1));
  expectRendered(session);
  return { agent, server, session, release, running };
}

/** The page was asked to render what the session holds now: no change went unrendered. */
function expectRendered(session: TerminalCardSession): void {
  const host = hosts.get(session)!;
  expect(host.shown).toEqual(host.now());
}

afterEach(() => {
  open.forEach((c) => c.hostDisconnected());
  open = [];
  hosts.clear();
});

describe('TerminalCardSession', () => {
  it('chooses a lone reader, reads its card and lets the reader go again', async () => {
    const agent = new FakeAgent();
    agent.plug(SIMULATED_READER, card('0102030405060708'), true);
    const session = terminal(agent);

    await vi.waitFor(() => expect(session.card?.cardId).toBe('0102030405060708'));
    expectRendered(session);
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
    expectRendered(session);
    expect(session.selectedReader).toBeNull();
    expect(session.card).toBeNull();

    session.select('Reader B');
    await vi.waitFor(() => expect(session.card?.cardId).toBe('1112131415161718'));
    expectRendered(session);
  });

  it('forgets a card pulled out of its reader as soon as the agent says so, and reads the card put in', async () => {
    const agent = new FakeAgent();
    agent.plug('Reader A', card('0102030405060708'));
    const session = terminal(agent);
    await vi.waitFor(() => expect(session.card).not.toBeNull());

    agent.holdReplies(); // the readers listed again after the event do not come back yet
    agent.insert('Reader A', null);
    await vi.waitFor(() => expect(session.card).toBeNull());
    expectRendered(session);
    agent.answerHeldReplies();
    agent.insert('Reader A', card('2122232425262728'));
    await vi.waitFor(() => expect(session.card?.cardId).toBe('2122232425262728'));
    expectRendered(session);
  });

  it('forgets the card when the agent goes, and reads it again once the agent is back', async () => {
    const agent = new FakeAgent();
    agent.plug('Reader A', card('0102030405060708'));
    const session = terminal(agent);
    await vi.waitFor(() => expect(session.card).not.toBeNull());

    agent.accepting = false;
    agent.stop();
    await vi.waitFor(() => expect(open[0].state).toBe('lost'));
    expectRendered(session);
    expect(session.card).toBeNull();
    agent.accepting = true;
    await vi.waitFor(() => expect(session.card?.cardId).toBe('0102030405060708'), { timeout: 3000 });
    expectRendered(session);
  });

  it('synchronises: every step done, the outcome the server settled, and the card as read after the script',
    async () => {
      const agent = new FakeAgent();
      agent.plug('Reader A', card('0102030405060708'));
      const session = terminal(agent, new FakeServer(2));
      await vi.waitFor(() => expect(session.card).not.toBeNull());

      const running = session.synchronise();
      expectRendered(session); // "Synchronising…" at once, before the card is even connected
      await running;
      expectRendered(session);

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
    expectRendered(session);

    expect(session.syncError?.code).toBe('CARD_CHANGED');
    expect(requestsOf(agent)).not.toContain('transmit 80400000');
    expect(server.posted).toEqual([]);
    expect(session.card?.cardId).toBe('3132333435363738');
  });

  it('a card pulled out and put back during a synchronisation: the script is not sent, the page says CARD_REMOVED, '
    + 'and reads the card again only once the session let go of the reader', async () => {
    const { agent, server, session, release, running } = await synchronisationHeldAtTheServer();
    agent.insert('Reader A', null);
    await vi.waitFor(() => expect(session.card).toBeNull());
    expectRendered(session);
    agent.insert('Reader A', card('0102030405060708'));
    await vi.waitFor(() => expect(requestsOf(agent).filter((r) => r === 'list-readers')).toHaveLength(3));
    expect(requestsOf(agent).filter((r) => r.startsWith('connect'))).toHaveLength(2); // the read waits its turn
    release();
    await running;
    expectRendered(session);

    expect(session.syncError?.code).toBe('CARD_REMOVED');
    expect(session.syncError?.message).toContain('after 0 of 1 commands');
    expect(session.syncSteps.find((s) => s.key === 'script')?.state).toBe('failed');
    expect(agent.card('Reader A')?.ca).toBe(4); // nothing of the script reached the card
    await vi.waitFor(() => expect(session.card?.cardId).toBe('0102030405060708'));
    expectRendered(session);
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
    expectRendered(session);

    expect(session.syncError?.code).toBe('CARD_REMOVED');
    expect(session.syncError?.message).toContain('after 1 of 2 commands');
    await open[0].simulate('insert');
    await vi.waitFor(() => expect(session.card?.ca).toBe(5));
    expectRendered(session);
  });

  it('a reader another page holds: the card cannot be read (READER_BUSY) until that page lets go', async () => {
    const { agent, release, running } = await synchronisationHeldAtTheServer();

    const second = terminal(agent);
    await vi.waitFor(() => expect(second.readError?.code).toBe('READER_BUSY'));
    expectRendered(second);
    expect(second.reader).toMatchObject({ inUse: true, heldByYou: false });
    expect(second.card).toBeNull();

    release();
    await running;
    await second.read();
    expectRendered(second);
    expect(second.readError).toBeNull();
    expect(second.card?.ca).toBe(5);
  });

  it('a new reader chosen clears the previous reader\u2019s synchronisation', async () => {
    const agent = new FakeAgent();
    agent.plug('Reader A', card('0102030405060708'));
    const session = terminal(agent, new FakeServer(1));
    await vi.waitFor(() => expect(session.card).not.toBeNull());
    await session.synchronise();
    expectRendered(session);
    expect(session.syncOutcome).not.toBeNull();
    agent.plug('Reader B', null);

    session.select('Reader B');

    expectRendered(session);
    expect(session.syncSteps).toEqual([]);
    expect(session.syncOutcome).toBeNull();
    expect(session.card).toBeNull();
  });

  it('a reader\u2019s error goes when the user chooses another reader', async () => {
    const agent = new FakeAgent();
    agent.plug('Reader A', card('0102030405060708'));
    agent.plug('Reader B', null);
    const otherTab = await AgentClient.open(URL, { webSocket: agent.webSocket });
    await otherTab.connect('Reader A');
    const session = terminal(agent);
    await vi.waitFor(() => expect(open[0].readers).toHaveLength(2));

    session.select('Reader A');
    await vi.waitFor(() => expect(session.readError?.code).toBe('READER_BUSY'));
    session.select('Reader B');

    expect(session.readError).toBeNull();
    expectRendered(session);
    otherTab.close();
  });

  it('the chosen reader unplugged: no reader is chosen any more, and its card is forgotten', async () => {
    const agent = new FakeAgent();
    agent.plug('Reader A', null);
    agent.plug('Reader B', card('0102030405060708'));
    agent.plug('Reader C', null);
    const session = terminal(agent);
    await vi.waitFor(() => expect(open[0].readers).toHaveLength(3));
    session.select('Reader B');
    await vi.waitFor(() => expect(session.card).not.toBeNull());

    agent.unplug('Reader B');

    await vi.waitFor(() => expect(session.selectedReader).toBeNull());
    expect(session.card).toBeNull();
    expectRendered(session);
  });

  it('the agent stops while it lists the readers, on connecting or after an event: the page keeps why, and shows it',
    async () => {
      const agent = new FakeAgent();
      agent.plug('Reader A', card('0102030405060708'));
      agent.holdReplies();
      const session = terminal(agent);
      await vi.waitFor(() => expect(requestsOf(agent)).toEqual(['hello']));
      agent.answerHeldReplies(1);
      await vi.waitFor(() => expect(requestsOf(agent)).toEqual(['hello', 'list-readers']));
      agent.stop();
      agent.answerHeldReplies();

      await vi.waitFor(() => expect(session.readError?.code).toBe('CONNECTION_CLOSED'));
      expectRendered(session);
      await vi.waitFor(() => expect(session.card).not.toBeNull(), { timeout: 3000 });
      expect(session.readError).toBeNull();

      agent.holdReplies();
      agent.insert('Reader A', null);
      await vi.waitFor(() => expect(requestsOf(agent).filter((r) => r === 'list-readers')).toHaveLength(3));
      agent.stop();
      agent.answerHeldReplies();

      await vi.waitFor(() => expect(session.readError?.code).toBe('CONNECTION_CLOSED'));
      expectRendered(session);
    });
});
