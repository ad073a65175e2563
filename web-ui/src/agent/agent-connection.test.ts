import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AgentConnection, type BrowserSide } from './agent-connection';

/** A socket the test opens or refuses by hand, as the browser would once its question is answered. */
class FakeSocket extends EventTarget {
  static all: FakeSocket[] = [];

  constructor(readonly url: string) {
    super();
    FakeSocket.all.push(this);
  }

  send(): void {}

  close(): void {
    this.dispatchEvent(Object.assign(new Event('close'), { code: 1006 }));
  }
}

/** The Local Network Access permission, undecided until the test says otherwise. */
class FakePermission extends EventTarget {
  state: PermissionState = 'prompt';

  answer(state: PermissionState): void {
    this.state = state;
    this.dispatchEvent(new Event('change'));
  }
}

function chromeOnPublicSite(permission: FakePermission): BrowserSide {
  return {
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/147.0.0.0 Safari/537.36',
    protocol: 'https:',
    hostname: 'portal.example.com',
    maxTouchPoints: 0,
    permissions: { query: async () => permission as unknown as PermissionStatus },
    webSocket: FakeSocket as unknown as typeof WebSocket,
  };
}

const host = { addController() {}, removeController() {}, requestUpdate() {}, updateComplete: Promise.resolve(true) };

/** Lets the connection's awaited promises run (fake timers do not touch microtasks). */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) {
    await Promise.resolve();
  }
}

describe('AgentConnection while the browser asks for Local Network Access', () => {
  beforeEach(() => {
    FakeSocket.all = [];
    vi.useFakeTimers();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('keeps explaining the question, with no time limit, while the browser holds the handshake', async () => {
    const permission = new FakePermission();
    const agent = new AgentConnection(host, { browser: chromeOnPublicSite(permission) });
    agent.hostConnected();
    await settle();

    expect(agent.state).toBe('permission-needed');
    expect(FakeSocket.all).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(60_000);
    // The customer is still reading the question: no "not running", no second socket (a second question).
    expect(agent.state).toBe('permission-needed');
    expect(FakeSocket.all).toHaveLength(1);
    agent.hostDisconnected();
  });

  it('after a failed attempt waits for the permission to change or for "Try again now", not for a timer', async () => {
    const permission = new FakePermission();
    const agent = new AgentConnection(host, { browser: chromeOnPublicSite(permission) });
    agent.hostConnected();
    await settle();
    FakeSocket.all[0].close(); // dismissed, or no agent there

    await vi.advanceTimersByTimeAsync(30_000);
    expect(agent.state).toBe('permission-needed');
    expect(agent.promptFailed).toBe(true);
    expect(FakeSocket.all).toHaveLength(1);

    agent.retryNow();
    await settle();
    expect(FakeSocket.all).toHaveLength(2);
    FakeSocket.all[1].close();
    await settle();

    permission.answer('granted');
    await settle();
    expect(FakeSocket.all).toHaveLength(3);
    agent.hostDisconnected();
  });

  it('says "not running" and keeps looking every few seconds once the permission is granted', async () => {
    const permission = new FakePermission();
    permission.state = 'granted';
    const agent = new AgentConnection(host, { browser: chromeOnPublicSite(permission) });
    agent.hostConnected();
    await settle();
    FakeSocket.all[0].close();
    await settle();

    expect(agent.state).toBe('not-running');
    await vi.advanceTimersByTimeAsync(3_000);
    expect(FakeSocket.all).toHaveLength(2);
    agent.hostDisconnected();
  });

  it('on a page served from localhost (never asked) says "not running" and keeps looking, whatever the permission says', async () => {
    const permission = new FakePermission();
    const agent = new AgentConnection(host, { browser: { ...chromeOnPublicSite(permission), hostname: 'localhost' } });
    agent.hostConnected();
    await settle();
    FakeSocket.all[0].close();
    await settle();

    expect(agent.state).toBe('not-running');
    await vi.advanceTimersByTimeAsync(3_000);
    expect(FakeSocket.all).toHaveLength(2);
    agent.hostDisconnected();
  });
});
