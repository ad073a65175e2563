/**
 * Error codes (backend, agent, card, the page's own) turned into sentences a customer can act on. The
 * backend's message is used only for codes the page does not know, since the contract makes every
 * message a sentence for people; a code itself is never the explanation.
 */

const SENTENCES: Readonly<Record<string, string>> = {
  // sign-in and session
  NOT_SIGNED_IN: 'Your session has ended. Sign in again to continue.',
  SIGN_IN_FAILED: 'The user name or password is not right.',
  CSRF_TOKEN_INVALID: 'This page was open too long to send that safely. Reload the page and try again.',
  // what the page sent was not in the form the server takes: nothing the customer typed, so no detail
  INVALID_REQUEST: 'That could not be sent as it was. Reload the page and try again.',
  UNSUPPORTED_MEDIA_TYPE: 'That could not be sent as it was. Reload the page and try again.',
  PAYLOAD_TOO_LARGE: 'That was too much to send at once. Shorten what you entered and try again.',
  METHOD_NOT_ALLOWED: 'This page asked the server for something it does not do. Reload the page and try again.',
  // portal
  // the top-up view says the amount itself, from the application reloaded (words/amounts.ts, maxTopUpWords)
  AMOUNT_OVER_LIMIT: 'That is more than your card can take now. Choose a smaller amount.',
  PARAMETER_NOT_CHANGEABLE: 'Your card issuer does not let you change this setting.',
  INVALID_PARAMETER_VALUE: 'That value is not allowed for this setting.',
  UNKNOWN_SERVICE: 'That service is not offered for this card.',
  SERVICE_ALREADY_PRESENT: 'That service is already on your card or being added.',
  CARD_BLOCKED: 'Your card is blocked, so it cannot be changed any more.',
  PAYMENT_NOT_PENDING: 'This payment has already been completed.',
  ACTIVATION_FAILED: 'The card could not be linked. Check the activation code and that the card in the reader '
    + 'is the new one.',
  NOT_FOUND: 'We could not find that. It may not be yours, or it no longer exists.',
  // the network
  NETWORK_ERROR: 'The server could not be reached. Check your connection and try again.',
  INVALID_ANSWER: 'The server sent an answer we could not read. Try again in a moment.',
  // the agent and the card
  CARD_REMOVED: 'The card was taken out of the reader.',
  NO_CARD: 'There is no card in the reader.',
  READER_BUSY: 'Another page or program is using the card reader. Close it and try again.',
  CONNECTION_CLOSED: 'The connection to the cardsync agent was lost.',
  AGENT_UNREACHABLE: 'The cardsync agent on this computer could not be reached.',
  TIMEOUT: 'The card reader did not answer in time. Take the card out, put it back and try again.',
  PCSC_UNAVAILABLE: 'This computer\u2019s smart card service is not running. Restart it or the computer and try again.',
  CARD_CHANGED: 'Another card was put in the reader. Put your card back to continue.',
  NOT_PERSONALISED: 'This card is not ready yet: it has not been personalised by your card issuer.',
  CARD_REFUSED: 'The card refused the request. Take it out, put it back and try again.',
  CARD_ANSWER_UNREADABLE: 'The card gave an answer we could not read. Take it out, put it back and try again.',
  UNKNOWN_CARD: 'Your card issuer does not know this card.',
  COUNTER_ANOMALY: 'Your card issuer has paused this card for a check. Contact them to use it again.',
  MALFORMED_MESSAGE: 'The card\u2019s answer could not be read by the server. Take the card out, put it back and try again.',
  WRONG_MESSAGE_TYPE: 'The card\u2019s answer could not be read by the server. Take the card out, put it back and try again.',
  INVALID_STATE: 'That cannot be done with your card right now. Reload the page and try again.',
  CONFLICT: 'Something changed meanwhile. Reload the page and try again.',
  FORBIDDEN: 'You are not allowed to do that.',
  // the agent's own (agent-protocol.schema.json) and the page's agent client
  NO_SUCH_READER: 'The card reader was unplugged. Plug it in again.',
  READER_ERROR: 'The card reader had a problem. Unplug it, plug it in again and try again.',
  NOT_CONNECTED: 'The card reader let go of the card. Take the card out, put it back and try again.',
  ALREADY_CONNECTED: 'The card reader is busy with this page already. Wait a moment and try again.',
  SIMULATION_OFF: 'The agent runs without a demo card, so there is none to take out or put in.',
  READER_TIMEOUT: 'The card reader stopped answering, so the cardsync agent let go of the card. Take the card out, '
    + 'put it back and try again.',
  MALFORMED_JSON: 'This page and the cardsync agent do not understand each other. Update the agent and try again.',
  INVALID_MESSAGE: 'This page and the cardsync agent do not understand each other. Update the agent and try again.',
  UNKNOWN_TYPE: 'This page and the cardsync agent do not understand each other. Update the agent and try again.',
  UNSUPPORTED_VERSION: 'This page and the cardsync agent do not understand each other. Update the agent and try again.',
  PROTOCOL_ERROR: 'This page and the cardsync agent do not understand each other. Update the agent and try again.',
  INVALID_APDU: 'The card reader refused a command for your card. Reload the page and try again.',
  APPLICATION_FROZEN: 'Your card issuer has paused this card. Contact them to use it again.',
  BAD_MAC: 'The card\u2019s answer could not be checked. Contact your card issuer.',
  STALE_ATC: 'The card\u2019s answer arrived too late. Synchronise again.',
  TOO_MANY_REQUESTS: 'Too many requests came from this computer or for this card. Wait a moment, then try again.',
  // 429s of issue 12: all clients' challenges at their bound; this card's signed messages at their bound
  CHALLENGES_EXHAUSTED: 'The service is very busy just now. Wait a moment, then try again.',
  CARD_TOO_BUSY: 'Your card has sent very many messages just now. Wait a minute, then try again.',
  // issuing a card (console): the owner is not a customer account named exactly so
  UNKNOWN_OWNER: 'There is no customer account with exactly that user name. Check its spelling and capitals.',
  // 503 with Retry-After: the backend cannot reach PostgreSQL (restarting); the request was rolled back
  DATABASE_UNAVAILABLE: 'The service is briefly unavailable. Try again in a few seconds.',
};

const GENERIC = 'Something went wrong on our side. Try again in a moment.';

export interface CodedError {
  code: string;
  message: string;
}

/** A sentence for a coded error; the 429 sentence names the wait. */
export function errorSentence(error: CodedError & { retryAfterSeconds?: number | null }): string {
  if (error.code === 'TOO_MANY_ATTEMPTS' || error.code === 'TOO_MANY_REQUESTS') {
    // TOO_MANY_REQUESTS: the terminal API's rate limit (issue 10), met by a synchronisation
    const what = error.code === 'TOO_MANY_ATTEMPTS' ? 'Too many attempts.' : 'Too many requests at once.';
    const wait = error.retryAfterSeconds;
    return wait ? `${what} Try again in ${wait} ${wait === 1 ? 'second' : 'seconds'}.`
      : `${what} Try again in a minute.`;
  }
  const known = SENTENCES[error.code];
  if (known) {
    return known;
  }
  if (/^HTTP_\d+$/.test(error.code) || error.code === 'INTERNAL_ERROR' || error.message.trim() === '') {
    return GENERIC;
  }
  return error.message;
}

/** Any thrown thing as a coded error (a thrown non-error becomes INTERNAL_ERROR, shown generically). */
export function asCodedError(e: unknown): CodedError & { retryAfterSeconds?: number | null } {
  if (e && typeof e === 'object' && typeof (e as CodedError).code === 'string') {
    const coded = e as CodedError & { retryAfterSeconds?: number | null };
    return { code: coded.code, message: String(coded.message ?? ''), retryAfterSeconds: coded.retryAfterSeconds };
  }
  return { code: 'INTERNAL_ERROR', message: '' };
}
