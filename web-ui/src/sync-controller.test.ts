import { describe, expect, it, vi } from 'vitest';
import type { AgentConnection } from './agent/agent-connection';
import { AgentError, type ApduResponse } from './agent-client';
import type { CardAgent } from './card-sync';
import type { PortalApi } from './portal-api';
import type { PortalCard } from './portal-types';
import { SyncController } from './sync-controller';
import type { ScriptCommand, TerminalAnswer, TerminalApi } from './terminal-api';
import { change, demoApplication } from './words/test-fixtures';
import type { SyncReport } from './words/sync';

const ALICE_CARD = '0102030405060708';
const OTHER_CARD = '1112131415161718';
const u32 = (n: number) => n.toString(16).padStart(8, '0');
const settlement = (executed: number[]) => ({ confirmedCa: 0, executed, requeued: [], cancelled: [], failed: [] });

/**
 * A reader, the card in it and the server, as far as the portal's synchronisation sees them. The card answers
 * under the AIDs of the applications it carries; the server sends an application's waiting changes and
 * marks them applied on the ACK, so reloading the cards shows what a run did.
 */
class Rig implements CardAgent {
  cards: PortalCard[];
  inReader: string | null = ALICE_CARD;
  /** REQUESTs the server got, by application id. */
  readonly sessions: number[] = [];
  /** The next script batch fails with this (a card pulled out). */
  failBatch: AgentError | null = null;
  /** While set, a REQUEST waits for it: the test acts during a run. */
  hold: Promise<void> | null = null;
  /** While set, the server has not read a REQUEST yet (it is on its way). */
  beforeAsked: Promise<void> | null = null;
  private selected = '';
  private sent: { appId: number; ids: number[] } = { appId: 0, ids: [] };

  constructor(cards: PortalCard[]) {
    this.cards = cards;
  }

  private app(cardId: string | null, aid: string) {
    return this.cards.flatMap((c) => c.applications).find((a) => a.cardId === cardId && a.aid === aid);
  }

  async connect(reader: string) {
    if (!this.inReader) {
      throw new AgentError('NO_CARD', 'no card in the reader');
    }
    return { reader, atr: '3b00' };
  }

  async transmit(apdu: string): Promise<ApduResponse> {
    const ok = (data: string) => ({ response: data + '9000', sw: '9000' });
    switch (apdu.slice(0, 8)) {
      case '00a40400':
        this.selected = apdu.slice(10);
        return this.app(this.inReader, this.selected) ? ok('') : { response: '6a82', sw: '6A82' };
      // GET STATUS (protocol.md 7): version 1, ACTIVE, the card in the reader, no applications.
      case '80300000': return ok('0102' + this.inReader + '0a' + this.selected + u32(0) + u32(1) + u32(1000)
        + u32(100000) + '030000');
      case '80400000': return ok('01' + 'aa'.repeat(20));
      case '80440000': return ok('02' + 'bb'.repeat(20));
      default: return { response: '6d00', sw: '6D00' };
    }
  }

  async transmitBatch(apdus: string[]) {
    const failure = this.failBatch;
    this.failBatch = null;
    if (failure) {
      throw failure;
    }
    return { responses: apdus.map(() => ({ response: '9000', sw: '9000' })), complete: true };
  }

  async disconnect() {
    return { reader: 'r', cardRemoved: false };
  }

  readonly terminal = {
    request: async (): Promise<TerminalAnswer> => {
      const app = this.app(this.inReader, this.selected)!;
      await this.beforeAsked;
      this.sessions.push(app.id);
      const ids = app.changes.filter((c) => c.state === 'WAITING').flatMap((c) => c.actionIds);
      this.sent = { appId: app.id, ids };
      await this.hold; // the script is made: what is queued now waits for the next session
      const commands: ScriptCommand[] = ids.map((id) => ({ actionId: id, sequence: id, type: 'CREDIT',
        apdu: `8042000001${u32(id)}` }));
      return { messageType: 'REQUEST', atc: 1, ca: 0, settlement: settlement([]), transaction: null,
        script: { scriptId: 1, sessionAtc: 1, baseCa: 0, commands, morePending: false } } as TerminalAnswer;
    },
    ack: async (): Promise<TerminalAnswer> => {
      for (const c of this.cards.flatMap((card) => card.applications).find((a) => a.id === this.sent.appId)!.changes) {
        if (c.actionIds.some((id) => this.sent.ids.includes(id))) {
          c.state = 'APPLIED';
        }
      }
      return { messageType: 'ACK', atc: 2, ca: 0, settlement: settlement(this.sent.ids), transaction: null,
        script: null } as unknown as TerminalAnswer;
    },
  };
}

/** Alice's card (application 1) and, linked to her too, another card (application 2). */
function aliceCards(): PortalCard[] {
  const first = { ...demoApplication([change({ id: 41, kind: 'TOP_UP', amount: 2000 })]), id: 1 };
  const second = { ...demoApplication([]), id: 2, cardId: OTHER_CARD };
  return [{ cardId: ALICE_CARD, applications: [first] }, { cardId: OTHER_CARD, applications: [second] }];
}

function controller(rig: Rig) {
  const finished: boolean[] = [];
  const host = { addController() {}, removeController() {}, requestUpdate() {}, updateComplete: Promise.resolve(true) };
  const agent = {
    client: rig,
    get cardReader() {
      return rig.inReader ? { name: 'r', cardPresent: true } : undefined;
    },
  } as unknown as AgentConnection;
  const api = { cards: async () => structuredClone(rig.cards) } as unknown as PortalApi;
  let cards: PortalCard[] | null = structuredClone(rig.cards);
  const sync = new SyncController(host, agent, api, rig.terminal as unknown as TerminalApi, () => cards,
    (c) => { cards = c; }, (byCustomer) => finished.push(byCustomer));
  const done = (runs: number) => vi.waitFor(() => expect(finished).toHaveLength(runs));
  const setCards = (c: PortalCard[]) => { cards = structuredClone(c); };
  return { sync, finished, done, setCards };
}

const sentences = (report: SyncReport | null) => report && { kind: report.kind, applied: report.applied };

describe('SyncController', () => {
  it('says whether the customer started a run, so that only then its outcome takes the focus', async () => {
    const rig = new Rig(aliceCards());
    const { sync, finished, done } = controller(rig);

    sync.request(); // the card was inserted
    await done(1);
    sync.request(null, true); // the customer paid, or pressed "Try again"
    await done(2);

    expect(finished).toEqual([false, true]);
    expect(sentences(sync.report)).toEqual({ kind: 'done', applied: 1 });
  });

  it('applies a just-linked card\'s waiting changes and stops calling it foreign', async () => {
    const rig = new Rig(aliceCards());
    const { sync, done, setCards } = controller(rig);
    const NEW_CARD = '2122232425262728';
    rig.inReader = NEW_CARD;

    sync.request(); // the card is inserted before it is linked
    await done(1);
    expect(sync.foreignCard).toBe(true);

    const linked = { ...demoApplication([change({ id: 51, kind: 'TOP_UP', amount: 500 })]), id: 3, cardId: NEW_CARD };
    rig.cards = [...rig.cards, { cardId: NEW_CARD, applications: [linked] }];
    setCards(rig.cards); // the portal reloaded the cards after the link
    sync.cardLinked();
    await done(2);

    expect(sync.foreignCard).toBe(false);
    expect(rig.sessions).toEqual([3]);
    expect(sentences(sync.report)).toEqual({ kind: 'done', applied: 1 });
  });

  it('ignores notices about another card\'s applications', async () => {
    const rig = new Rig(aliceCards());
    const { sync, done, setCards } = controller(rig);
    sync.request();
    await done(1);

    rig.cards[1].applications[0].changes = [change({ id: 61, kind: 'TOP_UP', amount: 300 })];
    setCards(rig.cards);
    sync.request(2); // a live notice: application 2 (on the other card) has a change waiting
    await quiet();

    expect(rig.sessions).toEqual([1]);
  });

  it('takes a notice about an application the run has yet to ask for along, with no second session', async () => {
    const rig = new Rig(aliceCards());
    const { sync, done } = controller(rig);
    let release = () => {};
    rig.beforeAsked = new Promise((r) => { release = r; });
    sync.request();
    await quiet();
    sync.request(1); // the notice of change 41, which this session's script will carry
    release();
    await done(1);
    await quiet();

    expect(rig.sessions).toEqual([1]);
    expect(sentences(sync.report)).toEqual({ kind: 'done', applied: 1 });
  });

  it('runs again after a run only when something is still waiting for the card', async () => {
    const rig = new Rig(aliceCards());
    const { sync, done, setCards } = controller(rig);
    let release = () => {};
    rig.hold = new Promise((r) => { release = r; });
    sync.request();
    await vi.waitFor(() => expect(rig.sessions).toEqual([1]));
    sync.request(); // e.g. the live notices reopened: nothing new in fact
    release();
    await done(1);
    await quiet();
    expect(rig.sessions).toEqual([1]);

    rig.hold = new Promise((r) => { release = r; });
    rig.cards[0].applications[0].changes.push(change({ id: 42, kind: 'TOP_UP', amount: 700 }));
    setCards(rig.cards);
    sync.request(); // a second run; change 43 comes while its script is on its way
    await vi.waitFor(() => expect(rig.sessions).toEqual([1, 1]));
    rig.cards[0].applications[0].changes.push(change({ id: 43, kind: 'TOP_UP', amount: 900 }));
    sync.request(1);
    release();
    await done(3);

    expect(rig.sessions).toEqual([1, 1, 1]);
    expect(rig.cards[0].applications[0].changes.map((c) => c.state)).toEqual(['APPLIED', 'APPLIED', 'APPLIED']);
  });

  it('forgets the outcome, the progress and the card on sign-out, also of a run still under way', async () => {
    const rig = new Rig(aliceCards());
    const { sync, done } = controller(rig);
    sync.request();
    await done(1);
    expect(sync.report).not.toBeNull();

    sync.reset();
    expect([sync.report, sync.items, sync.foreignCard]).toEqual([null, [], false]);

    let release = () => {};
    rig.hold = new Promise((r) => { release = r; });
    rig.cards[0].applications[0].changes.push(change({ id: 42, kind: 'TOP_UP', amount: 700 }));
    sync.request();
    await vi.waitFor(() => expect(rig.sessions).toEqual([1, 1]));
    sync.reset(); // signed out while the card was being worked on
    release();
    await vi.waitFor(() => expect(sync.running).toBe(false));
    expect([sync.report, sync.items]).toEqual([null, []]);
  });

  it('clears a stale error as soon as the card is back, and keeps a done outcome through a follow-up that finds nothing', async () => {
    const rig = new Rig(aliceCards());
    const { sync, done } = controller(rig);
    rig.failBatch = new AgentError('CARD_REMOVED', 'the card was removed', { responses: [] });
    sync.request();
    await done(1);
    expect(sync.report?.kind).toBe('interrupted');

    sync.forget(); // the card came out ...
    let release = () => {};
    rig.hold = new Promise((r) => { release = r; });
    sync.request(); // ... and went back in
    await vi.waitFor(() => expect(rig.sessions).toEqual([1, 1]));
    expect(sync.running).toBe(true);
    expect(sync.report).toBeNull(); // the interruption is no longer shown while the card is worked on
    release();
    await done(2);
    expect(sentences(sync.report)).toEqual({ kind: 'done', applied: 1 });

    rig.hold = null;
    sync.request(); // e.g. the live notices reopened: nothing more for the card
    await done(3);
    expect(rig.sessions).toEqual([1, 1, 1]);
    expect(sentences(sync.report)).toEqual({ kind: 'done', applied: 1 });
  });
});

/** Lets whatever the controller would start by itself start (and show that it did not). */
async function quiet(): Promise<void> {
  await new Promise((r) => setTimeout(r, 30));
}
