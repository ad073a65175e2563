import { describe, expect, it } from 'vitest';
import type { ApduResponse } from './agent-client';
import { authenticate } from './card-authenticate';
import type { CardAgent } from './card-sync';
import { scenarioStep, testVectors } from './contract/repo-docs';

const vectors = testVectors();
const select = scenarioStep(vectors, 'SELECT');
const status = scenarioStep(vectors, 'GET STATUS after personalisation');
const auth = scenarioStep(vectors, 'REQUEST AUTHENTICATE with a server challenge');
const challenge = auth.command.slice(2 * (5 + 9));

/** The vectors' card: it signs an AUTHENTICATE REQUEST over whatever challenge it is given, as the vector shows. */
class VectorCard implements CardAgent {
  readonly log: string[] = [];

  async connect(reader: string) {
    this.log.push('connect');
    return { reader, atr: '3b00' };
  }

  async transmit(apdu: string): Promise<ApduResponse> {
    this.log.push(apdu.slice(0, 8));
    const answer = (response: string) => ({ response, sw: response.slice(-4).toUpperCase() });
    if (apdu === select.command) return answer(select.response);
    if (apdu === status.command) return answer(status.response);
    // Only the UN (data offset 5, 4 bytes) may differ from the vector: it is fresh per REQUEST.
    const unAt = 2 * (5 + 5);
    if (apdu.slice(0, unAt) === auth.command.slice(0, unAt) && apdu.slice(unAt + 8) === auth.command.slice(unAt + 8)) {
      return answer(auth.response);
    }
    return { response: '6a80', sw: '6A80' };
  }

  async transmitBatch(): Promise<never> {
    throw new Error('no script while linking');
  }

  async disconnect() {
    this.log.push('disconnect');
    return { reader: 'r', cardRemoved: false };
  }
}

describe('authenticate', () => {
  it('identifies the card, then relays its AUTHENTICATE REQUEST over the challenge, and lets the reader go', async () => {
    const card = new VectorCard();
    const proof = await authenticate(card, 'r', vectors.cardScenario.aid, challenge);
    expect(card.log).toEqual(['connect', '00a40400', '80300000', '80400000', 'disconnect']);
    expect(proof.message).toBe(auth.response.slice(0, -4));
    expect(proof.cardId).toBe(vectors.personalisation[0].cardId);
  });
});
