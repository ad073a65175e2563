import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AgentClient, AgentError, agentUrlFromQuery, type ReaderEvent } from './agent-client';
import { readDoc } from './contract/repo-docs';

/** A WebSocket that the test opens, feeds and closes by hand; it records what the client sent. */
class FakeSocket extends EventTarget {
  static last: FakeSocket | null = null;
  readonly sent: Array<{ v: number; id: string; type: string; payload: Record<string, unknown> }> = [];

  constructor(readonly url: string) {
    super();
    FakeSocket.last = this;
  }

  send(text: string): void {
    this.sent.push(JSON.parse(text));
  }

  close(code = 1000): void {
    this.serverClose(code);
  }

  serverOpen(): void {
    this.dispatchEvent(new Event('open'));
  }

  serverSend(message: unknown): void {
    this.dispatchEvent(new MessageEvent('message', { data: JSON.stringify(message) }));
  }

  serverClose(code = 1006): void {
    this.dispatchEvent(Object.assign(new Event('close'), { code }));
  }
}

async function openClient(): Promise<{ client: AgentClient; socket: FakeSocket }> {
  const opening = AgentClient.open('ws://127.0.0.1:24511/', { webSocket: FakeSocket as unknown as typeof WebSocket });
  const socket = FakeSocket.last!;
  socket.serverOpen();
  return { client: await opening, socket };
}

describe('AgentClient', () => {
  beforeEach(() => {
    FakeSocket.last = null;
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends the version 1 envelope with a string id and resolves with the reply of that id', async () => {
    const { client, socket } = await openClient();
    const readers = client.listReaders();
    const connect = client.connect('Reader A');

    expect(socket.sent).toEqual([
      { v: 1, id: '1', type: 'list-readers', payload: {} },
      { v: 1, id: '2', type: 'connect', payload: { reader: 'Reader A' } },
    ]);
    // Replies may come in any order: the id ties each to its request.
    socket.serverSend({ v: 1, id: '2', type: 'connect', payload: { reader: 'Reader A', atr: '3b00' } });
    socket.serverSend({ v: 1, id: '1', type: 'list-readers', payload: { readers: [] } });
    await expect(connect).resolves.toEqual({ reader: 'Reader A', atr: '3b00' });
    await expect(readers).resolves.toEqual({ readers: [] });
  });

  it('rejects with the code, message and extra fields of an error reply', async () => {
    const { client, socket } = await openClient();
    const batch = client.transmitBatch(['8030000000']);
    expect(socket.sent[0].payload).toEqual({ apdus: ['8030000000'], acceptSw: ['9000'] });

    socket.serverSend({ v: 1, id: '1', type: 'error', payload: {
      code: 'CARD_REMOVED', message: 'the card was removed', responses: [{ response: '9000', sw: '9000' }] } });

    const error = await batch.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AgentError);
    expect(error).toMatchObject({ code: 'CARD_REMOVED', message: 'the card was removed',
      details: { responses: [{ response: '9000', sw: '9000' }] } });
  });

  it('rejects a reply of another type as a protocol error', async () => {
    const { client, socket } = await openClient();
    const hello = client.hello();
    socket.serverSend({ v: 1, id: '1', type: 'transmit', payload: {} });
    await expect(hello).rejects.toMatchObject({ code: 'PROTOCOL_ERROR' });
  });

  it('rejects with TIMEOUT when no reply comes in time, and ignores the late reply', async () => {
    vi.useFakeTimers();
    const { client, socket } = await openClient();
    const transmit = client.request('transmit', { apdu: '8030000000' }, 1000);
    vi.advanceTimersByTime(1001);
    await expect(transmit).rejects.toMatchObject({ code: 'TIMEOUT' });
    socket.serverSend({ v: 1, id: '1', type: 'transmit', payload: { response: '9000', sw: '9000' } });
  });

  it('hands events to every listener until it stops listening', async () => {
    const { client, socket } = await openClient();
    const seen: ReaderEvent[] = [];
    const stop = client.onEvent((e) => seen.push(e));
    socket.serverSend({ v: 1, type: 'event', payload: { event: 'card-removed', reader: 'Reader A' } });
    stop();
    socket.serverSend({ v: 1, type: 'event', payload: { event: 'card-inserted', reader: 'Reader A' } });
    expect(seen).toEqual([{ event: 'card-removed', reader: 'Reader A' }]);
  });

  it('rejects waiting requests with CONNECTION_CLOSED when the socket closes, and refuses new ones', async () => {
    const { client, socket } = await openClient();
    const closed = vi.fn();
    client.onClose(closed);
    const hello = client.hello();
    socket.serverClose();
    await expect(hello).rejects.toMatchObject({ code: 'CONNECTION_CLOSED' });
    expect(closed).toHaveBeenCalledOnce();
    expect(client.isOpen).toBe(false);
    await expect(client.hello()).rejects.toMatchObject({ code: 'CONNECTION_CLOSED' });
  });

  it('reports AGENT_UNREACHABLE when the handshake fails (no agent, or an origin it refuses)', async () => {
    const opening = AgentClient.open('ws://127.0.0.1:24511/', { webSocket: FakeSocket as unknown as typeof WebSocket });
    FakeSocket.last!.serverClose(1006);
    await expect(opening).rejects.toMatchObject({ code: 'AGENT_UNREACHABLE' });
  });

  it('reports AGENT_UNREACHABLE when the socket does not open in time', async () => {
    vi.useFakeTimers();
    const opening = AgentClient.open('ws://127.0.0.1:24511/',
      { webSocket: FakeSocket as unknown as typeof WebSocket, openTimeoutMs: 500 });
    vi.advanceTimersByTime(501);
    await expect(opening).rejects.toMatchObject({ code: 'AGENT_UNREACHABLE' });
  });
});

describe('agentUrlFromQuery', () => {
  it('defaults to the agent\u2019s default port on 127.0.0.1, as docs/agent-protocol.schema.json gives it', () => {
    // The schema's DefaultPort is held to the agent's AgentOptions.DEFAULT_PORT by its AgentProtocolSchemaTest.
    const schema = JSON.parse(readDoc('agent-protocol.schema.json')) as { $defs: { DefaultPort: { const: number } } };
    expect(agentUrlFromQuery('')).toBe(`ws://127.0.0.1:${schema.$defs.DefaultPort.const}`);
  });

  it('takes ?agent= on a loopback address', () => {
    expect(agentUrlFromQuery('?agent=ws://127.0.0.1:40001')).toBe('ws://127.0.0.1:40001/');
    expect(agentUrlFromQuery('?agent=ws://localhost:40001/')).toBe('ws://localhost:40001/');
    expect(agentUrlFromQuery('?agent=ws://[::1]:40001')).toBe('ws://[::1]:40001/');
  });

  it('refuses any other server, so that a crafted link cannot relay the card elsewhere', () => {
    expect(() => agentUrlFromQuery('?agent=wss://agent.evil.example')).toThrow(AgentError);
    expect(() => agentUrlFromQuery('?agent=ws://192.168.1.10:24511')).toThrow(AgentError);
    expect(() => agentUrlFromQuery('?agent=ws://127.0.0.1:24511/other')).toThrow(AgentError);
    expect(() => agentUrlFromQuery('?agent=not a url')).toThrow(AgentError);
  });
});
