/**
 * The console's live notices (WebSocket /api/console/events, CONSOLE-CONTRACT.md section 3): the portal's
 * socket ({@link PortalEvents}: reopening with a growing delay, a session check when the close may mean the
 * session ended) with the console's URL and notices. `{"type":"changed","applicationId":N}` when an
 * application changed; `{"type":"resync"}` when the server may have missed notices (the page reloads what it
 * shows), as does every reopening of the socket.
 */
import type { ConsoleNotice } from './console-types';
import { PortalEvents, sameOriginSocketUrl, type PortalEventHandlers } from './portal-events';

export type ConsoleEventHandlers = PortalEventHandlers<ConsoleNotice>;

export class ConsoleEvents extends PortalEvents<ConsoleNotice> {
  constructor(handlers: ConsoleEventHandlers, url = sameOriginSocketUrl('/api/console/events'),
    Socket: typeof WebSocket = WebSocket) {
    super(handlers, url, Socket, parseConsoleNotice);
  }
}

/** A console notice, or null for anything else (unknown types are ignored: the server may add some). */
export function parseConsoleNotice(data: unknown): ConsoleNotice | null {
  if (typeof data !== 'string') {
    return null;
  }
  try {
    const value = JSON.parse(data) as { type?: unknown; applicationId?: unknown };
    if (value.type === 'resync') {
      return { type: 'resync' };
    }
    return value.type === 'changed' && Number.isSafeInteger(value.applicationId)
      ? { type: 'changed', applicationId: value.applicationId as number } : null;
  } catch {
    return null;
  }
}
