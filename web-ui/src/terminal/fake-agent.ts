/**
 * For tests: the bridge agent as a page sees it over its WebSocket (docs/agent-protocol.md, version 1), with
 * readers and the cards in them. It keeps the rules a page must live with: one reader held at a time
 * (ALREADY_CONNECTED), commands only while holding it (NOT_CONNECTED), NO_CARD for an empty reader, events to
 * every page when a card comes or goes. Its cards answer SELECT, GET STATUS (protocol.md 7), REQUEST and ACK;
 * each script command they accept adds one to their action counter. Answers come asynchronously, as over a
 * socket. Pass {@link FakeAgent.webSocket} where a WebSocket constructor is taken.
 */
import type { ReaderInfo } from '../agent-client';

export interface FakeCard {
  cardId: string;
  aid: string;
  balance: number;
  ca: number;
  atc: number;
}

export interface AgentRequest {
  type: string;
  payload: Record<string, unknown>;
}

export const SIMULATED_READER = 'cardsync Simulated Reader';

const u32 = (n: number) => n.toString(16).padStart(8, '0');
const ok = (data: string) => ({ response: `${data}9000`.toUpperCase(), sw: '9000' });

class AgentRefusal extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

export class FakeAgent {
  /** Every request the agent got, in order. */
  readonly requests: AgentRequest[] = [];
  /** False: every handshake fails (no agent, or one that refuses the page's origin). */
  accepting = true;
  /** Sockets opened to the agent, whether it accepted them or not. */
  attempts = 0;
  readonly webSocket: typeof WebSocket;
  private readonly readers = new Map<string, { card: FakeCard | null; simulated: boolean }>();
  private readonly sockets = new Set<EventTarget>();
  private held: string | null = null;
  /** The simulated card while it is out of its reader. */
  private pulled: FakeCard | null = null;

  constructor(readonly simulation = true) {
    const agent = this; // a class per agent, so that its sockets reach it
    this.webSocket = class extends EventTarget {
      constructor(readonly url: string) {
        super();
        agent.attempts++;
        void Promise.resolve().then(() => {
          if (!agent.accepting) {
            this.dispatchEvent(Object.assign(new Event('close'), { code: 1006 }));
            return;
          }
          agent.sockets.add(this);
          this.dispatchEvent(new Event('open'));
        });
      }

      send(text: string): void {
        const { id, type, payload } = JSON.parse(text) as { id: string; type: string; payload: Record<string, unknown> };
        agent.requests.push({ type, payload });
        let reply: { type: string; payload: unknown };
        try {
          reply = { type, payload: agent.answer(type, payload) };
        } catch (e) {
          const refusal = e as AgentRefusal;
          reply = { type: 'error', payload: { code: refusal.code, message: refusal.message } };
        }
        void Promise.resolve().then(() => {
          if (agent.sockets.has(this)) {
            this.dispatchEvent(new MessageEvent('message', { data: JSON.stringify({ v: 1, id, ...reply }) }));
          }
        });
      }

      close(): void {
        agent.lose(this);
      }
    } as unknown as typeof WebSocket;
  }

  /** Plugs in a reader, with a card in it or empty. */
  plug(reader: string, card: FakeCard | null, simulated = false): void {
    this.readers.set(reader, { card, simulated });
  }

  card(reader: string): FakeCard | null {
    return this.readers.get(reader)?.card ?? null;
  }

  /** Puts a card into a reader (or takes it out with null) and tells every page, as the agent does. */
  insert(reader: string, card: FakeCard | null): void {
    this.readers.get(reader)!.card = card;
    if (this.held === reader && card === null) {
      this.held = null;
    }
    this.event(card ? 'card-inserted' : 'card-removed', reader);
  }

  /** The agent stops: every socket closes as when its process ends. */
  stop(): void {
    [...this.sockets].forEach((s) => this.lose(s));
  }

  private event(event: string, reader: string): void {
    const data = JSON.stringify({ v: 1, type: 'event', payload: { event, reader } });
    this.sockets.forEach((s) => s.dispatchEvent(new MessageEvent('message', { data })));
  }

  private lose(socket: EventTarget): void {
    if (this.sockets.delete(socket)) {
      this.held = null;
      socket.dispatchEvent(Object.assign(new Event('close'), { code: 1006 }));
    }
  }

  private answer(type: string, payload: Record<string, unknown>): unknown {
    switch (type) {
      case 'hello':
        return { agent: 'cardsync-bridge-agent', agentVersion: '0.1.0', protocolVersion: 1,
          simulation: this.simulation, origin: 'http://localhost:8080' };
      case 'list-readers':
        return { readers: [...this.readers].map(([name, r]): ReaderInfo => ({ name, cardPresent: r.card !== null,
          simulated: r.simulated, inUse: this.held === name, heldByYou: this.held === name })) };
      case 'connect': {
        const reader = String(payload.reader);
        if (this.held !== null) {
          throw new AgentRefusal('ALREADY_CONNECTED', 'this page already holds a reader: disconnect first');
        }
        if (!this.card(reader)) {
          throw new AgentRefusal('NO_CARD', 'the reader is empty');
        }
        this.held = reader;
        return { reader, atr: '3B00' };
      }
      case 'transmit':
        return this.transmit(this.heldCard(), String(payload.apdu).toLowerCase());
      case 'transmit-batch': {
        const card = this.heldCard();
        const apdus = payload.apdus as string[];
        card.ca += apdus.length;
        return { responses: apdus.map(() => ok('')), complete: true };
      }
      case 'disconnect': {
        const reader = this.held ?? '';
        this.held = null;
        return { reader, cardRemoved: false };
      }
      case 'sim-insert':
      case 'sim-remove':
        return this.simulate(type === 'sim-insert');
      default:
        throw new AgentRefusal('UNKNOWN_TYPE', `no request type ${type}`);
    }
  }

  private heldCard(): FakeCard {
    const card = this.held === null ? null : this.card(this.held);
    if (!card) {
      throw new AgentRefusal('NOT_CONNECTED', 'this page holds no reader');
    }
    return card;
  }

  private transmit(card: FakeCard, apdu: string): unknown {
    switch (apdu.slice(0, 8)) {
      case '00a40400': return apdu.slice(10) === card.aid ? ok('') : { response: '6A82', sw: '6A82' };
      // GET STATUS (protocol.md 7): version 1, ACTIVE, 3 PIN tries, no flags, no applications.
      case '80300000': return ok(`0102${card.cardId}0a${card.aid}${u32(card.ca)}${u32(card.atc)}${u32(card.balance)}`
        + `${u32(100000)}030000`);
      case '80400000':
        card.atc++;
        return ok(`01${'aa'.repeat(20)}`);
      case '80440000':
        card.atc++;
        return ok(`02${'bb'.repeat(20)}`);
      default: return { response: '6D00', sw: '6D00' };
    }
  }

  private simulate(insert: boolean): unknown {
    const [name, reader] = [...this.readers].find(([, r]) => r.simulated) ?? [];
    if (!this.simulation || !name || !reader) {
      throw new AgentRefusal('SIMULATION_OFF', 'the agent runs without --simulated-card');
    }
    const changed = insert ? reader.card === null && this.pulled !== null : reader.card !== null;
    if (changed) {
      const card = insert ? this.pulled : null;
      this.pulled = insert ? null : reader.card;
      this.insert(name, card);
    }
    return { reader: name, cardPresent: reader.card !== null, changed };
  }
}
