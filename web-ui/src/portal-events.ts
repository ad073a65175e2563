/**
 * The portal's live notices (WebSocket /api/portal/events, PORTAL-CONTRACT.md): `{"type":"changed",
 * "applicationId":N}` whenever a change of the customer's is queued or settled. The socket rides on the
 * session cookie, and the backend checks its Origin, so only this page's own origin gets them.
 *
 * Notices sent while the socket was closed are lost, so every reopening after the first tells the portal to
 * catch up (reload, synchronise). A close that may mean the session is gone (policy or unauthorised close
 * codes, or an upgrade the server refused: the browser shows those as a socket that never opened) makes the
 * portal check its session, so that a 401 signs the customer out instead of the page retrying in the dark.
 * It reopens with a growing delay until {@link PortalEvents.close}.
 */
import type { PortalNotice } from './portal-types';

/** First reopening delay, doubled after every attempt that does not open, up to {@link MAX_REOPEN_MS}. */
const FIRST_REOPEN_MS = 2000;
const MAX_REOPEN_MS = 60_000;
/** 1008 policy violation (RFC 6455), and the 4401/4403 an application may use for unauthorised/forbidden. */
const SESSION_CLOSE_CODES = new Set([1008, 4401, 4403]);

export interface PortalEventHandlers<N = PortalNotice> {
  onNotice(notice: N): void;
  /** The socket is open again after having been closed: whatever was notified meanwhile was missed. */
  onReopened(): void;
  /** The close may mean the session ended: check it (a 401 signs the customer out). */
  checkSession(): void;
  /** The socket opened (true) or closed (false): for a "Live" sign. */
  onLive?(live: boolean): void;
}

/**
 * One live-notice socket; the console's (console-events.ts) is this with its own URL and notices, which
 * `parse` reads (anything it answers null for is ignored).
 */
export class PortalEvents<N = PortalNotice> {
  private socket: WebSocket | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;
  /** The socket has been open at least once since {@link open} was called from outside. */
  private everOpen = false;
  private delay = FIRST_REOPEN_MS;

  constructor(private readonly handlers: PortalEventHandlers<N>,
    private readonly url = sameOriginSocketUrl('/api/portal/events'),
    private readonly Socket: typeof WebSocket = WebSocket,
    private readonly parse: (data: unknown) => N | null = parseNotice as (data: unknown) => N | null) {}

  /** Starts listening (after sign-in); the first opening is no catching up. */
  open(): void {
    this.closed = false;
    this.everOpen = false;
    this.delay = FIRST_REOPEN_MS;
    this.connect();
  }

  private connect(): void {
    clearTimeout(this.timer);
    const socket = new this.Socket(this.url);
    this.socket = socket;
    let opened = false;
    socket.addEventListener('open', () => {
      opened = true;
      this.handlers.onLive?.(true);
      this.delay = FIRST_REOPEN_MS;
      if (this.everOpen) {
        this.handlers.onReopened();
      }
      this.everOpen = true;
    });
    socket.addEventListener('message', (e) => {
      const notice = this.parse(e.data);
      if (notice) {
        this.handlers.onNotice(notice);
      }
    });
    socket.addEventListener('close', (e) => {
      if (this.socket !== socket || this.closed) {
        return;
      }
      this.handlers.onLive?.(false);
      if (!opened || SESSION_CLOSE_CODES.has(e.code)) {
        this.handlers.checkSession();
      }
      this.timer = setTimeout(() => this.connect(), this.delay);
      this.delay = Math.min(this.delay * 2, MAX_REOPEN_MS);
    });
  }

  close(): void {
    this.closed = true;
    this.handlers.onLive?.(false);
    clearTimeout(this.timer);
    this.socket?.close();
    this.socket = null;
  }
}

/** ws(s)://this host/path: the socket goes to the page's own origin, whose session cookie it carries. */
export function sameOriginSocketUrl(path: string): string {
  return `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}${path}`;
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
