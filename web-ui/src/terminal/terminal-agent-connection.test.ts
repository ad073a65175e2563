import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AgentClient, type ReaderEvent } from '../agent-client';
import { DEMO_AID } from '../card-apdus';
import { FakeAgent, SIMULATED_READER } from './fake-agent';
import { RecordingHost } from './recording-host';
import { TerminalAgentConnection } from './terminal-agent-connection';

const URL = 'ws://127.0.0.1:40001/';
const demoCard = () => ({ cardId: '0102030405060708', aid: DEMO_AID, balance: 1000, ca: 0, atc: 1 });

/** Lets the socket's and the connection's awaited promises run (fake timers do not touch microtasks). */
async function settle(): Promise<void> {
  await vi.advanceTimersByTimeAsync(0);
}

const hosts = new Map<TerminalAgentConnection, RecordingHost>();

function connectTo(agent: FakeAgent): TerminalAgentConnection {
  const host = new RecordingHost();
  const connection = new TerminalAgentConnection(host, agent.webSocket);
  // What the page renders of the connection (its error by code and message, as it shows it).
  host.view = () => ({ state: connection.state, info: connection.info, configError: connection.configError,
    url: connection.url, readers: connection.readers, events: connection.events, simBusy: connection.simBusy,
    simError: connection.simError && { code: connection.simError.code, message: connection.simError.message } });
  hosts.set(connection, host);
  connection.hostConnected();
  connection.start(URL);
  return connection;
}

/** The page was asked to render what the connection holds now: no change went unrendered. */
function expectRendered(connection: TerminalAgentConnection): void {
  const host = hosts.get(connection)!;
  expect(host.shown).toEqual(host.now());
}

describe('TerminalAgentConnection', () => {
  let connection: TerminalAgentConnection | null = null;

  beforeEach(() => {
    vi.useFakeTimers();
  });

  afterEach(() => {
    connection?.hostDisconnected();
    connection = null;
    vi.useRealTimers();
  });

  it('greets the agent and lists its readers', async () => {
    const agent = new FakeAgent();
    agent.plug(SIMULATED_READER, demoCard(), true);
    connection = connectTo(agent);
    await settle();
    expectRendered(connection);

    expect(connection.state).toBe('connected');
    expect(connection.info).toMatchObject({ agent: 'cardsync-bridge-agent', simulation: true });
    await connection.refreshReaders();
    expectRendered(connection);
    expect(connection.readers).toEqual([expect.objectContaining({ name: SIMULATED_READER, cardPresent: true })]);
  });

  it('says unreachable when no agent answers, and looks again every few seconds rather than at once', async () => {
    const agent = new FakeAgent();
    agent.accepting = false;
    connection = connectTo(agent);
    await settle();
    expectRendered(connection);

    expect(connection.state).toBe('unreachable');
    await vi.advanceTimersByTimeAsync(1000);
    expect(agent.attempts).toBe(1);
    agent.accepting = true;
    await vi.advanceTimersByTimeAsync(4000);
    expectRendered(connection);
    expect(connection.state).toBe('connected');
  });

  it('when the agent stops: forgets its readers, says lost, and is connected again soon after it is back', async () => {
    const agent = new FakeAgent();
    agent.plug(SIMULATED_READER, demoCard(), true);
    connection = connectTo(agent);
    await settle();
    await connection.refreshReaders();

    agent.stop();
    await settle();
    expectRendered(connection);
    expect(connection.state).toBe('lost');
    expect(connection.readers).toEqual([]);
    expect(connection.info).toBeNull();

    await vi.advanceTimersByTimeAsync(1000);
    expectRendered(connection);
    expect(connection.state).toBe('connected');
  });

  it('"Try now" looks for the agent at once', async () => {
    const agent = new FakeAgent();
    agent.accepting = false;
    connection = connectTo(agent);
    await settle();
    agent.accepting = true;

    connection.retryNow();
    await settle();
    expectRendered(connection);
    expect(connection.state).toBe('connected');
  });

  it('keeps the latest eight reader events, newest first, and tells its listeners after logging each', async () => {
    const agent = new FakeAgent();
    const readers = Array.from({ length: 20 }, (_, i) => `Reader ${i}`);
    readers.forEach((r) => agent.plug(r, null));
    connection = connectTo(agent);
    const logged = connection;
    /** Each event a listener heard, with the newest one logged at that moment. */
    const heard: { event: ReaderEvent; newestLogged: ReaderEvent | undefined }[] = [];
    connection.listen({ agentConnected() {}, agentGone() {},
      readerEvent: (event) => heard.push({ event, newestLogged: logged.events[0]?.event }) });
    await settle();

    readers.forEach((r) => agent.insert(r, demoCard()));
    await settle();
    expectRendered(connection);

    expect(heard.map((h) => h.event.reader)).toEqual(readers);
    heard.forEach((h) => expect(h.newestLogged).toEqual(h.event));
    expect(connection.events.map((e) => e.event)).toEqual(
      readers.slice(-8).reverse().map((reader) => ({ event: 'card-inserted', reader })));
  });

  it('taken off the page: closes its socket to the agent (and with it any hold on a reader) and looks no more',
    async () => {
      const agent = new FakeAgent();
      agent.plug('Reader A', demoCard());
      connection = connectTo(agent);
      await settle();
      await connection.client!.connect('Reader A');

      connection.hostDisconnected();
      await vi.advanceTimersByTimeAsync(60_000);
      expect(agent.closedByPage).toBe(1);
      expect(agent.attempts).toBe(1);
      const nextPage = await AgentClient.open(URL, { webSocket: agent.webSocket });
      await expect(nextPage.connect('Reader A')).resolves.toMatchObject({ reader: 'Reader A' });
      nextPage.close();
    });

  it('taken off the page while the agent\u2019s socket is still opening: closes it once open and looks no more',
    async () => {
      const agent = new FakeAgent();
      connection = connectTo(agent);

      connection.hostDisconnected();
      await vi.advanceTimersByTimeAsync(60_000);
      expect(agent.closedByPage).toBe(1);
      expect(agent.attempts).toBe(1);
      expect(agent.requests).toEqual([]);
    });

  it('taken off the page with no agent to talk to: looks no more', async () => {
    const agent = new FakeAgent();
    agent.accepting = false;
    connection = connectTo(agent);
    await settle();

    connection.hostDisconnected();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(agent.attempts).toBe(1);
  });

  it('the simulated card buttons pull the card out and put it back; an agent without one says so with its code',
    async () => {
      const agent = new FakeAgent();
      agent.plug(SIMULATED_READER, demoCard(), true);
      connection = connectTo(agent);
      await settle();

      const removing = connection.simulate('remove');
      expectRendered(connection); // the buttons wait at once
      expect(connection.simBusy).toBe(true);
      await removing;
      expectRendered(connection);
      expect(agent.card(SIMULATED_READER)).toBeNull();
      await connection.simulate('insert');
      expectRendered(connection);
      expect(agent.card(SIMULATED_READER)).not.toBeNull();
      expect(connection.simError).toBeNull();

      const plain = new FakeAgent(false);
      plain.plug('Reader A', demoCard());
      connection.hostDisconnected();
      connection = connectTo(plain);
      await settle();
      await connection.simulate('remove');
      expectRendered(connection);
      expect(connection.simError?.code).toBe('SIMULATION_OFF');
      expect(connection.simBusy).toBe(false);
    });
});
