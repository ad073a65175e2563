import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { agentUrlFromQuery, type ReaderEvent } from '../agent-client';
import { aidFromQuery } from '../card-apdus';
import { TerminalAgentConnection } from '../terminal/terminal-agent-connection';
import { TerminalCardSession } from '../terminal/terminal-card-session';
import { panelStyles } from './shared-styles';
import './card-status-panel';
import './reader-list';
import './sync-progress';

/**
 * The customer's card terminal: finds the bridge agent on this PC, lists its readers, shows the card's
 * status and runs a synchronisation session with the server. The page relays; it trusts neither what
 * the card says without a MAC nor what the server's script does (the card checks that). This element only
 * renders: the agent connection is terminal/terminal-agent-connection.ts, the card and its synchronisation
 * terminal/terminal-card-session.ts.
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

  private readonly agent = new TerminalAgentConnection(this);
  private readonly session = new TerminalCardSession(this, this.agent);

  connectedCallback(): void {
    super.connectedCallback();
    let url: string;
    try {
      url = agentUrlFromQuery(this.search);
      this.session.aid = aidFromQuery(this.search);
    } catch (e) {
      this.agent.refuseConfig(e instanceof Error ? e.message : String(e));
      return;
    }
    this.agent.start(url);
  }

  render() {
    return html`
      <section aria-labelledby="agent-heading">
        <h2 id="agent-heading">Card reader agent</h2>
        ${this.renderAgent()}
      </section>
      ${this.agent.state === 'connected' ? this.renderReaders() : nothing}
      ${this.agent.state === 'connected' ? this.renderCard() : nothing}`;
  }

  private renderAgent() {
    const origin = window.location.origin;
    switch (this.agent.state) {
      case 'connecting':
        return html`<p data-testid="agent-status" data-state="connecting" aria-live="polite">Looking for the
          cardsync agent on this computer\u2026</p>`;
      case 'connected': {
        const info = this.agent.info;
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
            ${this.agent.configError
              ? html`<p class="error" data-testid="agent-config-error">${this.agent.configError}</p>` : html`
            <p class="error" data-testid="agent-refused">The agent refused this page's origin or is not
              running; run the agent and allow this origin with
              <code>cardsync-agent allow-origin ${origin}</code></p>
            <p class="hint">Looked for it at <code>${this.agent.url}</code>; trying again every few seconds.
              <button class="secondary" data-testid="agent-retry"
                @click=${() => this.agent.retryNow()}>Try now</button></p>`}
          </div>`;
    }
  }

  private renderReaders() {
    const sim = this.agent.readers.find((r) => r.simulated);
    return html`
      <section aria-labelledby="readers-heading">
        <h2 id="readers-heading">Readers</h2>
        <cardsync-reader-list .readers=${this.agent.readers} .selected=${this.session.selectedReader}
          ?disabled=${this.session.syncRunning}
          @reader-selected=${(e: CustomEvent<string>) => this.session.select(e.detail)}></cardsync-reader-list>
        ${this.agent.info?.simulation ? html`
          <div class="row">
            <button class="secondary" data-testid="sim-remove" ?disabled=${this.agent.simBusy || !sim?.cardPresent}
              @click=${() => this.agent.simulate('remove')}>Remove card</button>
            <button class="secondary" data-testid="sim-insert"
              ?disabled=${this.agent.simBusy || !sim || sim.cardPresent}
              @click=${() => this.agent.simulate('insert')}>Insert card</button>
            <span class="hint">(the simulated card)</span>
          </div>` : nothing}
        ${this.agent.simError ? html`<p class="error" role="alert" data-testid="sim-error">
          <code>${this.agent.simError.code}</code> ${this.agent.simError.message}</p>` : nothing}
        ${this.agent.events.length ? html`
          <h3 class="hint">Recent events</h3>
          <ul class="events" data-testid="agent-events" aria-live="polite">
            ${this.agent.events.map((e) => html`<li data-testid="agent-event" data-event=${e.event.event}
              data-reader=${e.event.reader}>${e.at}: ${describeEvent(e.event)}</li>`)}
          </ul>` : nothing}
      </section>`;
  }

  private renderCard() {
    const reader = this.session.reader;
    return html`
      <section aria-labelledby="card-heading" data-testid="card-panel">
        <h2 id="card-heading">Your card</h2>
        ${!reader ? html`<p data-testid="card-no-reader">${this.agent.readers.length > 1
          ? 'Choose the reader your card is in.' : 'No reader to use.'}</p>` : nothing}
        ${reader && !reader.cardPresent ? html`<p data-testid="card-absent" class="warn">No card in
          ${reader.name}. Insert your card.</p>` : nothing}
        ${this.session.reading ? html`<p data-testid="card-reading">Reading the card\u2026</p>` : nothing}
        ${this.session.readError ? html`<p class="error" role="alert" data-testid="card-error">
          <code>${this.session.readError.code}</code> ${this.session.readError.message}</p>` : nothing}
        <cardsync-card-status .status=${this.session.card} reader=${this.session.cardReader}></cardsync-card-status>
        <div class="row">
          <button data-testid="sync-button" ?disabled=${!reader?.cardPresent || this.session.syncRunning}
            @click=${() => this.session.synchronise()}>${this.session.syncRunning
              ? 'Synchronising\u2026' : 'Synchronise card'}</button>
          <button class="secondary" data-testid="read-card" ?disabled=${!reader?.cardPresent || this.session.syncRunning
            || this.session.reading} @click=${() => this.session.read()}>Read card again</button>
        </div>
        <p class="hint">Synchronising applies what your card issuer has prepared for this card. Keep the card
          in the reader until it says done; if it is pulled out, synchronise again and nothing is lost or
          applied twice.</p>
        <cardsync-sync-progress data-testid="sync-progress" .steps=${this.session.syncSteps}
          .outcome=${this.session.syncOutcome} .error=${this.session.syncError}></cardsync-sync-progress>
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
