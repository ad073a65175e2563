import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PortalEvents } from './portal-events';

/** The live-notice socket, opened, fed and closed by the test as the server would. */
class FakeSocket extends EventTarget {
  static all: FakeSocket[] = [];

  constructor(readonly url: string) {
    super();
    FakeSocket.all.push(this);
  }

  close(): void {}

  serverOpen(): void {
    this.dispatchEvent(new Event('open'));
  }

  serverSend(data: unknown): void {
    this.dispatchEvent(new MessageEvent('message', { data: JSON.stringify(data) }));
  }

  serverClose(code: number): void {
    this.dispatchEvent(Object.assign(new Event('close'), { code }));
  }
}

function listen() {
  const seen = { notices: [] as number[], reopened: 0, sessionChecks: 0 };
  const events = new PortalEvents({
    onNotice: (n) => seen.notices.push(n.applicationId),
    onReopened: () => { seen.reopened++; },
    checkSession: () => { seen.sessionChecks++; },
  }, 'ws://portal.test/api/portal/events', FakeSocket as unknown as typeof WebSocket);
  events.open();
  return { events, seen, last: () => FakeSocket.all[FakeSocket.all.length - 1] };
}

describe('PortalEvents', () => {
  beforeEach(() => {
    FakeSocket.all = [];
    vi.useFakeTimers();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('has the portal catch up after every reopening, not after the first opening', async () => {
    const { events, seen, last } = listen();
    last().serverOpen();
    last().serverSend({ type: 'changed', applicationId: 7 });
    expect(seen).toEqual({ notices: [7], reopened: 0, sessionChecks: 0 });

    last().serverClose(1006); // the network went away: what is notified now is lost
    await vi.advanceTimersByTimeAsync(2000);
    last().serverOpen();
    expect(seen.reopened).toBe(1);
    last().serverClose(1001);
    await vi.advanceTimersByTimeAsync(2000);
    last().serverOpen();
    expect(seen.reopened).toBe(2);
    events.close();
  });

  it('has the session checked when the close may mean it ended', async () => {
    const { events, seen, last } = listen();
    last().serverOpen();
    last().serverClose(1008);
    expect(seen.sessionChecks).toBe(1);
    await vi.advanceTimersByTimeAsync(2000);
    last().serverClose(1006); // never opened: an upgrade the server refused looks like this
    expect(seen.sessionChecks).toBe(2);
    events.close();
  });

  it('waits longer after each attempt that does not open, up to a minute, and stops when closed', async () => {
    const { events, last } = listen();
    const attemptsAt: number[] = [];
    const started = Date.now();
    for (let i = 0; i < 8; i++) {
      last().serverClose(1006);
      const before = FakeSocket.all.length;
      while (FakeSocket.all.length === before) {
        await vi.advanceTimersByTimeAsync(500);
      }
      attemptsAt.push((Date.now() - started) / 1000);
    }
    expect(attemptsAt).toEqual([2, 6, 14, 30, 62, 122, 182, 242]);

    events.close();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(FakeSocket.all).toHaveLength(9);
  });
});
