/**
 * The backend's terminal API (docs/api.md, "Terminal API"): the page posts the card's signed messages
 * as hex, opaque to it, and gets back the settlement and the next script. No login: the card's MAC is
 * the authentication. The page is served by the backend, so these are same-origin requests, made through
 * the page's one {@link Backend} wrapper (JSON Content-Type on every POST, errors as codes).
 */

import { Backend, BackendError } from './backend-fetch';
import type { components, paths } from './generated/cardsync-api';

/** The body of POST /api/terminal/request (and /ack, /info). */
type CardMessage = NonNullable<paths['/api/terminal/request']['post']['requestBody']>['content']['application/json'];

/** What the terminal API answers for an accepted message (generated from the backend's OpenAPI document). */
export type TerminalAnswer = paths['/api/terminal/request']['post']['responses'][200]['content']['application/json'];
export type Settlement = components['schemas']['Settlement'];
export type ScriptCommand = components['schemas']['ScriptCommand'];
export type Challenge = components['schemas']['ChallengeResponse'];

/** The backend refused a message: a code of docs/api.md's closed set, and a message for people. */
export { BackendError as TerminalApiError };

export class TerminalApi {
  constructor(private readonly backend: Backend = new Backend()) {}

  /** POST /api/terminal/request with the card's signed REQUEST. */
  request(messageHex: string): Promise<TerminalAnswer> {
    return this.post('/api/terminal/request', messageHex);
  }

  /** POST /api/terminal/ack with the card's signed ACK. */
  ack(messageHex: string): Promise<TerminalAnswer> {
    return this.post('/api/terminal/ack', messageHex);
  }

  /** POST /api/terminal/challenge (body `{}`): a fresh one-time challenge for an AUTHENTICATE REQUEST. */
  challenge(): Promise<Challenge> {
    return this.backend.post('/api/terminal/challenge', {});
  }

  private post(path: string, messageHex: string): Promise<TerminalAnswer> {
    return this.backend.post(path, { message: messageHex.toLowerCase() } satisfies CardMessage);
  }
}
