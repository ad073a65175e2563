/**
 * Errors on the console's screens. Staff act on what the server refused, so for a refusal about what they
 * entered or the state of what they acted on (INVALID_REQUEST, CONFLICT, INVALID_STATE) the backend's own
 * sentence says it best ("no customer account named bob2", "an admin cannot disable themself"); every
 * other code gets the page's sentence (errors.ts), never a code or a stack trace.
 */
import { asCodedError, errorSentence } from './errors';

const SAY_THE_SERVERS_SENTENCE = new Set(['INVALID_REQUEST', 'CONFLICT', 'INVALID_STATE']);

/** "no customer account …" → "No customer account ….": a sentence, whatever the server's casing. */
function asSentence(text: string): string {
  const trimmed = text.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

export function consoleErrorSentence(e: unknown): string {
  const coded = asCodedError(e);
  if (SAY_THE_SERVERS_SENTENCE.has(coded.code) && coded.message.trim() !== ''
    && !/Exception|\bat [\w.$]+\(/.test(coded.message)) {
    return asSentence(coded.message);
  }
  if (coded.code === 'NOT_FOUND') {
    // errors.ts says "It may not be yours" to a customer; staff see everything, so it is gone
    return 'That no longer exists. Reload the page to see what is there now.';
  }
  if (coded.code === 'FORBIDDEN') {
    return 'Your account may not do that. An admin can, or can give you the role.';
  }
  return errorSentence(coded);
}
