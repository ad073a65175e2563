import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConsoleEvents } from './console-events';
import type { ConsoleNotice } from './console-types';

class FakeSocket extends EventTarget {
  static all: FakeSocket[] = [];

  constructor(readonly url: string) {
    super();
    FakeSocket.all.push(this);
  }

  close(): void {}
}

const last = () => FakeSocket.all[FakeSocket.all.length - 1];

describe('ConsoleEvents', () => {
  beforeEach(() => {
    FakeSocket.all = [];
    vi.useFakeTimers();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('hands on changed and resync notices, says when it is live, and reopens after a close', async () => {
    const seen = { notices: [] as ConsoleNotice[], live: [] as boolean[], reopened: 0 };
    const events = new ConsoleEvents({
      onNotice: (n) => seen.notices.push(n),
      onReopened: () => { seen.reopened++; },
      checkSession: () => undefined,
      onLive: (live) => seen.live.push(live),
    }, 'ws://console.test/api/console/events', FakeSocket as unknown as typeof WebSocket);
    events.open();
    expect(last().url).toBe('ws://console.test/api/console/events');
    last().dispatchEvent(new Event('open'));
    last().dispatchEvent(new MessageEvent('message', { data: '{"type":"changed","applicationId":4}' }));
    last().dispatchEvent(new MessageEvent('message', { data: '{"type":"resync"}' }));
    expect(seen.notices).toEqual([{ type: 'changed', applicationId: 4 }, { type: 'resync' }]);

    last().dispatchEvent(Object.assign(new Event('close'), { code: 1006 }));
    expect(seen.live).toEqual([true, false]);
    await vi.advanceTimersByTimeAsync(2000);
    expect(FakeSocket.all).toHaveLength(2);
    last().dispatchEvent(new Event('open'));
    expect(seen.reopened).toBe(1);
    expect(seen.live).toEqual([true, false, true]);
    events.close();
    expect(seen.live.at(-1)).toBe(false);
  });
});
