/**
 * The backend's terminal API (docs/api.md, "Terminal API"): the page posts the card's signed messages
 * as hex, opaque to it, and gets back the settlement and the next script. No login: the card's MAC is
 * the authentication. The page is served by the backend, so these are same-origin requests.
 */

import type { components, paths } from './generated/cardsync-api';

/** The body of POST /api/terminal/request (and /ack, /info). */
type CardMessage = NonNullable<paths['/api/terminal/request']['post']['requestBody']>['content']['application/json'];
/** The refusal body of every error response. */
type ApiError = components['schemas']['ApiError'];

/** What the terminal API answers for an accepted message (generated from the backend's OpenAPI document). */
export type TerminalAnswer = paths['/api/terminal/request']['post']['responses'][200]['content']['application/json'];
export type Settlement = components['schemas']['Settlement'];

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
        body: JSON.stringify({ message: messageHex.toLowerCase() } satisfies CardMessage),
      });
    } catch (e) {
      throw new TerminalApiError('NETWORK_ERROR',
        `the server could not be reached (${e instanceof Error ? e.message : String(e)})`, 0);
    }
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const error = body as Partial<Record<keyof ApiError, unknown>> | null;
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
