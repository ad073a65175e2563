/**
 * Linking a card to an account (PORTAL-CONTRACT.md, "Link"): the card signs an AUTHENTICATE REQUEST over a
 * fresh server challenge on a connection whose card the page has identified first, as every card operation
 * does (card-sync.ts).
 */
import { dataOf, randomUnpredictableNumber, requestAuthenticateApdu } from './card-apdus';
import { CardOperationError, openAndIdentify, release, type CardAgent } from './card-sync';

/** The card's signed AUTHENTICATE REQUEST, for linking the card to an account. */
export interface CardProof {
  cardId: string;
  aid: string;
  /** Hex of the signed REQUEST message, relayed as is. */
  message: string;
}

/**
 * Connects, identifies the card and has it sign an AUTHENTICATE REQUEST over the server's fresh
 * challenge (protocol.md 4.1), then lets the reader go. The session it opens on the card is simply left:
 * the next REQUEST opens another.
 */
export async function authenticate(agent: CardAgent, reader: string, aid: string, challenge: string): Promise<CardProof> {
  let connected = false;
  try {
    const status = await openAndIdentify(agent, reader, aid, (key, state) => {
      connected ||= key === 'connect' && state === 'done';
    });
    const apdu = requestAuthenticateApdu(randomUnpredictableNumber(), challenge);
    const message = dataOf('REQUEST', (await agent.transmit(apdu)).response);
    return { cardId: status.cardId, aid, message };
  } catch (e) {
    throw CardOperationError.from(e);
  } finally {
    if (connected) {
      await release(agent);
    }
  }
}
