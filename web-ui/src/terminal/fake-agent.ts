/**
 * For tests: the bridge agent as a page sees it over its WebSocket (docs/agent-protocol.md, version 1), with
 * readers and the cards in them. It keeps the rules of bridge-agent's PageLease and ReaderLeases that a page
 * lives with: each page (socket) holds one reader at a time (ALREADY_CONNECTED) and a reader is held by one page
 * (READER_BUSY); commands only while holding it (NOT_CONNECTED); a card pulled out of a held reader makes that
 * page's next command CARD_REMOVED until it connects again or acknowledges the loss with a disconnect
 * (`cardRemoved: true`); a transmit-batch stops at the first status word outside `acceptSw` (`complete: false`)
 * and, cut by a card pull, answers CARD_REMOVED with the responses that ran; `sim-remove` with `afterExecutes`
 * pulls the simulated card right after its n-th EXECUTE. Not modelled: sessions kept by `disconnect` with
 * `reset: false` (the terminal page never asks for one), stuck readers, time limits.
 *
 * Its cards are fake-card.ts's. Replies, events and closes reach the page asynchronously, as over a socket.
 * Every wire message is typed against the generated contract (generated/agent-protocol.ts), so a change of the
 * schema breaks this file rather than letting it drift. Pass {@link FakeAgent.webSocket} where a WebSocket constructor is taken.
 */
import type { AgentRequests, AgentRequestType } from '../agent-client';
import type * as Wire from '../generated/agent-protocol';
import { cardAnswer, type FakeCard } from './fake-card';

export type { FakeCard } from './fake-card';

export const SIMULATED_READER = 'cardsync Simulated Reader';

type Handlers = {
  [T in AgentRequestType]: (payload: AgentRequests[T]['request'], page: PageLease) => AgentRequests[T]['reply']
};

const EXECUTE = '80420000';

/** An `acceptSw` pattern: four hex digits, X for any (bridge-agent StatusWordPatterns). */
const accepts = (patterns: string[], status: string) => patterns.some((p) =>
  [...p.toUpperCase()].every((c, i) => c === 'X' || c === status[i]));

class AgentRefusal extends Error {
  constructor(readonly code: Wire.ErrorCode, message: string, readonly responses?: Wire.ApduResponse[]) {
    super(message);
  }
}

/** One page's hold on a reader, as bridge-agent's PageLease keeps it. */
class PageLease {
  held: string | null = null;
  /** A reader whose card was pulled out while this page held it, until the page connects or disconnects. */
  lostReader: string | null = null;

  requireHeld(): string {
    if (this.held !== null) {
      return this.held;
    }
    if (this.lostReader !== null) {
      throw new AgentRefusal('CARD_REMOVED', `the card was removed from "${this.lostReader}"; connect again (and read `
        + 'the card\'s identity again: it may be another card)');
    }
    throw new AgentRefusal('NOT_CONNECTED', 'connect to a reader first');
  }
}

interface FakeSocket extends EventTarget {
  readonly lease: PageLease;
}

export class FakeAgent {
  /** Every request the agent got, in order. */
  readonly requests: Wire.RequestMessage[] = [];
  /** False: every handshake fails (no agent, or one that refuses the page's origin). */
  accepting = true;
  /** Sockets opened to the agent, whether it accepted them or not. */
  attempts = 0;
  /** Sockets closed by their page. */
  closedByPage = 0;
  readonly webSocket: typeof WebSocket;
  private readonly readers = new Map<string, { card: FakeCard | null; simulated: boolean }>();
  private readonly sockets = new Set<FakeSocket>();
  /** Which page holds which reader (bridge-agent ReaderLeases). */
  private readonly holders = new Map<string, PageLease>();
  /** The simulated card while it is out of its reader. */
  private pulled: FakeCard | null = null;
  /** EXECUTEs the simulated card still carries out before an armed removal pulls it; 0: none armed. */
  private executesBeforeRemoval = 0;
  /** Replies held back while the agent is slow (see {@link holdReplies}); null when it answers at once. */
  private heldReplies: (() => void)[] | null = null;

  constructor(readonly simulation = true) {
    const agent = this; // a class per agent, so that its sockets reach it
    this.webSocket = class extends EventTarget implements FakeSocket {
      readonly lease = new PageLease();

      constructor(readonly url: string) {
        super();
        agent.attempts++;
        agent.later(() => {
          if (!agent.accepting) {
            this.dispatchEvent(Object.assign(new Event('close'), { code: 1006 }));
            return;
          }
          agent.sockets.add(this);
          this.dispatchEvent(new Event('open'));
        });
      }

      send(text: string): void {
        const request = JSON.parse(text) as Wire.RequestMessage;
        agent.requests.push(request);
        const reply = agent.reply(request, this.lease);
        const deliver = () => agent.later(() => {
          if (agent.sockets.has(this)) {
            this.dispatchEvent(new MessageEvent('message', { data: JSON.stringify(reply) }));
          }
        });
        if (agent.heldReplies) {
          agent.heldReplies.push(deliver);
        } else {
          deliver();
        }
      }

      close(): void {
        if (agent.sockets.has(this)) {
          agent.closedByPage++;
        }
        agent.lose(this);
      }
    } as unknown as typeof WebSocket;
  }

  /** Plugs in a reader, with a card in it or empty (or, for a plugged reader, swaps its card unseen). */
  plug(reader: string, card: FakeCard | null, simulated = false): void {
    this.readers.set(reader, { card, simulated });
  }

  card(reader: string): FakeCard | null {
    return this.readers.get(reader)?.card ?? null;
  }

  /**
   * Puts a card into a reader (or pulls it out with null) and tells every page, as the agent does. A page that
   * held the reader loses it: its next command gets CARD_REMOVED.
   */
  insert(reader: string, card: FakeCard | null): void {
    this.readers.get(reader)!.card = card;
    if (card === null) {
      this.cardLost(reader);
    }
    this.event(card ? 'card-inserted' : 'card-removed', reader);
  }

  /**
   * Arms a removal of the simulated card right after its `executes`-th EXECUTE from now (bridge-agent
   * SimulatedReaderSource.removeAfterExecutes, which `sim-remove` with `afterExecutes` asks for).
   */
  removeAfterExecutes(executes: number): void {
    this.executesBeforeRemoval = executes;
  }

  /**
   * Unplugs a reader and tells every page, as the agent does; a page that held it loses it as when its card is
   * pulled out (bridge-agent PageLease.cardLost).
   */
  unplug(reader: string): void {
    this.cardLost(reader);
    this.readers.delete(reader);
    this.event('reader-removed', reader);
  }

  /** The agent is slow: requests from now on take effect, but their replies wait for {@link answerHeldReplies}. */
  holdReplies(): void {
    this.heldReplies ??= [];
  }

  /** Answers the held replies, the first `count` of them (then it stays slow) or all (then it is slow no more). */
  answerHeldReplies(count?: number): void {
    const held = this.heldReplies ?? [];
    const answered = held.splice(0, count ?? held.length);
    if (count === undefined) {
      this.heldReplies = null;
    }
    answered.forEach((deliver) => deliver());
  }

  /** The agent stops: every socket closes as when its process ends. */
  stop(): void {
    [...this.sockets].forEach((s) => this.lose(s));
  }

  /** The card in `reader` left it: the page holding it loses it, and its next command gets CARD_REMOVED. */
  private cardLost(reader: string): void {
    const holder = this.holders.get(reader);
    if (holder) {
      holder.held = null;
      holder.lostReader = reader;
      this.holders.delete(reader);
    }
  }

  /** Later, as a socket delivers: never inside the call that caused it. */
  private later(action: () => void): void {
    void Promise.resolve().then(action);
  }

  private event(event: Wire.ReaderEventType, reader: string): void {
    const data = JSON.stringify({ v: 1, type: 'event', payload: { event, reader } } satisfies Wire.EventMessage);
    this.sockets.forEach((s) => this.later(() => s.dispatchEvent(new MessageEvent('message', { data }))));
  }

  /** The socket closed: the page went away, and its hold on a reader ends (bridge-agent PageLease.close). */
  private lose(socket: FakeSocket): void {
    if (this.sockets.delete(socket)) {
      if (socket.lease.held !== null) {
        this.holders.delete(socket.lease.held);
      }
      this.later(() => socket.dispatchEvent(Object.assign(new Event('close'), { code: 1006 })));
    }
  }

  private reply(request: Wire.RequestMessage, page: PageLease): Wire.AgentMessage {
    try {
      const handle = this.handlers[request.type] as (payload: unknown, page: PageLease) => unknown;
      const payload = handle(request.payload ?? {}, page);
      return { v: 1, id: request.id, type: request.type, payload } as Wire.Reply;
    } catch (e) {
      if (!(e instanceof AgentRefusal)) {
        throw e;
      }
      return { v: 1, id: request.id, type: 'error', payload: { code: e.code, message: e.message,
        ...(e.responses ? { responses: e.responses } : {}) } } satisfies Wire.ErrorMessage;
    }
  }

  private readonly handlers: Handlers = {
    hello: () => ({ agent: 'cardsync-bridge-agent', agentVersion: '0.1.0', protocolVersion: 1,
      simulation: this.simulation, origin: 'http://localhost:8080' }),
    'list-readers': (_, page) => ({ readers: [...this.readers].map(([name, r]) => ({ name, cardPresent: r.card !== null,
      simulated: r.simulated, inUse: this.holders.has(name), heldByYou: this.holders.get(name) === page })) }),
    connect: ({ reader }, page) => {
      if (page.held !== null) {
        throw new AgentRefusal('ALREADY_CONNECTED', `this page already holds "${page.held}"; disconnect first`);
      }
      if (this.holders.has(reader)) {
        throw new AgentRefusal('READER_BUSY', `"${reader}" is in use by another page (another tab or window); close`
          + ' it there or wait');
      }
      if (!this.readers.has(reader)) {
        throw new AgentRefusal('NO_SUCH_READER', `no reader "${reader}"`);
      }
      if (!this.card(reader)) {
        throw new AgentRefusal('NO_CARD', `no card in "${reader}"`);
      }
      this.holders.set(reader, page);
      page.held = reader;
      page.lostReader = null;
      return { reader, atr: '3B00' };
    },
    transmit: ({ apdu }, page) => this.transmit(page.requireHeld(), apdu.toLowerCase()),
    'transmit-batch': ({ apdus, acceptSw = ['9000'] }, page) => {
      const reader = page.requireHeld();
      const responses: Wire.ApduResponse[] = [];
      for (const apdu of apdus) {
        if (page.held !== reader) {
          // Pulled out half-way: what ran is a hint for the page (the card's counter is the fact).
          throw new AgentRefusal('CARD_REMOVED', `the card was removed from "${reader}"; connect again (and read the`
            + ' card\'s identity again: it may be another card)', responses);
        }
        responses.push(this.transmit(reader, apdu.toLowerCase()));
        if (!accepts(acceptSw, responses[responses.length - 1].sw)) {
          break;
        }
      }
      const complete = responses.length === apdus.length && accepts(acceptSw, responses[responses.length - 1].sw);
      return { responses, complete };
    },
    disconnect: ({ reset = true }, page) => {
      if (!reset) {
        throw new Error('the fake agent does not model sessions kept by disconnect without reset');
      }
      if (page.held !== null) {
        const reader = page.held;
        this.holders.delete(reader);
        page.held = null;
        return { reader, cardRemoved: false };
      }
      if (page.lostReader !== null) {
        const reader = page.lostReader;
        page.lostReader = null;
        return { reader, cardRemoved: true };
      }
      throw new AgentRefusal('NOT_CONNECTED', 'this page holds no reader');
    },
    'sim-insert': () => this.simulate(true),
    'sim-remove': ({ afterExecutes }) => {
      if (afterExecutes === undefined) {
        return this.simulate(false);
      }
      const reply = this.simulate(null);
      this.removeAfterExecutes(afterExecutes);
      return { ...reply, afterExecutes };
    },
  };

  private transmit(reader: string, apdu: string): Wire.ApduResponse {
    const card = this.card(reader)!;
    const response = cardAnswer(card, apdu);
    const armed = this.executesBeforeRemoval > 0 && this.readers.get(reader)!.simulated;
    if (armed && apdu.startsWith(EXECUTE) && --this.executesBeforeRemoval === 0) {
      this.pulled = card;
      this.insert(reader, null);
    }
    return response;
  }

  /** sim-insert (true), sim-remove (false), or only the simulated reader's state (null). */
  private simulate(insert: boolean | null): Wire.SimInsertReply {
    const [name, reader] = [...this.readers].find(([, r]) => r.simulated) ?? [];
    if (!this.simulation || !name || !reader) {
      throw new AgentRefusal('SIMULATION_OFF', 'the agent runs without a simulated card (start it with '
        + '--simulated-card)');
    }
    const changed = insert === null ? false : insert ? reader.card === null && this.pulled !== null
      : reader.card !== null;
    if (changed) {
      const card = insert ? this.pulled : null;
      this.pulled = insert ? null : reader.card;
      this.executesBeforeRemoval = 0;
      this.insert(name, card);
    }
    return { reader: name, cardPresent: reader.card !== null, changed };
  }
}
