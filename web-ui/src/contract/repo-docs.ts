/**
 * For tests only: the documents in the repository's docs/ that the page is held to (the protocol page,
 * the test vectors, the agent's schema). Read from disk, so a change there fails the page's tests.
 */
import { readFileSync } from 'node:fs';

export function readDoc(name: string): string {
  return readFileSync(new URL(`../../../docs/${name}`, import.meta.url), 'utf8');
}

/** One command of test-vectors.json's cardScenario and the exact answer (data then SW) the card gives. */
export interface ScenarioStep {
  name: string;
  command: string;
  response: string;
}

export interface TestVectors {
  personalisation: {
    name: string;
    cardId: string;
    aid: string;
    purseLimit: number;
    balance: number;
    ca: number;
    atc: number;
    pinTryLimit: number;
  }[];
  upstream: { name: string; type: string; atc: number; ca: number; message: string }[];
  scriptCommands: {
    name: string;
    cardId: string;
    aid: string;
    atc: number;
    seq: number;
    actionType: number;
    payload: string;
    apdu: string;
  }[];
  cardScenario: { aid: string; steps: ScenarioStep[] };
}

export function testVectors(): TestVectors {
  return JSON.parse(readDoc('test-vectors.json')) as TestVectors;
}

/** The scenario step with this name; a vector renamed or removed fails the test that needs it. */
export function scenarioStep(vectors: TestVectors, name: string): ScenarioStep {
  const step = vectors.cardScenario.steps.find((s) => s.name === name);
  if (!step) {
    throw new Error(`docs/test-vectors.json has no cardScenario step named "${name}"`);
  }
  return step;
}
