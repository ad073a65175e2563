/**
 * The portal's live notices (WebSocket /api/portal/events, PORTAL-CONTRACT.md): `{"type":"changed",
 * "applicationId":N}` whenever a change of the customer's is queued or settled. The socket rides on the
 * session cookie, and the backend checks its Origin, so only this page's own origin gets them. It reopens
 * after a few seconds when it closes, until {@link PortalEvents.close}.
 */
import type { PortalNotice } from './portal-types';

const REOPEN_MS = 5000;

export class PortalEvents {
  private socket: WebSocket | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;

  constructor(private readonly onNotice: (notice: PortalNotice) => void,
    private readonly url = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/api/portal/events`) {}

  open(): void {
    this.closed = false;
    clearTimeout(this.timer);
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.addEventListener('message', (e) => {
      const notice = parseNotice(e.data);
      if (notice) {
        this.onNotice(notice);
      }
    });
    socket.addEventListener('close', () => {
      if (this.socket === socket && !this.closed) {
        this.timer = setTimeout(() => this.open(), REOPEN_MS);
      }
    });
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.socket?.close();
    this.socket = null;
  }
}

/** A notice, or null for anything else (unknown types are ignored: the server may add some). */
export function parseNotice(data: unknown): PortalNotice | null {
  if (typeof data !== 'string') {
    return null;
  }
  try {
    const value = JSON.parse(data) as Partial<PortalNotice>;
    return value.type === 'changed' && Number.isSafeInteger(value.applicationId)
      ? { type: 'changed', applicationId: value.applicationId as number } : null;
  } catch {
    return null;
  }
}
