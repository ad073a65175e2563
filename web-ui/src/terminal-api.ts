/**
 * The backend's terminal API (docs/api.md, "Terminal API"): the page posts the card's signed messages
 * as hex, opaque to it, and gets back the settlement and the next script. No login: the card's MAC is
 * the authentication. The page is served by the backend, so these are same-origin requests.
 */

export interface Settlement {
  confirmedCa: number;
  executed: number[];
  requeued: number[];
  cancelled: number[];
  failed: number[];
}

export interface Transaction {
  type: string;
  approved: boolean;
  detail: string;
  amount: number;
  balance: number;
}

export interface ScriptCommand {
  actionId: number;
  sequence: number;
  type: string;
  /** The EXECUTE command, MAC-protected by the server for this card: relayed as is. */
  apdu: string;
}

export interface Script {
  scriptId: number | null;
  sessionAtc: number;
  baseCa: number;
  commands: ScriptCommand[];
  /** More actions wait beyond this script: synchronise again after this session. */
  morePending: boolean;
}

export interface TerminalAnswer {
  messageType: string;
  atc: number;
  ca: number;
  settlement: Settlement | null;
  transaction: Transaction | null;
  script: Script | null;
}

/** The backend refused a message: a code of docs/api.md's closed set, and a message for people. */
export class TerminalApiError extends Error {
  readonly code: string;
  readonly status: number;

  constructor(code: string, message: string, status: number) {
    super(message);
    this.name = 'TerminalApiError';
    this.code = code;
    this.status = status;
  }
}

export class TerminalApi {
  constructor(private readonly base = '') {}

  /** POST /api/terminal/request with the card's signed REQUEST. */
  request(messageHex: string): Promise<TerminalAnswer> {
    return this.post('/api/terminal/request', messageHex);
  }

  /** POST /api/terminal/ack with the card's signed ACK. */
  ack(messageHex: string): Promise<TerminalAnswer> {
    return this.post('/api/terminal/ack', messageHex);
  }

  private async post(path: string, messageHex: string): Promise<TerminalAnswer> {
    let response: Response;
    try {
      response = await fetch(this.base + path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ message: messageHex.toLowerCase() }),
      });
    } catch (e) {
      throw new TerminalApiError('NETWORK_ERROR',
        `the server could not be reached (${e instanceof Error ? e.message : String(e)})`, 0);
    }
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const error = body as { code?: unknown; message?: unknown } | null;
      throw new TerminalApiError(
        typeof error?.code === 'string' ? error.code : `HTTP_${response.status}`,
        typeof error?.message === 'string' ? error.message : `the server answered ${response.status} ${response.statusText}`,
        response.status);
    }
    if (body === null || typeof body !== 'object') {
      throw new TerminalApiError('INVALID_ANSWER', 'the server answered with something other than JSON', response.status);
    }
    return body as TerminalAnswer;
  }
}
