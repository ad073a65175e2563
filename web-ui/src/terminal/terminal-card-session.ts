/**
 * The card in the reader the developer chose on the terminal page: which reader that is, the card's status as
 * last read, and its synchronisation step by step. Card operations run one at a time, because the agent lets a
 * page hold one reader at a time; a card read is forgotten when it leaves its reader or the agent goes, and read
 * again when one comes back. It hears of the agent through {@link TerminalAgentConnection}, which owns the
 * page's lifecycle, so it is no ReactiveController of its own. Display-free: the page renders these fields, and
 * is asked to render again whenever they change.
 */
import type { ReactiveControllerHost } from 'lit';
import type { ReaderEvent, ReaderInfo } from '../agent-client';
import { DEMO_AID, type CardStatus } from '../card-apdus';
import {
  CardOperationError, readCard, synchronise, syncSteps, type SyncOutcome, type SyncStep, type TerminalBackend,
} from '../card-sync';
import { TerminalApi } from '../terminal-api';
import type { ShownError, TerminalAgentConnection, TerminalAgentListener } from './terminal-agent-connection';

export class TerminalCardSession implements TerminalAgentListener {
  /** The application the page works with (`?aid=`, the demo application's by default). */
  aid = DEMO_AID;
  selectedReader: string | null = null;
  /** The card's status as last read, or null when not known. */
  card: CardStatus | null = null;
  /** The reader {@link card} was read in. */
  cardReader = '';
  reading = false;
  /** Why the card could not be read. */
  readError: ShownError | null = null;
  syncRunning = false;
  syncSteps: SyncStep[] = [];
  syncOutcome: SyncOutcome | null = null;
  syncError: ShownError | null = null;

  /** Card operations run one at a time: the agent lets a page hold one reader once. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly host: ReactiveControllerHost, private readonly agent: TerminalAgentConnection,
    private readonly api: TerminalBackend = new TerminalApi()) {
    agent.listen(this);
  }

  /** The chosen reader as the agent last listed it. */
  get reader(): ReaderInfo | undefined {
    return this.agent.readers.find((r) => r.name === this.selectedReader);
  }

  async agentConnected(): Promise<void> {
    try {
      await this.refreshReaders();
      await this.read();
    } catch (e) {
      this.readError = CardOperationError.from(e);
      this.changed();
    }
  }

  /** The card's identity is known only on a live connection: after a reconnect it is read again. */
  agentGone(): void {
    this.card = null;
    this.changed();
  }

  readerEvent(event: ReaderEvent): void {
    if ((event.event === 'card-removed' || event.event === 'reader-removed') && event.reader === this.cardReader) {
      // The next card in that reader may be another one: forget this one now.
      this.card = null;
      this.changed();
    }
    void (async () => {
      try {
        await this.refreshReaders();
        const inserted = event.event === 'card-inserted' && event.reader === this.selectedReader;
        if (this.reader?.cardPresent && (inserted || (this.card === null && !this.reading && !this.syncRunning))) {
          await this.read();
        }
      } catch (e) {
        this.readError = CardOperationError.from(e);
        this.changed();
      }
    })();
  }

  /** The user chose a reader: what was shown of another reader's card goes, and this one's card is read. */
  select(reader: string): void {
    if (this.selectedReader === reader) {
      return;
    }
    this.selectedReader = reader;
    this.card = null;
    this.syncSteps = [];
    this.syncOutcome = null;
    this.syncError = null;
    this.changed();
    void this.read();
  }

  /** Reads the status of the card in the chosen reader. */
  async read(): Promise<void> {
    const reader = this.reader;
    const client = this.agent.client;
    this.readError = null;
    if (!reader || !reader.cardPresent || !client) {
      this.card = null;
      this.changed();
      return;
    }
    this.reading = true;
    this.changed();
    try {
      this.card = await this.exclusive(() => readCard(client, reader.name, this.aid));
      this.cardReader = reader.name;
    } catch (e) {
      this.card = null;
      this.readError = CardOperationError.from(e);
    } finally {
      this.reading = false;
      this.changed();
    }
  }

  /**
   * Synchronises the card in the chosen reader. Another card than the one on the screen stops the session
   * before anything is relayed (CARD_CHANGED), and is read so that the user sees which card it is.
   */
  async synchronise(): Promise<void> {
    const client = this.agent.client;
    const reader = this.selectedReader;
    if (!client || !reader || this.syncRunning) {
      return;
    }
    const expected = this.card && this.cardReader === reader ? this.card.cardId : null;
    this.syncRunning = true;
    this.syncSteps = syncSteps();
    this.syncOutcome = null;
    this.syncError = null;
    this.changed();
    try {
      const outcome = await this.exclusive(() => synchronise(client, this.api, reader, this.aid, expected,
        (key, state, detail) => {
          this.syncSteps = this.syncSteps.map((s) => s.key === key ? { ...s, state, detail: detail ?? s.detail } : s);
          this.changed();
        }));
      this.syncOutcome = outcome;
      this.card = outcome.after;
      this.cardReader = reader;
    } catch (e) {
      const error = CardOperationError.from(e);
      this.syncError = error;
      this.changed();
      if (error.code === 'CARD_CHANGED') {
        await this.read();
      }
    } finally {
      this.syncRunning = false;
      this.changed();
    }
  }

  /** Lists the readers again; a chosen reader that is gone is no longer chosen, and a lone reader is. */
  private async refreshReaders(): Promise<void> {
    if (!await this.agent.refreshReaders()) {
      return;
    }
    const readers = this.agent.readers;
    if (this.selectedReader !== null && !readers.some((r) => r.name === this.selectedReader)) {
      this.selectedReader = null;
    }
    if (this.selectedReader === null && readers.length === 1) {
      this.selectedReader = readers[0].name;
    }
    this.changed();
  }

  private exclusive<T>(operation: () => Promise<T>): Promise<T> {
    const run = this.queue.then(operation, operation);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private changed(): void {
    this.host.requestUpdate();
  }
}
