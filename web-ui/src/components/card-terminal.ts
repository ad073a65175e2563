import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import {
  AgentClient,
  AgentError,
  DEFAULT_AGENT_URL,
  agentUrlFromQuery,
  type AgentRequests,
  type ReaderEvent,
  type ReaderInfo,
} from '../agent-client';
import { DEMO_AID, aidFromQuery, type CardStatus } from '../card-apdus';
import { CardOperationError, readCard, synchronise, syncSteps, type SyncOutcome, type SyncStep } from '../card-sync';
import { TerminalApi } from '../terminal-api';
import { panelStyles } from './shared-styles';
import './card-status-panel';
import './reader-list';
import './sync-progress';

type AgentState = 'connecting' | 'connected' | 'unreachable' | 'lost';

interface ShownError {
  code: string;
  message: string;
}

interface LoggedEvent {
  at: string;
  event: ReaderEvent;
}

/** How long the page waits before it looks for the agent again. */
const RETRY_MS = 3000;
const RETRY_AFTER_LOSS_MS = 500;
const MAX_EVENTS = 8;

/**
 * The customer's card terminal: finds the bridge agent on this PC, lists its readers, shows the card's
 * status and runs a synchronisation session with the server. The page relays; it trusts neither what
 * the card says without a MAC nor what the server's script does (the card checks that).
 */
@customElement('cardsync-terminal')
export class CardTerminal extends LitElement {
  static styles = [panelStyles, css`
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
      margin: 0.5rem 0;
    }
    ul.events {
      margin: 0.25rem 0;
      padding-left: 1.25rem;
      font-size: 0.9rem;
    }
  `];

  /** The page's query string (`?agent=`, `?aid=`); tests may set it. */
  @property() search = window.location.search;

  @state() private agentState: AgentState = 'connecting';
  @state() private agentInfo: AgentRequests['hello']['reply'] | null = null;
  @state() private configError: string | null = null;
  @state() private readers: ReaderInfo[] = [];
  @state() private selectedReader: string | null = null;
  @state() private events: LoggedEvent[] = [];
  @state() private card: CardStatus | null = null;
  @state() private cardReader = '';
  @state() private cardReading = false;
  @state() private cardError: ShownError | null = null;
  @state() private simBusy = false;
  @state() private simError: ShownError | null = null;
  @state() private syncRunning = false;
  @state() private syncStepList: SyncStep[] = [];
  @state() private syncOutcome: SyncOutcome | null = null;
  @state() private syncError: ShownError | null = null;

  private agentUrl = DEFAULT_AGENT_URL;
  private aid = DEMO_AID;
  private client: AgentClient | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private opening = false;
  private detached = false;
  /** Card operations run one at a time: the agent lets a page hold one reader once. */
  private cardQueue: Promise<unknown> = Promise.resolve();
  private readonly api = new TerminalApi();

  connectedCallback(): void {
    super.connectedCallback();
    this.detached = false;
    try {
      this.agentUrl = agentUrlFromQuery(this.search);
      this.aid = aidFromQuery(this.search);
    } catch (e) {
      this.configError = e instanceof Error ? e.message : String(e);
      this.agentState = 'unreachable';
      return;
    }
    void this.connectAgent();
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    this.detached = true;
    clearTimeout(this.retryTimer);
    this.client?.close();
    this.client = null;
  }

  // ---- the agent ------------------------------------------------------------------------------------

  private async connectAgent(): Promise<void> {
    clearTimeout(this.retryTimer);
    if (this.opening || this.client) {
      return;
    }
    this.opening = true;
    let client: AgentClient;
    try {
      client = await AgentClient.open(this.agentUrl);
    } catch {
      // Not running, or running and refusing this origin: a page cannot tell the two apart.
      this.onAgentGone('unreachable');
      return;
    } finally {
      this.opening = false;
    }
    if (this.detached) {
      client.close();
      return;
    }
    this.client = client;
    client.onEvent((event) => this.onReaderEvent(event));
    client.onClose(() => {
      if (this.client === client) {
        this.client = null;
        this.onAgentGone('lost');
      }
    });
    try {
      this.agentInfo = await client.hello();
    } catch {
      client.close(); // an agent that cannot say hello is no agent to work with; try again later
      return;
    }
    this.agentState = 'connected';
    try {
      // Whatever the page knew of readers and cards came from an earlier connection: read it all again.
      await this.refreshReaders();
      await this.readSelectedCard();
    } catch (e) {
      this.cardError = CardOperationError.from(e);
    }
  }

  /**
   * The agent did not answer (unreachable) or its socket closed (lost). The card's identity is known
   * only on a live connection, so it is forgotten: after a reconnect it is read again.
   */
  private onAgentGone(how: 'unreachable' | 'lost'): void {
    this.agentState = how;
    this.agentInfo = null;
    this.readers = [];
    this.card = null;
    if (!this.detached) {
      // Lost: the agent may be restarting, look again soon; unreachable: every few seconds.
      this.retryTimer = setTimeout(() => void this.connectAgent(), how === 'lost' ? RETRY_AFTER_LOSS_MS : RETRY_MS);
    }
  }

  private retryNow(): void {
    void this.connectAgent();
  }

  private async refreshReaders(): Promise<void> {
    const client = this.client;
    if (!client) {
      return;
    }
    const { readers } = await client.listReaders();
    this.readers = readers;
    if (this.selectedReader !== null && !readers.some((r) => r.name === this.selectedReader)) {
      this.selectedReader = null;
    }
    if (this.selectedReader === null && readers.length === 1) {
      this.selectedReader = readers[0].name;
    }
  }

  private onReaderEvent(event: ReaderEvent): void {
    const at = new Date().toLocaleTimeString();
    this.events = [{ at, event }, ...this.events].slice(0, MAX_EVENTS);
    if ((event.event === 'card-removed' || event.event === 'reader-removed') && event.reader === this.cardReader) {
      // The next card in that reader may be another one: forget this one now.
      this.card = null;
    }
    void (async () => {
      try {
        await this.refreshReaders();
        const selected = this.selectedReaderInfo();
        const inserted = event.event === 'card-inserted' && event.reader === this.selectedReader;
        if (selected?.cardPresent && (inserted || (this.card === null && !this.cardReading && !this.syncRunning))) {
          await this.readSelectedCard();
        }
      } catch (e) {
        this.cardError = CardOperationError.from(e);
      }
    })();
  }

  // ---- the card -------------------------------------------------------------------------------------

  private exclusive<T>(operation: () => Promise<T>): Promise<T> {
    const run = this.cardQueue.then(operation, operation);
    this.cardQueue = run.catch(() => undefined);
    return run;
  }

  private selectedReaderInfo(): ReaderInfo | undefined {
    return this.readers.find((r) => r.name === this.selectedReader);
  }

  private async readSelectedCard(): Promise<void> {
    const reader = this.selectedReaderInfo();
    this.cardError = null;
    if (!reader || !reader.cardPresent || !this.client) {
      this.card = null;
      return;
    }
    const client = this.client;
    this.cardReading = true;
    try {
      const status = await this.exclusive(() => readCard(client, reader.name, this.aid));
      this.card = status;
      this.cardReader = reader.name;
    } catch (e) {
      this.card = null;
      this.cardError = CardOperationError.from(e);
    } finally {
      this.cardReading = false;
    }
  }

  private onReaderSelected(e: CustomEvent<string>): void {
    if (this.selectedReader === e.detail) {
      return;
    }
    this.selectedReader = e.detail;
    this.card = null;
    this.syncStepList = [];
    this.syncOutcome = null;
    this.syncError = null;
    void this.readSelectedCard();
  }

  private async simulate(what: 'insert' | 'remove'): Promise<void> {
    const client = this.client;
    if (!client) {
      return;
    }
    this.simBusy = true;
    this.simError = null;
    try {
      await (what === 'insert' ? client.simInsert() : client.simRemove());
    } catch (e) {
      this.simError = e instanceof AgentError ? e : CardOperationError.from(e);
    } finally {
      this.simBusy = false;
    }
  }

  private async synchronise(): Promise<void> {
    const client = this.client;
    const reader = this.selectedReader;
    if (!client || !reader || this.syncRunning) {
      return;
    }
    const expected = this.card && this.cardReader === reader ? this.card.cardId : null;
    this.syncRunning = true;
    this.syncStepList = syncSteps();
    this.syncOutcome = null;
    this.syncError = null;
    try {
      const outcome = await this.exclusive(() => synchronise(client, this.api, reader, this.aid, expected,
        (key, state, detail) => {
          this.syncStepList = this.syncStepList.map((s) => s.key === key
            ? { ...s, state, detail: detail ?? s.detail } : s);
        }));
      this.syncOutcome = outcome;
      this.card = outcome.after;
      this.cardReader = reader;
    } catch (e) {
      const error = CardOperationError.from(e);
      this.syncError = error;
      if (error.code === 'CARD_CHANGED') {
        await this.readSelectedCard();
      }
    } finally {
      this.syncRunning = false;
    }
  }

  // ---- display --------------------------------------------------------------------------------------

  render() {
    return html`
      <section aria-labelledby="agent-heading">
        <h2 id="agent-heading">Card reader agent</h2>
        ${this.renderAgent()}
      </section>
      ${this.agentState === 'connected' ? this.renderReaders() : nothing}
      ${this.agentState === 'connected' ? this.renderCard() : nothing}`;
  }

  private renderAgent() {
    const origin = window.location.origin;
    switch (this.agentState) {
      case 'connecting':
        return html`<p data-testid="agent-status" data-state="connecting" aria-live="polite">Looking for the
          cardsync agent on this computer\u2026</p>`;
      case 'connected': {
        const info = this.agentInfo;
        return html`<p data-testid="agent-status" data-state="connected" class="ok" aria-live="polite">
          Connected to ${info?.agent ?? 'the agent'} ${info?.agentVersion ?? ''}${info?.simulation
            ? ' (simulated card available)' : ''}.</p>`;
      }
      case 'lost':
        return html`<p data-testid="agent-status" data-state="lost" class="warn" role="alert">The connection
          to the agent was lost; looking for it again\u2026 Any card operation in progress stopped: synchronise
          again once it is back, and the server resends what did not run.</p>`;
      case 'unreachable':
        return html`
          <div data-testid="agent-status" data-state="unreachable" role="alert">
            ${this.configError ? html`<p class="error" data-testid="agent-config-error">${this.configError}</p>` : html`
            <p class="error" data-testid="agent-refused">The agent refused this page's origin or is not
              running; run the agent and allow this origin with
              <code>cardsync-agent allow-origin ${origin}</code></p>
            <p class="hint">Looked for it at <code>${this.agentUrl}</code>; trying again every few seconds.
              <button class="secondary" data-testid="agent-retry" @click=${this.retryNow}>Try now</button></p>`}
          </div>`;
    }
  }

  private renderReaders() {
    const sim = this.readers.find((r) => r.simulated);
    return html`
      <section aria-labelledby="readers-heading">
        <h2 id="readers-heading">Readers</h2>
        <cardsync-reader-list .readers=${this.readers} .selected=${this.selectedReader}
          ?disabled=${this.syncRunning} @reader-selected=${this.onReaderSelected}></cardsync-reader-list>
        ${this.agentInfo?.simulation ? html`
          <div class="row">
            <button class="secondary" data-testid="sim-remove" ?disabled=${this.simBusy || !sim?.cardPresent}
              @click=${() => this.simulate('remove')}>Remove card</button>
            <button class="secondary" data-testid="sim-insert" ?disabled=${this.simBusy || !sim || sim.cardPresent}
              @click=${() => this.simulate('insert')}>Insert card</button>
            <span class="hint">(the simulated card)</span>
          </div>` : nothing}
        ${this.simError ? html`<p class="error" role="alert" data-testid="sim-error">
          <code>${this.simError.code}</code> ${this.simError.message}</p>` : nothing}
        ${this.events.length ? html`
          <h3 class="hint">Recent events</h3>
          <ul class="events" data-testid="agent-events" aria-live="polite">
            ${this.events.map((e) => html`<li data-testid="agent-event" data-event=${e.event.event}
              data-reader=${e.event.reader}>${e.at}: ${describeEvent(e.event)}</li>`)}
          </ul>` : nothing}
      </section>`;
  }

  private renderCard() {
    const reader = this.selectedReaderInfo();
    return html`
      <section aria-labelledby="card-heading" data-testid="card-panel">
        <h2 id="card-heading">Your card</h2>
        ${!reader ? html`<p data-testid="card-no-reader">${this.readers.length > 1
          ? 'Choose the reader your card is in.' : 'No reader to use.'}</p>` : nothing}
        ${reader && !reader.cardPresent ? html`<p data-testid="card-absent" class="warn">No card in
          ${reader.name}. Insert your card.</p>` : nothing}
        ${this.cardReading ? html`<p data-testid="card-reading">Reading the card\u2026</p>` : nothing}
        ${this.cardError ? html`<p class="error" role="alert" data-testid="card-error">
          <code>${this.cardError.code}</code> ${this.cardError.message}</p>` : nothing}
        <cardsync-card-status .status=${this.card} reader=${this.cardReader}></cardsync-card-status>
        <div class="row">
          <button data-testid="sync-button" ?disabled=${!reader?.cardPresent || this.syncRunning}
            @click=${this.synchronise}>${this.syncRunning ? 'Synchronising\u2026' : 'Synchronise card'}</button>
          <button class="secondary" data-testid="read-card" ?disabled=${!reader?.cardPresent || this.syncRunning
            || this.cardReading} @click=${this.readSelectedCard}>Read card again</button>
        </div>
        <p class="hint">Synchronising applies what your card issuer has prepared for this card. Keep the card
          in the reader until it says done; if it is pulled out, synchronise again and nothing is lost or
          applied twice.</p>
        <cardsync-sync-progress data-testid="sync-progress" .steps=${this.syncStepList}
          .outcome=${this.syncOutcome} .error=${this.syncError}></cardsync-sync-progress>
      </section>`;
  }
}

function describeEvent(e: ReaderEvent): string {
  switch (e.event) {
    case 'card-inserted': return `card present in ${e.reader}`;
    case 'card-removed': return `card absent from ${e.reader}`;
    case 'reader-added': return `reader ${e.reader} plugged in`;
    case 'reader-removed': return `reader ${e.reader} unplugged`;
    case 'reader-free': return `reader ${e.reader} answers again and is free`;
    default: return `${String(e.event)}: ${e.reader}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cardsync-terminal': CardTerminal;
  }
}
